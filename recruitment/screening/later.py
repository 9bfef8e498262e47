"""When only time stands between a patient and a criterion."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Later:
    """What a check adds when its answer turns with time alone: the condition it describes turns
    on `on` (None: on a date the answers cannot give, such as some weeks after a treatment still
    used is stopped)."""

    on: datetime.date | None
