from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recruitment.conditions import installed
from recruitment.conditions.base import DemoData
from recruitment.demo import demo_answers, submit_answers
from recruitment.models import Application
from recruitment.pipeline import FORWARD, Status
from recruitment.roles import ensure_coordinators_group
from recruitment.services import review
from trials.demo_content import CITY_ZH, COUNTRY_ZH, FACILITY_ZH, SPONSOR_COUNTRY, SPONSOR_NAMES, STATE_ZH
from trials.models import Campaign, Criterion, Site, SponsorOrganisation
from trials.services import import_study, read_study_file


def _demos() -> list[DemoData]:
    """The demo trials of every installed condition (each in its app's demo.py and demo_records/)."""
    return [condition.demo for condition in installed() if condition.demo is not None]


def _columns(name: str, text: dict) -> dict:
    """{"en": ..., "zh_hans": ...} as the model's columns per language: name_en, name_zh_hans."""
    return {f"{name}_{suffix}": value for suffix, value in text.items()}


def _lines(texts: list[dict]) -> dict:
    """Points (one text each) as one text per language, a point per line."""
    return {suffix: "\n".join(text[suffix] for text in texts) for suffix in texts[0]}


class Command(BaseCommand):
    help = (
        "Load the demonstration trials (through the ClinicalTrials.gov importer), their campaigns "
        "and, with --password, the demo users admin, coordinator and sponsor. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for the demo users; without it no user is created.")
        parser.add_argument(
            "--allow-demo-users-in-production",
            action="store_true",
            help="Create demo users even though DEBUG is off (never on a public server).",
        )

    def handle(self, *args, password=None, allow_demo_users_in_production=False, **options):
        if password is not None and not settings.DEBUG and not allow_demo_users_in_production:
            raise CommandError(
                "Refusing to create demo users with known passwords while DEBUG is off. "
                "Pass --allow-demo-users-in-production if this really is a demo server."
            )
        with transaction.atomic():
            trials = self._load_trials()
            self._load_campaigns(trials)
            group = ensure_coordinators_group()
            if password is not None:
                self._load_users(password, group)
            self._load_applications(trials)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(trials)} trials."))
        if password is None:
            self.stdout.write("No --password given: demo users were not created.")

    def _load_trials(self):
        trials = {}
        for demo in _demos():
            for path in sorted(demo.records.glob("NCT*.json")):
                for record in read_study_file(path):
                    trials[record.nct_id] = self._load_trial(record, demo)
        return trials

    def _load_trial(self, record, demo: DemoData):
        """One registry record imported as a demo trial, with its texts, criteria and places."""
        content = demo.trials.get(record.nct_id, {})
        result = import_study(record, slug=content.get("slug"), is_demo=True)
        trial = result.trial
        if content:
            self._write_texts(trial, content, demo.text_zh.get(trial.nct_id, {}), created=result.created)
        if content and not trial.criteria.exists():
            Criterion.objects.bulk_create(
                Criterion(
                    trial=trial,
                    kind=kind,
                    role=role,
                    params=params,
                    source_note=source,
                    position=position,
                    **_columns("patient_text", text),
                )
                for position, (kind, role, params, text, source) in enumerate(content["criteria"])
            )
        elif content:
            self._translate_criteria(trial, content["criteria"])
        self._translate_sites(trial, demo)
        self._name_sponsor(trial.sponsor, demo)
        return trial

    def _write_texts(self, trial, content, chinese, *, created):
        """Each text into its column: all of them for a new trial (the import put the registry's
        summary there), else where a column is still empty. A re-run keeps what coordinators
        edited, and a database seeded before a text existed gets it."""
        texts = {
            **_columns("lay_title", content["lay_title"]),
            **_columns("summary", content["summary"]),
            **_columns("eligibility_summary", _lines(content["eligibility"])),
            **_columns("participation", _lines(content["participation"])),
            "title_zh_hans": chinese.get("title"),
            "drug_zh_hans": chinese.get("drug"),
        }
        empty = {name: value for name, value in texts.items() if created or not getattr(trial, name)}
        for name, value in empty.items():
            setattr(trial, name, value)
        if empty:
            trial.save(update_fields=list(empty))

    def _translate_criteria(self, trial, criteria):
        chinese = {text["en"]: text["zh_hans"] for _kind, _role, _params, text, _source in criteria}
        for criterion in trial.criteria.filter(patient_text_zh_hans__isnull=True) | trial.criteria.filter(
            patient_text_zh_hans=""
        ):
            if criterion.patient_text_en in chinese:
                criterion.patient_text_zh_hans = chinese[criterion.patient_text_en]
                criterion.save(update_fields=["patient_text_zh_hans"])

    def _translate_sites(self, trial, demo: DemoData):
        shared = {"facility": FACILITY_ZH, "city": CITY_ZH, "state": STATE_ZH, "country": COUNTRY_ZH}
        names = {part: {**chinese, **demo.places_zh.get(part, {})} for part, chinese in shared.items()}
        for site in trial.sites.all():
            if not site.contact_phone and not site.contact_email:
                # The registry gives no desk for patients; a demonstration one, at a reserved domain.
                site.contact_email = f"studyteam-{site.pk}@demo.example.org"  # naming no trial: it is in messages
                site.save(update_fields=["contact_email"])
            empty = {
                f"{part}_zh_hans": chinese[getattr(site, f"{part}_en")]
                for part, chinese in names.items()
                if not getattr(site, f"{part}_zh_hans") and getattr(site, f"{part}_en") in chinese
            }
            for column, value in empty.items():
                setattr(site, column, value)
            if empty:
                site.save(update_fields=list(empty))

    def _name_sponsor(self, sponsor, demo: DemoData):
        changed = False
        names = {**SPONSOR_NAMES, **demo.sponsor_names}
        if sponsor.name in names and not sponsor.public_name_en:
            for column, value in _columns("public_name", dict(names[sponsor.name])).items():
                setattr(sponsor, column, value)
            changed = True
        country = {**SPONSOR_COUNTRY, **demo.sponsor_countries}.get(sponsor.name)
        if country and not sponsor.country_en:
            sponsor.country_en, sponsor.country_zh_hans = (
                country,
                {**COUNTRY_ZH, **demo.places_zh.get("country", {})}[country],
            )
            changed = True
        if changed:
            sponsor.save()

    def _load_campaigns(self, trials):
        demos = _demos()
        for old_name, name in (pair for demo in demos for pair in demo.renamed_campaigns.items()):
            # In place, so that demo QR codes already printed keep working.
            Campaign.objects.filter(trial__in=trials.values(), name=old_name).update(name=name)
        for nct_id, name, channel, language in (campaign for demo in demos for campaign in demo.campaigns):
            trial = trials[nct_id]
            Campaign.objects.filter(trial=trial, name=name, language="").update(language=language)
            Campaign.objects.get_or_create(
                trial=trial,
                name=name,
                defaults={
                    "channel": channel,
                    "language": language,
                    "site": trial.sites.open_for_signup().first(),
                },
            )

    def _load_users(self, password, group):
        User = get_user_model()
        specs = {
            "admin": {"is_staff": True, "is_superuser": True, "email": "admin@example.org"},
            "coordinator": {"is_staff": True, "is_superuser": False, "email": "coordinator@example.org"},
            "sponsor": {"is_staff": False, "is_superuser": False, "email": "sponsor@example.org"},
        }
        for username, fields in specs.items():
            user, _ = User.objects.update_or_create(username=username, defaults=fields)
            user.set_password(password)
            user.save()
            self.stdout.write(f"Demo user {username!r} ready.")
        coordinator = User.objects.get(username="coordinator")
        coordinator.groups.add(group)
        slugs = [slug for demo in _demos() for slug in demo.coordinator_trials]
        for site in Site.objects.filter(trial__slug__in=slugs):
            site.coordinators.add(coordinator)
        # The demo sponsor user works for the sponsor a condition's demo names (none: no trial).
        names = [demo.sponsor for demo in _demos() if demo.sponsor]
        for sponsor in SponsorOrganisation.objects.filter(name__in=names):
            sponsor.members.add(User.objects.get(username="sponsor"))

    def _load_applications(self, trials):
        """A few invented applicants, so that admin and the sponsor page have something to show."""
        by_slug = {trial.slug: trial for trial in trials.values()}
        if Application.objects.filter(trial__in=by_slug.values()).exists():
            return
        coordinator = get_user_model().objects.filter(username="coordinator").first()
        # Only the applicants of the trials loaded: those of the conditions installed here.
        applicants = [
            (by_slug[slug], answers, status)
            for demo in _demos()
            for slug, answers, status in demo.applicants
            if slug in by_slug
        ]
        for trial, overrides, status in applicants:
            application = submit_answers(trial, demo_answers(trial, overrides), site=trial.sites.order_by("pk").first())
            # Walk the pipeline step by step, so the demo audit trail is a real one.
            for step in FORWARD[1 : FORWARD.index(Status(status)) + 1]:
                review.change_status(application, to=step, by=coordinator)
        self.stdout.write(f"{len(applicants)} demo applications ready.")
