"""Build a realistic data set fast: applications spread over trials, sites, campaigns, verdicts
and statuses, with the same rows a real submission writes (answers, contact, consents, evaluation,
audit), inserted in bulk."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from recruitment.conditions.alopecia_areata.models import AlopeciaAnswers
from recruitment.conditions.alopecia_areata.score import compute_salt, severity_band
from recruitment.models import (
    Application,
    AuditAction,
    AuditEvent,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    TreatmentUse,
)
from recruitment.models.applications import new_reference
from recruitment.screening.answers import ScreeningAnswers, TreatmentAnswer
from recruitment.screening.eligibility import evaluate
from recruitment.screening.kinds import all_kinds
from trials.models import Campaign, Trial

STATUSES = ["new"] * 5 + ["contacted"] * 3 + ["prescreen_passed", "referred", "declined", "unreachable"]


class Command(BaseCommand):
    help = "Insert N applications for benchmarks (default 100,000 for BRAVE-AA1 plus 20,000 elsewhere)."

    def add_arguments(self, parser):
        parser.add_argument("--main", type=int, default=100_000, help="likely-eligible applications to BRAVE-AA1")
        parser.add_argument("--others", type=int, default=20_000, help="applications spread over the other trials")
        parser.add_argument("--batch", type=int, default=5_000)

    def handle(self, *args, main, others, batch, **options):
        rng = random.Random(20261122)
        brave = Trial.objects.get(slug="brave-aa1")
        trials = list(Trial.objects.exclude(pk=brave.pk).prefetch_related("sites", "criteria"))
        plan = [brave] * main + [rng.choice(trials) for _ in range(others)]
        now = timezone.now()
        evaluations = {}
        # Random references collide now and then among 100,000 (the birthday bound); the web form
        # retries on a collision, bulk inserts cannot, so draw them unique up front.
        self.references = set(Application.objects.values_list("reference", flat=True))
        made = 0
        for start in range(0, len(plan), batch):
            with transaction.atomic():
                self._batch(plan[start : start + batch], rng, now, evaluations, start)
            made += len(plan[start : start + batch])
            self.stdout.write(f"{made} applications")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None

    def _answers_for(self, trial, rng, evaluations):
        """A few answer profiles per trial; their evaluations are computed once and reused."""
        profile = rng.randrange(4) if trial.slug != "brave-aa1" else 0
        key = (trial.pk, profile)
        if key not in evaluations:
            losses = [(80, 70, 60, 60), (40, 30, 20, 10), (100, 100, 100, 100), (90, 80, 70, 90)][profile]
            salt = compute_salt(top=losses[0], back=losses[1], left=losses[2], right=losses[3])
            treatments = {"topical_minoxidil": TreatmentAnswer("gt6m")} if profile % 2 else {}
            answers = ScreeningAnswers(
                age=35 + profile,
                sex="FEMALE",
                pregnant=False,
                breastfeeding=False,
                planning_pregnancy=False,
                diagnosed="yes",
                treatments=treatments,
                history=frozenset(),
                condition={
                    "episode_months": 30,
                    "spontaneous_regrowth": "not_in_12",
                    "salt": salt,
                    "aa_type": "patchy",
                    "scalp_conditions": frozenset(),
                    "shaves_head": "no",
                    "regrowth_within_8_years": "no",
                    "other_diagnoses": frozenset(),
                },
            )
            outcome = evaluate([c.as_spec() for c in trial.criteria.all()], answers, all_kinds())
            evaluations[key] = (losses, salt, treatments, outcome)
        return evaluations[key]

    def _batch(self, trials, rng, now, evaluations, offset):
        sites = {t.pk: list(t.sites.all()) for t in {t.pk: t for t in trials}.values()}
        campaigns = {}
        for trial in {t.pk: t for t in trials}.values():
            campaigns[trial.pk] = list(Campaign.objects.filter(trial=trial)) + [None, None]
        apps, extras = [], []
        for i, trial in enumerate(trials):
            losses, salt, treatments, outcome = self._answers_for(trial, rng, evaluations)
            submitted = now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 84))
            reference = new_reference()
            while reference in self.references:
                reference = new_reference()
            self.references.add(reference)
            app = Application(
                reference=reference,
                trial=trial,
                site=rng.choice(sites[trial.pk] or [None]),
                campaign=rng.choice(campaigns[trial.pk]),
                submitted_at=submitted,
                language=rng.choice(["en", "zh-hans"]),
                age_years=35,
                sex="FEMALE",
                pregnant=False,
                breastfeeding=False,
                planning_pregnancy=False,
                diagnosed="yes",
                health_history=[],
                verdict=outcome.verdict,
                status=rng.choice(STATUSES),
            )
            apps.append(app)
            extras.append((losses, salt, treatments, outcome, submitted, offset + i))
        Application.objects.bulk_create(apps)
        AlopeciaAnswers.objects.bulk_create(
            AlopeciaAnswers(
                application=a,
                loss_top=x[0][0],
                loss_back=x[0][1],
                loss_left=x[0][2],
                loss_right=x[0][3],
                salt=x[1],
                severity=severity_band(x[1]),
                eyebrow_loss="no",
                eyelash_loss="no",
                body_hair_loss="no",
                other_diagnoses=[],
                episode_started_on=datetime.date(2024, 5, 1),
                episode_months=30,
                spontaneous_regrowth="not_in_12",
                aa_type="patchy",
                scalp_conditions=[],
                shaves_head="no",
                regrowth_within_8_years="no",
            )
            for a, x in zip(apps, extras, strict=True)
        )
        ContactDetails.objects.bulk_create(
            ContactDetails(
                application=a,
                full_name=f"Bench Applicant {x[5]}",
                date_of_birth=datetime.date(1990, 1, 1),
                phone=f"+00 {x[5]:09d}",
                phone_key=f"+00{x[5]:09d}",
                best_time_to_call="any",
            )
            for a, x in zip(apps, extras, strict=True)
        )
        ConsentRecord.objects.bulk_create(
            ConsentRecord(application=a, purpose=p, version="2026-11-v2", language=a.language, given_at=x[4])
            for a, x in zip(apps, extras, strict=True)
            for p in ("health_data", "contact")
        )
        TreatmentUse.objects.bulk_create(
            TreatmentUse(application=a, treatment=code, last_use=t.last_use)
            for a, x in zip(apps, extras, strict=True)
            for code, t in x[2].items()
        )
        Evaluation.objects.bulk_create(
            Evaluation(
                application=a, created_at=x[4], verdict=x[3].verdict, results=[r.as_dict() for r in x[3].results]
            )
            for a, x in zip(apps, extras, strict=True)
        )
        AuditEvent.objects.bulk_create(
            AuditEvent(
                application=a,
                actor_label="patient (web form)",
                action=AuditAction.CREATED,
                new_value=a.verdict,
                created_at=x[4],
            )
            for a, x in zip(apps, extras, strict=True)
        )
