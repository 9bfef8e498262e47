"""How an atopic-dermatitis application shows in admin: its EASI in the list, its answers on the
application's page, grouped as the patient gave them. Each display takes the application."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from recruitment.conditions.atopic_dermatitis.kinds import OtherSkinDisease
from recruitment.conditions.atopic_dermatitis.score import AREA_BANDS, REGIONS, SIGNS, Sign
from recruitment.language import join_list

SELF_ESTIMATE = _("the patient's own estimate, not an investigator's score")


@admin.display(description=_("Self-estimated EASI"), ordering="atopic_dermatitis__easi")
def easi(application):
    answers = getattr(application, "atopic_dermatitis", None)
    return answers.easi if answers is not None else "—"


@admin.display(description=_("Eczema since"))
def since(application):
    a = application.atopic_dermatitis
    return format_html(
        "{} ({})",
        date_format(a.started_on, "YEAR_MONTH_FORMAT"),
        ngettext("%(months)d month", "%(months)d months", a.duration_months) % {"months": a.duration_months},
    )


def _area(score: int) -> str:
    _score, low, high = AREA_BANDS[score - 1]
    return f"{low}–{high} %"


@admin.display(description=_("Eczema per region (area; redness, swelling, scratch marks, thickening)"))
def regions(application):
    stored = application.atopic_dermatitis.regions
    rows = [
        (
            region.label,
            _area(stored[region.code]["area"]),
            join_list(str(Sign(stored[region.code][sign.code]).label) for sign in SIGNS),
        )
        for region in REGIONS
        if region.code in stored
    ]
    if not rows:
        return _("none given")
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}; {}</li>", rows))


@admin.display(description=_("Self-estimated scores"))
def scores(application):
    a = application.atopic_dermatitis
    return format_html(
        "EASI <strong>{}</strong> · {} {} % — {}", a.easi, pgettext_lazy("eczema", "body surface"), a.bsa, SELF_ESTIMATE
    )


@admin.display(description=_("In the patient's words"))
def severity_and_itch(application):
    a = application.atopic_dermatitis
    return format_html(
        "{}: {} · {}: {}/10 · {}: {} kg",
        _("overall"),
        a.get_iga_display(),
        _("worst itch"),
        a.itch,
        _("weight"),
        a.weight_kg,
    )


@admin.display(description=_("Steroid or tacrolimus creams in the last 6 months"))
def topical_response(application):
    return application.atopic_dermatitis.get_topical_response_display()


@admin.display(description=_("Other skin diseases"))
def other_skin(application):
    a = application.atopic_dermatitis
    names = [str(OtherSkinDisease(code).label) for code in a.other_skin_diseases if code in OtherSkinDisease.values]
    if a.other_skin_unsure:
        names.append(str(_("not sure")))
    return join_list(names) if names else _("none")


LIST_COLUMNS = (easi,)
DISPLAYS = (since, regions, scores, severity_and_itch, topical_response, other_skin)
