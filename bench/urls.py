"""The bare baselines the bench measures the portal against, served by the same gunicorn, with the
portal's settings and middleware, in the same run (bench/run.py)."""

import csv
import functools
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from config import urls as portal_urls
from recruitment.conditions import condition_of
from recruitment.exports import ApplicationExporter
from recruitment.forms import questionnaire_for
from recruitment.models import (
    Application,
    AuditEvent,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    Notification,
    TreatmentUse,
)
from recruitment.models.applications import new_reference
from recruitment.sponsors import CONTACT_PERMISSION, eligible_applications
from trials.models import Trial


def plain(request):
    """The portal's middleware, no work (a reference for where a page's time goes)."""
    return HttpResponse("ok")


@functools.cache
def _fixed(slug):
    trial = Trial.objects.get(slug=slug)
    sites = list(trial.sites.open_for_signup().order_by("country", "city", "facility"))
    recipients = list(get_user_model().objects.filter(coordinated_sites__trial=trial).distinct())
    return trial, sites, recipients


@require_POST
def form_submission(request, slug):
    """Baseline for submissions: the portal's middleware (CSRF included), the questionnaire
    validated by the very form class the apply view uses (`questionnaire_for(trial)`), and the same
    rows written through the ORM in one transaction (application, condition answers, treatments,
    contact, consents, evaluation, audit event, the coordinators' notices and the patient's
    confirmations, and the session's row). Left out: the eligibility engine (a fixed verdict, no
    results), the duplicate lookup, the address's rate limit, the check that trial and site still
    recruit, the campaign, the recipients' lookup (read once), publishing the notices."""
    trial, sites, recipients = _fixed(slug)
    form = questionnaire_for(trial)(request.POST, trial=trial, sites=sites)
    if not form.is_valid():
        return HttpResponse(repr(form.errors.as_data()), status=400)
    now = timezone.now()
    contact = form.contact_fields()
    with transaction.atomic():
        app = Application.objects.create(
            reference=new_reference(),
            trial=trial,
            site=form.cleaned_data.get("site"),
            language=form.cleaned_data["language"],
            submitted_at=now,
            verdict="likely_eligible",
            **form.application_fields(),
        )
        condition_of(trial).build_answers(app, form.condition_answers()).save(force_insert=True)
        TreatmentUse.objects.bulk_create([TreatmentUse(application=app, **row) for row in form.treatment_rows()])
        ContactDetails.objects.create(
            application=app, **contact, phone_key=contact["phone"], email_key=contact["email"]
        )
        ConsentRecord.objects.bulk_create(
            [
                ConsentRecord(application=app, purpose=purpose, version="v", language="zh-hans", given_at=now)
                for purpose in sorted(form.consents_given())
            ]
        )
        Evaluation.objects.create(application=app, verdict="likely_eligible", results=[], created_at=now)
        AuditEvent.objects.create(application=app, actor_label="patient", action="created", new_value="Likely eligible")
        Notification.objects.bulk_create(
            [Notification(kind="new_application", recipient=user, application=app) for user in recipients]
            + [
                Notification(kind="confirmation", channel=channel, application=app)
                for channel, given in (("email", contact["email"]), ("sms", contact["phone"]))
                if given
            ]
        )
    request.session["bench_applications"] = [app.pk]  # the portal keeps them in the session too
    return HttpResponseRedirect("/")


@login_required
@require_safe
def values_csv(request, slug):
    """Baseline for the sponsor CSV: the same applications (the sponsor view's own query) and the
    same columns, read with `values_list` and written by `csv.writer` as they come, no label or
    criterion looked up, in chunks of about 16 kB as the portal's writer sends them."""
    trial = get_object_or_404(Trial, slug=slug)
    applications = eligible_applications(request.user, trial, include_needs_review=False)
    exporter = ApplicationExporter(applications, conditions=[trial.condition])
    columns = [
        *ApplicationExporter.COLUMNS,
        *(f"{condition.answers_name}__{column.field}" for condition, column in exporter.condition_columns),
        "site__facility",
    ]
    if request.user.has_perm(CONTACT_PERMISSION):
        columns += ApplicationExporter.CONTACT_COLUMNS
    rows = applications.order_by("submitted_at", "pk").values_list(*columns).iterator(chunk_size=2000)

    def chunks():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            if buffer.tell() > 16384:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    return StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")


handler500 = "config.database_unavailable.server_error_view"  # as in config.urls

# The portal's own URLs, appended rather than included: its language prefixes (i18n_patterns)
# may only be in the root URLconf.
urlpatterns = [
    path("bench/plain/", plain),
    path("bench/submission/<slug:slug>/", form_submission),
    path("bench/eligible/<slug:slug>.csv", values_csv),
    *portal_urls.urlpatterns,
]
