"""An application: screening answers, kept apart from the contact details that identify a person.

Screening data (Application, each condition's answers, TreatmentUse, Evaluation) carries no name, phone,
e-mail or date of birth, so no view or export of screening data can leak them by accident;
those live in ContactDetails only. Each condition's own answers live in its own one-to-one table
(recruitment.conditions), so a condition adds a table, not columns here.
"""

import secrets
import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recruitment.pipeline import Status
from recruitment.respondent import Respondent
from recruitment.screening.eligibility import Verdict
from recruitment.screening.treatments import ANY_JAK, Course, LastUse, YesNoUnsure, treatment_label, validate_treatment

# Read over the phone: no 0/O, 1/I/L, U; 30 symbols ** 8 = 6.5e11 codes, not guessable.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def normalise_reference(value: str) -> str:
    compact = "".join(ch for ch in unicodedata.normalize("NFKC", value).upper() if ch.isalnum())
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else value.upper()


class Sex(models.TextChoices):
    FEMALE = "FEMALE", _("Female")
    MALE = "MALE", _("Male")
    UNDISCLOSED = "UNDISCLOSED", _("Prefer not to say")


class Application(models.Model):
    reference = models.CharField(_("reference"), max_length=9, unique=True, default=new_reference, editable=False)
    # What coordinators' e-mails link to (recruitment.admin: open/<id>/): a mailbox keeps no
    # sequential number that counts the applicants or names the next one.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # trial, site and campaign lead the "recent" indexes below, which serve their lookups too: a
    # single-column index each would only cost every submission three more index writes.
    trial = models.ForeignKey(
        "trials.Trial",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("trial"),
        db_index=False,
    )
    site = models.ForeignKey(
        "trials.Site",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("preferred site"),
        db_index=False,
    )
    campaign = models.ForeignKey(
        "trials.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("campaign"),
        db_index=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES)
    # Who answered: the study team calls a parent, not the child, about a child's application.
    respondent = models.CharField(
        _("answered by"), max_length=8, choices=Respondent.choices, default=Respondent.PATIENT, editable=False
    )

    # Empty once erased (recruitment.services.erasure): the row is then the pre-screening log's.
    age_years = models.PositiveSmallIntegerField(_("age at submission"), null=True, blank=True)
    sex = models.CharField(_("sex at birth"), max_length=12, choices=Sex.choices, blank=True)
    pregnant = models.BooleanField(_("pregnant"), null=True, blank=True)
    breastfeeding = models.BooleanField(_("breastfeeding"), null=True, blank=True)
    planning_pregnancy = models.BooleanField(_("planning pregnancy"), null=True, blank=True)

    diagnosed = models.CharField(_("diagnosed by a doctor"), max_length=6, choices=YesNoUnsure.choices, blank=True)
    # recruitment.screening.treatments.History the patient has had; None: they chose not to answer
    # (the questions are optional). A checklist for the call, excluding only where a criterion says.
    health_history = models.JSONField(_("health history (optional answers)"), null=True, blank=True)
    # The items the question listed then (None: the first six, before more were added): one not
    # asked is not known, never read as "no".
    health_history_asked = models.JSONField(_("health history items asked"), null=True, blank=True, editable=False)

    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    # For "not yet eligible": the day from which the patient may be eligible, when time alone
    # stands in the way and the answers give the date.
    eligible_from = models.DateField(_("may be eligible from"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("assigned to"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("possible duplicate of"),
    )
    # The first-contact clock (recruitment.services.calls): when the site's target for a first
    # contact attempt runs out, in working hours from submission; when the first attempt was made;
    # when the site's lead was told the target was missed; and the next call agreed or planned.
    first_contact_due = models.DateTimeField(_("first contact due"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact attempt"), null=True, blank=True)
    first_contact_breach_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_contact_at = models.DateTimeField(_("next contact"), null=True, blank=True)
    # Set when the patient's data is erased: what is left is a GCP pre-screening log entry (trial,
    # site, date, verdict and the criteria behind it), which identifies nobody.
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            (
                "receive_consented_contact_details",
                _(
                    "Can receive, in sponsor exports, the contact details of "
                    "applicants who agreed to share them with the sponsor"
                ),
            ),
            ("erase_application", _("Can erase an applicant's personal data at their request")),
        ]
        # The coordinators' list filters on these and always sorts newest first.
        indexes = [
            models.Index(fields=["trial", "-submitted_at"], name="application_trial_recent"),
            models.Index(fields=["site", "-submitted_at"], name="application_site_recent"),
            models.Index(fields=["status", "-submitted_at"], name="application_status_recent"),
            models.Index(fields=["verdict", "-submitted_at"], name="application_verdict_recent"),
            models.Index(fields=["campaign", "-submitted_at"], name="application_campaign_recent"),
            # The breach sweep: applications still waiting for a first attempt, by deadline.
            models.Index(
                fields=["first_contact_due"],
                name="application_first_contact_open",
                condition=Q(first_contact_at__isnull=True, first_contact_breach_notified_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(age_years__lte=120), name="application_age_plausible"),
            # Only an erased application has lost its answers.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | (Q(age_years__isnull=False) & ~Q(sex="") & ~Q(diagnosed="")),
                name="application_answers_until_erased",
            ),
            models.CheckConstraint(condition=~Q(reference=""), name="application_reference_present"),
            models.CheckConstraint(condition=Q(sex__in=[*Sex.values, ""]), name="application_sex_valid"),
            models.CheckConstraint(
                condition=Q(diagnosed__in=[*YesNoUnsure.values, ""]), name="application_diagnosed_valid"
            ),
            models.CheckConstraint(condition=Q(verdict__in=Verdict.values), name="application_verdict_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="application_status_valid"),
            # The pregnancy answers come together or not at all: not asked of men, nor of girls
            # under PORTAL_PREGNANCY_FROM_AGE (a setting, which the form applies), nor once erased.
            models.CheckConstraint(
                condition=Q(pregnant__isnull=False, breastfeeding__isnull=False, planning_pregnancy__isnull=False)
                | Q(pregnant=None, breastfeeding=None, planning_pregnancy=None),
                name="application_pregnancy_answered_together",
            ),
            models.CheckConstraint(
                condition=~Q(sex="MALE")
                | Q(pregnant__isnull=True, breastfeeding__isnull=True, planning_pregnancy__isnull=True),
                name="application_pregnancy_only_if_not_male",
            ),
        ]

    def __str__(self):
        return self.reference


class TreatmentUse(models.Model):
    """A treatment the applicant has used (treatments never used have no row)."""

    # The unique (application, treatment) index serves lookups by application.
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="treatments", db_index=False)
    treatment = models.CharField(_("treatment"), max_length=30, validators=[validate_treatment])
    last_use = models.CharField(_("last used"), max_length=8, choices=LastUse.choices)
    # Asked for JAK inhibitors: did it help (hair regrew, colour returned)?
    response = models.CharField(_("it helped"), max_length=6, choices=YesNoUnsure.choices, blank=True)
    course = models.CharField(_("taken for"), max_length=8, choices=Course.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("treatment used")
        verbose_name_plural = _("treatments used")
        constraints = [
            models.UniqueConstraint(fields=["application", "treatment"], name="treatment_once_per_application"),
            models.CheckConstraint(
                condition=Q(response="") | Q(treatment__in=sorted(ANY_JAK)),
                name="treatment_response_only_for_jak",
            ),
        ]

    def __str__(self):
        return f"{treatment_label(self.treatment)}: {self.get_last_use_display()}"


class BestTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class ContactDetails(models.Model):
    """Who the applicant is and how to reach them: personal data, kept out of screening data."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, primary_key=True, related_name="contact")
    full_name = models.CharField(_("name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Normalised copies for finding duplicates: digits of the phone, lower-case e-mail.
    phone_key = models.CharField(max_length=40, blank=True, editable=False)
    email_key = models.CharField(max_length=254, blank=True, editable=False)
    best_time_to_call = models.CharField(
        _("best time to call"), max_length=10, choices=BestTime.choices, default=BestTime.ANY
    )
    guardian_name = models.CharField(_("parent or guardian"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        # Exact lookups only (duplicates, admin search): no second, pattern-matching index each.
        indexes = [
            models.Index(fields=["phone_key"], name="contact_phone_key"),
            models.Index(fields=["email_key"], name="contact_email_key"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(phone="") | ~Q(email=""), name="contact_phone_or_email"),
            models.CheckConstraint(condition=~Q(full_name=""), name="contact_name_present"),
        ]

    def __str__(self):
        return self.full_name


class ConsentPurpose(models.TextChoices):
    HEALTH_DATA = "health_data", _("Processing of health data for pre-screening")
    CONTACT = "contact", _("Contact by the site's study coordinator")
    SHARE_WITH_SPONSOR = "share_with_sponsor", _("Sharing contact details with the sponsor")
    GUARDIAN = "guardian", _("Parent or guardian's agreement for a minor")
    REMINDER = "reminder", _("A reminder on the day the patient may be eligible")
    TRANSFER_ABROAD = "transfer_abroad", _("Sending answers to the sponsor abroad")


class ConsentRecord(models.Model):
    """One consent in the ledger: given to one text (its version, in one language) and, maybe,
    withdrawn. Given again after a withdrawal, it is a new row."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.CharField(_("consent text version"), max_length=20)
    language = models.CharField(_("language of the text shown"), max_length=10, default="en")
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "purpose"],
                condition=Q(withdrawn_at=None),
                name="consent_in_force_once_per_purpose",
            ),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.version})"


class Evaluation(models.Model):
    """The result of checking an application against its trial's criteria at one moment.

    `results` holds each criterion as it was then (kind, parameters, words) with its result and
    reason, so editing the trial's criteria later never rewrites a past verdict.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evaluations")
    created_at = models.DateTimeField(_("evaluated"), default=timezone.now)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    results = models.JSONField(_("criteria and results"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # What differs from the evaluation before, when services.review made it; never stored.
    changes: list[dict]

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.get_verdict_display()} ({self.created_at:%Y-%m-%d %H:%M})"
