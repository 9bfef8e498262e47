"""The atopic-dermatitis part of an application: since when, the patient's answers region by
region and the self-reported scores worked out from them, the overall severity, the itch, body
weight, how creams worked, and other skin diseases."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.atopic_dermatitis.kinds import TopicalResponse
from recruitment.conditions.atopic_dermatitis.score import Severity


class EczemaAnswers(models.Model):
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, primary_key=True, related_name="atopic_dermatitis"
    )
    started_on = models.DateField(_("eczema began (month)"))
    duration_months = models.PositiveSmallIntegerField(_("eczema for (months)"))
    # {region code: {"area": 1-6, "redness": 0-3, "swelling": 0-3, "scratching": 0-3,
    # "thickening": 0-3}} for each region with eczema (score.REGIONS); the scores are worked out from it.
    regions = models.JSONField(_("area and signs per region"), default=dict, blank=True)
    easi = models.DecimalField(_("self-estimated EASI"), max_digits=3, decimal_places=1)
    bsa = models.DecimalField(_("self-estimated body surface with eczema (%)"), max_digits=4, decimal_places=1)
    iga = models.PositiveSmallIntegerField(_("overall severity in the patient's words"), choices=Severity.choices)
    itch = models.PositiveSmallIntegerField(_("worst itch on a typical day of the past week (0-10)"))
    weight_kg = models.PositiveSmallIntegerField(_("body weight (kg)"))
    topical_response = models.CharField(
        _("steroid or tacrolimus creams in the last 6 months"), max_length=15, choices=TopicalResponse.choices
    )
    other_skin_diseases = models.JSONField(_("other skin diseases"), default=list, blank=True)
    other_skin_unsure = models.BooleanField(_("not sure about other skin diseases"), default=False)

    class Meta:
        verbose_name = _("atopic dermatitis answers")
        verbose_name_plural = _("atopic dermatitis answers")
        constraints = [
            models.CheckConstraint(condition=Q(easi__gte=0, easi__lte=72), name="eczema_easi_in_range"),
            models.CheckConstraint(condition=Q(bsa__gte=0, bsa__lte=100), name="eczema_bsa_in_range"),
            models.CheckConstraint(condition=Q(iga__lte=4), name="eczema_iga_in_range"),
            models.CheckConstraint(condition=Q(itch__lte=10), name="eczema_itch_in_range"),
            models.CheckConstraint(condition=Q(weight_kg__gte=10, weight_kg__lte=300), name="eczema_weight_plausible"),
            models.CheckConstraint(condition=Q(duration_months__lte=1200), name="eczema_duration_plausible"),
            models.CheckConstraint(
                condition=Q(topical_response__in=TopicalResponse.values), name="eczema_topical_response_valid"
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.application_id}"
