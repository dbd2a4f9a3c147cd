"""`@record`: a frozen dataclass to the type checker, without a frozen dataclass's cost.

A frozen dataclass sets each field through `object.__setattr__`, which makes building one three
to four times as slow as a plain slotted one (0.8 µs against 0.2 µs for a Location); a 2021
report's model holds some 600 locations, cells, numbers and counts. A record is a slotted
dataclass with the frozen one's equality and hash; mypy treats it as frozen (assigning a field
is a type error), so nothing changes one once it is made — the same promise, kept by the checks
instead of at run time. For the hot records only: the others stay `@dataclass(frozen=True)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    return dataclass(slots=True, unsafe_hash=True)(cls)
