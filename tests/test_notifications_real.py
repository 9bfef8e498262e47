"""Notifications through a real Celery worker and the real Redis at REDIS_URL.

With CI=true a missing Redis fails these tests (the redis_url fixture); elsewhere they skip.
"""

import datetime
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
import redis
from django.db import connection

from recruitment.models import Application, Notification, NotificationStatus
from recruitment.services.notifications import requeue_stale
from tests.clock import frozen
from tests.factories import make_coordinator, make_site, make_trial, screening_post
from tests.mail import sent_messages, wait_for_messages
from tests.proc import ROOT, clean_env, database_url_of, start_beat, start_worker, stop

# Reads the clock (beat's schedule and the first-contact breach); CI runs it at the edges of time too.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_broker,
    pytest.mark.subprocess,
    pytest.mark.clock,
]


@pytest.fixture
def world(tmp_path, redis_url):
    redis.Redis.from_url(redis_url).flushdb()  # no message left over from another run
    trial = make_trial(slug="brave-aa1", acronym="BRAVE-AA1")
    site = make_site(trial)
    make_coordinator("nurse_a", site)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = clean_env(
        REDIS_URL=redis_url,
        DATABASE_URL=database_url_of(connection),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(outbox),
        PYTHONPATH=str(ROOT),
    )
    workers = []
    yield {"trial": trial, "site": site, "outbox": outbox, "env": env, "workers": workers, "tmp": tmp_path}
    for worker in workers:
        stop(worker)  # SIGTERM: let it close its database connection before the test database goes


def _worker(world, name, **env):
    worker = start_worker({**world["env"], **env}, name=name)
    world["workers"].append(worker)
    return worker


def _notice():
    """The coordinator's notice (the patient's confirmation by text message goes through the same
    outbox, to the console)."""
    return Notification.objects.get(kind="new_application")


def _wait_until(predicate, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_submission_reaches_a_real_worker_which_sends_the_email_exactly_once(client, world):
    _worker(world, "w1")
    response = client.post("/en/trials/brave-aa1/apply/", screening_post(site=str(world["site"].pk)))
    assert response.status_code == 302
    messages = wait_for_messages(world["outbox"], 1)
    assert len(messages) == 1
    assert Application.objects.get().reference in messages[0]
    _wait_until(lambda: _notice().status == NotificationStatus.SENT, what="status sent")

    # The same task delivered again (a redelivery, or the sweeper) sends nothing more.
    from recruitment.tasks import send_notification

    send_notification.apply_async(args=[_notice().pk])
    send_notification.apply_async(args=[_notice().pk])
    time.sleep(2)
    assert len(sent_messages(world["outbox"])) == 1


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_the_broker_unreachable_the_patient_is_answered_fast_and_the_sweeper_delivers_later(world):
    port = _free_port()
    server_env = {**world["env"], "REDIS_URL": "redis://127.0.0.1:1/0", "DJANGO_DEBUG": "true"}  # nothing on port 1
    log = open(world["tmp"] / "server.log", "w")  # noqa: SIM115 - the server writes to it until stopped
    server = subprocess.Popen(
        frozen(
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
        ),
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    world["workers"].append(server)
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    deadline = time.monotonic() + 20
    while True:
        try:
            page = opener.open(f"{base}/en/trials/brave-aa1/apply/", timeout=5).read().decode()
            break
        except OSError:
            assert time.monotonic() < deadline, (world["tmp"] / "server.log").read_text()
            time.sleep(0.2)
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = urllib.parse.urlencode({**screening_post(), "csrfmiddlewaretoken": token}, doseq=True).encode()
    started = time.monotonic()
    response = opener.open(urllib.request.Request(f"{base}/en/trials/brave-aa1/apply/", data=data), timeout=10)
    elapsed = time.monotonic() - started
    assert response.status == 200 and response.url.endswith("/apply/done/")  # followed the redirect
    assert elapsed < 1.0, f"the patient waited {elapsed:.2f} s"  # the publish gives up in 0.5 s

    notification = _notice()
    assert notification.status == NotificationStatus.PENDING
    assert sent_messages(world["outbox"]) == []

    # The broker is back (the real one): beat's sweeper finds the pending row and a worker sends it.
    _worker(world, "w1", NOTIFICATION_REQUEUE_AFTER="1")  # the sweep runs in the worker
    beat = start_beat({**world["env"], "NOTIFICATION_SWEEP_SECONDS": "1"}, name="beat")
    world["workers"].append(beat)
    assert len(wait_for_messages(world["outbox"], 1)) == 1
    _wait_until(lambda: _notice().status == NotificationStatus.SENT, what="status sent")
    requeue_stale(older_than=datetime.timedelta(0))  # nothing pending: nothing more is sent
    time.sleep(1)
    assert len(sent_messages(world["outbox"])) == 1


def test_a_worker_killed_in_the_middle_of_sending_leads_to_exactly_one_email(client, world):
    marker = world["tmp"] / "sending"
    slow = _worker(
        world, "slow", EMAIL_BACKEND="tests.mail.SlowFileBackend", SLOW_MAIL_MARKER=str(marker), SLOW_MAIL_SECONDS="30"
    )
    assert client.post("/en/trials/brave-aa1/apply/", screening_post(site=str(world["site"].pk))).status_code == 302
    _wait_until(marker.exists, what="the worker to start sending")
    os.kill(slow.pid, signal.SIGKILL)
    slow.wait(timeout=10)
    assert sent_messages(world["outbox"]) == []
    _wait_until(lambda: _notice().status == NotificationStatus.PENDING, what="the lock to go")

    _worker(world, "w2")
    requeue_stale(older_than=datetime.timedelta(0))
    assert len(wait_for_messages(world["outbox"], 1)) == 1
    _wait_until(lambda: _notice().status == NotificationStatus.SENT, what="status sent")
    time.sleep(1)
    assert len(sent_messages(world["outbox"])) == 1


def test_beat_has_a_real_worker_email_a_reminder_on_its_day(client, world):
    from recruitment.models import Reminder
    from recruitment.patient_dates import patient_today
    from tests.factories import make_criterion

    make_criterion(
        world["trial"],
        "washout",
        role="exclusion",
        params={"treatments": ["topical_steroid"], "days": 30},
        patient_text="No steroid cream lately",
    )
    assert (
        client.post(
            "/en/trials/brave-aa1/apply/", screening_post(used_topical_steroid="lt1m", email="fang@example.cn")
        ).status_code
        == 302
    )
    client.post("/en/trials/brave-aa1/apply/done/remind/", {"consent_reminder": "on"})
    reminder = Reminder.objects.get()
    Reminder.objects.filter(pk=reminder.pk).update(due_on=patient_today())  # its day has come

    _worker(world, "w1")
    world["workers"].append(start_beat({**world["env"], "REMINDER_SWEEP_SECONDS": "1"}, name="beat"))

    def reminders():  # the patient's confirmation went to the same address
        return [
            m for m in sent_messages(world["outbox"]) if "fang@example.cn" in m and re.search(r"/(en|zh-hans)/r/", m)
        ]

    _wait_until(reminders, what="the reminder")
    _wait_until(lambda: Reminder.objects.get().sent_at is not None, what="the reminder marked sent")
    time.sleep(2)  # beat runs again: the reminder is not sent twice
    assert len(reminders()) == 1


def test_a_real_worker_runs_the_retention_task_and_erases_what_the_period_has_reached(world):
    from recruitment.tasks import erase_expired_applications
    from tests.factories import make_application

    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=400)
    expired = make_application(world["trial"], site=world["site"], when=long_ago)
    recent = make_application(world["trial"], site=world["site"], phone="+86 139 0000 0001")
    _worker(world, "w1")
    erase_expired_applications.apply_async()  # what beat publishes each night (settings.CELERY_BEAT_SCHEDULE)
    _wait_until(lambda: Application.objects.get(pk=expired.pk).erased_at is not None, what="the erasure")
    assert not Application.objects.filter(pk=expired.pk, contact__isnull=False).exists()
    assert Application.objects.get(pk=recent.pk).erased_at is None


def test_beat_schedules_the_retention_every_night():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["erase-expired-applications"]
    assert entry["task"] == "recruitment.tasks.erase_expired_applications"
    assert entry["schedule"].hour == {3}


def test_beat_has_a_real_worker_tell_the_sites_lead_once_of_a_missed_first_contact(world):
    from tests.factories import make_application

    lead = make_coordinator("lead", world["site"])
    world["site"].lead_coordinator = lead
    world["site"].save()
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=6)
    late = make_application(world["trial"], site=world["site"], when=long_ago)
    _worker(world, "w1")
    world["workers"].append(start_beat({**world["env"], "FIRST_CONTACT_SWEEP_SECONDS": "1"}, name="beat"))

    def alerts():
        return [
            m
            for m in sent_messages(world["outbox"])
            if "lead@site.example" in m and late.reference in m and "past the target" in m
        ]

    _wait_until(alerts, what="the lead's alert")
    time.sleep(3)  # beat runs again, twice: told once
    assert len(alerts()) == 1
    assert Application.objects.get(pk=late.pk).first_contact_breach_notified_at is not None


def test_a_burst_of_notifications_is_all_sent_by_a_real_worker_with_no_sweeper_running(world):
    # Issue 28, the notification tail: a few in a thousand used to wait for the sweeper, skipped by
    # the worker while this process still updated their rows after publishing them.
    from recruitment.services.notifications import enqueue

    nurse = make_coordinator("nurse_burst", world["site"])
    ids = [
        Notification.objects.create(kind="account_changed", recipient=nurse, payload={"event": "password_changed"}).pk
        for _ in range(150)
    ]
    _worker(world, "w1")
    # One at a time, as a broadcast's submissions queue theirs: each publish races the worker.
    assert sum(enqueue([pk]) for pk in ids) == len(ids)
    try:
        _wait_until(
            lambda: Notification.objects.filter(pk__in=ids, status=NotificationStatus.SENT).count() == len(ids),
            timeout=90,
            what="every notification of the burst sent",
        )
    except AssertionError:
        left = list(
            Notification.objects.filter(pk__in=ids)
            .exclude(status=NotificationStatus.SENT)
            .values("pk", "status", "attempts", "last_error", "queued_at")
        )
        log = (world["tmp"] / "w1.log").read_text()[-4000:]
        raise AssertionError(f"{len(left)} not sent: {left[:10]}\nworker log:\n{log}") from None
    assert len([m for m in sent_messages(world["outbox"]) if "nurse_burst" in m]) == len(ids)
