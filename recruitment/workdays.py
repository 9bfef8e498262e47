import datetime


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days (Monday-Friday) before `day`."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day
