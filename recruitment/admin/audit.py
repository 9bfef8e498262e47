from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from recruitment.admin import words
from recruitment.models import AuditEvent
from recruitment.selectors import applications_for


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the trail is append-only."""

    list_display = ["created_at", "who", "action", "application", "field", "change", "why"]
    list_filter = ["action", "created_at"]
    list_select_related = ["application"]
    search_fields = ["application__reference", "actor_label"]
    show_full_result_count = False

    def get_queryset(self, request):
        # Erased applications too: who erased them, and why, stays for the coordinators to see.
        visible = applications_for(request.user, erased=True).values("pk")
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(application__in=visible)

    @admin.display(description=_("by"), ordering="actor_label")
    def who(self, event):
        return event.shown_actor

    @admin.display(description=_("Old → new"))
    def change(self, event):
        return words.trail_change(event)

    @admin.display(description=_("reason"))
    def why(self, event):
        # Typed reasons are notes: this list names none of their words (the trail names the note).
        return words.trail_reason(event, {})

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
