from django.contrib import admin

from recruitment.models import AuditEvent
from recruitment.selectors import applications_for


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the trail is append-only."""

    list_display = ["created_at", "actor_label", "action", "application", "field", "old_value", "new_value", "reason"]
    list_filter = ["action", "created_at"]
    list_select_related = ["application"]
    search_fields = ["application__reference", "actor_label"]
    show_full_result_count = False

    def get_queryset(self, request):
        visible = applications_for(request.user).values("pk")
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(application__in=visible)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
