"""When a treatment was last used, as far as a "stopped 1 to 3 months ago" answer tells, against a
window of N days or N calendar months before today. The one rule for washouts and for any
criterion that asks whether a treatment was used lately."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from recruitment.screening.checks import add_months
from recruitment.screening.treatments import LAST_USE_DAYS, LastUse

# The same bands as treatments.LAST_USE_DAYS, as months on the calendar, for windows the registries
# give in months.
LAST_USE_MONTHS = {
    LastUse.STILL_USING: (0, 0),
    LastUse.UNDER_1_MONTH: (0, 1),
    LastUse.MONTHS_1_3: (1, 3),
    LastUse.MONTHS_3_6: (3, 6),
    LastUse.OVER_6_MONTHS: (6, None),
    LastUse.UNSURE: (0, None),
}


@dataclass(frozen=True)
class Window:
    surely: bool  # surely used within the window
    maybe: bool  # perhaps (the band straddles the window's start)
    over: datetime.date | None  # the day the window is surely over; None for a treatment still used


def _back(day: datetime.date, n, months: bool) -> datetime.date:
    return add_months(day, -int(n)) if months else day - datetime.timedelta(days=n)


def _forward(day: datetime.date, n, months: bool) -> datetime.date:
    return add_months(day, int(n)) if months else day + datetime.timedelta(days=n)


def within(last_use: str, length, *, months: bool, today, answered_on) -> Window:
    """The answer `last_use`, given on `answered_on` (a re-evaluation later moves it back in time),
    against the last `length` days (or calendar months) before `today`. Without a calendar (no
    `today`), the bands alone decide and no day is known."""
    at_least, at_most = (LAST_USE_MONTHS if months else LAST_USE_DAYS)[LastUse(last_use)]
    still = last_use == LastUse.STILL_USING
    if today is None:
        return Window(at_most is not None and at_most <= length, at_least < length, None)
    answered = answered_on or today
    latest = _back(answered, at_least, months)
    earliest = None if at_most is None else _back(answered, at_most, months)
    starts = _back(today, length, months)
    over = None if still else max(_forward(latest, length, months), today)
    return Window(earliest is not None and earliest >= starts, latest > starts, over)
