"""The patient's own calendar. Ages, the length of an episode or of the disease, and washouts are
counted in the days of the place where patients live, not of the server's clock (UTC): a patient
in Beijing who applies at 07:30 on their eighteenth birthday is eighteen, although it is still
the day before in UTC. The zone is a setting (`PATIENT_TIME_ZONE`, Asia/Shanghai by default)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def patient_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localdate(now, timezone=ZoneInfo(settings.PATIENT_TIME_ZONE))


def birthday(born: datetime.date, years: int) -> datetime.date:
    """The day one born on `born` turns `years`: 1 March for 29 February in a common year."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return datetime.date(born.year + years, 3, 1)


def age_on(born: datetime.date, day: datetime.date) -> int:
    years = day.year - born.year
    return years if day >= birthday(born, years) else years - 1


def months_between(start: datetime.date, day: datetime.date) -> int:
    """Whole calendar months from the month of `start` to the month of `day`."""
    return (day.year - start.year) * 12 + day.month - start.month
