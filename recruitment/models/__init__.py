from recruitment.models.applications import (
    Application,
    BestTime,
    ConsentPurpose,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    Sex,
    TreatmentUse,
)
from recruitment.models.calls import FAILED_OUTCOMES, AttemptChannel, AttemptOutcome, ContactAttempt
from recruitment.models.notifications import Channel, Notification, NotificationKind, NotificationStatus
from recruitment.models.patient_access import AccessCode
from recruitment.models.reminders import Reminder
from recruitment.models.review import READ_ACTIONS, AuditAction, AuditEvent, AuditSeal, Note
from recruitment.models.staff import EnrolmentLink, StaffPreference, email_language_of
from recruitment.models.throttle import SignupCounter

__all__ = [
    "AttemptChannel",
    "AttemptOutcome",
    "ContactAttempt",
    "FAILED_OUTCOMES",
    "AccessCode",
    "Channel",
    "READ_ACTIONS",
    "Application",
    "AuditAction",
    "AuditEvent",
    "AuditSeal",
    "BestTime",
    "ConsentPurpose",
    "ConsentRecord",
    "ContactDetails",
    "Evaluation",
    "Note",
    "Notification",
    "Reminder",
    "NotificationKind",
    "NotificationStatus",
    "Sex",
    "SignupCounter",
    "EnrolmentLink",
    "StaffPreference",
    "TreatmentUse",
    "email_language_of",
]
