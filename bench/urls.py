import datetime
import functools

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.http import require_POST

from recruitment.conditions.alopecia_areata.models import AlopeciaAnswers
from recruitment.models import (
    Application,
    AuditEvent,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    Notification,
    TreatmentUse,
)
from trials.models import Trial


def plain(request):
    """The portal's middleware, no work (a reference for where a page's time goes)."""
    return HttpResponse("ok")


@functools.cache
def _fixed():
    trial = Trial.objects.get(slug="brave-aa1")
    recipients = list(get_user_model().objects.filter(coordinated_sites__trial=trial).distinct())
    return trial, recipients


@require_POST
def orm_submission(request):
    """Baseline for submissions: the same middleware (CSRF included), and the rows a submission
    writes, through the ORM in one transaction, with no validation and no eligibility."""
    trial, recipients = _fixed()
    now = timezone.now()
    with transaction.atomic():
        app = Application.objects.create(
            trial=trial,
            language="zh-hans",
            age_years=40,
            sex="FEMALE",
            pregnant=False,
            breastfeeding=False,
            planning_pregnancy=False,
            diagnosed="yes",
            verdict="likely_eligible",
            submitted_at=now,
        )
        AlopeciaAnswers.objects.create(
            application=app,
            loss_top=80,
            loss_back=60,
            loss_left=70,
            loss_right=90,
            salt="75.2",
            severity="3",
            eyebrow_loss="yes",
            eyelash_loss="no",
            body_hair_loss="unsure",
            other_diagnoses=[],
            episode_started_on=datetime.date(2024, 1, 1),
            episode_months=35,
            spontaneous_regrowth="not_in_12",
            aa_type="patchy",
            scalp_conditions=[],
            shaves_head="no",
            regrowth_within_8_years="no",
        )
        TreatmentUse.objects.bulk_create(
            [TreatmentUse(application=app, treatment="topical_minoxidil", last_use="gt6m")]
        )
        phone = request.POST.get("phone", "")
        ContactDetails.objects.create(
            application=app,
            full_name=request.POST.get("full_name", ""),
            date_of_birth=datetime.date(1986, 3, 15),
            phone=phone,
            phone_key=phone,
            best_time_to_call="evening",
        )
        ConsentRecord.objects.bulk_create(
            [
                ConsentRecord(application=app, purpose=purpose, version="v", given_at=now)
                for purpose in ("contact", "health_data")
            ]
        )
        Evaluation.objects.create(application=app, verdict="likely_eligible", results=[], created_at=now)
        AuditEvent.objects.create(application=app, actor_label="patient", action="created", new_value="Likely eligible")
        Notification.objects.bulk_create(
            [Notification(kind="new_application", recipient=user, application=app) for user in recipients]
        )
    return HttpResponse("ok")


handler500 = "config.database_unavailable.server_error_view"  # as in config.urls

urlpatterns = [
    path("bench/plain/", plain),
    path("bench/submission/", orm_submission),
    path("", include("config.urls")),
]
