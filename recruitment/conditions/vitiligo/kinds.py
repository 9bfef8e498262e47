"""The kinds of criterion of vitiligo: facial and total VASI, the depigmented body surface and
the segmental type."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from recruitment.screening.checks import check_score
from recruitment.screening.kind import NUMBER, Kind, Param
from recruitment.screening.reasons import reason
from recruitment.screening.treatments import YesNoUnsure


def _check_segmental(p, a):
    if a.condition.get("segmental") in (YesNoUnsure.YES, YesNoUnsure.NO):
        return a.condition["segmental"] == YesNoUnsure.YES, reason(gettext_noop("segmental vitiligo: %(answer)s"),
                                                      answer=str(a.condition["segmental"]))
    return None, reason(gettext_noop("type of vitiligo not known"))


KINDS = [
    Kind("f_vasi", _("Facial VASI (F-VASI) minimum"),
         lambda p, a: check_score(a.condition.get("f_vasi"), p["min"], None, "F-VASI"), {"min": Param(NUMBER, True)}, '{"min": 0.5}'),
    Kind("t_vasi", _("Total VASI (T-VASI) minimum"),
         lambda p, a: check_score(a.condition.get("t_vasi"), p["min"], None, "T-VASI"), {"min": Param(NUMBER, True)}, '{"min": 3}'),
    Kind("bsa", _("Depigmented body surface area (% BSA) range"),
         lambda p, a: check_score(a.condition.get("bsa"), p.get("min"), p.get("max"),
                                  gettext_noop("depigmented body surface (BSA, percent)")),
         {"min": Param(NUMBER), "max": Param(NUMBER)}, '{"max": 10}', ordered=(("min", "max"),)),
    Kind("segmental_vitiligo", _("Segmental vitiligo"), _check_segmental),
]
