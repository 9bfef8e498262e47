"""When only time stands between a patient and a criterion."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Later:
    """What a check adds when its answer turns with time: the condition it describes turns on `on`
    (None: on a date the answers cannot give). `after_stopping`: only once a treatment the patient
    still uses is stopped, which is never ours to suggest (the patient's doctor decides), so time
    alone is not what stands between them."""

    on: datetime.date | None
    after_stopping: bool = False
