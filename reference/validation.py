"""Small request-validation helpers that collect field errors."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from .errors import field_error, validation_failed

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
HHMM_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class Errors:
    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.items.append(field_error(field, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise validation_failed(self.items)


def is_email(value: Any) -> bool:
    return isinstance(value, str) and bool(EMAIL_RE.match(value.strip()))


def required_str(data: dict, field: str, errors: Errors, *, strip: bool = True) -> str | None:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not (value.strip() if strip else value)):
        errors.add(field, "This field is required")
        return None
    if not isinstance(value, str):
        errors.add(field, "Must be a string")
        return None
    return value.strip() if strip else value


def password_problems(password: str) -> list[str]:
    problems = []
    if len(password) < 8:
        problems.append("must be at least 8 characters long")
    if not re.search(r"[a-zа-яё]", password):
        problems.append("must contain a lowercase letter")
    if not re.search(r"[A-ZА-ЯЁ]", password):
        problems.append("must contain an uppercase letter")
    if not re.search(r"\d", password):
        problems.append("must contain a digit")
    return problems


@lru_cache(maxsize=1)
def _all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_timezone(name: Any) -> bool:
    if not isinstance(name, str) or name not in _all_zones():
        return False
    try:
        ZoneInfo(name)
    except Exception:
        return False
    return True


MAX_INT = 2**53 - 1  # larger integers are refused (the JavaScript-safe range)


def parse_int(value: Any) -> int | None:
    """An integer from an int or a string of digits (None otherwise, or if absurdly large)."""
    if isinstance(value, bool):
        return None
    result = None
    if isinstance(value, int):
        result = value
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,20}", value.strip()):
        result = int(value.strip())
    if result is None or abs(result) > MAX_INT:
        return None
    return result


def parse_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


MIN_YEAR, MAX_YEAR = 1900, 2200  # dates outside are refused (and would overflow time-zone arithmetic)


def year_ok(d: date | datetime) -> bool:
    return MIN_YEAR <= d.year <= MAX_YEAR


def parse_date(value: Any, bounded: bool = True) -> date | None:
    """A real calendar date YYYY-MM-DD (None if malformed, impossible or - when bounded - out of range)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        d = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return d if year_ok(d) or not bounded else None


def parse_hhmm(value: Any) -> time | None:
    if not isinstance(value, str):
        return None
    m = HHMM_RE.match(value.strip())
    if not m:
        return None
    return time(int(m.group(1)), int(m.group(2)))


def parse_dotted(value: Any) -> datetime | None:
    """'DD.MM.YYYY HH:MM' -> naive datetime."""
    if not isinstance(value, str):
        return None
    try:
        dt = datetime.strptime(value.strip(), "%d.%m.%Y %H:%M")
    except ValueError:
        return None
    return dt if year_ok(dt) else None
