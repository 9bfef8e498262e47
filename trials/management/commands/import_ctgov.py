from django.core.management.base import BaseCommand, CommandError

from trials.services import ImportFileError, import_study_files


class Command(BaseCommand):
    help = (
        "Create or update trials and their sites from ClinicalTrials.gov API v2 study records "
        "(JSON files as downloaded from the registry). All files are imported, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        try:
            results = import_study_files(files)
        except ImportFileError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        for result in results:
            verb = "Created" if result.created else "Updated"
            self.stdout.write(
                f"{verb} {result.trial.nct_id} ({result.trial.display_name}): "
                f"{result.sites_created} sites added, {result.sites_updated} updated, "
                f"{result.sites_closed} no longer listed"
            )
