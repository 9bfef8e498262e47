"""Coordinators review applicants here. Every queryset comes from applications_for(user); every
change goes through a service that writes the audit trail."""

import re
import unicodedata
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from recruitment.access_forms import CoordinatorEraseForm
from recruitment.admin import words
from recruitment.admin.forms import ApplicationReviewForm
from recruitment.conditions import condition_of, installed
from recruitment.exports import ApplicationExporter, Contact, csv_response, export_filename
from recruitment.labels import Label
from recruitment.models import (
    Application,
    AttemptOutcome,
    AuditAction,
    AuditEvent,
    ContactDetails,
    Evaluation,
    Note,
    Reminder,
    Sex,
)
from recruitment.patient_dates import patient_today
from recruitment.pipeline import Status
from recruitment.screening import wording
from recruitment.screening.eligibility import Result, Verdict
from recruitment.screening.roles import SHORT_LABELS, Role
from recruitment.screening.treatments import FIRST_HISTORY_ASKED, History, treatment_label
from recruitment.selectors import applications_for, coordinators_for, related_choices_for
from recruitment.services import calls, erasure, reminders, review
from recruitment.services.audit import actor_label, log_action, log_actions

RESULT_SYMBOLS = {"met": "✔", "not_met": "✘", "unknown": "?"}
# The section of an application's page that get_fieldsets names for its condition.
CONDITION_SECTION = _("The condition")
# Each condition's answers, read with the application; and its displays on the application's page.


def _answers() -> tuple[str, ...]:
    """Each installed condition's answers, as the application reaches them (select_related)."""
    return tuple(condition.answers_name for condition in installed() if condition.answers_name)


def _after(names, anchor: str, extra) -> list:
    """`names` with `extra` after `anchor`: where the installed conditions' columns go."""
    names = list(names)
    cut = names.index(anchor) + 1
    return [*names[:cut], *extra, *names[cut:]]


# What a phone number (or a reference in digits) is typed with: digits and what goes between them.
PHONE_LIKE = re.compile(r"[0-9 +().-]+")


class ReminderFilter(admin.SimpleListFilter):
    """Patients who asked to be reminded when they may be eligible: whose day has come (to call
    those without e-mail), and whose day is still ahead."""

    title = _("reminder")
    parameter_name = "reminder"

    def lookups(self, request, model_admin):
        return [("call", _("Day come, no e-mail: call")), ("ahead", _("Asked, day still ahead"))]

    def queryset(self, request, queryset):
        today = patient_today()
        waiting = reminders.waiting()
        if self.value() == "call":
            # E-mailed reminders go by themselves; those without e-mail (or whose e-mail failed) the
            # team calls, until the patient moves on in the pipeline.
            due = waiting.filter(due_on__lte=today).filter(Q(by_email=False) | Q(attempts__gte=reminders.MAX_ATTEMPTS))
            return queryset.filter(pk__in=due.values("application_id"), status=Status.NEW)
        if self.value() == "ahead":
            return queryset.filter(pk__in=waiting.filter(due_on__gt=today).values("application_id"))
        return queryset


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """The trials, sites or campaigns in the user's scope (`selectors.related_choices_for`).
    Django's RelatedOnlyFieldListFilter read every application the user may see for each
    filter's distinct values: at 120,000 applications, about 40 ms a filter on every page."""

    def field_choices(self, field, request, model_admin):
        scope = related_choices_for(request.user, field.related_model).values("pk")
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to={"pk__in": scope})


def _when(moment, pattern="%Y-%m-%d %H:%M"):
    """A moment in the staff's own time zone (settings.TIME_ZONE), not the database's UTC."""
    from django.utils import timezone

    return timezone.localtime(moment).strftime(pattern)


def _record_listing(request, view: str, shown: list[int]) -> None:
    """A page of applicants' names and phone numbers is a read of personal data: recorded once
    per page viewed, with the applications it showed (not what they say)."""
    if shown:
        log_action(
            application=None,
            actor=request.user,
            action=AuditAction.CONTACTS_LISTED,
            details={"view": view, "applications": shown},
        )


def _tel(phone):
    """A phone number the coordinator's phone can call with a tap."""
    if not phone:
        return "—"
    return format_html('<a href="tel:{}">{}</a>', re.sub(r"[^\d+]", "", phone), phone)


def _waited(since, now=None):
    """How long ago, in the largest unit that says it: "3 h", "2 d"."""
    from django.utils import timezone

    return words.span(words.minutes_between(since, now or timezone.now()))


def _due(due: calls.CallDue, now):
    """When the call is due, and how long until then or how late it is: the first call against
    its target in working hours (the clock), a planned call in plain hours."""
    if due.at is None:
        return _("no time planned: call when you can")
    when = words.moment(due.at)
    if due.clock is not None:
        return format_html("{} · {}", format_html(gettext("first call due {when}"), when=when), _clock(due.clock))
    late = words.minutes_between(due.at, now)
    if due.overdue:
        return format_html(
            '<span class="overdue"><strong>{}</strong></span>',
            format_html(gettext("call due {when}, overdue by {late}"), when=when, late=words.span(late)),
        )
    return format_html(gettext("call due {when}, in {left}"), when=when, left=words.span(late))


def _clock(clock: calls.ContactClock):
    """The first-contact clock: working hours left, or how far past the target."""
    if not clock.overdue:
        return format_html('<span class="clock">{}</span>', _("%(h).1f working h left") % {"h": clock.hours})
    return format_html(
        '<span class="clock overdue"><strong>{}</strong></span>', _("overdue by %(h).1f working h") % {"h": clock.hours}
    )


class AssignedFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Me")), ("me_or_nobody", _("Me or nobody")), ("nobody", _("Nobody"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "me_or_nobody":
            return queryset.filter(Q(assigned_to=request.user) | Q(assigned_to=None))
        if value == "nobody":
            return queryset.filter(assigned_to=None)
        return queryset


def _badge(verdict, label):
    return format_html('<span class="verdict verdict-{}">{}</span>', verdict, label)


class AssignForm(forms.Form):
    coordinator: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Coordinator"), queryset=None)

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["coordinator"]).queryset = coordinators


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationReviewForm
    # What a coordinator works from comes first, and all of it fits a 1280 px screen beside the
    # filters in either language: who to call (with how), where the application stands, then the
    # pre-screen. The campaign is a filter only.
    list_display = [
        "reference",
        "who",
        "status",
        "assigned_to",
        "waiting",
        "verdict_badge",  # the columns of the conditions the user's trials are of follow (get_list_display)
        "trial_site",
        "age_sex",
    ]
    list_display_links = ["reference"]
    list_filter = [
        AssignedFilter,
        ("trial", ScopedRelatedFilter),
        ("site", ScopedRelatedFilter),
        "verdict",
        "status",
        ("campaign", ScopedRelatedFilter),
        ReminderFilter,
        "submitted_at",
    ]
    search_fields = ["reference"]  # the search itself is get_search_results
    search_help_text = _("Reference, name, phone or e-mail.")
    ordering = ["-submitted_at", "-pk"]
    list_per_page = 50
    show_full_result_count = False  # no second COUNT(*) over the whole table on filtered pages
    actions = ["mark_contacted", "assign_to_coordinator", "export_csv", "reevaluate_selected"]
    readonly_fields = [
        "reference",
        "trial",
        "site",
        "campaign",
        "submitted_at",
        "status",
        "assigned_to",
        "verdict_badge",
        "duplicate_link",
        "first_contact_clock",
        "attempts_text",
        "respondent",
        "age_years",
        "sex",
        "pregnancy_answers",
        "health_checklist",
        "diagnosed",  # each installed condition's displays follow (get_readonly_fields)
        "treatments_text",
        "not_yet",
        "criteria_results",
        "earlier_evaluations",
        "contact_text",
        "consents_text",
        "erasure",
        "notes_text",
        "audit_trail",
    ]
    # What a coordinator on the phone needs first: who to call, and the call panel.
    fieldsets = [
        (_("Contact details"), {"fields": ["contact_text", "respondent", "first_contact_clock", "attempts_text"]}),
        (_("Call"), {"fields": ["attempt_outcome", "attempt_channel", "next_contact_at"]}),
        (_("Review"), {"fields": ["new_status", "reason", "assign_to", "note", "reevaluate"]}),
        (
            _("Application"),
            {
                "fields": [
                    "reference",
                    "trial",
                    "site",
                    "campaign",
                    "submitted_at",
                    "status",
                    "assigned_to",
                    "verdict_badge",
                    "duplicate_link",
                ]
            },
        ),
        (_("About the patient"), {"fields": ["age_years", "sex", "pregnancy_answers", "health_checklist"]}),
        (CONDITION_SECTION, {"fields": ["diagnosed"]}),
        (_("Treatments tried"), {"fields": ["treatments_text"]}),
        (_("Eligibility"), {"fields": ["not_yet", "criteria_results", "earlier_evaluations"]}),
        (_("Consent"), {"fields": ["consents_text", "erasure"]}),
        (_("Notes"), {"fields": ["notes_text"]}),
        (_("Audit trail"), {"fields": ["audit_trail"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """The condition's section is named for the application's condition and holds its displays."""
        fieldsets = [(name, {**options}) for name, options in super().get_fieldsets(request, obj)]
        if obj is not None:
            condition = condition_of(obj.trial)
            index = next(i for i, (name, _options) in enumerate(fieldsets) if name == CONDITION_SECTION)
            fields = [*cast(list, fieldsets[index][1]["fields"]), *condition.admin_displays]
            fieldsets[index] = (condition.label, {"fields": fields})
        return fieldsets

    class Media:
        css = {"all": ["css/admin-calls.css"]}

    # The installed conditions' columns and displays, read once the apps are ready.
    def get_list_display(self, request):
        # Only the conditions of the user's own trials: a column of scores none of their applicants
        # can have would push the others off the screen.
        from trials.models import Trial

        theirs = getattr(request, "_their_conditions", None)
        if theirs is None:  # asked twice a page by Django: read once
            trials = related_choices_for(request.user, Trial).order_by()
            theirs = request._their_conditions = set(trials.values_list("condition", flat=True).distinct())
        columns = [
            column for condition in installed() if condition.code in theirs for column in condition.admin_list_columns
        ]
        return _after(super().get_list_display(request), "verdict_badge", columns)

    def get_readonly_fields(self, request, obj=None):
        displays = [display for condition in installed() for display in condition.admin_displays]
        return _after(super().get_readonly_fields(request, obj), "diagnosed", displays)

    # --- Scope: one helper decides what this user sees, everywhere in this admin --------------
    def get_queryset(self, request):
        return applications_for(request.user).select_related(
            "trial", "site", "campaign", "contact", "assigned_to", *_answers()
        )

    def _visible_or_404(self, request, object_id):
        try:
            visible = self.get_queryset(request).filter(pk=int(unquote(object_id))).exists()
        except ValueError:
            visible = False
        if not visible:
            raise Http404(_("No such application."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._visible_or_404(request, object_id)
        if request.method == "GET":
            # The page shows the applicant's contact details: a read of personal data, recorded.
            log_action(
                application=Application(pk=int(unquote(object_id))),
                actor=request.user,
                action=AuditAction.CONTACT_VIEWED,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        erase = path(
            "<path:object_id>/erase/", self.admin_site.admin_view(self.erase_view), name="recruitment_application_erase"
        )
        queue = path("queue/", self.admin_site.admin_view(self.queue_view), name="recruitment_application_queue")
        opened = path(
            "open/<uuid:public_id>/", self.admin_site.admin_view(self.open_view), name="recruitment_application_open"
        )
        return [queue, opened, erase, *super().get_urls()]

    def open_view(self, request, public_id):
        """Where a coordinator's e-mail links: the application by its opaque id, if theirs to see."""
        application = self.get_queryset(request).filter(public_id=public_id).values("pk").first()
        if application is None:
            raise Http404(_("No such application."))
        return redirect("admin:recruitment_application_change", application["pk"])

    def queue_view(self, request):
        """ "My applicants today": who to call now, new first, then by the next call's time."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        from django.utils import timezone

        now = timezone.now()
        rows = []
        for application in calls.queue_for(request.user, now=now)[:200]:
            due = calls.call_due(application, now)
            rows.append(
                {
                    "application": application,
                    "verdict": _badge(application.verdict, application.get_verdict_display()),
                    "due": _due(due, now),
                    "waited": _waited(application.submitted_at, now),
                    "overdue": due.overdue,
                    "phone": _tel(application.contact.phone),
                    "ask_for": words.whom_to_ask_for(application),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("My applicants today"),
            "rows": rows,
            "opts": self.model._meta,
        }
        _record_listing(request, "queue", [row["application"].pk for row in rows])
        return render(request, "admin/recruitment/queue.html", context)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            _record_listing(request, "list", [application.pk for application in changelist.result_list])
        return response

    def erase_view(self, request, object_id):
        """A coordinator erases an applicant's data at the patient's request, with a reason."""
        self._visible_or_404(request, object_id)
        if not request.user.has_perm("recruitment.erase_application"):
            raise PermissionDenied
        application = self.get_queryset(request).get(pk=int(unquote(object_id)))
        form = CoordinatorEraseForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            erasure.erase(application, by=request.user, reason=form.reason())
            # The log entry's new reference is not shown: beside the old one, it would link them again.
            self.message_user(
                request,
                format_html(gettext("The personal data of {reference} is erased."), reference=application.reference),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:recruitment_application_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase personal data"),
            "form": form,
            "application": application,
            "opts": self.model._meta,
        }
        return render(request, "admin/recruitment/erase.html", context)

    def history_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._visible_or_404(request, object_id)  # 404 before 403: a guess learns nothing
        return super().delete_view(request, object_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        queryset = (
            self.get_queryset(request)
            .select_related("contact", "assigned_to", "duplicate_of")
            .prefetch_related(
                "treatments",
                "consents",
                Prefetch("notes", queryset=Note.objects.select_related("author")),
                Prefetch("evaluations", queryset=Evaluation.objects.order_by("-created_at", "-pk")),
                Prefetch("audit_events", queryset=AuditEvent.objects.order_by("created_at", "pk")),
            )
        )
        try:
            application = queryset.get(pk=unquote(object_id))
        except (Application.DoesNotExist, ValueError):
            return None
        # Whether this user may see the first application of a duplicate pair (shown by reference).
        application.duplicate_visible = bool(
            application.duplicate_of_id and queryset.filter(pk=application.duplicate_of_id).exists()
        )
        return application

    def has_add_permission(self, request):
        return False  # applications come from patients only

    def has_delete_permission(self, request, obj=None):
        return False  # erasure on withdrawal is a separate, audited process

    def get_search_results(self, request, queryset, search_term):
        """One box for a reference, a name, a phone number or an e-mail, typed any way."""
        from recruitment.contact_keys import email_key, phone_key, phone_spellings
        from recruitment.models.applications import normalise_reference

        # Full-width digits and signs, as Chinese input methods type them, are plain ones here.
        term = unicodedata.normalize("NFKC", search_term).strip()
        if not term:
            return queryset, False
        if "@" in term:
            match = Q(contact__email_key=email_key(term))
        elif PHONE_LIKE.fullmatch(term):
            # A phone number, or a reference typed in digits only: each looked up through its own
            # index, then the list filtered by those ids. Matching names too would read every
            # applicant's name for a number, and an OR across the joined tables every application.
            found = (
                Application.objects.filter(reference=normalise_reference(term)).order_by().values_list("pk", flat=True)
            )
            if phone_key(term):
                found = found.union(
                    ContactDetails.objects.filter(phone_key__in=phone_spellings(phone_key(term)))
                    .order_by()
                    .values_list("application_id", flat=True)
                )
            match = Q(pk__in=list(found))
        else:
            match = Q(reference=normalise_reference(term)) | Q(contact__full_name__icontains=term)
        results = queryset.filter(match)
        if "@" in term or (PHONE_LIKE.fullmatch(term) and phone_key(term)):
            self._record_search(request, results, by="email" if "@" in term else "phone")
        return results, False

    def _record_search(self, request, results, *, by):
        """A search on a phone number or an e-mail address reads who that is: each application it
        finds records it (what was searched for is not kept: it is personal data itself)."""
        found = list(results.order_by().values_list("pk", flat=True)[:200])
        log_actions(
            AuditEvent(
                application_id=pk,
                actor=request.user,
                actor_label=actor_label(request.user),
                action=AuditAction.SEARCHED,
                details={"by": by},
            )
            for pk in found
        )

    # --- Saving: through services, with the audit trail ---------------------------------------
    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        status_before = obj.status
        recorded: list[Label] = []  # what this save did, in the coordinator's words (response_change says it)
        if outcome := data.get("attempt_outcome"):
            attempt = calls.record_attempt(
                obj,
                by=request.user,
                outcome=outcome,
                channel=data.get("attempt_channel") or "phone",
                next_contact_at=data.get("next_contact_at"),
            )
            said = words.attempt(
                channel=attempt.channel, outcome=attempt.outcome, next_contact_at=attempt.next_contact_at
            )
            recorded.append(format_html(gettext("call attempt — {attempt}"), attempt=said))
            if outcome == AttemptOutcome.REACHED and data.get("next_contact_at"):
                recorded.append(_("the next contact time was not kept: the patient was reached"))
        if data.get("new_status"):
            review.change_status(obj, to=data["new_status"], by=request.user, reason=data.get("reason", ""))
        if obj.status != status_before:  # moved by hand, or by reaching a new applicant
            recorded.append(
                format_html(
                    gettext("status {old} → {new}"), old=Status(status_before).label, new=Status(obj.status).label
                )
            )
        if "assign_to" in form.changed_data:
            to = data.get("assign_to")
            review.assign(obj, to=to, by=request.user)
            recorded.append(
                format_html(gettext("assigned to {user}"), user=to.get_username()) if to else _("no longer assigned")
            )
        if data.get("note"):
            review.add_note(obj, by=request.user, text=data["note"])
            recorded.append(_("a note"))
        if data.get("reevaluate"):
            self._say_what_changed(request, obj, before=obj.verdict, evaluation=review.reevaluate(obj, by=request.user))
            recorded.append(_("a re-evaluation"))
        obj.recorded = recorded

    def response_change(self, request, obj):
        """Says what the save recorded, instead of Django's "changed successfully", which told a
        coordinator nothing of whether the call, the move or the note went in."""
        if IS_POPUP_VAR in request.POST or "_saveasnew" in request.POST or "_addanother" in request.POST:
            return super().response_change(request, obj)
        recorded = getattr(obj, "recorded", [])
        if recorded:
            self.message_user(
                request,
                format_html(
                    gettext("Recorded for {reference}: {what}."),
                    reference=obj.reference,
                    what=format_html_join(pgettext("between things recorded", "; "), "{}", ((r,) for r in recorded)),
                ),
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                format_html(
                    gettext("Nothing was recorded for {reference}: nothing was entered."), reference=obj.reference
                ),
                messages.WARNING,
            )
        if "_continue" in request.POST:
            return HttpResponseRedirect(
                add_preserved_filters(
                    {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}, request.path
                )
            )
        return self.response_post_save_change(request, obj)

    def save_related(self, request, form, formsets, change):
        pass

    # --- List columns ---------------------------------------------------------------------------
    @admin.display(description=_("Applicant"), ordering="contact__full_name")
    def who(self, obj):
        """Who to call and how, in one narrow cell: name, phone, best time and language."""
        ask_for = words.whom_to_ask_for(obj)
        return format_html(
            '<span class="who-name">{}</span><br><span class="nowrap">{}</span><br><small>{} · {}</small>{}{}',
            obj.contact.full_name,
            _tel(obj.contact.phone),
            obj.contact.get_best_time_to_call_display(),
            obj.get_language_display(),
            format_html('<br><small class="ask-for">{}</small>', ask_for)
            if (ask_for := words.whom_to_ask_for(obj))
            else "",
            format_html('<br><small class="duplicate">{}</small>', _("possible duplicate"))
            if obj.duplicate_of_id
            else "",
        )

    @admin.display(description=_("Waiting"), ordering="submitted_at")
    def waiting(self, obj):
        return format_html('<span title="{}">{}</span>', _when(obj.submitted_at), _waited(obj.submitted_at))

    @admin.display(description=_("Trial, site"), ordering="trial__acronym")
    def trial_site(self, obj):
        trial = obj.trial.acronym or obj.trial.nct_id
        if obj.site is None:
            return format_html("{}<br>—", trial)
        # The city tells a coordinator's sites apart; the facility's full name is in the tooltip.
        return format_html('{}<br><span title="{}">{}</span>', trial, obj.site.facility, obj.site.city)

    @admin.display(description=_("Verdict"), ordering="verdict")
    def verdict_badge(self, obj):
        return _badge(obj.verdict, obj.get_verdict_display())

    @admin.display(description=_("Age, sex"), ordering="age_years")
    def age_sex(self, obj):
        return format_html("{}<br>{}", "—" if obj.age_years is None else obj.age_years, obj.get_sex_display() or "—")

    # --- Change page, grouped as the patient saw the questions ----------------------------------
    @admin.display(description=_("Possible duplicate of"))
    def duplicate_link(self, obj):
        if not obj.duplicate_of_id:
            return "—"
        if not getattr(obj, "duplicate_visible", False):
            return _("an application of another site")  # its reference is not this user's to see
        return format_html('<a href="../../{}/change/">{}</a>', obj.duplicate_of_id, obj.duplicate_of.reference)

    @admin.display(description=_("Pregnancy"))
    def pregnancy_answers(self, obj):
        if obj.sex == Sex.MALE:
            return _("not asked")
        if obj.pregnant is None:
            return _("not answered")
        flags = [
            (obj.pregnant, _("pregnant")),
            (obj.breastfeeding, _("breastfeeding")),
            (obj.planning_pregnancy, _("planning a pregnancy")),
        ]
        return ", ".join(str(label) for flag, label in flags if flag) or _("none of these")

    @admin.display(description=_("Health checklist for the call"))
    def health_checklist(self, obj):
        """What the screening visit checks, as the patient answered (optionally), each in words: a
        bare mark beside an illness read as a list of the patient's illnesses."""
        answered = obj.health_history
        asked = FIRST_HISTORY_ASKED if obj.health_history_asked is None else frozenset(obj.health_history_asked)

        def said(code):
            if answered is None or code not in asked:
                return _("not answered")
            return _("had") if code in answered else _("not had")

        rows = [(label, said(code)) for code, label in History.choices]
        note = _("not answered: ask during the call") if answered is None else ""
        items = format_html_join("", "<li>{}: <strong>{}</strong></li>", rows)
        return format_html('<ul class="health-checklist">{}</ul>{}', items, note)

    @admin.display(description=_("Treatments"))
    def treatments_text(self, obj):
        rows = [
            (
                treatment_label(t.treatment),
                t.get_last_use_display(),
                format_html(" — {}: {}", _("it helped"), t.get_response_display()) if t.response else "",
                format_html(" — {}: {}", _("taken for"), t.get_course_display()) if t.course else "",
            )
            for t in obj.treatments.all()
        ]
        if not rows:
            return _("none used")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}{}{}</li>", rows))

    def _results_table(self, evaluation):
        rows = [
            (
                RESULT_SYMBOLS.get(r["result"], "?"),
                wording.criterion_text(r),
                SHORT_LABELS[Role(r["role"])],
                Result(r["result"]).label,
                wording.reason_text(r),
            )
            for r in evaluation.results
        ]
        return format_html(
            "<p>{} · {}</p><table><thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _badge(evaluation.verdict, evaluation.get_verdict_display()),
            _when(evaluation.created_at),
            _("Criterion"),
            _("Type"),
            _("The applicant"),
            _("Reason"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("May be eligible from"))
    def not_yet(self, obj):
        if obj.verdict != Verdict.NOT_YET_ELIGIBLE:
            return "—"
        when = date_format(obj.eligible_from) if obj.eligible_from else _("once a treatment is stopped")
        reminder = Reminder.objects.filter(application=obj).first()
        if reminder is None:
            return format_html("{} · {}", when, _("no reminder asked"))
        if reminder.sent_at:
            told = format_html(gettext("reminder e-mailed on {date}"), date=date_format(reminder.sent_at.date()))
        elif reminder.by_email:
            told = format_html(gettext("reminder by e-mail on {date}"), date=date_format(reminder.due_on))
        else:
            told = format_html(
                gettext("<strong>call the patient on {date}</strong> (reminder asked, no e-mail)"),
                date=date_format(reminder.due_on),
            )
        return format_html("{} · {}", when, told)

    @admin.display(description=_("Current evaluation"))
    def criteria_results(self, obj):
        evaluations = list(obj.evaluations.all())
        return self._results_table(evaluations[0]) if evaluations else "—"

    @admin.display(description=_("Earlier evaluations"))
    def earlier_evaluations(self, obj):
        earlier = list(obj.evaluations.all())[1:]
        if not earlier:
            return "—"
        return format_html_join(
            "",
            "<details><summary>{}</summary>{}</details>",
            ((f"{_when(e.created_at)} · {e.get_verdict_display()}", self._results_table(e)) for e in earlier),
        )

    @admin.display(description=_("Contact"))
    def contact_text(self, obj):
        c = obj.contact
        email = format_html('<a href="mailto:{}">{}</a>', c.email, c.email) if c.email else "—"
        return format_html(
            '<strong class="contact-name">{}</strong><br>{}: {}<br>{}: {}<br>{}: {} · {}: {}<br>{}: {}{}',
            c.full_name,
            _("Phone"),
            _tel(c.phone),
            _("E-mail"),
            email,
            _("Best time to call"),
            c.get_best_time_to_call_display(),
            _("Language"),
            obj.get_language_display(),
            _("Date of birth"),
            c.date_of_birth,
            format_html("<br>{}: {}", _("Parent or guardian"), c.guardian_name) if c.guardian_name else "",
        )

    @admin.display(description=_("First contact"))
    def first_contact_clock(self, obj):
        if obj.first_contact_at:
            return format_html(gettext("first attempt {when}"), when=_when(obj.first_contact_at))
        clock = calls.contact_clock(obj)
        return "—" if clock is None else _clock(clock)

    @admin.display(description=_("Attempts"))
    def attempts_text(self, obj):
        attempts = list(obj.contact_attempts.select_related("by"))
        rows = format_html_join(
            "",
            "<li>{} · {} · {}</li>",
            (
                (
                    _when(a.at),
                    # Attempts recorded before a reached patient's time was dropped may hold one.
                    words.attempt(channel=a.channel, outcome=a.outcome, next_contact_at=a.next_contact_at),
                    a.by.get_username(),
                )
                for a in attempts
            ),
        )
        offer = ""
        if calls.offer_unreachable(obj, [a.outcome for a in attempts]):
            offer = format_html(
                '<p class="unreachable-offer"><strong>{}</strong></p>',
                _(
                    "Several attempts in a row did not reach the patient: you may move the application to "
                    "“Unreachable” (with a reason), or keep trying."
                ),
            )
        return format_html("<ul>{}</ul>{}", rows, offer) if attempts else format_html("{}{}", _("none yet"), offer)

    @admin.display(description=_("Consents"))
    def consents_text(self, obj):
        rows = [
            (
                c.get_purpose_display(),
                c.version,
                _when(c.given_at),
                format_html(" — {} {:%Y-%m-%d}", _("withdrawn"), c.withdrawn_at) if c.withdrawn_at else "",
            )
            for c in obj.consents.all()
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{} ({}, {}){}</li>", rows))

    @admin.display(description=_("Erasure"))
    def erasure(self, obj):
        return format_html(
            '<a class="deletelink" href="{}">{}</a>',
            reverse("admin:recruitment_application_erase", args=[obj.pk]),
            _("Erase this applicant's data (at their request)"),
        )

    @admin.display(description=_("Notes"))
    def notes_text(self, obj):
        notes = [(n.author.get_username(), _when(n.created_at), n.text) for n in obj.notes.all()]
        if not notes:
            return "—"
        return format_html_join("", '<p><strong>{}</strong>, {}:<br><span class="note-text">{}</span></p>', notes)

    @admin.display(description=_("Audit trail"))
    def audit_trail(self, obj):
        # A reason typed by staff is a note (an erasure deletes it); the trail names it.
        typed = {note.pk: note.text for note in obj.notes.all()}
        rows = [
            (
                _when(e.created_at, "%Y-%m-%d %H:%M:%S"),
                e.shown_actor,
                e.get_action_display(),
                words.trail_change(e),
                words.trail_reason(e, typed),
            )
            for e in obj.audit_events.all()
        ]
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody>"
            "</table>",
            _("When"),
            _("Who"),
            _("What"),
            _("Old → new"),
            _("Reason"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    # --- Bulk actions -----------------------------------------------------------------------------
    @admin.action(description=_("Mark selected as contacted"))
    def mark_contacted(self, request, queryset):
        moved = 0
        for application in queryset.filter(status__in=[Status.NEW, Status.UNREACHABLE]):
            review.change_status(application, to=Status.CONTACTED, by=request.user)
            moved += 1
        skipped = queryset.count() - moved
        self.message_user(
            request,
            ngettext("%(n)d application marked contacted.", "%(n)d applications marked contacted.", moved)
            % {"n": moved},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d was skipped: only new or unreachable applications can be marked contacted.",
                    "%(n)d were skipped: only new or unreachable applications can be marked contacted.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Assign selected to a coordinator"))
    def assign_to_coordinator(self, request, queryset):
        from django.contrib.auth import get_user_model

        # Only coordinators who may see every selected application can be chosen: one condition
        # per distinct (site, trial) of the selection, however many applications it holds.
        candidates = get_user_model().objects.filter(is_active=True, is_staff=True)
        for site_id, trial_id in queryset.order_by().values_list("site_id", "trial_id").distinct():
            stand_in = Application(site_id=site_id, trial_id=trial_id)
            candidates = candidates.filter(pk__in=coordinators_for(stand_in).values("pk"))
        form = AssignForm(request.POST if "apply" in request.POST else None, coordinators=candidates)
        if form.is_valid():
            coordinator = form.cleaned_data["coordinator"]
            count = 0
            for application in queryset:
                review.assign(application, to=coordinator, by=request.user)
                count += 1
            self.message_user(
                request,
                ngettext(
                    "Recorded: %(n)d application assigned to %(user)s.",
                    "Recorded: %(n)d applications assigned to %(user)s.",
                    count,
                )
                % {"n": count, "user": coordinator.get_username()},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Assign applications"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/recruitment/assign.html", context)

    @admin.action(description=_("Export selected as CSV (with contact details; recorded)"))
    def export_csv(self, request, queryset):
        applications = queryset.order_by()
        references = list(applications.values_list("pk", flat=True))
        label = actor_label(request.user)
        log_actions(
            AuditEvent(
                application_id=pk,
                actor=request.user,
                actor_label=label,
                action=AuditAction.EXPORTED,
                details={"format": "csv", "with_contact_details": True, "rows": len(references)},
            )
            for pk in references
        )
        exporter = ApplicationExporter(Application.objects.filter(pk__in=references), contact=Contact.ALL)
        return csv_response(exporter, filename=export_filename("applications"))

    def _say_what_changed(self, request, application, *, before, evaluation):
        """The re-evaluation's outcome in the coordinator's words: the verdict, and each criterion
        whose result changed, with why."""
        results: dict[str | None, object] = {None: _("not checked"), **dict(Result.choices)}
        verdict = Verdict(application.verdict).label
        if not evaluation.changes and before == application.verdict:
            self.message_user(
                request,
                format_html(
                    gettext("{reference}: unchanged, {verdict}."), reference=application.reference, verdict=verdict
                ),
            )
            return
        lines = format_html_join(
            "",
            "<li>{}: {} → {} ({})</li>",
            (
                (
                    wording.criterion_text(change),
                    results[change["was"]],
                    results[change["now"]],
                    wording.reason_text(change) or "—",
                )
                for change in evaluation.changes
            ),
        )
        self.message_user(
            request,
            format_html(
                gettext("{reference}: {before} → {verdict}. What changed: <ul>{lines}</ul>"),
                reference=application.reference,
                before=Verdict(before).label,
                verdict=verdict,
                lines=lines or format_html("<li>{}</li>", _("the date")),
            ),
        )

    @admin.action(description=_("Re-evaluate selected against current criteria"))
    def reevaluate_selected(self, request, queryset):
        count = 0
        for application in queryset.select_related("trial", *_answers()).prefetch_related("treatments"):
            before = application.verdict
            self._say_what_changed(
                request, application, before=before, evaluation=review.reevaluate(application, by=request.user)
            )
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d application re-evaluated.", "%(n)d applications re-evaluated.", count) % {"n": count},
        )
