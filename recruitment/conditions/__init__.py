"""The conditions the portal knows, one package each, registered in one list.

Everything specific to one condition lives in its package; the core (applications, contact
details, consents, evaluations, audit, notifications, exports, pipeline) names none of them.
"""

from recruitment.conditions import alopecia_areata, vitiligo
from recruitment.conditions.base import Condition

CONDITIONS: list[Condition] = [alopecia_areata.CONDITION, vitiligo.CONDITION]
BY_CODE: dict[str, Condition] = {condition.code: condition for condition in CONDITIONS}


def condition_of(trial) -> Condition:
    """The condition module of a trial."""
    return BY_CODE[trial.condition]
