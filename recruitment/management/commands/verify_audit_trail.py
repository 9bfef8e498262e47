"""Check the audit trail's hash chain: exit 0 when every sealed event is as it was sealed, 1
naming the first event that was changed or removed (recruitment.services.audit_chain)."""

from django.core.management.base import BaseCommand, CommandError

from recruitment.services import audit_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; seal what is pending first with --seal."

    def add_arguments(self, parser):
        parser.add_argument("--seal", action="store_true", help="seal the settled events first")

    def handle(self, *args, seal=False, **options):
        if seal:
            self.stdout.write(f"sealed {audit_chain.seal_pending()} events")
        result = audit_chain.verify()
        if result.broken_at is not None:
            held = f"{result.checked} events before it hold"
            raise CommandError(f"audit trail broken at event {result.broken_at}: {result.reason} ({held})")
        self.stdout.write(f"audit trail holds: {result.checked} sealed events")
