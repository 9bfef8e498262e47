"""The alopecia-areata part of an application: other hair-loss diagnoses, the current episode,
recent regrowth, hair loss per scalp view and the SALT estimate.
(A model of the alopecia-areata app, in the table it had in the recruitment app.)"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.alopecia_areata.kinds import AAType, SpontaneousRegrowth
from recruitment.conditions.alopecia_areata.score import PATIENT_BAND_WORDS, SeverityBand
from recruitment.screening.treatments import YesNoUnsure


class AlopeciaAnswers(models.Model):
    """The alopecia-areata part of a questionnaire."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, primary_key=True, related_name="alopecia"
    )
    other_diagnoses = models.JSONField(_("other hair-loss diagnoses"), default=list, blank=True)
    other_diagnoses_unsure = models.BooleanField(_("not sure about other diagnoses"), default=False)
    # kinds.HairLossCause a doctor says cause some of the hair loss now; None in rows made before
    # it was asked (December 2026).
    hair_loss_causes = models.JSONField(_("other causes of hair loss now"), null=True, blank=True)
    hair_loss_causes_unsure = models.BooleanField(_("not sure about other causes of hair loss"), default=False)
    episode_started_on = models.DateField(_("current episode began (month)"))
    episode_months = models.PositiveSmallIntegerField(_("current episode (months)"))
    # Asked until December 2026 (any regrowth, possibly from a treatment); kept for those answers.
    regrowth_last_6_months = models.CharField(
        _("regrowth in the last 6 months (earlier question)"), max_length=6, choices=YesNoUnsure.choices, blank=True
    )
    # Blank in rows made before these were asked.
    spontaneous_regrowth = models.CharField(
        _("thick hair grew back on its own"), max_length=14, choices=SpontaneousRegrowth.choices, blank=True
    )
    regrowth_within_8_years = models.CharField(
        _("hair grew back within 8 years"), max_length=6, choices=YesNoUnsure.choices, blank=True
    )
    # Blank in rows made before it was asked (December 2026): thick hair grew back during a treatment.
    treated_regrowth_6_months = models.CharField(
        _("thick hair grew back during a treatment in the last 6 months"),
        max_length=6,
        choices=YesNoUnsure.choices,
        blank=True,
    )
    # Whether the 8-year question asked about regrowth of any cause (since December 2026) or on its
    # own only (before): a "no" of then does not say no regrowth during a treatment.
    regrowth_8_years_any_cause = models.BooleanField(_("8-year question asked about any cause"), default=False)
    aa_type = models.CharField(_("type of alopecia areata"), max_length=12, choices=AAType.choices, blank=True)
    # None in rows made before it was asked.
    scalp_conditions = models.JSONField(_("other scalp conditions"), null=True, blank=True)
    scalp_conditions_unsure = models.BooleanField(_("not sure about other scalp conditions"), default=False)
    shaves_head = models.CharField(_("shaves the head"), max_length=6, choices=YesNoUnsure.choices, blank=True)
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
        # The table it had when the answers were a model of the recruitment app: kept, unmoved.
        db_table = "recruitment_alopeciaanswers"
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
                condition=Q(regrowth_last_6_months__in=[*YesNoUnsure.values, ""]), name="alopecia_regrowth_valid"
            ),
            models.CheckConstraint(
                condition=Q(spontaneous_regrowth__in=[*SpontaneousRegrowth.values, ""]),
                name="alopecia_spontaneous_regrowth_valid",
            ),
            models.CheckConstraint(condition=Q(aa_type__in=[*AAType.values, ""]), name="alopecia_type_valid"),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.application_id}"

    @property
    def severity_words(self):
        """The band as the patient reads it (the staff see the scale's label)."""
        return PATIENT_BAND_WORDS[SeverityBand(self.severity)]
