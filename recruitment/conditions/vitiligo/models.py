"""The vitiligo part of an application: the type, since when, whether it is spreading, the
patient's estimate region by region, and the self-reported scores worked out from it.
(A model of the vitiligo app, in the table it had in the recruitment app.)"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recruitment.conditions.vitiligo.kinds import Activity, VitiligoType
from recruitment.screening.treatments import YesNoUnsure


def _score(label):
    return models.DecimalField(label, max_digits=5, decimal_places=2)


class VitiligoAnswers(models.Model):
    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, primary_key=True, related_name="vitiligo"
    )
    vitiligo_type = models.CharField(_("type of vitiligo"), max_length=15, choices=VitiligoType.choices)
    started_on = models.DateField(_("first patches appeared (month)"))
    duration_months = models.PositiveSmallIntegerField(_("vitiligo for (months)"))
    activity = models.CharField(_("in the last 6 months"), max_length=10, choices=Activity.choices)
    # Blank in rows made before it was asked (December 2026).
    pigmented_facial_hair = models.CharField(
        _("hairs with colour inside the facial patches"), max_length=6, choices=YesNoUnsure.choices, blank=True
    )
    # {region code: {"units": "1.5", "whiteness": 75}} for each region with white patches
    # (recruitment.conditions.vitiligo.score.REGIONS); the scores below are worked out from it.
    regions = models.JSONField(_("hand units and whiteness per region"), default=dict, blank=True)
    facial_bsa = _score(_("self-estimated facial BSA (%)"))
    nonfacial_bsa = _score(_("self-estimated BSA outside the face (%)"))
    total_bsa = _score(_("self-estimated total BSA (%)"))
    bsa_without_palms_soles_feet_tops = _score(_("self-estimated BSA without palms, soles and tops of the feet (%)"))
    f_vasi = _score(_("self-estimated F-VASI"))
    t_vasi = _score(_("self-estimated T-VASI"))

    class Meta:
        # The table it had when the answers were a model of the recruitment app: kept, unmoved.
        db_table = "recruitment_vitiligoanswers"
        verbose_name = _("vitiligo answers")
        verbose_name_plural = _("vitiligo answers")
        constraints = [
            models.CheckConstraint(condition=Q(vitiligo_type__in=VitiligoType.values), name="vitiligo_type_valid"),
            models.CheckConstraint(condition=Q(activity__in=Activity.values), name="vitiligo_activity_valid"),
            models.CheckConstraint(condition=Q(duration_months__lte=1200), name="vitiligo_duration_plausible"),
            models.CheckConstraint(
                condition=Q(
                    total_bsa__gte=0,
                    total_bsa__lte=100,
                    t_vasi__gte=0,
                    t_vasi__lte=100,
                    f_vasi__gte=0,
                    f_vasi__lte=3,
                    facial_bsa__gte=0,
                    facial_bsa__lte=3,
                ),
                name="vitiligo_scores_in_range",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.application_id}"
