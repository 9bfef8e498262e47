"""The consent texts patients agree to. Change a text -> change CONSENT_VERSION: each stored
consent names the version its holder read."""

from django.utils.translation import gettext_lazy as _

from recruitment.models import ConsentPurpose

CONSENT_VERSION = "2026-11-v2"

CONSENT_TEXTS = {
    ConsentPurpose.HEALTH_DATA: _(
        "I agree that the health information I give here is used to check whether I may be eligible "
        "for this trial, and to show me other recruiting trials it may fit. The study team of the "
        "trial's sites sees it with my name; the company running the trial (the sponsor) may receive my "
        "answers without my name or contact details. It is deleted if I withdraw my consent."
    ),
    ConsentPurpose.CONTACT: _(
        "I agree that a study coordinator of the trial's site contacts me by phone or e-mail about this trial."
    ),
    ConsentPurpose.SHARE_WITH_SPONSOR: _(
        "Optional: I agree that my name and contact details are shared with the company that runs the "
        "trial (the sponsor). Without this, the sponsor sees only my answers without my name."
    ),
    ConsentPurpose.GUARDIAN: _(
        "For applicants under 18: I am the applicant's parent or legal guardian, I have read this page "
        "with them and I agree to the above on their behalf."
    ),
}

# Asked on the confirmation page of a "not yet eligible" verdict, apart from the others.
REMINDER_TEXT = _(
    "Optional: remind me on the day I may be eligible, by e-mail if I gave one, or by a call from the study "
    "team, with a link to check my answers again. My answers are kept until then."
)

REQUIRED_CONSENTS = (ConsentPurpose.HEALTH_DATA, ConsentPurpose.CONTACT)
