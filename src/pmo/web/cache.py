"""The Review cache: one Review per project, built once per change of the data.

A Review of a big project takes seconds (the Monte Carlo forecast, the leveling), a page a
few milliseconds: pages read the Review cached under (project key, store revision, today).
Every import — a file with `pmo import`, a check-in, a record saved in the browser — that
changes a project bumps its revision in the store; the next request sees the new revision
(one small query) and builds the Review again, once: concurrent requests for the same
project wait for that one build instead of starting their own. What a page derives from the
Review (its model, its HTML body, its JSON) is kept beside it, so under load a request costs
the revision query, the access check and the page's frame.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Cached:
    """A Review, the key it was built for, and what pages derived from it (built once each)."""

    revision: int
    day: dt.date
    review: Any
    derived: dict[Hashable, Any] = field(default_factory=dict, compare=False)

    def memo(self, name: Hashable, make: Callable[[], Any]) -> Any:
        """What `make` derives from this Review (a page's model, its HTML, its JSON), made once."""
        if name not in self.derived:
            self.derived[name] = make()  # two threads may both make it: the same value, no harm
        return self.derived[name]


class ReviewCache:
    """Project key -> its latest Review; `build(key)` makes one, `revision(key)` reads the store's revision."""

    def __init__(self, build: Callable[[str], Any], revision: Callable[[str], int],
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._build = build
        self._revision = revision
        self._today = today
        self._held: dict[str, Cached] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.builds = 0  # how many Reviews were built (tests and the bench read it)

    def get(self, key: str) -> Cached:
        """The Review of `key` for the store's current revision, built if needed."""
        revision, day = self._revision(key), self._today()
        held = self._held.get(key)
        if held is not None and (held.revision, held.day) == (revision, day):
            return held
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            held = self._held.get(key)
            revision = self._revision(key)  # the data may have moved while waiting
            if held is not None and (held.revision, held.day) == (revision, day):
                return held
            review = self._build(key)
            self.builds += 1
            held = Cached(revision, day, review)
            self._held[key] = held
            return held

    def forget(self, key: str) -> None:
        self._held.pop(key, None)
