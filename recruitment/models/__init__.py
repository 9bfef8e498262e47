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

__all__ = [
    "AlopeciaAnswers",
    "Application",
    "BestTime",
    "ConsentPurpose",
    "ConsentRecord",
    "ContactDetails",
    "Evaluation",
    "Sex",
    "TreatmentUse",
]
