"""The coordinator's day: the call queue, contact attempts as data, and the first-contact clock."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from recruitment.models import Application, AuditAction, AuditEvent, ContactAttempt, Notification
from recruitment.pipeline import Status
from recruitment.services import calls, review
from recruitment.workdays import add_working_hours, working_hours_between
from tests.clock import frozen_instant
from tests.factories import make_application, make_coordinator, make_site, make_trial

# Reads the clock (working hours, the first-contact clock and overdue marks); CI runs it at the edges of time too.
pytestmark = [pytest.mark.django_db, pytest.mark.clock]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def trial():
    return make_trial(slug="brave-aa1", acronym="BRAVE-AA1")


@pytest.fixture
def site(trial):
    return make_site(trial, facility="Site A")


# --- Working hours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, hours, expected",
    [
        (at(2026, 12, 2, 10, 0), 8, at(2026, 12, 3, 10, 0)),  # Wednesday morning: Thursday morning
        (at(2026, 12, 4, 16, 0), 8, at(2026, 12, 7, 16, 0)),  # Friday afternoon: over the weekend
        (at(2026, 12, 5, 22, 0), 8, at(2026, 12, 7, 17, 0)),  # Saturday night: counts from Monday 9:00
        (at(2026, 12, 2, 20, 0), 2, at(2026, 12, 3, 11, 0)),  # after hours: from the next morning
    ],
)
def test_the_first_contact_target_counts_working_hours_only(start, hours, expected):
    assert add_working_hours(start, hours, SHANGHAI) == expected
    assert working_hours_between(start, expected, SHANGHAI) == pytest.approx(hours)


def test_a_sign_up_gets_its_sites_first_contact_deadline(trial):
    quick = make_site(trial, first_contact_target_hours=4)
    application = make_application(trial, site=quick, when=at(2026, 12, 2, 10, 0))
    assert application.first_contact_due == at(2026, 12, 2, 14, 0)
    no_site = make_application(trial, when=at(2026, 12, 2, 10, 0), phone="+86 139 0000 0001")
    assert no_site.first_contact_due == at(2026, 12, 3, 10, 0)  # one working day by default


# --- Attempts --------------------------------------------------------------------------------------


def test_no_answer_keeps_the_application_open_and_plans_the_next_call(trial, site):
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    calls.record_attempt(application, by=nurse, outcome="no_answer", next_contact_at=tomorrow)
    application.refresh_from_db()
    assert application.status == Status.NEW and application.next_contact_at == tomorrow
    assert application.first_contact_at is not None  # the clock stopped at the first attempt
    event = AuditEvent.objects.get(application=application, action=AuditAction.CONTACT_ATTEMPT)
    assert event.actor == nurse and event.details["outcome"] == "no_answer" and event.new_value == "No answer"

    calls.record_attempt(application, by=nurse, outcome="reached")
    application.refresh_from_db()
    assert application.status == Status.CONTACTED and application.next_contact_at is None


def test_unreachable_is_offered_after_the_configured_failed_attempts_in_a_row(trial, site, settings):
    settings.UNREACHABLE_AFTER_ATTEMPTS = 3
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    for outcome in ("no_answer", "voicemail"):
        calls.record_attempt(application, by=nurse, outcome=outcome)
    assert not calls.offer_unreachable(application)
    calls.record_attempt(application, by=nurse, outcome="wrong_number")
    assert calls.offer_unreachable(application)
    staff = Client()
    staff.force_login(nurse)
    page = staff.get(f"/admin/recruitment/application/{application.pk}/change/").content.decode()
    assert "you may move the application to “Unreachable”" in page
    calls.record_attempt(
        application, by=nurse, outcome="call_back", next_contact_at=timezone.now() + datetime.timedelta(hours=3)
    )
    assert not calls.offer_unreachable(application)  # the patient answered and asked for later


def test_the_call_panel_records_an_attempt_and_a_call_back_needs_its_time(trial, site):
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    staff = Client()
    staff.force_login(nurse)
    url = f"/admin/recruitment/application/{application.pk}/change/"
    page = staff.get(url).content.decode()
    # On a phone, who to call comes first: the contact details and the call panel open the page.
    assert page.index("tel:+8613800138000") < page.index("Call outcome") < page.index("Current evaluation")
    refused = staff.post(url, {"attempt_outcome": "call_back", "attempt_channel": "phone", "next_contact_at": ""})
    assert refused.status_code == 200 and "When did the patient ask to be called back?" in refused.content.decode()
    assert not ContactAttempt.objects.exists()
    staff.post(url, {"attempt_outcome": "call_back", "attempt_channel": "phone", "next_contact_at": "2026-12-10T15:30"})
    attempt = ContactAttempt.objects.get()
    assert attempt.by == nurse and attempt.outcome == "call_back"
    assert timezone.localtime(attempt.next_contact_at).strftime("%Y-%m-%d %H:%M") == "2026-12-10 15:30"
    assert "Asked to call back" in staff.get(url).content.decode()


def test_reaching_the_patient_keeps_no_next_contact_time_left_in_the_call_panel(trial, site):
    # Issue: a time left in the field was saved with "Reached" and read as a call still to make.
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    staff = Client()
    staff.force_login(nurse)
    url = f"/admin/recruitment/application/{application.pk}/change/"
    assert "Not kept when the patient was reached." in staff.get(url).content.decode()
    response = staff.post(
        url,
        {"attempt_outcome": "reached", "attempt_channel": "phone", "next_contact_at": "2026-12-10T15:30"},
        follow=True,
    )
    attempt = ContactAttempt.objects.get()
    assert attempt.outcome == "reached" and attempt.next_contact_at is None
    application.refresh_from_db()
    assert application.status == Status.CONTACTED and application.next_contact_at is None
    event = AuditEvent.objects.get(application=application, action=AuditAction.CONTACT_ATTEMPT)
    assert event.details["next_contact_at"] is None
    [said] = [str(message) for message in response.context["messages"]]
    assert "the next contact time was not kept: the patient was reached" in said
    assert "10 Dec" not in response.content.decode()  # neither in the attempts nor in the trail

    calls.record_attempt(application, by=nurse, outcome="reached", next_contact_at=timezone.now())
    assert ContactAttempt.objects.filter(next_contact_at__isnull=False).count() == 0  # the service drops it too


# --- The queue -------------------------------------------------------------------------------------


def test_my_applicants_today_new_first_then_by_next_call_and_only_mine_or_nobodys(trial, site):
    nurse = make_coordinator("nurse", site)
    colleague = make_coordinator("colleague", site)
    other_site_nurse = make_coordinator("far", make_site(trial, facility="Site B"))
    now = timezone.now()
    older_new = make_application(trial, site=site, phone="+86 139 0000 0001", when=now - datetime.timedelta(hours=5))
    newer_new = make_application(trial, site=site, phone="+86 139 0000 0002", when=now - datetime.timedelta(hours=1))
    call_back = make_application(trial, site=site, phone="+86 139 0000 0003", when=now - datetime.timedelta(days=2))
    review.change_status(call_back, to=Status.CONTACTED, by=nurse)
    Application.objects.filter(pk=call_back.pk).update(next_contact_at=now - datetime.timedelta(minutes=30))
    later_this_week = make_application(
        trial, site=site, phone="+86 139 0000 0004", when=now - datetime.timedelta(days=3)
    )
    review.change_status(later_this_week, to=Status.CONTACTED, by=nurse)
    Application.objects.filter(pk=later_this_week.pk).update(next_contact_at=now + datetime.timedelta(days=3))
    colleagues = make_application(trial, site=site, phone="+86 139 0000 0005")
    review.assign(colleagues, to=colleague, by=colleague)
    elsewhere = make_application(trial, site=other_site_nurse.coordinated_sites.get(), phone="+86 139 0000 0006")

    queue = list(calls.queue_for(nurse, now=now))
    assert queue == [older_new, newer_new, call_back]
    assert later_this_week not in queue and colleagues not in queue and elsewhere not in queue

    staff = Client()
    staff.force_login(nurse)
    page = staff.get("/admin/recruitment/application/queue/").content.decode()
    assert page.index(older_new.reference) < page.index(newer_new.reference) < page.index(call_back.reference)
    assert 'href="tel:+8613900000001"' in page and "overdue" in page
    assert elsewhere.reference not in page
    assert "My applicants today" in staff.get("/admin/recruitment/application/").content.decode()


def _moment(value, language):
    """A moment as the staff read it: "8 Dec 10:00", "12月8日 10:00" (the staff's time zone)."""
    local = timezone.localtime(value)
    if language == "zh-hans":
        return f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.day} {local:%b} {local:%H:%M}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_queue_shows_each_applicants_pre_screen_verdict_and_when_the_call_is_due(trial, site, clock, language):
    from django.utils import translation

    from recruitment.screening.eligibility import Verdict

    # Ten in the morning of the suite's day (any date CI picks), so that every planned call is today.
    day = frozen_instant().astimezone(SHANGHAI).date()
    clock.move_to(datetime.datetime.combine(day, datetime.time(10), SHANGHAI))
    now = timezone.now()
    nurse = make_coordinator("nurse", site)
    new = make_application(trial, site=site, phone="+86 139 0000 0001")
    late = make_application(trial, site=site, phone="+86 139 0000 0002", when=now - datetime.timedelta(hours=1))
    calls.record_attempt(late, by=nurse, outcome="no_answer", next_contact_at=now - datetime.timedelta(minutes=40))
    later = make_application(trial, site=site, phone="+86 139 0000 0003", when=now - datetime.timedelta(hours=1))
    calls.record_attempt(later, by=nurse, outcome="call_back", next_contact_at=now + datetime.timedelta(hours=3))
    Application.objects.filter(pk=later.pk).update(verdict=Verdict.LIKELY_INELIGIBLE)

    staff = Client(HTTP_ACCEPT_LANGUAGE="zh-CN" if language == "zh-hans" else "en")
    staff.force_login(nurse)
    page = staff.get("/admin/recruitment/application/queue/").content.decode()
    # Each row's words as read (its tags and their class names left out), by its reference.
    rows = {}
    for row in page.split('<li class="call')[1:]:
        words = " ".join(re.sub(r"<[^>]+>", " ", row.split("</li>")[0].split(">", 1)[1]).split())
        reference = next(ref for ref in (new.reference, late.reference, later.reference) if ref in words)
        rows[reference] = (row.startswith(' overdue"'), words)
    english = language == "en"
    with translation.override(language):
        expected = {
            new.reference: [
                "first call due " if english else "首次联系截止 ",
                _moment(new.first_contact_due, language),
                str(Verdict(new.verdict).label),
            ],
            late.reference: [
                "call due " if english else "联系时间 ",
                _moment(now - datetime.timedelta(minutes=40), language),
                "overdue by 40 min" if english else "已逾期 40 分钟",
                str(Verdict(late.verdict).label),
            ],
            later.reference: [
                _moment(now + datetime.timedelta(hours=3), language),
                "in 3 h" if english else "还有 3 小时",
                str(Verdict.LIKELY_INELIGIBLE.label),
            ],
        }
    for reference, shown in expected.items():
        for said in [*shown, "Pre-screen: " if english else "预筛选："]:
            assert said in rows[reference][1], (reference, said, rows[reference][1])
    assert rows[late.reference][0] and not rows[later.reference][0]  # only the late call is marked
    if not english:
        for word in ("due", "Pre-screen", "Likely", "Needs review", "min", "Jun"):
            assert all(word not in words for _late, words in rows.values()), word


def test_the_list_shows_who_to_call_and_filters_what_is_assigned_to_me(trial, site):
    nurse = make_coordinator("nurse", site)
    mine = make_application(trial, site=site, full_name="Li Lei")
    review.assign(mine, to=nurse, by=nurse)
    other = make_application(trial, site=site, full_name="Han Meimei", phone="+86 139 0000 0009")
    staff = Client()
    staff.force_login(nurse)
    page = staff.get("/admin/recruitment/application/").content.decode()
    for shown in ("Li Lei", 'href="tel:+8613800138000"', "Evening", "Simplified Chinese", ">nurse<"):
        assert shown in page, shown
    assert "column-waiting" in page and "column-who" in page
    mine_only = staff.get("/admin/recruitment/application/", {"assigned": "me"}).content.decode()
    assert mine.reference in mine_only and other.reference not in mine_only


# --- The first-contact clock ---------------------------------------------------------------------


def test_a_missed_first_contact_tells_the_sites_lead_once_without_health_data(
    trial, site, django_capture_on_commit_callbacks
):
    lead = make_coordinator("lead", site)
    make_coordinator("nurse", site)
    site.lead_coordinator = lead
    site.save()
    late = make_application(trial, site=site, when=timezone.now() - datetime.timedelta(days=5))
    on_time = make_application(trial, site=site, phone="+86 139 0000 0001")
    called = make_application(
        trial, site=site, phone="+86 139 0000 0002", when=timezone.now() - datetime.timedelta(days=5)
    )
    calls.record_attempt(called, by=lead, outcome="no_answer")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        calls.notify_missed_first_contacts()
    with django_capture_on_commit_callbacks(execute=True):
        calls.notify_missed_first_contacts()  # told once
    [message] = mail.outbox
    assert message.to == [lead.email] and late.reference in message.subject + message.body
    assert on_time.reference not in message.body and called.reference not in message.body
    body = message.body.replace(late.reference, "")  # a random reference may hold "138"
    for word in ("Wang", "138", "SALT", "alopecia"):
        assert word not in body, word
    assert Notification.objects.filter(kind="first_contact_missed").count() == 1


def test_without_a_lead_every_coordinator_of_the_site_is_told(trial, site, django_capture_on_commit_callbacks):
    make_coordinator("nurse_a", site)
    make_coordinator("nurse_b", site)
    make_application(trial, site=site, when=timezone.now() - datetime.timedelta(days=5))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        calls.notify_missed_first_contacts()
    assert sorted(m.to[0] for m in mail.outbox if "past the target" in m.subject) == [
        "nurse_a@site.example",
        "nurse_b@site.example",
    ]


def test_a_target_missed_on_friday_evening_is_overdue_all_weekend_though_no_working_hour_passed(trial, site, clock):
    today = frozen_instant().astimezone(SHANGHAI).date()
    friday = today + datetime.timedelta(days=(4 - today.weekday()) % 7)
    clock.move_to(datetime.datetime.combine(friday, datetime.time(9), SHANGHAI))  # as work starts
    application = make_application(trial, site=site)  # due at 17:00 today, 8 working hours on
    clock.move_to(datetime.datetime.combine(friday + datetime.timedelta(days=3), datetime.time(5, 30), SHANGHAI))
    assert calls.contact_clock(application) == calls.ContactClock(overdue=True, hours=0.0)
    nurse = make_coordinator("nurse", site)
    staff = Client()
    staff.force_login(nurse)
    page = staff.get("/admin/recruitment/application/queue/").content.decode()
    assert '<li class="call overdue">' in page and "overdue by 0.0 working h" in page


def test_the_queue_and_the_page_show_the_time_left_on_the_clock(trial, site):
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site)
    clock = calls.contact_clock(application)
    assert not clock.overdue and 0 < clock.hours <= 8
    late = make_application(
        trial, site=site, phone="+86 139 0000 0001", when=timezone.now() - datetime.timedelta(days=7)
    )
    assert calls.contact_clock(late).overdue
    staff = Client()
    staff.force_login(nurse)
    assert "overdue by" in staff.get(f"/admin/recruitment/application/{late.pk}/change/").content.decode()


def test_the_sponsor_sees_per_site_the_median_time_to_first_contact_and_the_share_within_target(trial, site):
    from django.contrib.auth.models import User

    nurse = make_coordinator("nurse", site)
    monday_9 = at(2026, 11, 30, 9, 0)
    for n, hours_later in enumerate([1, 2, 3, 4, 20]):
        application = make_application(trial, site=site, when=monday_9, phone=f"+86 139 0000 00{n:02d}")
        calls.record_attempt(
            application, by=nurse, outcome="reached", at=add_working_hours(monday_9, hours_later, SHANGHAI)
        )
    median, share, count = calls.first_contact_by_site(Application.objects.all())[site.pk]
    assert (median, share, count) == (pytest.approx(3.0), pytest.approx(0.8), 5)
    sponsor = User.objects.create_user("sponsor_user", password="pw-for-tests-1")
    trial.sponsor.members.add(sponsor)
    client = Client()
    client.force_login(sponsor)
    page = client.get("/sponsor/").content.decode()
    assert "3.0 h" in page and "80 %" in page


def test_marking_an_applicant_contacted_stops_the_clock_and_no_lead_is_told(trial, site):
    nurse = make_coordinator("nurse", site)
    application = make_application(trial, site=site, when=timezone.now() - datetime.timedelta(days=5))
    review.change_status(application, to=Status.CONTACTED, by=nurse)
    assert calls.contact_clock(Application.objects.get(pk=application.pk)) is None
    assert not calls.missed_first_contact().exists() and calls.notify_missed_first_contacts() == []


def test_a_missed_target_at_a_site_nobody_coordinates_yet_is_told_once_someone_does(trial, site):
    application = make_application(trial, site=site, when=timezone.now() - datetime.timedelta(days=5))
    assert calls.notify_missed_first_contacts() == []
    make_coordinator("nurse", site)
    assert len(calls.notify_missed_first_contacts()) == 1
    assert Notification.objects.get(kind="first_contact_missed").application == application


@pytest.mark.parametrize(
    "outcomes, expected",
    [
        ([], 0),
        (["no_answer"], 1),
        (["no_answer", "voicemail", "wrong_number"], 3),
        (["no_answer", "reached", "no_answer"], 1),
        (["no_answer", "call_back"], 0),
    ],
)
def test_failed_attempts_count_from_the_last_one_that_reached_or_heard_the_patient(outcomes, expected):
    assert calls.failed_in_a_row(outcomes) == expected


def test_each_page_of_names_and_phone_numbers_viewed_is_in_the_audit_trail(trial, site):
    # Issue 27: the list and the call queue show names and phone numbers: a read, recorded per page.
    from recruitment.models import AuditEvent

    nurse = make_coordinator("nurse", site)
    shown = make_application(trial, site=site, full_name="Li Lei")
    staff = Client()
    staff.force_login(nurse)
    staff.get("/admin/recruitment/application/")
    staff.get("/admin/recruitment/application/queue/")
    events = AuditEvent.objects.filter(action="contacts_listed", actor=nurse).order_by("pk")
    assert [(e.details["view"], e.details["applications"]) for e in events] == [
        ("list", [shown.pk]),
        ("queue", [shown.pk]),
    ]
    assert "Li Lei" not in str([e.details for e in events])  # which applications, not what they say


@pytest.mark.parametrize(
    ("language", "said"), [("en", "A parent applied: ask for Li Fang"), ("zh-hans", "家长代为申请：请找李芳")]
)
def test_a_coordinator_calling_about_a_child_is_told_whom_to_ask_for(site, language, said):
    from tests.factories import screening_post

    kids = make_trial(slug="kids-queue", min_age_years=12, max_age_years=None)
    kid_site = make_site(kids, facility="Kids Hospital")
    nurse = make_coordinator("nurse", kid_site)
    guardian = "Li Fang" if language == "en" else "李芳"
    from recruitment.demo import submit_answers

    child = submit_answers(
        kids,
        screening_post(
            respondent="parent",
            date_of_birth=f"{timezone.now().year - 16}-03-01",
            guardian_name=guardian,
            consent_guardian="on",
            pregnancy=["none"],
        ),
        site=kid_site,
    )
    staff = Client(HTTP_ACCEPT_LANGUAGE="zh-CN" if language == "zh-hans" else "en")
    staff.force_login(nurse)
    queue = staff.get("/admin/recruitment/application/queue/").content.decode()
    assert said in queue and child.reference in queue
    assert said in staff.get("/admin/recruitment/application/").content.decode()
