"""Weekly schedules, extra ranges and the slot arithmetic (all instants in UTC internally)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from .faults import FaultState
from .validation import Errors, parse_hhmm, parse_int

SLOT = timedelta(minutes=60)
UTC = timezone.utc


def validate_workdays(items: Any, errors: Errors, faults: FaultState | None = None,
                      field: str = "workdays") -> list[dict]:
    """Validate a list of {day_of_week 1..7 (1 = Monday), is_work_day, start_time, end_time}."""
    if not isinstance(items, list):
        errors.add(field, "Must be a list of workday objects")
        return []
    if len(items) > 7:
        errors.add(field, "At most 7 workdays")
    result, seen = [], set()
    for i, item in enumerate(items):
        prefix = f"{field}[{i}]"
        if not isinstance(item, dict):
            errors.add(prefix, "Must be an object")
            continue
        day = parse_int(item.get("day_of_week"))
        if day is None or not 1 <= day <= 7:
            errors.add(f"{prefix}.day_of_week", "Must be an integer 1..7 (1 = Monday)")
            continue
        if day in seen:
            errors.add(f"{prefix}.day_of_week", "Duplicate day of week")
            continue
        seen.add(day)
        is_work = item.get("is_work_day", True)
        if not isinstance(is_work, bool):
            errors.add(f"{prefix}.is_work_day", "Must be a boolean")
            continue
        start_raw, end_raw = item.get("start_time"), item.get("end_time")
        start, end = parse_hhmm(start_raw), parse_hhmm(end_raw)
        bad_format = False
        for name, raw, parsed in (("start_time", start_raw, start), ("end_time", end_raw, end)):
            if raw is not None and parsed is None:
                errors.add(f"{prefix}.{name}", "Must be a time HH:MM or null")
                bad_format = True
        if bad_format:
            continue
        if is_work:
            bad = False
            if start is None:
                errors.add(f"{prefix}.start_time", "Required time HH:MM for a work day")
                bad = True
            if end is None:
                errors.add(f"{prefix}.end_time", "Required time HH:MM for a work day")
                bad = True
            if bad:
                continue
            if end <= start and not (faults and faults.is_on("schedule-end-before-start-accepted")):
                errors.add(f"{prefix}.end_time", "End time must be later than start time")
                continue
        result.append({
            "day_of_week": day,
            "is_work_day": is_work,
            "start_time": start.strftime("%H:%M") if start else None,
            "end_time": end.strftime("%H:%M") if end else None,
        })
    return sorted(result, key=lambda d: d["day_of_week"])


# ----------------------------------------------------------------------------- interval arithmetic
Interval = tuple[datetime, datetime]


def merge(intervals: list[Interval]) -> list[Interval]:
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    result = []
    holes = merge(holes)
    for start, end in merge(intervals):
        pieces = [(start, end)]
        for h_start, h_end in holes:
            next_pieces = []
            for p_start, p_end in pieces:
                if h_end <= p_start or h_start >= p_end:
                    next_pieces.append((p_start, p_end))
                    continue
                if h_start > p_start:
                    next_pieces.append((p_start, h_start))
                if h_end < p_end:
                    next_pieces.append((h_end, p_end))
            pieces = next_pieces
        result.extend(pieces)
    return result


def local_to_utc(d: date, t: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(d, t, tzinfo=tz).astimezone(UTC)


def day_window(d: date, tz: ZoneInfo) -> Interval:
    """The UTC interval covering local date ``d`` in ``tz``."""
    return local_to_utc(d, time(0, 0), tz), local_to_utc(d + timedelta(days=1), time(0, 0), tz)


def dates_between(first: date, last: date):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


# ----------------------------------------------------------------------------- schedule data
def load_workdays(conn, expert_id: int) -> dict[int, tuple[time, time]]:
    rows = conn.execute("SELECT * FROM workdays WHERE expert_id = ? AND is_work_day = 1", (expert_id,)).fetchall()
    result = {}
    for r in rows:
        if r["start_time"] and r["end_time"]:
            result[r["day_of_week"]] = (parse_hhmm(r["start_time"]), parse_hhmm(r["end_time"]))
    return result


def day_key(d: date, faults: FaultState) -> int:
    """day_of_week of a date: 1 = Monday ... 7 = Sunday."""
    if faults.is_on("schedule-day-of-week-shifted"):
        return d.isoweekday() % 7 + 1  # bug: counts 1 = Sunday
    return d.isoweekday()


def weekly_intervals(workdays: dict[int, tuple[time, time]], tz: ZoneInfo, window: Interval,
                     faults: FaultState) -> list[Interval]:
    """Regular working intervals (UTC) of the expert-local dates touching ``window``."""
    first = window[0].astimezone(tz).date() - timedelta(days=1)
    last = window[1].astimezone(tz).date()
    result = []
    for d in dates_between(first, last):
        hours = workdays.get(day_key(d, faults))
        if not hours:
            continue
        start, end = local_to_utc(d, hours[0], tz), local_to_utc(d, hours[1], tz)
        if end > start and end > window[0] and start < window[1]:
            result.append((start, end))
    return result


def load_extra_ranges(conn, expert_id: int, window: Interval, faults: FaultState) -> list:
    from . import db

    sql = "SELECT * FROM extra_ranges WHERE end_utc > ? AND start_utc < ?"
    args: list = [db.to_db(window[0]), db.to_db(window[1])]
    if not faults.is_on("extra-range-leaks-to-other-experts"):
        sql += " AND expert_id = ?"
        args.append(expert_id)
    return conn.execute(sql + " ORDER BY start_utc, id", args).fetchall()


def working_intervals(conn, expert_id: int, tz: ZoneInfo, window: Interval, faults: FaultState) -> list[Interval]:
    """Weekly schedule + extra working ranges - extra non-working ranges, merged (UTC)."""
    from . import db

    widened = (window[0] - timedelta(days=1), window[1] + timedelta(days=1))
    weekly = weekly_intervals(load_workdays(conn, expert_id), tz, widened, faults)
    extras = load_extra_ranges(conn, expert_id, widened, faults)
    working = weekly + [(db.from_db(r["start_utc"]), db.from_db(r["end_utc"])) for r in extras if r["type"] == 0]
    off = [(db.from_db(r["start_utc"]), db.from_db(r["end_utc"])) for r in extras if r["type"] == 1]
    if faults.is_on("non-working-range-ignored"):
        off = []
    return subtract(working, off)


def slot_starts(intervals: list[Interval], tz: ZoneInfo) -> list[datetime]:
    """60-minute slots starting on the hour (expert-local) that fit inside the intervals."""
    result = []
    for start, end in merge(intervals):
        local = start.astimezone(tz)
        if (local.minute, local.second, local.microsecond) != (0, 0, 0):
            local = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        candidate = local.astimezone(UTC)
        while candidate + SLOT <= end:
            result.append(candidate)
            candidate += SLOT
    return result
