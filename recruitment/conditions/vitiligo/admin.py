"""How a vitiligo application shows in admin: its T-VASI in the list, its answers on the
application's page, grouped as the patient gave them. Each display takes the application."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recruitment.conditions.vitiligo.score import REGIONS, Whiteness

SELF_ESTIMATE = _("the patient's own estimate with their hand, not an investigator's score")


@admin.display(description=_("Self-estimated T-VASI"), ordering="vitiligo__t_vasi")
def t_vasi(application):
    answers = getattr(application, "vitiligo", None)
    return answers.t_vasi if answers is not None else "—"


@admin.display(description=_("Type of vitiligo"))
def vitiligo_type(application):
    return application.vitiligo.get_vitiligo_type_display()


@admin.display(description=_("First patches"))
def since(application):
    a = application.vitiligo
    return format_html(
        "{} ({})",
        date_format(a.started_on, "YEAR_MONTH_FORMAT"),
        ngettext("%(months)d month", "%(months)d months", a.duration_months) % {"months": a.duration_months},
    )


@admin.display(description=_("In the last 6 months"))
def activity(application):
    return application.vitiligo.get_activity_display()


@admin.display(description=_("White patches per region (hand units × whiteness)"))
def regions(application):
    stored = application.vitiligo.regions
    rows = [
        (region.label, stored[region.code]["units"], Whiteness(stored[region.code]["whiteness"]).label)
        for region in REGIONS
        if region.code in stored
    ]
    if not rows:
        return _("none given")
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} × {}</li>", rows))


@admin.display(description=_("Self-estimated scores"))
def scores(application):
    a = application.vitiligo
    return format_html(
        "F-VASI <strong>{}</strong> · T-VASI <strong>{}</strong> · {} {} % · {} {} % · {} {} % · {} {} % — {}",
        a.f_vasi,
        a.t_vasi,
        _("face"),
        a.facial_bsa,
        _("outside the face"),
        a.nonfacial_bsa,
        _("total"),
        a.total_bsa,
        _("without palms, soles and tops of the feet"),
        a.bsa_without_palms_soles_feet_tops,
        SELF_ESTIMATE,
    )


LIST_COLUMNS = (t_vasi,)
DISPLAYS = (vitiligo_type, since, activity, regions, scores)
