"""What a coordinator reads back on the application's page after working on it: the audit trail
wholly in their language, and, after each save, what was recorded (not "changed successfully")."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from recruitment.models import Application
from recruitment.pipeline import Status
from recruitment.services import calls, patient_rights, review
from tests.factories import make_application, make_coordinator, make_site, make_trial

pytestmark = pytest.mark.django_db

NEXT_CONTACT = "2027-12-08T10:00"  # as the call panel's datetime-local field posts it


@pytest.fixture
def trial():
    return make_trial(slug="brave-aa1", acronym="BRAVE-AA1")


@pytest.fixture
def site(trial):
    return make_site(trial, facility="Site A")


@pytest.fixture
def nurse(site):
    return make_coordinator("nurse", site)


def staff_client(user, language):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN" if language == "zh-hans" else "en")
    client.force_login(user)
    return client


def url(application):
    return f"/admin/recruitment/application/{application.pk}/change/"


def trail_rows(page: str) -> list[list[str]]:
    """The audit trail's rows as read: each cell's words, tags left out."""
    table = page[page.index("原值 → 新值") if "原值 → 新值" in page else page.index("Old → new") :]
    table = table[: table.index("</table>")]
    return [
        [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_a_chinese_speaking_coordinator_reads_every_value_of_the_audit_trail_in_chinese(trial, site, nurse):
    application = make_application(trial, site=site)
    planned = timezone.now() + datetime.timedelta(days=1)
    calls.record_attempt(application, by=nurse, outcome="no_answer", next_contact_at=planned)
    review.assign(application, to=nurse, by=nurse)
    calls.record_attempt(application, by=nurse, outcome="reached")
    patient_rights.withdraw(Application.objects.get(pk=application.pk))

    page = staff_client(nurse, "zh-hans").get(url(application)).content.decode()
    rows = trail_rows(page)
    said = " | ".join(" · ".join(cells[2:]) for cells in rows)  # what, old → new, reason
    local = timezone.localtime(planned)
    for words in (
        f"电话：无人接听，下次联系 {local.month}月{local.day}日 {local:%H:%M}",
        "电话：已联系上",
        "无人 → nurse",
        "新申请 → 已联系",
        "患者本人退出",
    ):
        assert words in said, (words, said)
    # Everything but the usernames is in Chinese: no English word and no symbol in place of a word.
    assert "∅" not in page
    leftover = re.findall(r"[A-Za-z]+", said.replace("nurse", ""))
    assert leftover == [], (leftover, said)


def test_the_audit_trail_says_each_value_in_english_for_an_english_speaking_coordinator(trial, site, nurse):
    application = make_application(trial, site=site)
    calls.record_attempt(application, by=nurse, outcome="no_answer")
    review.assign(application, to=nurse, by=nurse)
    said = [
        " · ".join(cells[2:]) for cells in trail_rows(staff_client(nurse, "en").get(url(application)).content.decode())
    ]
    assert "Contact attempt · Phone call: No answer · " in said
    assert "Assigned · nobody → nurse · " in said
    assert not any("∅" in row for row in said)


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "en",
            "Recorded for {ref}: call attempt — Phone call: No answer, next contact 8 Dec 10:00; "
            "assigned to nurse; a note.",
        ),
        ("zh-hans", "已记录（{ref}）：联系尝试——电话：无人接听，下次联系 12月8日 10:00；分配给 nurse；一条备注。"),
    ],
)
def test_after_saving_a_call_the_message_says_what_was_recorded(trial, site, nurse, language, expected):
    application = make_application(trial, site=site)
    response = staff_client(nurse, language).post(
        url(application),
        {
            "attempt_outcome": "no_answer",
            "attempt_channel": "phone",
            "next_contact_at": NEXT_CONTACT,
            "assign_to": nurse.pk,
            "note": "Mobile off; try the landline.",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [expected.format(ref=application.reference)]


@pytest.mark.parametrize(
    "language, moved, reached",
    [
        (
            "en",
            "Recorded for {ref}: status New → Contacted.",
            "call attempt — Phone call: Reached; status New → Contacted",
        ),
        ("zh-hans", "已记录（{ref}）：状态 新申请 → 已联系。", "联系尝试——电话：已联系上；状态 新申请 → 已联系"),
    ],
)
def test_a_status_change_and_a_reached_patient_are_said_with_the_move_they_made(
    trial, site, nurse, language, moved, reached
):
    client = staff_client(nurse, language)
    application = make_application(trial, site=site)
    response = client.post(url(application), {"new_status": Status.CONTACTED}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [moved.format(ref=application.reference)]

    other = make_application(trial, site=site, phone="+86 139 0000 0001")
    response = client.post(url(other), {"attempt_outcome": "reached", "attempt_channel": "phone"}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert reached in message


def test_a_save_that_recorded_nothing_says_so_rather_than_changed_successfully(trial, site, nurse):
    application = make_application(trial, site=site)
    response = staff_client(nurse, "en").post(url(application), {"_continue": "1"}, follow=True)
    [message] = list(response.context["messages"])
    assert str(message) == f"Nothing was recorded for {application.reference}: nothing was entered."
    assert message.level_tag == "warning"
    assert response.redirect_chain[-1][0] == url(application)  # "Save and continue editing" stays


def test_assigning_several_applications_says_to_whom(trial, site, nurse):
    applications = [make_application(trial, site=site, phone=f"+86 139 0000 000{n}") for n in range(2)]
    response = staff_client(nurse, "zh-hans").post(
        "/admin/recruitment/application/",
        {
            "action": "assign_to_coordinator",
            "_selected_action": [a.pk for a in applications],
            "coordinator": nurse.pk,
            "apply": "1",
        },
        follow=True,
    )
    assert "已记录：2 份申请分配给 nurse。" in [str(m) for m in response.context["messages"]]
