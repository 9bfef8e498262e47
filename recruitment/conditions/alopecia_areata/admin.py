"""How an alopecia-areata application shows in admin: its score in the list, its answers on the
application's page. Each display takes the application."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


@admin.display(description=_("Self-reported SALT"), ordering="alopecia__salt")
def salt(application):
    answers = getattr(application, "alopecia", None)
    return answers.salt if answers is not None else "—"


@admin.display(description=_("Hair loss per scalp view"))
def scalp_views(application):
    a = application.alopecia
    return format_html(
        "{}: {}% · {}: {}% · {}: {}% · {}: {}%",
        _("top"), a.loss_top, _("back"), a.loss_back, _("left"), a.loss_left, _("right"), a.loss_right,
    )


@admin.display(description=_("Self-reported estimated SALT"))
def salt_text(application):
    a = application.alopecia
    return format_html("<strong>{}</strong> ({}) — {}", a.salt, a.get_severity_display(),
                       _("the patient's own estimate, not an investigator's score"))


@admin.display(description=_("Eyebrows, eyelashes, body"))
def beyond_the_scalp(application):
    a = application.alopecia
    return format_html("{}: {} · {}: {} · {}: {}", _("eyebrows"), a.get_eyebrow_loss_display(),
                       _("eyelashes"), a.get_eyelash_loss_display(), _("body"), a.get_body_hair_loss_display())


LIST_COLUMNS = (salt,)
DISPLAYS = (scalp_views, salt_text, beyond_the_scalp)
