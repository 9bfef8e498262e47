"""What the checks of every kind of criterion share: ranges, and scores compared with limits.

A check takes a criterion's parameters and the applicant's answers and says whether the condition
the criterion describes holds (True, False, or None when the answers cannot tell), and why.
"""

from django.utils.translation import gettext_noop

from recruitment.screening.reasons import reason


def within(value, low, high, *, low_exclusive=False, high_exclusive=False) -> bool:
    if low is not None and (value < low or (low_exclusive and value == low)):
        return False
    if high is not None and (value > high or (high_exclusive and value == high)):
        return False
    return True


def range_text(low, high, unit="") -> str:
    # Symbols and numbers only: the same in every language.
    if low is not None and high is not None:
        return f"{low}-{high}{unit}"
    if low is not None:
        return f"≥ {low}{unit}"
    return f"≤ {high}{unit}"


def check_score(value, low, high, label):
    if value is None:
        return None, reason(gettext_noop("%(score)s not given"), score=label)
    return within(value, low, high), reason(gettext_noop("%(score)s %(value)s, required %(range)s"),
                                            score=label, value=str(value), range=range_text(low, high))
