"""Server clock: real UTC time by default; test mode may freeze it or run it from a given instant."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone


def real_utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen_at: datetime | None = None
        self._offset = timedelta(0)

    def now(self) -> datetime:
        """Current server time, timezone-aware UTC, truncated to microseconds."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return real_utc_now() + self._offset

    def set(self, now: datetime, frozen: bool) -> None:
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        now = now.astimezone(timezone.utc)
        with self._lock:
            if frozen:
                self._frozen_at = now
                self._offset = timedelta(0)
            else:
                self._frozen_at = None
                self._offset = now - real_utc_now()

    def reset(self) -> None:
        with self._lock:
            self._frozen_at = None
            self._offset = timedelta(0)

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    @property
    def is_real(self) -> bool:
        return self._frozen_at is None and self._offset == timedelta(0)
