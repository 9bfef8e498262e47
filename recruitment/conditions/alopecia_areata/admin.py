"""How an alopecia-areata application shows in admin: its score in the list, its answers on the
application's page. Each display takes the application."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recruitment.conditions.alopecia_areata.kinds import HairLossCause, OtherHairLoss, ScalpCondition


@admin.display(description=_("Self-reported SALT"), ordering="alopecia__salt")
def salt(application):
    answers = getattr(application, "alopecia", None)
    return answers.salt if answers is not None else "—"


@admin.display(description=_("Other hair-loss diagnoses"))
def other_diagnoses(application):
    a = application.alopecia
    names = [str(OtherHairLoss(code).label) for code in a.other_diagnoses]
    if a.other_diagnoses_unsure:
        names.append(str(_("not sure")))
    causes = (
        _("not asked")
        if a.hair_loss_causes is None
        else ", ".join(
            [str(HairLossCause(code).label) for code in a.hair_loss_causes]
            + ([str(_("not sure"))] if a.hair_loss_causes_unsure else [])
        )
        or _("none")
    )
    return format_html("{} · {}: {}", ", ".join(names) or _("none"), _("other causes now"), causes)


@admin.display(description=_("Current episode"))
def episode(application):
    a = application.alopecia
    return format_html(
        "{} ({})",
        date_format(a.episode_started_on, "YEAR_MONTH_FORMAT"),
        ngettext("%(months)d month", "%(months)d months", a.episode_months) % {"months": a.episode_months},
    )


@admin.display(description=_("Thick hair grew back"))
def recent_regrowth(application):
    a = application.alopecia
    if not a.spontaneous_regrowth:  # asked before December 2026
        return format_html("{}: {}", _("any regrowth in the last 6 months"), a.get_regrowth_last_6_months_display())
    return format_html(
        "{} · {}: {} · {}: {}",
        a.get_spontaneous_regrowth_display(),
        _("during a treatment, last 6 months"),
        a.get_treated_regrowth_6_months_display() or _("not asked"),
        _("within 8 years, any cause") if a.regrowth_8_years_any_cause else _("within 8 years, on its own"),
        a.get_regrowth_within_8_years_display() or "—",
    )


@admin.display(description=_("Type, scalp, shaving"))
def type_and_scalp(application):
    a = application.alopecia
    if a.scalp_conditions is None:
        return "—"
    scalp = [str(ScalpCondition(code).label) for code in a.scalp_conditions]
    if a.scalp_conditions_unsure:
        scalp.append(str(_("not sure")))
    return format_html(
        "{} · {}: {} · {}: {}",
        a.get_aa_type_display() or "—",
        _("other scalp conditions"),
        ", ".join(scalp) or _("none"),
        _("shaves the head"),
        a.get_shaves_head_display() or "—",
    )


@admin.display(description=_("Hair loss per scalp view"))
def scalp_views(application):
    a = application.alopecia
    return format_html(
        "{}: {}% · {}: {}% · {}: {}% · {}: {}%",
        _("top"),
        a.loss_top,
        _("back"),
        a.loss_back,
        _("left"),
        a.loss_left,
        _("right"),
        a.loss_right,
    )


@admin.display(description=_("Self-reported estimated SALT"))
def salt_text(application):
    a = application.alopecia
    return format_html(
        "<strong>{}</strong> ({}) — {}",
        a.salt,
        a.get_severity_display(),
        _("the patient's own estimate, not an investigator's score"),
    )


@admin.display(description=_("Eyebrows, eyelashes, body"))
def beyond_the_scalp(application):
    a = application.alopecia
    return format_html(
        "{}: {} · {}: {} · {}: {}",
        _("eyebrows"),
        a.get_eyebrow_loss_display(),
        _("eyelashes"),
        a.get_eyelash_loss_display(),
        _("body"),
        a.get_body_hair_loss_display(),
    )


LIST_COLUMNS = (salt,)
DISPLAYS = (type_and_scalp, other_diagnoses, episode, recent_regrowth, scalp_views, salt_text, beyond_the_scalp)
