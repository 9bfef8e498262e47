"""Text messages that reach China: mainland numbers through Alibaba Cloud SMS (its official SDK,
against a local stand-in for its endpoint), other numbers through another gateway, chosen by the
number's calling code; the gateway's answer codes read as "try again later" or "never"."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import sms

from recruitment.models import Application, Notification, NotificationKind, NotificationStatus
from recruitment.services.notifications import deliver
from tests.factories import make_site, make_trial, screening_post

# The confirmation is sent once the application commits: real transactions.
pytestmark = pytest.mark.django_db(transaction=True)

HEALTH_WORDS = ("SALT", "alopecia", "斑秃", "脱发", "baricitinib", "巴瑞替尼", "eligible", "符合")


class StandIn(BaseHTTPRequestHandler):
    """Alibaba Cloud's SMS endpoint as its SDK meets it: a POST of the request's parameters, and a
    JSON answer with a code ("OK", or why not)."""

    answers: list = []
    received: list = []

    def do_POST(self):  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        query = {name: values[0] for name, values in parse_qs(urlsplit(self.path).query).items()}
        query.update({name: value for name, value in self.headers.items() if name.lower().startswith("x-acs-")})
        query["Authorization"] = self.headers.get("Authorization", "")
        self.received.append(query)
        status, code = self.answers.pop(0) if self.answers else (200, "OK")
        body = json.dumps({"Code": code, "Message": code, "RequestId": "R1", "BizId": "1^0"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    StandIn.answers, StandIn.received = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "recruitment.sms_gateways.SmsRouter"
    settings.SMS_ROUTES = {"86": "recruitment.sms_gateways.alibaba.SmsBackend", "*": "sms.backends.locmem.SmsBackend"}
    settings.SMS_ALLOWED_CALLING_CODES = ["86", "852"]
    settings.ALIBABA_SMS_ENDPOINT = f"http://127.0.0.1:{server.server_port}"
    settings.ALIBABA_SMS_ACCESS_KEY_ID, settings.ALIBABA_SMS_ACCESS_KEY_SECRET = "test-key", "test-secret"
    settings.ALIBABA_SMS_SIGN_NAME = "皮肤病临床试验"
    settings.ALIBABA_SMS_TEMPLATES = {
        "confirmation": {"zh-hans": "SMS_100", "en": "SMS_101"},
        "access_code": {"zh-hans": "SMS_200", "en": "SMS_201"},
    }
    sms.outbox = []
    yield StandIn
    server.shutdown()
    server.server_close()


@pytest.fixture
def trial():
    trial = make_trial(slug="brave-aa1", acronym="BRAVE-AA1", drug="Baricitinib")
    make_site(trial)
    return trial


def _confirmation(client, trial, **answers):
    assert client.post(f"/zh-hans/trials/{trial.slug}/apply/", screening_post(**answers)).status_code == 302
    application = Application.objects.latest("pk")
    return application, Notification.objects.get(application=application, kind=NotificationKind.CONFIRMATION)


def test_a_mainland_number_gets_its_confirmation_through_alibaba_cloud_as_its_approved_template(client, trial, gateway):
    application, notice = _confirmation(client, trial, phone="+86 138 0013 8000", language="zh-hans")
    assert notice.status == NotificationStatus.SENT
    [sent] = gateway.received
    assert (sent["x-acs-action"], sent["PhoneNumbers"], sent["SignName"]) == (
        "SendSms",
        "13800138000",
        "皮肤病临床试验",
    )
    assert sent["TemplateCode"] == "SMS_100"  # the patient's language's template
    values = json.loads(sent["TemplateParam"])
    assert values["reference"] == application.reference and "/zh-hans/my/" in values["url"]
    assert not any(word.lower() in sent["TemplateParam"].lower() for word in HEALTH_WORDS)
    assert "Credential=test-key" in sent["Authorization"] and "Signature=" in sent["Authorization"]  # signed
    assert sms.outbox == []  # nothing through the other gateway


def test_a_number_abroad_goes_through_the_other_gateway_with_the_text(client, trial, gateway):
    _application, notice = _confirmation(client, trial, phone="+852 9123 4567", language="en")
    assert notice.status == NotificationStatus.SENT and gateway.received == []
    [message] = sms.outbox
    assert message.recipients == ["+85291234567"] and "Application received" in message.body


@pytest.mark.parametrize(
    ("answer", "status", "attempts"),
    [
        ((200, "isv.BUSINESS_LIMIT_CONTROL"), NotificationStatus.PENDING, 1),  # this number's rate: later
        ((200, "isv.AMOUNT_NOT_ENOUGH"), NotificationStatus.PENDING, 1),  # the account's balance: later
        ((500, "isp.SYSTEM_ERROR"), NotificationStatus.PENDING, 1),  # the gateway's own trouble: later
        ((200, "isv.MOBILE_NUMBER_ILLEGAL"), NotificationStatus.FAILED, 1),  # never: not tried again
        ((400, "isv.SMS_TEMPLATE_ILLEGAL"), NotificationStatus.FAILED, 1),
    ],
)
def test_the_gateways_answer_says_whether_to_try_again(client, trial, gateway, answer, status, attempts):
    gateway.answers.append(answer)
    _application, notice = _confirmation(client, trial)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (status, attempts)
    assert notice.last_error in {"RuntimeError", "Undeliverable", "ServerException", "ClientException"}  # no number
    if status == NotificationStatus.PENDING:  # the retry, once the gateway takes it
        assert deliver(notice.pk, max_attempts=5) == "sent"
        assert len(gateway.received) == 2


def test_a_message_without_an_approved_template_fails_at_once_rather_than_being_retried(
    client, trial, gateway, settings
):
    settings.ALIBABA_SMS_TEMPLATES = {}
    _application, notice = _confirmation(client, trial)
    notice.refresh_from_db()
    assert notice.status == NotificationStatus.FAILED and gateway.received == []


def test_check_deploy_names_what_alibaba_cloud_lacks_before_a_patients_text_fails(gateway, settings):
    from recruitment.checks import _alibaba_ready

    [warning] = _alibaba_ready()  # the fixture's templates: two messages of five
    assert warning.id == "recruitment.W004" and "ALIBABA_SMS_TEMPLATES['address_check']['zh-hans']" in warning.msg
    settings.ALIBABA_SMS_TEMPLATES = {
        kind: {"zh-hans": f"SMS_{n}"}
        for n, kind in enumerate(
            ("confirmation", "access_code", "address_check", "contact_changed_phone", "contact_changed_email")
        )
    }
    assert _alibaba_ready() == []
    settings.SMS_ROUTES = {"*": "sms.backends.twilio.SmsBackend"}  # Alibaba not used: nothing to say
    settings.ALIBABA_SMS_TEMPLATES = {}
    assert _alibaba_ready() == []
