"""One exporter of applications, one CSV writer: used by the coordinators' admin action and the
sponsors' download alike.

The exporter yields rows; `stream_csv` writes them. Rows carry no name, phone, e-mail or date of
birth unless the caller's `contact_allowed(application)` says so for that row.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Iterator

from defusedcsv import csv
from django.db.models import Prefetch, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment.models import Application, ConsentPurpose, ConsentRecord, Evaluation
from recruitment.screening.treatments import ANY_JAK, Treatment

CHUNK = 2000


def sponsor_may_see_contact(application) -> bool:
    """The patient agreed to share contact details with the sponsor, and has not withdrawn it."""
    return any(
        consent.purpose == ConsentPurpose.SHARE_WITH_SPONSOR and consent.withdrawn_at is None
        for consent in application.consents.all()
    )


class ApplicationExporter:
    def __init__(self, applications: QuerySet, *, contact_allowed: Callable[[Application], bool] | bool = False):
        self.applications = applications
        self.contact_allowed = contact_allowed if callable(contact_allowed) else (lambda _app: contact_allowed)
        self.with_contact_columns = contact_allowed is not False

    def header(self) -> list[str]:
        header = [
            _("Reference"), _("NCT number"), _("Site"), _("Submitted (date)"), _("Age"), _("Sex at birth"),
            _("Self-reported estimated SALT"), _("Severity band (AA-IGA)"), _("Current episode (months)"),
            _("Prior JAK inhibitor"), _("Other prior treatments"), _("Verdict"), _("Criteria results"),
            _("Status"), _("Campaign"),
        ]
        if self.with_contact_columns:
            header += [_("Name"), _("Phone"), _("E-mail"), _("Date of birth")]
        return header

    def queryset(self) -> QuerySet:
        queryset = (
            self.applications.select_related("trial", "site", "campaign", "alopecia")
            .prefetch_related(
                "treatments",
                Prefetch("evaluations", queryset=Evaluation.objects.order_by("-created_at", "-pk"),
                         to_attr="evaluations_newest_first"),
            )
            .order_by("submitted_at", "pk")
        )
        if self.with_contact_columns:
            queryset = queryset.select_related("contact").prefetch_related(
                Prefetch("consents", queryset=ConsentRecord.objects.all())
            )
        return queryset

    def rows(self) -> Iterator[list]:
        for application in self.queryset().iterator(chunk_size=CHUNK):
            yield self.row(application)

    def row(self, application) -> list:
        alopecia = getattr(application, "alopecia", None)
        treatments = list(application.treatments.all())
        latest = application.evaluations_newest_first[0] if application.evaluations_newest_first else None
        criteria = "; ".join(
            f"{result['patient_text']}: {result['result'].replace('_', ' ')}" for result in (latest.results if latest else [])
        )
        row = [
            application.reference,
            application.trial.nct_id,
            str(application.site) if application.site else "",
            timezone.localtime(application.submitted_at).date().isoformat(),
            application.age_years,
            application.get_sex_display(),
            float(alopecia.salt) if alopecia else "",
            alopecia.get_severity_display() if alopecia else "",
            application.episode_months,
            _("yes") if any(t.treatment in ANY_JAK for t in treatments) else _("no"),
            ", ".join(str(Treatment(t.treatment).label) for t in treatments if t.treatment not in ANY_JAK),
            application.get_verdict_display(),
            criteria,
            application.get_status_display(),
            application.campaign.name if application.campaign else "",
        ]
        if self.with_contact_columns:
            if self.contact_allowed(application):
                contact = application.contact
                row += [contact.full_name, contact.phone, contact.email, contact.date_of_birth.isoformat()]
            else:
                row += ["", "", "", ""]
        return row


def _neutralise(value):
    # defusedcsv covers = + - @ | %; a leading tab or carriage return can start a formula too.
    if isinstance(value, str) and value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def stream_csv(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so Excel shows Chinese), one chunk per row: nothing is held."""
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_neutralise(v) for v in header])
    for row in rows:
        writer.writerow([_neutralise(v) for v in row])
        if buffer.tell() > 16384:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_response(exporter: ApplicationExporter, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream_csv(exporter.header(), exporter.rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def export_filename(prefix: str, *, today: datetime.date | None = None) -> str:
    return f"{prefix}-{(today or timezone.localdate()).isoformat()}.csv"
