"""One exporter of applications, one CSV writer: used by the coordinators' admin action and the
sponsors' download alike.

The exporter yields rows of values read in chunks from a server-side cursor (never model
instances, never all rows in memory); `stream_csv` writes them. Rows carry no name, phone,
e-mail or date of birth unless the contact policy allows it for that row.
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from django.db import models
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from recruitment.conditions import installed
from recruitment.labels import Label
from recruitment.language import join_list, reads_chinese
from recruitment.models import ConsentPurpose, ConsentRecord, Evaluation, Sex, TreatmentUse
from recruitment.pipeline import Status
from recruitment.screening.eligibility import Verdict
from recruitment.screening.treatments import ANY_JAK, History, treatment_labels
from recruitment.screening.wording import criterion_text
from trials.models import Site

CHUNK = 2000
# Criteria whose result would tell a sponsor which illnesses a patient has had, or whether she is
# pregnant: listed for the site's coordinators only. Each condition adds its own (`private_kinds`).
PRIVATE_KINDS = frozenset({"health_history", "pregnancy"})
# A criterion's result in the "criteria results" column, from the trial's side whatever the
# criterion's role (an exclusion "met" read as "meets the exclusion"): the words of the coordinators'
# criteria table, lower case in a sentence.
RESULT_WORDS = {
    "met": pgettext_lazy("a criterion's result in a CSV export", "passes"),
    "not_met": pgettext_lazy("a criterion's result in a CSV export", "does not pass"),
    "unknown": pgettext_lazy("a criterion's result in a CSV export", "cannot tell"),
}


def private_kinds() -> frozenset[str]:
    return PRIVATE_KINDS.union(*(condition.private_kinds for condition in installed()))


class Contact(enum.Enum):
    NONE = "none"  # no contact columns at all
    ALL = "all"  # coordinators of the applicant's own site
    CONSENTED = "consented"  # sponsors: only applicants who agreed to share them


class ApplicationExporter:
    def __init__(
        self,
        applications: QuerySet,
        *,
        contact: Contact = Contact.NONE,
        conditions=None,
        audited_contacts: frozenset[int] = frozenset(),
    ):
        """`conditions`: the codes of the conditions whose columns the export has (those of the
        exported applications' trials when not given). `audited_contacts`: with CONSENTED, the
        applications whose contact details were recorded as leaving before the first byte: no other
        row carries them, even one whose consent was given while the file streams."""
        self.applications = applications
        self.contact = contact
        self.audited_contacts = audited_contacts
        # The file is in one language, the one active when the export was asked for: its rows are
        # written later, while the response streams, when another may be active (or none).
        self.language = translation.get_language()
        self.private_kinds = private_kinds()
        # The columns of those conditions, in the registry's order: (condition, column). One
        # condition's trial exports none of another's scores.
        present = set(
            conditions
            if conditions is not None
            else applications.order_by().values_list("trial__condition", flat=True).distinct()
        )
        self.condition_columns = tuple(
            (condition, column)
            for condition in installed()
            if condition.code in present
            for column in condition.export_columns
        )

    def header(self) -> list[str]:
        # Made strings here: a lazy one (a condition's column) would be worded when written.
        with translation.override(self.language):
            return [str(label) for label in self._header()]

    def _header(self) -> list[Label]:
        header = [
            _("Reference"),
            _("NCT number"),
            _("Site"),
            _("Submitted (date)"),
            _("Age"),
            _("Sex at birth"),
            *(column.header for _condition, column in self.condition_columns),
            _("Prior JAK inhibitor"),
            _("Other prior treatments"),
            _("Health history: conditions reported (of %(count)s)") % {"count": len(History)},
            _("Verdict"),
            _("Criteria results"),
            _("Status"),
            _("Campaign"),
        ]
        if self.contact is not Contact.NONE:
            header += [_("Name"), _("Phone"), _("E-mail")]
        if self.contact is Contact.ALL:
            header.append(_("Date of birth"))  # the patient agreed to share contact details only
        return header

    # Each application's own columns, read as values; what it has several of is read per chunk.
    COLUMNS = (
        "pk",
        "reference",
        "trial__nct_id",
        "site_id",
        "submitted_at",
        "age_years",
        "sex",
        "verdict",
        "status",
        "campaign__name",
        "health_history",
    )
    CONTACT_COLUMNS = ("contact__full_name", "contact__phone", "contact__email", "contact__date_of_birth")

    def rows(self) -> Iterator[list]:
        conditions = tuple(f"{condition.answers_name}__{column.field}" for condition, column in self.condition_columns)
        columns = self.COLUMNS + conditions + (self.CONTACT_COLUMNS if self.contact is not Contact.NONE else ())
        values = self.applications.order_by("submitted_at", "pk").values_list(*columns).iterator(chunk_size=CHUNK)
        with translation.override(self.language):
            # Every label in the file's language, looked up once per export rather than once per cell.
            choices: set[type[models.TextChoices]] = {
                Sex,
                Verdict,
                Status,
                *(c.choices for _condition, c in self.condition_columns if c.choices is not None),
            }
            labels = {kind: {value: str(label) for value, label in kind.choices} for kind in choices}
            # Treatments are an open vocabulary (each condition brings its own): named once per export too.
            self._treatment_names = {code: str(label) for code, label in treatment_labels().items()}
            self._result_words = {code: str(word) for code, word in RESULT_WORDS.items()}
            words = {True: _("yes"), False: _("no")}
        while True:
            # Activated while a chunk is written only, never across a yield: the code the rows are
            # handed to runs in the language it had.
            with translation.override(self.language):
                chunk = list(islice(values, CHUNK))
                rows = list(self._rows(chunk, labels, words)) if chunk else []
            if not rows:
                return
            yield from rows

    def _rows(self, chunk, labels, words) -> Iterator[list]:
        ids = [values[0] for values in chunk]
        treatments = defaultdict(list)
        for application_id, treatment in (
            TreatmentUse.objects.filter(application_id__in=ids)
            .order_by("pk")
            .values_list("application_id", "treatment")
        ):
            treatments[application_id].append(treatment)
        latest: dict[int, list] = {}
        for application_id, results in (
            Evaluation.objects.filter(application_id__in=ids)
            .order_by("application_id", "-created_at", "-pk")
            .values_list("application_id", "results")
        ):
            latest.setdefault(application_id, results)
        shared = set()
        if self.contact is Contact.CONSENTED:
            shared = (
                set(
                    ConsentRecord.objects.filter(
                        application_id__in=ids,
                        purpose=ConsentPurpose.SHARE_WITH_SPONSOR,
                        withdrawn_at=None,
                    ).values_list("application_id", flat=True)
                )
                & self.audited_contacts
            )
        sites = {site.pk: str(site) for site in Site.objects.filter(pk__in={values[3] for values in chunk})}
        for values in chunk:
            pk, reference, nct_id, site_id, submitted_at, age, sex, verdict, status, campaign, history = values[
                : len(self.COLUMNS)
            ]
            condition_values = values[len(self.COLUMNS) : len(self.COLUMNS) + len(self.condition_columns)]
            used = treatments[pk]
            row = [
                reference,
                nct_id,
                sites.get(site_id, ""),
                timezone.localtime(submitted_at).date().isoformat(),
                age,
                labels[Sex].get(sex, sex),
                *(
                    column.value(raw, labels)
                    for (_condition, column), raw in zip(self.condition_columns, condition_values, strict=True)
                ),
                words[any(t in ANY_JAK for t in used)],
                join_list(self._treatment_names.get(t, t) for t in used if t not in ANY_JAK),
                "" if history is None else len(history),  # a count: which ones is for the site's call
                labels[Verdict].get(verdict, verdict),
                self._criteria(latest.get(pk, [])),
                labels[Status].get(status, status),
                campaign or "",
            ]
            if self.contact is not Contact.NONE:
                name, phone, email, born = values[len(self.COLUMNS) + len(self.condition_columns) :]
                allowed = self.contact is Contact.ALL or pk in shared
                row += [name, Phone(phone), email] if allowed else ["", "", ""]
                if self.contact is Contact.ALL:
                    row.append(born.isoformat())
            yield row

    def _criteria(self, results: list[dict]) -> str:
        """The "criteria results" cell: each criterion in the words patients read, in the file's
        language where the trial has them, and its result."""
        return ("；" if reads_chinese() else "; ").join(
            _("%(criterion)s: %(result)s")
            % {
                "criterion": criterion_text(r),
                "result": self._result_words.get(r["result"], r["result"].replace("_", " ")),
            }
            for r in results
            if self.contact is Contact.ALL or r["kind"] not in self.private_kinds
        )


class Phone(str):
    """A phone number cell: kept as text a spreadsheet shows as typed (see `_neutralise`)."""


# What a spreadsheet may take for the start of a formula: = + - @ (Excel, LibreOffice, Sheets),
# | and % (DDE, old Excel), ; (a separator in semicolon locales), tab and carriage return, and
# their full-width forms, which some spreadsheets read as the plain ones.
FORMULA_STARTS = ("=", "+", "-", "@", "|", "%", ";", "\t", "\r", "＝", "＋", "－", "＠", "；")
NUMBER = re.compile(r"-?[0-9][0-9,.]*")
# What the forms let a phone number hold (recruitment.forms.PHONE): nothing that can end a string.
PHONE_TEXT = re.compile(r"\+?[0-9 ().-]{6,30}")


def _neutralise(value):
    """A cell that cannot run as a formula. A leading formula sign gets a ' (shown as text), but
    numbers stay numbers, and a phone number becomes ="+86 138 0013 8000": a text the spreadsheet
    shows as typed, where a ' would have stayed in the number coordinators dial. Line breaks
    become \n, which the writer quotes (a lone \r it would not)."""
    if not isinstance(value, str):
        return value
    if isinstance(value, Phone) and value.startswith("+") and PHONE_TEXT.fullmatch(value):
        return f'="{value}"'
    if value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        value = "'" + value.replace("|", "\\|")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def stream_csv(header: Sequence[Label], rows: Iterable[list]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so Excel shows Chinese), in chunks: nothing is held."""
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_neutralise(v) for v in header])
    for row in rows:
        writer.writerow([_neutralise(v) for v in row])
        if buffer.tell() > 16384:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def exporter_chunks(exporter: ApplicationExporter) -> Iterator[bytes]:
    return stream_csv(exporter.header(), exporter.rows())


def csv_response(exporter: ApplicationExporter, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(exporter_chunks(exporter), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def export_filename(prefix: str, *, today: datetime.date | None = None) -> str:
    return f"{prefix}-{(today or timezone.localdate()).isoformat()}.csv"
