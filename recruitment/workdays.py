import datetime


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days (Monday-Friday) before `day`."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


# The study teams' working day, in the patients' time zone (settings.PATIENT_TIME_ZONE).
DAY_STARTS, DAY_ENDS = datetime.time(9), datetime.time(17)


def _open_spans(start: datetime.datetime, tz):
    """The working spans (start, end) from `start` on, day by day, as aware datetimes in `tz`."""
    local = start.astimezone(tz)
    day = local.date()
    while True:
        if day.weekday() < 5:
            opens = datetime.datetime.combine(day, DAY_STARTS, tz)
            closes = datetime.datetime.combine(day, DAY_ENDS, tz)
            if closes > local:
                yield max(opens, local), closes
        day += datetime.timedelta(days=1)


def add_working_hours(start: datetime.datetime, hours: float, tz) -> datetime.datetime:
    """The moment `hours` working hours after `start` (a sign-up at night starts counting at 9)."""
    left = datetime.timedelta(hours=hours)
    for opens, closes in _open_spans(start, tz):
        if closes - opens >= left:
            return opens + left
        left -= closes - opens
    raise AssertionError("unreachable")


def working_hours_between(start: datetime.datetime, end: datetime.datetime, tz) -> float:
    """Working hours from `start` to `end` (0 if `end` is not later)."""
    total = datetime.timedelta()
    if end <= start:
        return 0.0
    for opens, closes in _open_spans(start, tz):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total.total_seconds() / 3600
