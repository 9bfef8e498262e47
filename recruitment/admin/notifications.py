from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recruitment.models import Notification, NotificationStatus
from recruitment.selectors import applications_for
from recruitment.services.notifications import resend


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "channel",
        "recipient",
        "application",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient", "application"]
    search_fields = ["application__reference", "recipient__username", "recipient__email"]
    actions = ["resend_selected"]
    show_full_result_count = False
    # The payload may hold a patient's one-time code until it is sent: nobody reads it here.
    exclude = ["payload"]
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "payload"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # Their own notices, and of those about an applicant only while the applicant is still
        # theirs to see (a coordinator removed from a site no longer reads its references here).
        return queryset.filter(recipient=request.user).filter(
            Q(application=None) | Q(application__in=applications_for(request.user))
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected notifications again"))
    def resend_selected(self, request, queryset):
        count = 0
        # Only failed ones: resetting a pending row would lift its bound on attempts.
        for notification in queryset.filter(status=NotificationStatus.FAILED).select_related(
            "application", "recipient"
        ):
            resend(notification, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d notification queued again.", "%(count)d notifications queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
