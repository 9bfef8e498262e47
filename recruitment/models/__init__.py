from recruitment.models.applications import (
    AlopeciaAnswers,
    Application,
    BestTime,
    ConsentPurpose,
    ConsentRecord,
    ContactDetails,
    Evaluation,
    Sex,
    TreatmentUse,
)
from recruitment.models.notifications import Notification, NotificationKind, NotificationStatus
from recruitment.models.review import AuditAction, AuditEvent, Note
from recruitment.models.staff import StaffPreference, email_language_of
from recruitment.models.throttle import SignupCounter

__all__ = [
    "AlopeciaAnswers",
    "Application",
    "AuditAction",
    "AuditEvent",
    "BestTime",
    "ConsentPurpose",
    "ConsentRecord",
    "ContactDetails",
    "Evaluation",
    "Note",
    "Notification",
    "NotificationKind",
    "NotificationStatus",
    "Sex",
    "SignupCounter",
    "StaffPreference",
    "TreatmentUse",
    "email_language_of",
]
