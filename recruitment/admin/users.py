"""Users in admin, with the action that makes a user set up two-step verification again."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recruitment.services import enrolment

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    actions = ["require_enrolment"]

    @admin.action(description=_("Remove their authenticators and e-mail a link to set one up again"))
    def require_enrolment(self, request, queryset):
        sent, without_email = 0, []
        for user in queryset:
            try:
                enrolment.require(user, by=request.user)
            except enrolment.NoEmail:
                without_email.append(user.get_username())
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(n)d link sent.", "%(n)d links sent.", sent) % {"n": sent},
                messages.SUCCESS,
            )
        if without_email:
            self.message_user(
                request,
                _("No e-mail address, no link sent: %(users)s") % {"users": ", ".join(without_email)},
                messages.WARNING,
            )
