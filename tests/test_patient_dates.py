"""Ages and episode lengths are counted on the patient's calendar, not the server's (UTC)."""

import datetime

import pytest
from django.utils import timezone

from recruitment.models import Application
from recruitment.patient_dates import patient_today
from tests.factories import make_criterion, make_trial, screening_post

# Reads the clock (ages and durations on the patient's calendar); CI runs it at the edges of time too.
pytestmark = [pytest.mark.django_db, pytest.mark.clock]

# 07:30 on 15 March 2026 in Beijing is still 14 March in UTC.
BEIJING_MORNING = datetime.datetime(2026, 3, 14, 23, 30, tzinfo=datetime.UTC)


@pytest.fixture
def beijing_morning(monkeypatch, settings):
    settings.TIME_ZONE = "UTC"
    settings.PATIENT_TIME_ZONE = "Asia/Shanghai"
    monkeypatch.setattr(timezone, "now", lambda: BEIJING_MORNING)


def test_the_patients_day_is_beijings_not_the_servers(beijing_morning):
    assert timezone.localdate() == datetime.date(2026, 3, 14)
    assert patient_today() == datetime.date(2026, 3, 15)


def test_a_patient_applying_in_the_beijing_morning_of_their_18th_birthday_is_18(client, beijing_morning):
    trial = make_trial(slug="adults-only")
    make_criterion(trial, "age", params={"min": 18}, patient_text="Aged 18 or older")
    response = client.post(
        "/en/trials/adults-only/apply/",
        screening_post(date_of_birth="2008-03-15", guardian_name="", episode_month="3", episode_year="2026"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert application.age_years == 18
    assert application.alopecia.episode_started_on == datetime.date(2026, 3, 1)
    assert application.verdict == "likely_eligible"
