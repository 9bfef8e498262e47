"""Notifications in-process: who is told, what they are told, and that nothing is lost or doubled."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from recruitment.models import Notification, NotificationKind, NotificationStatus
from recruitment.services import notifications
from recruitment.services.notifications import Outcome, deliver, queue_digests, requeue_stale
from recruitment.workdays import working_days_before
from tests.factories import DATE_OF_BIRTH, make_application, make_coordinator, make_site, make_trial, screening_post
from tests.fixtures import in_process
from trials.models import Site

# Reads the clock (sweeps, digests and reminders); CI runs it at the edges of time too.
pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def trial():
    return make_trial(slug="brave-aa1", acronym="BRAVE-AA1")


def test_a_submission_emails_each_coordinator_of_the_chosen_site_once(
    client, trial, django_capture_on_commit_callbacks
):
    site_a, site_b = make_site(trial), make_site(trial)
    make_coordinator("nurse_a", site_a)
    make_coordinator("nurse_a2", site_a)
    make_coordinator("nurse_b", site_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/trials/brave-aa1/apply/", screening_post(site=str(site_a.pk)))
    assert sorted(m.to[0] for m in mail.outbox) == ["nurse_a2@site.example", "nurse_a@site.example"]
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}


def test_with_a_broker_each_notice_is_queued_once_the_application_is_committed(
    client, trial, django_capture_on_commit_callbacks, settings, monkeypatch
):
    from recruitment.tasks import send_notification

    make_coordinator("nurse_a", make_site(trial))
    make_coordinator("nurse_b", Site.objects.get(trial=trial))
    published = []
    # The broker itself is tested in test_notifications_real.py; here, what is published when.
    monkeypatch.setattr(send_notification, "apply_async", lambda args, **options: published.append(args[0]))
    in_process(settings, False)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            client.post("/en/trials/brave-aa1/apply/", screening_post())
            assert published == [], "nothing is published before the application is committed"
        for callback in callbacks:
            callback()
    finally:
        in_process(settings, True)
    notices = Notification.objects.order_by("pk")
    # Two coordinators, and the patient's confirmation by text message.
    assert published == [n.pk for n in notices] and len(published) == 3
    assert all(n.status == NotificationStatus.PENDING and n.queued_at is not None for n in notices)


def test_without_a_chosen_site_every_coordinator_of_the_trial_is_told(
    client, trial, django_capture_on_commit_callbacks
):
    make_coordinator("nurse_a", make_site(trial))
    make_coordinator("nurse_b", make_site(trial))
    make_coordinator("elsewhere", make_site(make_trial()))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/trials/brave-aa1/apply/", screening_post())
    assert sorted(m.to[0] for m in mail.outbox) == ["nurse_a@site.example", "nurse_b@site.example"]


def test_the_email_has_trial_reference_verdict_and_link_but_no_health_data_or_contact(
    client, trial, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://trials.example.org"
    make_coordinator("nurse_a", make_site(trial))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/trials/brave-aa1/apply/", screening_post(email="wang.fang@example.cn"))
    from recruitment.models import Application

    application = Application.objects.get()
    message = mail.outbox[0]
    text = message.subject + message.body
    assert "BRAVE-AA1" in text
    assert application.reference in text
    assert application.get_verdict_display() in text
    # By its opaque id: a mailbox keeps no sequential number (issue 27).
    link = f"https://trials.example.org/admin/recruitment/application/open/{application.public_id}/"
    assert link in text and f"/application/{application.pk}/" not in text
    for private in (
        "Wang Fang",
        "138",
        "wang.fang@example.cn",
        DATE_OF_BIRTH[:4],
        "75.2",
        "SALT",
        "baricitinib",
        "pregnan",
    ):
        assert private not in text.replace(link, ""), private  # the id is random: its digits are no answer


def test_a_task_delivered_twice_sends_one_email(trial):
    make_coordinator("nurse_a", make_site(trial))
    application = make_application(trial)  # on_commit never runs inside the test transaction
    notification = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=application)
    assert deliver(notification.pk, max_attempts=5) == Outcome.SENT
    assert deliver(notification.pk, max_attempts=5) == Outcome.SKIPPED
    assert len(mail.outbox) == 1


def test_a_failing_send_is_retried_then_marked_failed_with_its_error(trial, settings):
    settings.EMAIL_BACKEND = "tests.test_notifications.BrokenBackend"
    make_coordinator("nurse_a", make_site(trial))
    notification = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=make_application(trial))
    assert deliver(notification.pk, max_attempts=3) == Outcome.RETRY
    assert deliver(notification.pk, max_attempts=3) == Outcome.RETRY
    assert deliver(notification.pk, max_attempts=3) == Outcome.FAILED
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 3
    assert "SMTP server said no" in notification.last_error


def test_a_failed_notification_can_be_resent_from_admin(admin_client, trial, django_capture_on_commit_callbacks):
    make_coordinator("nurse_a", make_site(trial))
    notification = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=make_application(trial))
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.FAILED, attempts=5, last_error="timeout"
    )
    body = admin_client.get("/admin/recruitment/notification/?status=failed").content.decode()
    assert "timeout" in body
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/recruitment/notification/", {"action": "resend_selected", "_selected_action": [notification.pk]}
        )
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    assert notification.application.audit_events.filter(action="notification_resent").exists()


def test_the_sweeper_requeues_only_notifications_pending_for_a_while(trial, monkeypatch):
    make_coordinator("nurse_a", make_site(trial))
    stale = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=make_application(trial))
    fresh = Notification.objects.get(
        kind=NotificationKind.NEW_APPLICATION, application=make_application(trial, phone="+86 139 0000 0000")
    )
    Notification.objects.filter(pk=stale.pk).update(queued_at=timezone.now() - datetime.timedelta(minutes=10))
    Notification.objects.filter(pk=fresh.pk).update(queued_at=timezone.now())
    published = []
    monkeypatch.setattr(
        "recruitment.tasks.send_notification.apply_async", lambda args, **options: published.append(args[0])
    )
    assert requeue_stale(older_than=datetime.timedelta(minutes=5)) == 1
    assert published == [stale.pk]


def test_the_sweeper_requeues_one_batch_per_run_oldest_first(trial, monkeypatch):
    make_coordinator("nurse_a", make_site(trial))
    for n in range(5):
        make_application(trial, phone=f"+86 139 6666 000{n}")
    Notification.objects.update(queued_at=timezone.now() - datetime.timedelta(minutes=10))
    published = []
    monkeypatch.setattr(
        "recruitment.tasks.send_notification.apply_async", lambda args, **options: published.append(args[0])
    )
    oldest = list(Notification.objects.order_by("created_at", "pk").values_list("pk", flat=True))
    assert requeue_stale(older_than=datetime.timedelta(minutes=5), batch=2) == 2
    assert published == oldest[:2]
    # Those two are queued again now: the next run takes the next two, not the same ones.
    assert requeue_stale(older_than=datetime.timedelta(minutes=5), batch=2) == 2
    assert published == oldest[:4]


def test_a_broker_failure_while_queueing_loses_nothing_and_raises_nothing(trial, monkeypatch):
    make_coordinator("nurse_a", make_site(trial))
    make_coordinator("nurse_a2", *trial.sites.all())
    application = make_application(trial)
    calls = []

    def broker_down(args, **options):
        calls.append(args)
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr("recruitment.tasks.send_notification.apply_async", broker_down)
    ids = list(Notification.objects.filter(application=application).values_list("pk", flat=True))
    assert notifications.enqueue(ids) == 0
    assert len(calls) == 1  # gives up at once rather than making the patient wait per coordinator
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.PENDING}
    # Not queued: the sweeper takes them at its next run, not after NOTIFICATION_REQUEUE_AFTER more.
    assert set(Notification.objects.values_list("queued_at", flat=True)) == {None}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 25), datetime.date(2026, 11, 23)),  # Wednesday -> Monday
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 19)),  # Monday -> Thursday
        (datetime.date(2026, 11, 22), datetime.date(2026, 11, 19)),  # Sunday -> Thursday
    ],
)
def test_two_working_days_skip_weekends(day, expected):
    assert working_days_before(day, 2) == expected


def test_the_daily_digest_lists_applications_still_new_after_two_working_days(
    trial, django_capture_on_commit_callbacks
):
    site = make_site(trial)
    make_coordinator("nurse_a", site)
    wednesday = datetime.date(2026, 11, 25)
    old = make_application(trial, site=site, when=timezone.make_aware(datetime.datetime(2026, 11, 20, 10)))
    recent = make_application(
        trial, site=site, phone="+86 139 0000 0001", when=timezone.make_aware(datetime.datetime(2026, 11, 24, 10))
    )
    handled = make_application(
        trial, site=site, phone="+86 139 0000 0002", when=timezone.make_aware(datetime.datetime(2026, 11, 19, 10))
    )
    handled.status = "contacted"
    handled.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        queue_digests(today=wednesday)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert old.reference in body
    assert recent.reference not in body
    assert handled.reference not in body
    assert "Wang Fang" not in body
    with django_capture_on_commit_callbacks(execute=True):
        queue_digests(today=wednesday)  # beat may fire twice: still one digest a day
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP server said no")


def test_a_deactivated_coordinator_is_not_emailed(trial):
    nurse = make_coordinator("nurse_a", make_site(trial))
    notification = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=make_application(trial))
    nurse.is_active = False
    nurse.save()
    assert deliver(notification.pk, max_attempts=5) == Outcome.SKIPPED
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert "deactivated" in notification.last_error
    assert mail.outbox == []


def test_with_no_coordinator_at_all_the_administrators_are_told(trial, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    User.objects.create_superuser("root", "root@portal.example", "pw-for-tests-1")
    with django_capture_on_commit_callbacks(execute=True):
        make_application(trial, site=make_site(trial))
    assert [m.to for m in mail.outbox] == [["root@portal.example"]]


def test_pending_notifications_cannot_be_reset_by_resend(admin_client, trial):
    make_coordinator("nurse_a", make_site(trial))
    notification = Notification.objects.get(kind=NotificationKind.NEW_APPLICATION, application=make_application(trial))
    Notification.objects.filter(pk=notification.pk).update(attempts=4)
    admin_client.post(
        "/admin/recruitment/notification/", {"action": "resend_selected", "_selected_action": [notification.pk]}
    )
    notification.refresh_from_db()
    assert notification.attempts == 4


def test_a_digest_whose_applications_were_all_handled_is_not_sent(trial, django_capture_on_commit_callbacks):
    site = make_site(trial)
    make_coordinator("nurse_a", site)
    old = make_application(trial, site=site, when=timezone.make_aware(datetime.datetime(2026, 11, 20, 10)))
    mail.outbox.clear()
    ids = queue_digests(today=datetime.date(2026, 11, 25))
    old.status = "contacted"
    old.save()
    assert deliver(ids[0], max_attempts=5) == Outcome.SKIPPED
    assert mail.outbox == []


def test_notifications_are_marked_queued_before_any_task_is_published(trial, django_capture_on_commit_callbacks):
    # Issue 28, the notification tail: a worker takes a row with FOR UPDATE SKIP LOCKED; a row this
    # process still updated after publishing was skipped and waited for the sweeper.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recruitment.models import Notification
    from recruitment.services.notifications import enqueue

    nurses = [make_coordinator(f"nurse_{n}", make_site(trial)) for n in range(3)]
    notices = [
        Notification.objects.create(kind="account_changed", recipient=nurse, payload={"event": "password_changed"})
        for nurse in nurses
    ]
    with CaptureQueriesContext(connection) as queries:
        assert enqueue([n.pk for n in notices]) == len(notices)  # tasks run in-process here: each delivers
    statements = [q["sql"] for q in queries.captured_queries]
    marked = next(i for i, sql in enumerate(statements) if sql.startswith("UPDATE") and "queued_at" in sql)
    # A delivery begins by reading its row, pending, to lock it (FOR UPDATE on PostgreSQL).
    first_delivery = next(
        i
        for i, sql in enumerate(statements)
        if sql.startswith("SELECT") and '"recruitment_notification"."status"' in sql
    )
    assert marked < first_delivery
    assert not [sql for sql in statements[first_delivery:] if sql.startswith("UPDATE") and '"queued_at"' in sql]


@pytest.mark.django_db(transaction=True)
def test_a_delivery_waits_its_turn_when_another_connection_is_writing_to_a_sqlite_database():
    # Issue 28, the notification tail as CI saw it on SQLite: a worker's delivery reads its row,
    # then writes; with another connection writing meanwhile (the web process queueing the next
    # notices), a deferred transaction failed at once with "database is locked" and left its row
    # for the sweeper. Transactions that take the write lock when they begin wait their turn.
    import sqlite3
    import threading

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's lock upgrade; PostgreSQL locks rows")
    nurse = make_coordinator("nurse_lock", make_site(make_trial(slug="brave-aa1")))
    notice = Notification.objects.create(kind="account_changed", recipient=nurse, payload={"event": "password_changed"})
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE recruitment_notification SET queued_at = NULL WHERE id = ?", (notice.pk,))
    writer_done = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    writer_done.start()
    try:
        outcome = deliver(notice.pk, max_attempts=3)
    finally:
        writer_done.join()
        other.close()
    assert outcome == Outcome.SENT
    assert Notification.objects.get(pk=notice.pk).status == NotificationStatus.SENT


def test_a_delivery_locks_its_row_by_key_alone_without_joining_the_applications(trial):
    # Joined to the applications (select_related), PostgreSQL could plan the locking lookup as a
    # merge join over the whole applications index: 100 ms a notice at 130,000 applications.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nurse = make_coordinator("nurse_plan", make_site(trial))
    notice = Notification.objects.create(kind="account_changed", recipient=nurse, payload={"event": "password_changed"})
    with CaptureQueriesContext(connection) as captured:
        assert deliver(notice.pk, max_attempts=3) == Outcome.SENT
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    locking = next(sql for sql in reads if 'FROM "recruitment_notification"' in sql)
    assert "JOIN" not in locking
    assert len(captured.captured_queries) <= 8  # the recipient and what the message names, each by key
