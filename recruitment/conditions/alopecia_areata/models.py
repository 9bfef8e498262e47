"""The alopecia-areata part of an application: other hair-loss diagnoses, the current episode,
recent regrowth, hair loss per scalp view and the SALT estimate.
(In the `recruitment` app, as every application's table; `recruitment.models` registers it.)"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata.score import SeverityBand
from recruitment.screening.treatments import YesNoUnsure


class AlopeciaAnswers(models.Model):
    """The alopecia-areata part of a questionnaire."""

    application = models.OneToOneField("recruitment.Application", on_delete=models.CASCADE, primary_key=True,
                                       related_name="alopecia")
    other_diagnoses = models.JSONField(_("other hair-loss diagnoses"), default=list, blank=True)
    other_diagnoses_unsure = models.BooleanField(_("not sure about other diagnoses"), default=False)
    episode_started_on = models.DateField(_("current episode began (month)"))
    episode_months = models.PositiveSmallIntegerField(_("current episode (months)"))
    regrowth_last_6_months = models.CharField(
        _("regrowth in the last 6 months"), max_length=6, choices=YesNoUnsure.choices
    )
    loss_top = models.PositiveSmallIntegerField(_("hair loss, top of the scalp (%)"))
    loss_back = models.PositiveSmallIntegerField(_("hair loss, back of the scalp (%)"))
    loss_left = models.PositiveSmallIntegerField(_("hair loss, left side (%)"))
    loss_right = models.PositiveSmallIntegerField(_("hair loss, right side (%)"))
    salt = models.DecimalField(_("self-reported estimated SALT"), max_digits=4, decimal_places=1)
    severity = models.CharField(_("severity band (AA-IGA)"), max_length=1, choices=SeverityBand.choices)
    eyebrow_loss = models.CharField(_("eyebrow hair loss"), max_length=6, choices=YesNoUnsure.choices)
    eyelash_loss = models.CharField(_("eyelash hair loss"), max_length=6, choices=YesNoUnsure.choices)
    body_hair_loss = models.CharField(_("body hair loss"), max_length=6, choices=YesNoUnsure.choices)

    class Meta:
        verbose_name = _("alopecia areata answers")
        verbose_name_plural = _("alopecia areata answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(loss_top__lte=100, loss_back__lte=100, loss_left__lte=100, loss_right__lte=100),
                name="alopecia_loss_is_a_percentage",
            ),
            models.CheckConstraint(condition=Q(salt__gte=0, salt__lte=100), name="alopecia_salt_range"),
            models.CheckConstraint(condition=Q(episode_months__lte=1200), name="alopecia_episode_plausible"),
            models.CheckConstraint(
                condition=Q(regrowth_last_6_months__in=YesNoUnsure.values), name="alopecia_regrowth_valid"
            ),
        ]
