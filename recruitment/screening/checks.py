"""What the checks of every kind of criterion share: ranges, and scores compared with limits.

A check takes a criterion's parameters and the applicant's answers and says whether the condition
the criterion describes holds (True, False, or None when the answers cannot tell), and why.
"""

import calendar
import datetime
from decimal import Decimal

from django.utils.translation import gettext_noop

from recruitment.patient_dates import months_between
from recruitment.screening.later import Later
from recruitment.screening.reasons import reason


def within(value, low, high, *, low_exclusive=False, high_exclusive=False) -> bool:
    if low is not None and (value < low or (low_exclusive and value == low)):
        return False
    return not (high is not None and (value > high or (high_exclusive and value == high)))


def _number(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def months_words(months) -> dict:
    """A length in months as words, as a nested reason each reader's language words: whole years
    as years ("10 years"), the rest as months."""
    n = _number(months)
    if isinstance(n, int) and n >= 12 and n % 12 == 0:
        years = n // 12
        return (
            reason(gettext_noop("1 year")) if years == 1 else reason(gettext_noop("%(n)s years"), n=years)
        ).as_dict()
    return (reason(gettext_noop("1 month")) if n == 1 else reason(gettext_noop("%(n)s months"), n=n)).as_dict()


def range_words(low, high, *, words=_number, low_exclusive=False, high_exclusive=False) -> dict:
    """A range as words, as a nested reason: "between 6 months and 10 years", "at least 16",
    "at most 65", "more than 6 months". `words` words each limit (months_words for lengths)."""
    if low is not None and high is not None:
        template = {
            (False, False): gettext_noop("between %(low)s and %(high)s"),
            (True, False): gettext_noop("more than %(low)s and at most %(high)s"),
            (False, True): gettext_noop("at least %(low)s and less than %(high)s"),
            (True, True): gettext_noop("more than %(low)s and less than %(high)s"),
        }[(low_exclusive, high_exclusive)]
        return reason(template, low=words(low), high=words(high)).as_dict()
    if low is not None:
        template = gettext_noop("more than %(low)s") if low_exclusive else gettext_noop("at least %(low)s")
        return reason(template, low=words(low)).as_dict()
    template = gettext_noop("less than %(high)s") if high_exclusive else gettext_noop("at most %(high)s")
    return reason(template, high=words(high)).as_dict()


# Reasons stored by evaluations made before the limits were worded; kept in the catalog so that
# those evaluations still read in Chinese.
EARLIER_WORDINGS = (gettext_noop("%(score)s %(value)s, required %(range)s"),)


def check_score(value, low, high, label):
    if value is None:
        return None, reason(gettext_noop("%(score)s not given"), score=label)
    return within(value, low, high), reason(
        gettext_noop("%(score)s %(value)s; the trial asks for %(range)s"),
        score=label,
        value=str(value),
        range=range_words(low, high),
    )


# How close to a threshold a patient's own estimate of a score is too close to decide, unless the
# score's kind says otherwise: a quarter of the threshold, and never less than a quarter of a
# point. Self-estimates of skin extent are off by about that much either way, so a patient just
# below a minimum is asked to let the site measure, not told the trial is not for them; nor is one
# just above told they fit.
ESTIMATE_MARGIN = Decimal("0.25")
ESTIMATE_MARGIN_FLOOR = Decimal("0.25")


def estimate_margin(threshold) -> Decimal:
    return max(ESTIMATE_MARGIN_FLOOR, Decimal(str(threshold)) * ESTIMATE_MARGIN)


def check_estimate(value, low, high, label, *, margin=estimate_margin, scale=(None, None), inclusive=False):
    """A self-reported estimate against a range: a clear miss or a clear fit decides, an estimate
    within `margin(limit)` of a limit does not (`inclusive`: nor one exactly that far). A limit at
    an end of the score's `scale` (its maximum) is no limit an estimate can be near."""
    holds, why = check_score(value, low, high, label)
    if value is None:
        return holds, why
    near = [
        limit
        for limit in (low, high)
        if limit is not None
        and limit not in scale
        and (distance := abs(Decimal(str(value)) - Decimal(str(limit)))) <= margin(limit)
        and (inclusive or distance < margin(limit))
    ]
    clearly_out = not holds and not near
    if clearly_out or (holds and not near):
        return holds, why
    return None, why.then(gettext_noop("%(first)s; a self-estimate this close to the limit is for the site to measure"))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    year, month = divmod(day.month - 1 + int(months), 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def surely_longer_than(started_month: datetime.date, months) -> datetime.date:
    """The first day on which something that began in the month of `started_month` (its day not
    known) has surely lasted more than `months` months."""
    return add_months(started_month.replace(day=1), int(months) + 1)


def months_fit(months: int, low, high):
    """Whether a length given in whole calendar months (from a month and year, not a day) fits a
    range: its true length lies strictly between months - 1 and months + 1, so the answer is firm
    only when that whole interval is on one side of each limit (so whether a limit itself is
    included never decides); otherwise None."""
    shortest, longest = months - 1, months + 1  # open interval
    if (low is not None and longest <= low) or (high is not None and shortest >= high):
        return False
    if (low is None or shortest >= low) and (high is None or longest <= high):
        return True
    return None


def duration_since(
    started: datetime.date | None,
    months: int,
    today: datetime.date | None,
    low,
    high,
    screening_on: datetime.date | None = None,
):
    """The one rule for how long something has lasted that the patient dated by its month and
    year (an episode, a disease since its onset): its length in whole months on `today` (the
    months given at sign-up when the start or the day is not known), whether that fits the range
    [low, high] (`months_fit`: None when too close to a limit to tell from the month alone), and,
    when it is only too short for now, the Later from which it surely is long enough. A minimum is
    a trial's rule at its screening visit: one surely reached by `screening_on` is met."""
    if started and today:
        months = months_between(started, today)  # on the day of this evaluation
    fits = months_fit(months, low, high)
    later = None
    reached_by_the_visit = (
        fits is not True
        and low is not None
        and started
        and screening_on
        and months_fit(months_between(started, screening_on), low, None) is True
    )
    if reached_by_the_visit:
        return months, months_fit(months, None, high), None
    if fits is False and low is not None and months < low and started and (high is None or low < high):
        later = Later(surely_longer_than(started, low))
    return months, fits, later


def check_duration(p, a, *, months_name: str, started_name: str, not_given: str, lasted: str):
    """A criterion on how long something the patient dated by month and year has lasted (the
    parameters `min_months` and `max_months`), read from the condition's answers `months_name` and
    `started_name`. `not_given` and `lasted` are its reasons (`lasted` with %(months)s and
    %(range)s, both in words): the rule is `duration_since`'s, the words the condition's."""
    months, started = a.condition.get(months_name), a.condition.get(started_name)
    if months is None:
        return None, reason(not_given)
    low, high = p.get("min_months"), p.get("max_months")
    months, fits, later = duration_since(started, months, a.today, low, high, a.screening_on)
    why = reason(lasted, months=months_words(months), range=range_words(low, high, words=months_words))
    if later is not None:
        return False, why, later
    if fits is None:
        return None, why.then(gettext_noop("%(first)s; too close to the limit to tell from the month alone"))
    return fits, why
