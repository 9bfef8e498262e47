"""A stored evaluation's words in the reader's language: the patient's on their confirmation page,
the coordinator's in admin and in e-mails. One stored evaluation, read in any language."""

from django.utils.translation import get_language, gettext, gettext_noop

from recruitment.conditions import installed
from recruitment.language import join_list
from recruitment.screening.treatments import History, YesNoUnsure, treatment_label

# Reason values that are codes, and the choices that name them in the reader's language: these
# shared ones, and each installed condition's.
SHARED_CODED_ARGS = {"treatments": treatment_label, "answer": YesNoUnsure, "history": History}


def coded_args() -> dict:
    coded = dict(SHARED_CODED_ARGS)
    for condition in installed():
        coded.update(condition.coded_args)
    return coded


_SEX = {"FEMALE": gettext_noop("female"), "MALE": gettext_noop("male")}


def _label(choices, code) -> str:
    if not isinstance(choices, type):  # a function naming an open vocabulary's codes
        return str(choices(code))
    try:
        return str(choices(code).label)
    except ValueError:  # a code a later version no longer has: shown as stored
        return str(code)


def _value(name, value):
    if isinstance(value, dict) and "template" in value:
        return reason_text({"reason_i18n": value})
    coded = coded_args()
    if name in coded:
        codes = value if isinstance(value, list) else [value]
        return join_list(_label(coded[name], code) for code in codes)
    if name == "sex":
        return gettext(_SEX.get(value, value))
    if name == "score":
        return gettext(value)
    return value


def reason_text(result: dict) -> str:
    """The reason of one stored criterion result, in the active language. Evaluations stored
    before reasons were kept translatable show their English words."""
    reason = result.get("reason_i18n")
    if not reason:
        return result.get("reason", "")
    args = {name: _value(name, value) for name, value in (reason.get("args") or {}).items()}
    template = gettext(reason["template"])
    return template % args if args else template


def criterion_text(result: dict) -> str:
    """A criterion's words for patients from an evaluation snapshot, in the active language when
    it has them (the English otherwise)."""
    return (result.get("translations") or {}).get(get_language(), result.get("patient_text", ""))


def has_translation(result: dict) -> bool:
    language = get_language()
    return language == "en" or bool((result.get("translations") or {}).get(language))
