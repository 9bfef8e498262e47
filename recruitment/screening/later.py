"""When only time stands between a patient and a criterion."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Later:
    """What a check adds when its answer turns with time: the condition it describes turns on `on`
    (None: on a date the answers cannot give). `after`: what must happen first, when it is not time
    alone: STOPPING a treatment the patient still uses (never ours to suggest: the doctor who
    prescribed it decides), or a condition's own (the regrowth of shaved hair...), which its
    ConditionModule.waiting_words words."""

    on: datetime.date | None
    after: str = ""


STOPPING = "stopping"
