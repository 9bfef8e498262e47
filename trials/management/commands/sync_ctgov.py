from django.core.management.base import BaseCommand, CommandError

from trials.sync import sync


class Command(BaseCommand):
    help = (
        "Update every trial of the catalog from its current ClinicalTrials.gov record (CTGOV_API_URL), "
        "through the same importer as import_ctgov: registry fields and sites updated, patients' texts and "
        "slugs kept, each change recorded. Demonstration trials only with --demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--add", nargs="+", default=[], metavar="NCT", help="Also import these studies.")
        parser.add_argument("--demo", action="store_true", help="Also update the demonstration trials.")

    def handle(self, *args, add, demo, **options):
        report = sync(add=tuple(nct.strip().upper() for nct in add), demo=demo)
        for nct_id in report.updated:
            self.stdout.write(f"{nct_id}: updated")
        for nct_id in report.unchanged:
            self.stdout.write(f"{nct_id}: unchanged")
        for nct_id in report.skipped:
            self.stdout.write(f"{nct_id}: skipped, its condition is not installed here")
        for what in report.closed:
            self.stdout.write(f"sign-up closed: {what}")
        if report.failed:
            raise CommandError(
                "Not updated (nothing changed for them): "
                + "; ".join(f"{nct_id}: {problem}" for nct_id, problem in report.failed.items())
            )
