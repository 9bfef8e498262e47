"""Patients keep control of their application: a confirmation, "my application" on any phone with
a one-time code, withdrawal, erasure that leaves nothing identifying, the retention period, the
consent ledger, a shared phone that forgets, the privacy notice, and audited reads."""

import datetime
import json
import re

import pytest
import sms
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from recruitment.consent import CONSENT_TEXTS, version_of
from recruitment.models import (
    AccessCode,
    Application,
    AuditAction,
    AuditEvent,
    ConsentPurpose,
    ConsentRecord,
    ContactDetails,
    Notification,
    NotificationKind,
    NotificationStatus,
)
from recruitment.pipeline import Status
from recruitment.services import erasure, patient_rights, review
from tests.browser.latin import latin_words
from tests.factories import make_application, make_coordinator, make_site, make_sponsor, make_trial, screening_post
from tests.test_sponsor import rows_of

# Transactions commit as in production, so the outbox's messages go out on commit, in-process.
pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+86 138 0013 8000"
HEALTH_WORDS = (
    "BRAVE",
    "Baricitinib",
    "baricitinib",
    "lopecia",
    "斑秃",
    "脱发",
    "头发",
    "SALT",
    "eligible",
    "符合条件",
    "白癜风",
    "vitiligo",
)


class BrokenSmsBackend:
    """A provider that is down: every send fails."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMS provider unreachable")


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    sms.outbox = []


@pytest.fixture
def trial():
    trial = make_trial(
        slug="brave-aa1",
        acronym="BRAVE-AA1",
        drug="Baricitinib",
        title="A study of baricitinib in severe alopecia areata",
    )
    return trial


@pytest.fixture
def site(trial):
    return make_site(
        trial,
        facility="Peking Union Medical College Hospital",
        city_zh_hans="北京",
        country_zh_hans="中国",
        contact_phone="+86 10 6915 0000",
        contact_email="aa-study@pumch.example",
    )


def apply(client, trial, **answers):
    response = client.post(f"/en/trials/{trial.slug}/apply/", screening_post(**answers))
    assert response.status_code == 302, response.content.decode()[:500]
    return Application.objects.order_by("-pk").first()


def last_code(outbox_text: str) -> str:
    return re.search(r"\b(\d{6})\b", outbox_text).group(1)


def open_my_application(client, reference, address, *, language="en"):
    """Ask for a code on a phone that never saw the application, type it: the opened page."""
    asked = client.post(f"/{language}/my/", {"reference": reference, "address": address})
    assert asked.status_code == 302 and asked["Location"] == f"/{language}/my/code/"
    sent = sms.outbox[-1].body if "@" not in address else mail.outbox[-1].body
    opened = client.post(f"/{language}/my/code/", {"code": last_code(sent)})
    assert opened.status_code == 302 and opened["Location"] == f"/{language}/my/application/"
    return client.get(f"/{language}/my/application/")


# --- The confirmation ----------------------------------------------------------------------------


def test_the_patient_is_sent_a_confirmation_by_email_and_sms_in_their_language_without_health_data(client, trial, site):
    application = apply(client, trial, site=str(site.pk), email="fang@example.cn", language="zh-hans")
    confirmation = next(m for m in mail.outbox if m.to == ["fang@example.cn"])
    text = confirmation.subject + confirmation.body
    assert application.reference in text and "/zh-hans/my/?ref=" + application.reference in text
    assert "我们已收到您的申请" in text and "+86 10 6915 0000" in text  # the site's desk, in Chinese
    [message] = sms.outbox
    assert message.recipients == ["+8613800138000"] and application.reference in message.body
    assert "研究团队会给您打电话" in message.body
    for word in HEALTH_WORDS:
        assert word not in text and word not in message.body, word
    assert set(Notification.objects.filter(kind=NotificationKind.CONFIRMATION).values_list("status", flat=True)) == {
        NotificationStatus.SENT
    }


def test_a_failing_sms_provider_never_fails_the_submission_and_the_message_is_sent_later(client, trial, settings):
    from recruitment.services.notifications import deliver

    settings.SMS_BACKEND = "tests.test_patient_control.BrokenSmsBackend"
    application = apply(client, trial)
    notice = Notification.objects.get(application=application, kind=NotificationKind.CONFIRMATION)
    # Recorded by kind only: a provider's error message quotes the patient's number.
    assert notice.status == NotificationStatus.PENDING and notice.last_error == "ConnectionError"
    assert client.get("/en/trials/brave-aa1/apply/done/").status_code == 200  # the patient saw nothing of it

    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"  # the provider is back: the sweeper's retry
    assert deliver(notice.pk, max_attempts=5) == "sent"
    assert [m.recipients for m in sms.outbox] == [["+8613800138000"]]


# --- "My application" on another phone -----------------------------------------------------------


def test_on_another_phone_the_patient_opens_their_application_with_the_reference_and_a_code(client, trial, site):
    application = apply(client, trial, site=str(site.pk))
    sms.outbox = []
    other_phone = Client()
    page = open_my_application(other_phone, application.reference.replace("-", "").lower(), "138 0013 8000")
    body = page.content.decode()
    assert page.status_code == 200 and application.reference in body
    assert "The study team has not called you yet" in body and "Peking Union Medical College Hospital" in body
    assert "Processing of health data" not in body  # consents are shown in the words the patient read
    assert str(CONSENT_TEXTS[ConsentPurpose.HEALTH_DATA])[:40] in body
    assert "<script" not in body.split("</main>")[0].split("<main")[1]  # works without JavaScript
    assert AuditEvent.objects.filter(application=application, action=AuditAction.PATIENT_SIGNED_IN).exists()
    # The code was sent by SMS, saying nothing but the code.
    assert "如非本人操作" in sms.outbox[0].body and application.reference not in sms.outbox[0].body


def test_my_application_reads_in_chinese_with_no_english_left(trial, site):
    application = make_application(trial, site=site)
    page = open_my_application(Client(), application.reference, PHONE, language="zh-hans").content.decode()
    main = re.sub(r"<[^>]+>", " ", page.split("<main")[1].split(">", 1)[1].split("</main>")[0])
    for name in (application.reference, "Peking Union Medical College Hospital", trial.acronym):
        main = main.replace(name, "")
    main = re.sub(r"\S+@\S+|\+[\d ]+", " ", main)  # addresses and numbers
    assert "目前进展" in main
    assert latin_words(main) == [], latin_words(main)


def test_a_wrong_reference_or_address_gets_the_same_answer_as_a_right_one_and_no_code(client, trial):
    application = make_application(trial)
    sms.outbox = []
    answers = []
    for reference, address in [
        (application.reference, PHONE),
        ("ZZZZ-ZZZZ", PHONE),
        (application.reference, "+86 139 9999 9999"),
    ]:
        browser = Client()
        asked = browser.post("/en/my/", {"reference": reference, "address": address})
        page = browser.get(asked["Location"]).content.decode()
        answers.append(
            (asked.status_code, asked["Location"], re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
        )
    assert answers[0] == answers[1] == answers[2]
    assert len(sms.outbox) == 1  # only the right pair sends a code
    assert Client().post("/en/my/code/", {"code": "123456"}).status_code == 302  # no code asked: back to the start


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def test_a_code_opens_once_within_its_minutes_and_a_few_wrong_tries_spend_it(trial):
    application = make_application(trial)
    sms.outbox = []
    browser = Client()
    browser.post("/en/my/", {"reference": application.reference, "address": PHONE})
    code = last_code(sms.outbox[-1].body)
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(5):
        refused = browser.post("/en/my/code/", {"code": wrong})
        assert refused.status_code == 400 and "not right, or it has expired" in refused.content.decode()
    assert browser.post("/en/my/code/", {"code": code}).status_code == 400  # spent by the wrong tries

    browser.post("/en/my/", {"reference": application.reference, "address": PHONE})
    code = last_code(sms.outbox[-1].body)
    AccessCode.objects.filter(used_at=None).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert browser.post("/en/my/code/", {"code": code}).status_code == 400  # expired

    browser.post("/en/my/", {"reference": application.reference, "address": PHONE})
    code = last_code(sms.outbox[-1].body)
    assert browser.post("/en/my/code/", {"code": code}).status_code == 302
    assert browser.post("/en/my/", {"reference": application.reference, "address": PHONE}).status_code == 302
    assert AccessCode.objects.filter(application=application).count() == 3  # a fourth is over the hour's limit
    assert "code" not in Notification.objects.filter(kind=NotificationKind.ACCESS_CODE).first().payload


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def test_codes_asked_for_from_one_address_are_limited(trial, settings):
    settings.ACCESS_CODE_RATE_LIMIT = "4/h"
    applications = [make_application(trial, phone=f"+86 139 0000 00{n:02d}") for n in range(6)]
    sms.outbox = []
    browser = Client()
    for n, application in enumerate(applications):
        browser.post("/en/my/", {"reference": application.reference, "address": f"+86 139 0000 00{n:02d}"})
    assert len(sms.outbox) == 4  # guessing pairs from one address soon stops


def test_a_new_phone_is_used_only_once_the_code_sent_to_it_is_typed_back_and_the_old_one_is_told(trial, settings):
    settings.PORTAL_CONTACT_EMAIL = "privacy@trials.example.org"  # the team's desk the notice names
    # Issue 27, item 2: whoever opened "my application" must not redirect its future codes.
    application = make_application(trial)
    browser = Client()
    open_my_application(browser, application.reference, PHONE)
    missing = browser.post("/en/my/application/contact/", {"phone": "", "email": "", "best_time_to_call": "any"})
    assert missing.status_code == 400 and "keep a phone number or an e-mail" in missing.content.decode()
    sms.outbox = []
    asked = browser.post(
        "/en/my/application/contact/", {"phone": "+86 139 1234 5678", "email": "", "best_time_to_call": "morning"}
    )
    assert asked.status_code == 302 and asked["Location"].endswith("#confirm-address")
    application.contact.refresh_from_db()
    assert application.contact.phone == PHONE  # not yet
    assert application.contact.best_time_to_call == "morning"  # the rest applies at once
    [check] = sms.outbox
    assert check.recipients == ["+8613912345678"]
    assert "+86 139 1234 5678" in browser.get("/en/my/application/").content.decode()  # "we sent a code to"

    wrong = browser.post("/en/my/application/contact/confirm/", {"code": "000000"})
    assert wrong.status_code == 400
    application.contact.refresh_from_db()
    assert application.contact.phone == PHONE
    confirmed = browser.post("/en/my/application/contact/confirm/", {"code": last_code(check.body)})
    assert confirmed.status_code == 302
    application.contact.refresh_from_db()
    assert application.contact.phone == "+86 139 1234 5678" and application.contact.phone_key == "+8613912345678"
    notice = sms.outbox[-1]
    assert notice.recipients == ["+8613800138000"] and "更改" in notice.body and "@" in notice.body
    for word in HEALTH_WORDS:
        assert word not in notice.body, word
    fields = [
        e.details["fields"]
        for e in AuditEvent.objects.filter(application=application, action=AuditAction.CONTACT_CORRECTED)
    ]
    assert fields == [["best_time_to_call"], ["phone"]]
    assert "1234" not in json.dumps(list(AuditEvent.objects.values_list("old_value", "new_value", "details")))


def test_a_new_email_is_confirmed_in_the_patients_language_and_the_old_one_is_told_naming_no_trial(client, trial):
    application = apply(client, trial, email="fang@example.cn", language="zh-hans")
    browser = Client()
    open_my_application(browser, application.reference, "fang@example.cn", language="zh-hans")
    mail.outbox.clear()
    browser.post("/en/my/application/contact/", {"phone": PHONE, "email": "new@example.cn", "best_time_to_call": "any"})
    [check] = mail.outbox
    assert check.to == ["new@example.cn"] and "验证码" in check.subject + check.body
    browser.post("/en/my/application/contact/confirm/", {"code": last_code(check.body)})
    application.contact.refresh_from_db()
    assert application.contact.email == "new@example.cn"
    [told] = [m for m in mail.outbox if m.to == ["fang@example.cn"]]
    assert "更改" in told.subject + told.body
    for word in HEALTH_WORDS:
        assert word not in told.subject + told.body, word


def test_codes_to_open_the_application_go_only_to_a_confirmed_address(trial):
    application = make_application(trial)
    browser = Client()
    open_my_application(browser, application.reference, PHONE)
    browser.post("/en/my/application/contact/", {"phone": "+86 139 1234 5678", "email": "", "best_time_to_call": "any"})
    sms.outbox = []
    Client().post("/en/my/", {"reference": application.reference, "address": "+86 139 1234 5678"})
    assert sms.outbox == []  # pending, not confirmed: no code goes there


def test_a_code_confirming_a_new_address_opens_nothing():
    from recruitment.services import patient_access

    application = make_application(make_trial())
    from recruitment.services import contact_changes

    access_id = contact_changes.send_address_check(application, field="phone", address="+86 139 1234 5678")
    code = last_code(sms.outbox[-1].body)
    assert patient_access.check_code("", code) is None and patient_access.check_code(str(access_id), code) is None


def test_both_addresses_change_one_at_a_time_and_the_only_confirmed_one_stays_until_the_new_one_is(trial):
    application = make_application(trial, email="fang@example.cn")
    browser = Client()
    open_my_application(browser, application.reference, PHONE)
    both = browser.post(
        "/en/my/application/contact/",
        {"phone": "+86 139 1234 5678", "email": "new@example.cn", "best_time_to_call": "any"},
    )
    assert both.status_code == 400 and "one address at a time" in both.content.decode()
    only_phone = make_application(trial, phone="+86 137 0000 0000", email="")
    other = Client()
    open_my_application(other, only_phone.reference, "+86 137 0000 0000")
    swap = other.post(
        "/en/my/application/contact/", {"phone": "", "email": "new@example.cn", "best_time_to_call": "any"}
    )
    assert swap.status_code == 400 and "confirm the new address first" in swap.content.decode()
    only_phone.contact.refresh_from_db()
    assert only_phone.contact.phone == "+86 137 0000 0000"


def test_the_patient_withdraws_an_optional_consent_then_withdraws_from_the_prescreening(trial):
    application = make_application(trial, consent_share_with_sponsor="on")
    browser = Client()
    page = open_my_application(browser, application.reference, PHONE).content.decode()
    assert page.count("Withdraw this consent") == 1  # only the optional one: sharing with the sponsor
    browser.post("/en/my/application/consent/", {"purpose": ConsentPurpose.HEALTH_DATA})  # not withdrawable alone
    browser.post("/en/my/application/consent/", {"purpose": ConsentPurpose.SHARE_WITH_SPONSOR})
    consents = {c.purpose: c.withdrawn_at for c in application.consents.all()}
    assert consents[ConsentPurpose.SHARE_WITH_SPONSOR] is not None and consents[ConsentPurpose.HEALTH_DATA] is None
    assert AuditEvent.objects.filter(
        application=application, action=AuditAction.CONSENT_WITHDRAWN, field=ConsentPurpose.SHARE_WITH_SPONSOR
    ).exists()

    browser.post("/en/my/application/withdraw/")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert "you withdrew" in browser.get("/en/my/application/").content.decode()
    event = AuditEvent.objects.filter(application=application, action=AuditAction.STATUS_CHANGED).get()
    assert event.actor_id is None and event.details["to"] == Status.WITHDRAWN


@pytest.mark.parametrize(
    ("language", "withdrawn_words", "given_words", "agree"),
    [
        (
            "en",
            "You withdrew your consent: “Sharing contact details with the sponsor”",
            "You gave your consent: “Sharing contact details with the sponsor”",
            "I agree to this",
        ),
        ("zh-hans", "您已撤回同意：“向申办方提供联系方式”", "您已同意：“向申办方提供联系方式”", "我同意"),
    ],
)
def test_a_withdrawn_consent_is_named_and_the_patient_can_give_it_again(
    trial, language, withdrawn_words, given_words, agree
):
    application = make_application(trial, consent_share_with_sponsor="on")
    browser = Client()
    open_my_application(browser, application.reference, PHONE, language=language)
    withdrawn = browser.post(f"/{language}/my/application/consent/", {"purpose": ConsentPurpose.SHARE_WITH_SPONSOR})
    page = browser.get(withdrawn["Location"]).content.decode()
    assert withdrawn_words in page
    give = re.search(r'<section[^>]*id="give-consent".*?</section>', page, re.S).group(0)
    assert 'value="share_with_sponsor"' in give and agree in give
    given = browser.post(f"/{language}/my/application/consent/give/", {"purpose": ConsentPurpose.SHARE_WITH_SPONSOR})
    page = browser.get(given["Location"]).content.decode()
    assert given_words in page and 'id="give-consent"' not in page
    ledger = list(application.consents.filter(purpose=ConsentPurpose.SHARE_WITH_SPONSOR).order_by("pk"))
    assert [c.withdrawn_at is None for c in ledger] == [False, True]  # the withdrawn one kept, a new one in force
    assert ledger[1].language == language and ledger[1].version == ledger[0].version
    assert (
        AuditEvent.objects.filter(
            application=application, action=AuditAction.CONSENT_GIVEN, field=ConsentPurpose.SHARE_WITH_SPONSOR
        ).count()
        == 1
    )
    browser.post(f"/{language}/my/application/consent/give/", {"purpose": ConsentPurpose.SHARE_WITH_SPONSOR})
    browser.post(f"/{language}/my/application/consent/give/", {"purpose": ConsentPurpose.HEALTH_DATA})
    assert application.consents.filter(withdrawn_at=None).count() == 3  # no second copy, nothing else given
    browser.post(f"/{language}/my/application/withdraw/")
    assert 'id="give-consent"' not in browser.get(f"/{language}/my/application/").content.decode()
    assert (
        browser.post(f"/{language}/my/application/consent/give/", {"purpose": "share_with_sponsor"}).status_code == 302
    )
    assert application.consents.filter(purpose=ConsentPurpose.SHARE_WITH_SPONSOR, withdrawn_at=None).count() == 0


def test_a_consent_given_again_after_its_withdrawal_is_a_new_entry_of_the_ledger(trial):
    application = make_application(trial)
    ConsentRecord.objects.create(
        application=application, purpose=ConsentPurpose.REMINDER, version="v-1", language="en", given_at=timezone.now()
    )
    from recruitment.services import patient_rights

    assert patient_rights.withdraw_consent(application, ConsentPurpose.REMINDER)
    assert not patient_rights.withdraw_consent(application, ConsentPurpose.REMINDER)  # nothing in force
    ConsentRecord.objects.create(
        application=application,
        purpose=ConsentPurpose.REMINDER,
        version=version_of(ConsentPurpose.REMINDER),
        language="zh-hans",
        given_at=timezone.now(),
    )
    ledger = list(application.consents.filter(purpose=ConsentPurpose.REMINDER).values_list("withdrawn_at", flat=True))
    assert len(ledger) == 2 and ledger[0] is not None and ledger[1] is None


def test_a_changed_consent_text_in_any_language_gets_a_new_version(monkeypatch):
    from django.utils.translation import gettext_lazy

    before = version_of(ConsentPurpose.CONTACT)
    assert before == version_of(ConsentPurpose.CONTACT)  # stable while the words are
    monkeypatch.setitem(CONSENT_TEXTS, ConsentPurpose.CONTACT, gettext_lazy("I agree to be called."))
    version_of.cache_clear()
    try:
        assert version_of(ConsentPurpose.CONTACT) != before
    finally:
        monkeypatch.undo()
        version_of.cache_clear()
    assert version_of(ConsentPurpose.CONTACT) == before


# --- Erasure ------------------------------------------------------------------------------------


def _identifying_values(application):
    """What names the patient, and what their answers said (the criteria's reasons quote them). The same
    person's other application (the later duplicate, by the same e-mail in lower case) keeps its own."""
    contact = application.contact
    reasons = [r["reason"] for r in application.evaluations.latest().results if r.get("reason")]
    return [
        application.reference,
        application.reference.replace("-", ""),
        contact.full_name,
        contact.phone,
        contact.phone_key,
        contact.phone_key.lstrip("+"),
        contact.email,
        contact.date_of_birth.isoformat(),
        "Tuesday evenings",
        "scalp psoriasis flared",
        *reasons,
    ]


def _every_stored_text():
    """Each row of every table, as text: what a leak would be found in."""
    texts = []
    for model in apps.get_models():
        for row in model.objects.all():
            values = {field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields}
            if model is Session:
                values["decoded"] = row.get_decoded()
            texts.append((model.__name__, json.dumps(values, default=str, ensure_ascii=False)))
    return texts


def test_after_the_patient_erases_their_data_nothing_identifying_remains_in_any_table(trial, site):
    from tests.factories import make_criterion

    age = make_criterion(trial, "age", params={"min": 18, "max": 65}, patient_text="Aged 18 to 65")
    coordinator = make_coordinator("nurse", site)
    application = apply(
        Client(), trial, site=str(site.pk), email="Wang.Fang@example.cn", full_name="Wang Fang Unique", guardian_name=""
    )
    later_duplicate = make_application(
        trial, site=site, email="wang.fang@example.cn", phone="", date_of_birth="1990-01-01", full_name="Someone"
    )
    review.add_note(application, by=coordinator, text="Tuesday evenings suit her best")
    # Words a coordinator types as a reason (issue 27, item 4): they go with the erasure too.
    review.change_status(application, to=Status.CONTACTED, by=coordinator, reason="Her scalp psoriasis flared")
    age.params = {"min": 45, "max": 65}  # the criterion changes: re-evaluated, the result and its reason change
    age.save()
    assert review.reevaluate(application, by=coordinator).changes
    from recruitment.services.notifications import queue_digests

    Application.objects.filter(pk=application.pk).update(status=Status.NEW)
    queue_digests(today=datetime.date.today() + datetime.timedelta(days=10))
    Notification.objects.filter(application=application, kind=NotificationKind.CONFIRMATION).update(
        last_error="SMTPRecipientsRefused: Wang.Fang@example.cn refused"
    )  # an error quoting the address
    Notification.objects.create(
        kind=NotificationKind.ACCESS_CODE, channel="sms", application=application, payload={"code": "424242"}
    )  # a message still waiting
    identifying = _identifying_values(application)
    old_reference, verdict = application.reference, application.verdict

    browser = Client()
    open_my_application(browser, application.reference, "wang.fang@example.cn")
    assert browser.get("/en/my/application/erase/").status_code == 200
    assert browser.post("/en/my/application/erase/", {}).status_code == 400  # the box must be ticked
    done = browser.post("/en/my/application/erase/", {"confirm": "on"})
    assert done["Location"] == "/en/my/erased/"

    for model, text in _every_stored_text():
        for value in identifying:
            assert value not in text, f"{value!r} left in {model}: {text[:300]}"
    assert "424242" not in json.dumps([t for _m, t in _every_stored_text()])
    application.refresh_from_db()
    # What the GCP pre-screening log keeps: trial, site, date, verdict and the criteria behind it.
    assert application.erased_at and application.reference != old_reference
    assert (application.trial, application.site, application.verdict) == (trial, site, verdict)
    assert application.age_years is None and application.sex == "" and application.health_history is None
    assert not Notification.objects.filter(application=application, status=NotificationStatus.PENDING).exists()
    assert set(application.consents.values_list("withdrawn_at", flat=True)) != {None}
    later_duplicate.refresh_from_db()
    assert later_duplicate.duplicate_of_id is None and application.duplicates.count() == 0
    erased = AuditEvent.objects.get(application=application, action=AuditAction.ERASED)
    assert erased.details["by_patient"] and erased.actor_id is None
    # It has left the coordinators' list and the sponsor's export, and the old reference opens nothing.
    staff = Client()
    staff.force_login(coordinator)
    assert staff.get(f"/admin/recruitment/application/{application.pk}/change/").status_code == 404
    assert old_reference not in staff.get("/admin/recruitment/application/").content.decode()
    again = Client()
    again.post("/en/my/", {"reference": old_reference, "address": "wang.fang@example.cn"})
    assert AccessCode.objects.filter(application=application).count() == 0
    # This browser holds nothing any more, and its way back says the data is deleted, not "closed here".
    back = browser.get("/en/my/application/")
    assert back.status_code == 302 and back["Location"] == "/en/my/erased/"
    assert "Your data is deleted" in browser.get(back["Location"]).content.decode()
    assert browser.post("/en/my/application/withdraw/")["Location"] == "/en/my/erased/"
    assert Client().get("/en/my/application/")["Location"] == "/en/my/?expired=1"  # another browser: nothing said


def test_a_coordinator_told_by_phone_erases_with_a_reason_only_at_their_own_sites(trial, site):
    coordinator = make_coordinator("nurse", site)
    stranger = make_coordinator("other_nurse", make_site(trial))
    application = make_application(trial, site=site)
    staff = Client()
    staff.force_login(stranger)
    erase_path = f"/admin/recruitment/application/{application.pk}/erase/"
    assert staff.post(erase_path, {"asked": "by phone", "identity_checked": "on"}).status_code == 404
    staff.force_login(coordinator)
    page = staff.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert erase_path in page
    # Coded, never typed: the trail outlives the erasure (issue 27, item 4).
    assert "<textarea" not in staff.get(erase_path).content.decode()
    refused = staff.post(erase_path, {"asked": "by phone"})  # identity not checked
    assert refused.status_code == 200 and Application.objects.get(pk=application.pk).erased_at is None
    staff.post(erase_path, {"asked": "by phone", "identity_checked": "on"})
    application.refresh_from_db()
    assert application.erased_at is not None
    event = AuditEvent.objects.get(application=application, action=AuditAction.ERASED)
    assert event.actor == coordinator and event.reason == "asked by phone, identity checked"
    assert not event.details["by_patient"]


def test_erased_applications_leave_the_sponsor_export_but_still_count_in_the_funnel(trial, site):
    sponsor = User.objects.create_user("sponsor_user", password="pw-for-tests-1")
    trial.sponsor.members.add(sponsor)
    kept, gone = make_application(trial, site=site), make_application(trial, site=site, phone="+86 139 0000 0001")
    erasure.erase(gone, reason="retention period ended")
    client = Client()
    client.force_login(sponsor)
    csv = json.dumps(rows_of(client.get("/sponsor/trials/brave-aa1/eligible.csv?include_needs_review=1")))
    assert kept.reference in csv and Application.objects.get(pk=gone.pk).reference not in csv
    assert client.get("/sponsor/").context["funnels"][0]["funnel"].total.applications == 2


# --- Retention ------------------------------------------------------------------------------------


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def test_the_retention_erases_only_applications_untouched_for_the_period_and_not_referred(trial, settings):
    settings.RETENTION_DAYS = 365
    now = timezone.now()
    old = now - datetime.timedelta(days=400)
    coordinator = make_coordinator("nurse", make_site(trial))
    forgotten = make_application(trial, when=old, phone="+86 139 0000 0001")
    referred = make_application(trial, when=old, phone="+86 139 0000 0002")
    for status in (Status.CONTACTED, Status.PRESCREEN_PASSED, Status.REFERRED):
        review.change_status(referred, to=status, by=coordinator)
    Application.objects.filter(pk=referred.pk).update(status=Status.REFERRED)
    recently_handled = make_application(trial, when=old, phone="+86 139 0000 0003")
    review.add_note(recently_handled, by=coordinator, text="Called back last month")
    only_read = make_application(trial, when=old, phone="+86 139 0000 0004")
    AuditEvent.objects.create(
        application=only_read, actor=coordinator, actor_label="nurse", action=AuditAction.CONTACT_VIEWED
    )  # reading is not activity
    recent = make_application(trial, phone="+86 139 0000 0005")

    assert erasure.erase_expired(now) == 2
    erased = set(Application.objects.exclude(erased_at=None).values_list("pk", flat=True))
    assert erased == {forgotten.pk, only_read.pk}
    assert {referred.pk, recently_handled.pk, recent.pk}.isdisjoint(erased)
    assert AuditEvent.objects.get(application=forgotten, action=AuditAction.ERASED).details["retention"]


# --- A shared phone ---------------------------------------------------------------------------------


def test_after_finish_the_next_person_on_the_same_phone_sees_nothing_of_the_first(client, trial):
    make_trial(slug="thrive-aa1", acronym="THRIVE-AA1")
    application = apply(client, trial, sex="MALE", pregnancy=None, date_of_birth="1964-01-01")
    done = client.get("/en/trials/brave-aa1/apply/done/").content.decode()
    assert application.reference in done and "Finish: forget me on this device" in done
    finished = client.post("/en/finish/")
    assert finished["Location"] == "/en/finished/"
    assert "nothing of you is left on this device" in client.get("/en/finished/").content.decode()
    # The next person, same browser:
    assert client.get("/en/trials/brave-aa1/apply/done/").status_code == 302
    reuse = client.get(f"/en/trials/thrive-aa1/apply/?from={application.reference}").content.decode()
    assert not re.search(r'name="loss_top"[^>]*value="80"|value="80"[^>]*name="loss_top"', reuse)
    assert "Wang Fang" not in reuse and "Filled in from your application" not in reuse
    assert not any(application.pk in [pk for pk, _at in s.get_decoded().get("sent", [])] for s in Session.objects.all())


def test_a_cookie_copied_before_a_submission_opens_nothing_of_it(client, trial):
    client.get("/en/trials/brave-aa1/apply/")  # the previous user of the tablet took a copy of this
    client.post("/en/trials/brave-aa1/apply/", {"website": ""})  # a session exists before the submission
    client.session.save()
    copied = client.cookies["sessionid"].value if "sessionid" in client.cookies else None
    application = apply(client, trial)
    assert client.cookies["sessionid"].value != copied  # a new key the moment it names an application
    spy = Client()
    if copied:
        spy.cookies["sessionid"] = copied
    assert spy.get("/en/trials/brave-aa1/apply/done/").status_code == 302
    assert application.reference not in spy.get("/en/trials/brave-aa1/apply/done/", follow=True).content.decode()


def test_full_width_input_from_a_chinese_keyboard_opens_my_application(trial):
    application = make_application(trial, email="fang@example.cn")
    mail.outbox = []
    full_width_reference = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in application.reference)
    Client().post("/en/my/", {"reference": full_width_reference, "address": "fang＠example.cn"})
    assert [m.to for m in mail.outbox] == [["fang@example.cn"]] and re.search(r"\d{6}", mail.outbox[0].subject)


def test_text_messages_go_to_the_number_in_international_form(trial):
    from recruitment.services.patient_messages import sms_number

    assert sms_number("138 0013 8000") == "+8613800138000"
    assert sms_number("0086 138 0013 8000") == "+8613800138000"
    assert sms_number("+44 20 7946 0000") == "+442079460000"


@pytest.mark.clock  # reads the clock: CI runs it at the edges of time too
def test_withdrawing_the_reminder_consent_cancels_the_reminder(trial):
    from recruitment.models import Reminder
    from recruitment.services import patient_rights

    application = make_application(trial)
    Application.objects.filter(pk=application.pk).update(
        verdict="not_yet_eligible", eligible_from=datetime.date(2027, 3, 1)
    )
    application.refresh_from_db()
    from recruitment.services import reminders

    reminders.ask(application, language="en")
    patient_rights.withdraw_consent(application, ConsentPurpose.REMINDER)
    assert not Reminder.objects.exists()
    reminders.ask(application, language="zh-hans")  # asked again: a new reminder with a new consent
    assert Reminder.objects.count() == 1
    assert application.consents.filter(purpose=ConsentPurpose.REMINDER, withdrawn_at=None).count() == 1


# --- The privacy notice -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, words",
    [
        ("en", ["Who runs this portal", "How long it is kept", "12 months", "privacy@localhost"]),
        ("zh-hans", ["谁运营本网站", "保存多久", "12 个月", "个人信息保护法"]),
    ],
)
def test_the_privacy_notice_says_who_what_why_how_long_and_how_in_both_languages(language, words):
    page = Client().get(f"/{language}/privacy/").content.decode()
    for word in words:
        assert word in page, word
    front = Client().get(f"/{language}/").content.decode()
    assert f'href="/{language}/privacy/"' in front and f'href="/{language}/my/"' in front  # in every footer


def test_the_operator_named_in_settings_is_in_every_footer(settings):
    settings.PORTAL_OPERATOR = "Example Research Services Ltd"
    assert "Example Research Services Ltd" in Client().get("/en/").content.decode()


def test_the_privacy_notice_is_linked_beside_the_consents(trial):
    page = Client().get("/en/trials/brave-aa1/apply/").content.decode()
    consent_section = page[page.index("5. Your consent") :]
    assert 'href="/en/privacy/"' in consent_section[:2000]


# --- Transfer abroad ---------------------------------------------------------------------------------


def test_a_sponsor_abroad_is_named_in_a_separate_consent_and_gets_nothing_without_it(client):
    abroad = make_trial(
        slug="abroad",
        sponsor=make_sponsor(
            name="Incyte Corporation",
            public_name_en="Incyte",
            public_name_zh_hans="因赛特",
            country_en="United States",
            country_zh_hans="美国",
        ),
    )
    form = client.get("/zh-hans/trials/abroad/apply/").content.decode()
    assert re.search(r"因赛特.{0,5}|美国", form) and 'name="consent_transfer_abroad"' in form
    tag = re.search(r'<input[^>]*name="consent_transfer_abroad"[^>]*>', form).group(0)
    assert "checked" not in tag and "required" not in tag
    with_consent = make_application(abroad)
    without = make_application(abroad, phone="+86 139 0000 0009", consent_transfer_abroad=None)
    assert ConsentRecord.objects.filter(application=with_consent, purpose=ConsentPurpose.TRANSFER_ABROAD).exists()
    sponsor = User.objects.create_user("incyte_user", password="pw-for-tests-1")
    abroad.sponsor.members.add(sponsor)
    client.force_login(sponsor)
    csv = json.dumps(rows_of(client.get("/sponsor/trials/abroad/eligible.csv?include_needs_review=1")))
    assert with_consent.reference in csv and without.reference not in csv


def test_a_sponsor_at_home_asks_no_transfer_consent(client, trial):
    assert 'name="consent_transfer_abroad"' not in client.get("/en/trials/brave-aa1/apply/").content.decode()


# --- Reads of personal data -------------------------------------------------------------------------


def test_opening_an_application_or_searching_a_phone_leaves_an_audit_event_the_trail_shows(trial, site):
    coordinator = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    staff = Client()
    staff.force_login(coordinator)
    staff.get("/admin/recruitment/application/", {"q": "138 0013 8000"})
    staff.get("/admin/recruitment/application/", {"q": "Wang"})  # a name search reads no phone or e-mail
    page = staff.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    events = list(
        AuditEvent.objects.filter(application=application, actor=coordinator).values_list("action", "details")
    )
    assert events == [(AuditAction.SEARCHED, {"by": "phone"}), (AuditAction.CONTACT_VIEWED, {})]
    assert "Found by a search on phone or e-mail" in page and "Contact details viewed" in page
    assert "13800138000" not in json.dumps([e[1] for e in events])


def test_a_one_time_code_waiting_in_the_outbox_is_not_shown_in_admin(trial, admin_user, settings):
    settings.SMS_BACKEND = "tests.test_patient_control.BrokenSmsBackend"  # it stays pending
    application = make_application(trial)
    Client().post("/en/my/", {"reference": application.reference, "address": PHONE})
    notice = Notification.objects.get(kind=NotificationKind.ACCESS_CODE)
    code = notice.payload["code"]
    staff = Client()
    staff.force_login(admin_user)
    page = staff.get(f"/admin/recruitment/notification/{notice.pk}/change/").content.decode()
    assert page.count(code) == 0 and "One-time code to the patient" in page


def test_text_messages_go_only_to_allowed_countries_and_a_few_a_day_to_one_number(trial, settings):
    # Issue 27: SMS pumping. A number abroad gets no text; one number gets at most N a day.
    settings.SMS_PER_NUMBER_PER_DAY = 3
    abroad = make_application(trial, phone="+1 415 555 0100")
    sms.outbox = []
    Client().post("/en/my/", {"reference": abroad.reference, "address": "+1 415 555 0100"})
    assert sms.outbox == []
    notice = Notification.objects.filter(application=abroad, kind=NotificationKind.ACCESS_CODE).get()
    assert notice.status == NotificationStatus.FAILED and "country" in notice.last_error

    home = make_application(trial, phone="+86 139 5555 0000")
    sms.outbox = []
    for _ in range(3):  # the confirmation was the first of the day
        Client().post("/en/my/", {"reference": home.reference, "address": "+86 139 5555 0000"})
    assert len(sms.outbox) == 2
    assert "for the day" in Notification.objects.filter(application=home).order_by("-pk").first().last_error


def test_an_erased_record_keeps_the_day_but_no_exact_time_that_links_it_back(trial, site):
    from recruitment.services import calls

    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    calls.record_attempt(application, by=nurse, outcome="no_answer")
    submitted = timezone.localtime(application.submitted_at)
    erasure.erase(application, by=nurse, reason="asked by phone, identity checked")
    application.refresh_from_db()
    kept = [application.submitted_at, application.first_contact_at, application.erased_at]
    kept += list(application.contact_attempts.values_list("at", flat=True))
    for moment in kept:
        local = timezone.localtime(moment)
        assert (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0)
    assert timezone.localtime(application.submitted_at).date() == submitted.date()
    assert application.first_contact_due is None and application.next_contact_at is None


def test_someone_who_used_up_a_references_codes_leaves_the_patient_their_own(trial):
    # Issue 27, low: the hourly allowance is per asker, not per application.
    application = make_application(trial)
    intruder = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(4):
        intruder.post("/en/my/", {"reference": application.reference, "address": PHONE})
    assert AccessCode.objects.filter(application=application).count() == 3  # the intruder's allowance
    sms.outbox = []
    open_my_application(Client(REMOTE_ADDR="203.0.113.20"), application.reference, PHONE)  # the patient's own


# --- Issue 27, the attacker's review -------------------------------------------------------------


def test_every_address_on_file_is_told_when_one_is_removed_added_or_replaced(trial):
    application = make_application(trial, email="fang@example.cn")
    browser = Client()
    open_my_application(browser, application.reference, PHONE)
    mail.outbox.clear()
    sms.outbox = []
    # Removing the e-mail: the e-mail itself and the phone are told.
    browser.post("/en/my/application/contact/", {"phone": PHONE, "email": "", "best_time_to_call": "any"})
    assert [m.to for m in mail.outbox] == [["fang@example.cn"]]
    assert [m.recipients for m in sms.outbox] == [["+8613800138000"]]
    # Adding one where there was none: the phone on file is told, not only a former e-mail.
    sms.outbox = []
    browser.post("/en/my/application/contact/", {"phone": PHONE, "email": "new@example.cn", "best_time_to_call": "any"})
    code = last_code(mail.outbox[-1].body)
    browser.post("/en/my/application/contact/confirm/", {"code": code})
    assert [m.recipients for m in sms.outbox] == [["+8613800138000"]] and "电子邮箱" in sms.outbox[0].body


def test_askers_spread_over_many_addresses_get_no_more_than_the_applications_hourly_codes(trial):
    from recruitment.services.patient_access import CODES_PER_HOUR_IN_ALL

    application = make_application(trial)
    for n in range(CODES_PER_HOUR_IN_ALL + 10):
        Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(
            "/en/my/", {"reference": application.reference, "address": PHONE}
        )
    assert AccessCode.objects.filter(application=application).count() == CODES_PER_HOUR_IN_ALL


def test_a_security_notice_goes_out_even_when_the_numbers_texts_are_used_up(trial, settings):
    settings.SMS_PER_NUMBER_PER_DAY = 1  # the confirmation used it
    application = make_application(trial, email="fang@example.cn")
    browser = Client()
    open_my_application(browser, application.reference, "fang@example.cn")
    sms.outbox = []
    browser.post("/en/my/application/contact/", {"phone": "", "email": "fang@example.cn", "best_time_to_call": "any"})
    assert [m.recipients for m in sms.outbox] == [["+8613800138000"]]  # told it was removed


def test_a_code_waiting_in_the_outbox_is_stored_sealed_and_the_message_still_carries_it(trial, settings):
    # Issue 27, low: no one-time code readable in the notifications table.
    settings.SMS_BACKEND = "tests.test_patient_control.BrokenSmsBackend"  # it stays pending
    application = make_application(trial)
    browser = Client()
    browser.post("/en/my/", {"reference": application.reference, "address": PHONE})
    notice = Notification.objects.get(kind=NotificationKind.ACCESS_CODE)
    assert not re.search(r"\b\d{6}\b", json.dumps(notice.payload))  # no six digits in what is stored
    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    sms.outbox = []
    from recruitment.services.notifications import deliver

    deliver(notice.pk, max_attempts=5)  # the worker opens it for the message
    assert browser.post("/en/my/code/", {"code": last_code(sms.outbox[-1].body)}).status_code == 302


def test_asking_for_a_code_is_the_same_work_whether_or_not_the_reference_and_address_match(trial, settings):
    # Issue 27, low: the lookup and the code run in a task after the response, so the request's
    # work (and time) tells nothing about whether the pair exists.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from config.celery import app
    from tests.fixtures import in_process

    application = make_application(trial)
    in_process(settings, False)  # the task goes to the broker, as in production
    try:
        with CaptureQueriesContext(connection) as matching:
            Client().post("/en/my/", {"reference": application.reference, "address": PHONE})
        with CaptureQueriesContext(connection) as other:
            Client().post("/en/my/", {"reference": "ABCD-EFGH", "address": "+86 139 9999 9999"})
    finally:
        app.control.purge()
        in_process(settings, True)

    def shapes(captured):
        return [re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"]) for query in captured.captured_queries]

    assert shapes(matching) == shapes(other)
    assert not AccessCode.objects.filter(application=application).exists()  # nothing looked up yet


def test_security_notices_go_only_to_allowed_countries_and_have_a_daily_cap_of_their_own(trial):
    # Re-review of issue 27: removing and re-adding an address must not pump texts abroad.
    from recruitment.services.patient_messages import SECURITY_NOTICES_PER_NUMBER_PER_DAY

    abroad = make_application(trial, phone="+882 1234 5678", email="fang@example.cn")
    browser = Client()
    open_my_application(browser, abroad.reference, "fang@example.cn")
    sms.outbox = []
    browser.post("/en/my/application/contact/", {"phone": "+882 1234 5678", "email": "", "best_time_to_call": "any"})
    assert sms.outbox == []  # the country is refused for a notice too

    home = make_application(trial, phone="+86 139 5555 0001", email="home@example.cn")
    browser = Client()
    open_my_application(browser, home.reference, "home@example.cn")
    sms.outbox = []
    for _ in range(SECURITY_NOTICES_PER_NUMBER_PER_DAY + 2):
        browser.post(
            "/en/my/application/contact/", {"phone": "+86 139 5555 0001", "email": "", "best_time_to_call": "any"}
        )
        home.contact.refresh_from_db()
        ContactDetails.objects.filter(pk=home.pk).update(email="home@example.cn")
    assert len(sms.outbox) == SECURITY_NOTICES_PER_NUMBER_PER_DAY


def test_the_filing_numbers_of_a_site_served_in_china_are_in_every_footer_with_their_lookups(settings):
    make_trial(slug="brave-aa1")
    settings.ICP_FILING = "京ICP备12345678号-1"
    settings.PUBLIC_SECURITY_FILING = "京公网安备 11010502030000号"
    for path in ("/zh-hans/", "/en/trials/brave-aa1/", "/zh-hans/trials/brave-aa1/apply/", "/zh-hans/privacy/"):
        footer = Client().get(path).content.decode().split("<footer", 1)[1]
        icp = re.search(r'<a href="https://beian.miit.gov.cn/"[^>]*>([^<]+)</a>', footer)
        assert icp and icp.group(1) == "京ICP备12345678号-1"
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=11010502030000"' in footer
    settings.ICP_FILING = settings.PUBLIC_SECURITY_FILING = ""
    assert 'id="filings"' not in Client().get("/zh-hans/").content.decode()


# WHATWG autofill field names a patient's form may use (one token each; "on"/"off" alone).
AUTOFILL_NAMES = {"on", "off", "name", "bday", "tel", "email", "one-time-code", "username", "sex", "postal-code"}


def test_every_autocomplete_of_the_patients_forms_is_one_valid_autofill_token(client, trial):
    pages = ["/en/my/", f"/en/trials/{trial.slug}/apply/", f"/zh-hans/trials/{trial.slug}/apply/?for=child"]
    application = make_application(trial)
    browser = Client()
    pages_html = [client.get(path).content.decode() for path in pages]
    pages_html.append(open_my_application(browser, application.reference, PHONE).content.decode())
    pages_html.append(browser.post("/en/my/", {"reference": "AAAA-BBBB", "address": "x"}).content.decode())
    values = [value for html in pages_html for value in re.findall(r'autocomplete="([^"]*)"', html)]
    assert values and not [value for value in values if value not in AUTOFILL_NAMES]


def test_a_patient_is_never_given_the_portals_placeholder_address_as_the_study_teams(client, trial, settings):
    settings.PORTAL_CONTACT_EMAIL, settings.PORTAL_CONTACT_PHONE = "privacy@localhost", ""
    application = apply(client, trial, email="wang.fang@example.cn", site="")
    page = open_my_application(Client(), application.reference, PHONE).content.decode()
    assert "@localhost" not in page and "They call you at the number you gave." in page
    confirmations = [m.body for m in mail.outbox]
    assert confirmations and not [body for body in confirmations if "@localhost" in body]
    settings.PORTAL_CONTACT_EMAIL = "privacy@trials.example.org"
    assert "privacy@trials.example.org" in open_my_application(Client(), application.reference, PHONE).content.decode()


def test_a_consent_given_from_a_second_tab_after_a_withdrawal_or_an_erasure_is_refused(trial):
    for close in (patient_rights.withdraw, lambda app: erasure.erase(app, by_patient=True, reason="asked")):
        application = make_application(trial)
        stale = Application.objects.get(pk=application.pk)  # the other tab's page, read before
        close(application)
        assert patient_rights.give_consent(stale, ConsentPurpose.SHARE_WITH_SPONSOR) is False
        assert not application.consents.filter(purpose=ConsentPurpose.SHARE_WITH_SPONSOR).exists()
        assert not AuditEvent.objects.filter(application=application, action=AuditAction.CONSENT_GIVEN).exists()


def test_opening_another_application_here_after_an_erasure_drops_the_deleted_notice(trial):
    erased, other = make_application(trial), make_application(trial, phone="+86 139 0000 7777")
    browser = Client()
    open_my_application(browser, erased.reference, PHONE)
    browser.post("/en/my/application/erase/", {"confirm": "on"})
    assert browser.session.get("erased_here")
    open_my_application(browser, other.reference, "+86 139 0000 7777")
    assert "erased_here" not in browser.session  # its expiry will say "closed", not "deleted"


def test_reopening_ones_own_application_again_and_again_never_makes_anothers_count_as_sent_here():
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import RequestFactory

    from recruitment.recently_sent import recent_applications, remember_reopened, sent_here

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    SessionMiddleware(lambda r: None).process_request(request)
    remember_reopened(request, None, 101)  # someone else's, opened with the code of its reminder
    for _ in range(12):
        remember_reopened(request, None, 202)
    assert 101 in recent_applications(request) and not sent_here(request, 101)
