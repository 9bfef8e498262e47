"""Start-up checks of what the law asks of a running portal (PIPL art. 17: who processes the data
and how to reach them must be told before it is collected)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning
from django.db import DatabaseError

from recruitment.contact_keys import reaches_someone


@register(deploy=True)
def operator_named(app_configs, **kwargs):
    problems = []
    if not settings.PORTAL_OPERATOR.strip():
        problems.append(
            CheckWarning(
                "PORTAL_OPERATOR is empty: the privacy notice and every footer say that nobody runs this portal.",
                hint="Set PORTAL_OPERATOR to the organisation that runs it, and PORTAL_CONTACT_EMAIL to its privacy "
                "contact.",
                id="recruitment.W001",
            )
        )
    if not reaches_someone(settings.PORTAL_CONTACT_EMAIL):
        problems.append(
            CheckWarning(
                f"PORTAL_CONTACT_EMAIL={settings.PORTAL_CONTACT_EMAIL!r} reaches nobody: patients write there to use "
                "their rights.",
                hint="Set PORTAL_CONTACT_EMAIL to a monitored address.",
                id="recruitment.W002",
            )
        )
    problems += _alibaba_ready()
    for variable, value in (("EMAIL_BACKEND", settings.EMAIL_BACKEND), ("SMS_BACKEND", settings.SMS_BACKEND)):
        if value.rsplit(".", 2)[-2] in ("console", "locmem", "dummy"):
            problems.append(
                CheckWarning(
                    f"{variable}={value!r} sends nothing: patients' confirmations and one-time codes (and the "
                    "coordinators' notices) would only be printed or kept in memory.",
                    hint=f"Set {variable} to a real provider's backend.",
                    id="recruitment.W003",
                )
            )
    return problems


def _alibaba_ready() -> list:
    """Alibaba Cloud SMS sends only templates filed in advance: a message without one, or an
    account without its keys, would fail every patient's text, found only in the outbox."""
    from recruitment.sms_gateways import ALIBABA, TEMPLATE_MESSAGES

    if ALIBABA not in (settings.SMS_BACKEND, *settings.SMS_ROUTES.values()):
        return []
    missing = [
        name
        for name in ("ALIBABA_SMS_ACCESS_KEY_ID", "ALIBABA_SMS_ACCESS_KEY_SECRET", "ALIBABA_SMS_SIGN_NAME")
        if not getattr(settings, name)
    ]
    missing += [
        f"ALIBABA_SMS_TEMPLATES[{kind!r}]['zh-hans']"
        for kind in TEMPLATE_MESSAGES
        if not settings.ALIBABA_SMS_TEMPLATES.get(kind, {}).get("zh-hans")
    ]
    if not missing:
        return []
    return [
        CheckWarning(
            f"Text messages go through Alibaba Cloud SMS, which lacks: {', '.join(missing)}.",
            hint="Set the account's keys and signature, and an approved template code for each message.",
            id="recruitment.W004",
        )
    ]


@register(Tags.database, deploy=True)
def sites_tell_patients_how_to_reach_them(app_configs, databases=None, **kwargs):
    """A site open for sign-up without a phone or e-mail of its own sends its patients to the
    portal's desk. Reads the database: only with `check --deploy --database default`."""
    if not databases:
        return []
    from trials.models import Site, trial_open_for_signup_q

    try:
        silent = list(
            Site.objects.open_for_signup()
            .filter(trial_open_for_signup_q("trial__"), contact_phone="", contact_email="")
            .select_related("trial")
            .order_by("trial__acronym", "pk")[:6]
        )
    except DatabaseError:  # not migrated yet: the migration check says so
        return []
    if not silent:
        return []
    named = "; ".join(f"{site.trial.acronym}: {site.facility}" for site in silent[:5])
    return [
        CheckWarning(
            f"Sites open for sign-up give patients no phone or e-mail of their own ({named}"
            f"{', …' if len(silent) > 5 else ''}): their patients are sent to PORTAL_CONTACT_EMAIL.",
            hint="Set each site's study team phone or e-mail for patients in admin (Trials › Sites).",
            id="recruitment.W005",
        )
    ]


@register()
def conditions_do_not_clash(app_configs, **kwargs):
    """Conditions share one namespace of codes: a kind of criterion, a treatment or an answers row
    of one condition named as another's (or the core's) would silently take its place."""
    from django.core.checks import Error

    from recruitment.conditions import installed
    from recruitment.screening import core_kinds
    from recruitment.screening.treatments import Treatment

    owners: dict[tuple[str, str], str] = {}
    for kind in core_kinds.KINDS:
        owners[("kind of criterion", kind.code)] = "the core"
    for code in Treatment.values:
        owners[("treatment", code)] = "the core"
    problems = []
    for condition in installed():
        names = [("condition", condition.code), ("answers", condition.answers_name)]
        names += [("kind of criterion", kind.code) for kind in condition.kinds]
        if condition.own_treatments is not None:
            names += [("treatment", code) for code in condition.own_treatments.values]
        for what, code in names:
            owner = owners.setdefault((what, code), condition.code)
            if owner != condition.code:
                problems.append(
                    Error(
                        f"The {what} {code!r} of condition {condition.code!r} is also {owner}'s.",
                        hint="Give it a code of its own.",
                        id="recruitment.E001",
                    )
                )
    return problems
