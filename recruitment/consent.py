"""The consent texts patients agree to, and their versions.

A consent's version is worked out from its text in every language the portal speaks: change a
word of it (in English or in a translation) and the consents given from then on name a new
version; those given before keep the version their holder read.
"""

import functools
import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from recruitment.labels import Label
from recruitment.models import ConsentPurpose

CONSENT_TEXTS: dict[str, Label] = {
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
    # Asked on the confirmation page of a "not yet eligible" verdict, apart from the others.
    ConsentPurpose.REMINDER: _(
        "Optional: remind me on the day I may be eligible, by e-mail if I gave one, or by a call from the study "
        "team, with a link to check my answers again. My answers are kept until then."
    ),
    # PIPL art. 39: the recipient abroad is named; filled in by `transfer_text`.
    ConsentPurpose.TRANSFER_ABROAD: _(
        "Optional: I agree that my answers, without my name (and my contact details too, if I agreed to share "
        "them), are sent to the sponsor %(sponsor)s in %(country)s, outside my country, to follow this "
        "trial's recruitment. Without this, they stay with the study sites here."
    ),
}
REMINDER_TEXT = CONSENT_TEXTS[ConsentPurpose.REMINDER]

# The same consents in a parent's words, when a parent answers for a child (recruitment.respondent):
# whose answers, whose name, who is called must be beyond doubt in the text the parent agrees to.
# The reminder is asked on the confirmation page, in the patient's words.
CHILD_CONSENT_TEXTS: dict[str, Label] = {
    ConsentPurpose.HEALTH_DATA: _(
        "I agree that the health information I give here about my child is used to check whether my child may "
        "be eligible for this trial, and to show other recruiting trials it may fit. The study team of the "
        "trial's sites sees it with my child's name and mine; the company running the trial (the sponsor) may "
        "receive the answers without our names or contact details. It is deleted if I withdraw my consent."
    ),
    ConsentPurpose.CONTACT: _(
        "I agree that a study coordinator of the trial's site contacts me, the parent or guardian, by phone or "
        "e-mail about my child and this trial."
    ),
    ConsentPurpose.SHARE_WITH_SPONSOR: _(
        "Optional: I agree that my child's name and my contact details are shared with the company that runs "
        "the trial (the sponsor). Without this, the sponsor sees only the answers without our names."
    ),
    ConsentPurpose.GUARDIAN: _(
        "I am my child's parent or legal guardian, I have read this page with my child and I agree to the "
        "above on my child's behalf."
    ),
    ConsentPurpose.TRANSFER_ABROAD: _(
        "Optional: I agree that the answers about my child, without our names (and my contact details too, if "
        "I agreed to share them), are sent to the sponsor %(sponsor)s in %(country)s, outside our country, to "
        "follow this trial's recruitment. Without this, they stay with the study sites here."
    ),
}

REQUIRED_CONSENTS = (ConsentPurpose.HEALTH_DATA, ConsentPurpose.CONTACT)
# What a patient can withdraw on its own, keeping the application: the others are what the
# pre-screening is (withdrawing them is withdrawing from it, or asking for erasure).
OPTIONAL_CONSENTS = (ConsentPurpose.SHARE_WITH_SPONSOR, ConsentPurpose.TRANSFER_ABROAD, ConsentPurpose.REMINDER)


def givable_later(trial) -> tuple[str, ...]:
    """The optional consents a patient can give (again) on "my application". Not the reminder: it
    is asked with its date, on the confirmation page of a "not yet" verdict."""
    if transfer_needed(trial):
        return (ConsentPurpose.SHARE_WITH_SPONSOR, ConsentPurpose.TRANSFER_ABROAD)
    return (ConsentPurpose.SHARE_WITH_SPONSOR,)


@functools.cache
def version_of(purpose: str) -> str:
    """The version of a consent's text: a digest of its words in every language."""
    digest = hashlib.sha256()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            # Both voices: a consent's version names the words the patient's parent read too.
            for texts in (CONSENT_TEXTS, CHILD_CONSENT_TEXTS):
                digest.update(str(texts.get(purpose, "")).encode())
                digest.update(b"\0")
    return f"v-{digest.hexdigest()[:10]}"


def transfer_needed(trial) -> bool:
    """Whether the trial's sponsor receives data from abroad (SponsorOrganisation.country)."""
    return bool(trial.sponsor.country)


def _texts(for_child: bool) -> dict[str, Label]:
    return {**CONSENT_TEXTS, **CHILD_CONSENT_TEXTS} if for_child else CONSENT_TEXTS


def consent_label(purpose: str, *, for_child: bool = False) -> Label:
    """A consent's words as the questionnaire shows them, in the patient's or a parent's voice."""
    return _texts(for_child)[purpose]


def transfer_text(trial, *, for_child: bool = False) -> str:
    return _texts(for_child)[ConsentPurpose.TRANSFER_ABROAD] % {
        "sponsor": trial.sponsor.patient_name,
        "country": _(trial.sponsor.country),
    }


def text_of(purpose: str, trial, *, for_child: bool = False) -> str:
    """The words of a consent as the patient (or their parent) read them for `trial`, in the
    active language."""
    if purpose == ConsentPurpose.TRANSFER_ABROAD:
        return transfer_text(trial, for_child=for_child)
    return str(_texts(for_child)[purpose])
