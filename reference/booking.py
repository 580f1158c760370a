"""Appointments: lazy status rules, availability, serialisation (local times in the viewer's zone)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import db
from .deps import Ctx, User
from .experts import number
from .faults import FaultState
from .scheduling import SLOT, UTC, Interval, day_window, slot_starts, working_intervals

AWAITING_PAYMENT, PAID, COMPLETED, CANCELLED, EXPIRED = 0, 1, 2, 3, 4
TWO_HOURS = timedelta(hours=2)


# ----------------------------------------------------------------------------- statuses
def effective_status(row: sqlite3.Row, now: datetime) -> int:
    """Status as of ``now``: lapsed holds are expired, paid bookings whose end passed are completed."""
    status = row["status"]
    if status == AWAITING_PAYMENT:
        deadline = db.from_db(row["payment_deadline"])
        if (deadline is not None and deadline <= now) or db.from_db(row["end_utc"]) <= now:
            return EXPIRED
    if status == PAID and db.from_db(row["end_utc"]) <= now:
        return COMPLETED
    return status


def settle_statuses(ctx: Ctx) -> None:
    """Persist lazily computed statuses; call inside a write transaction before changing bookings."""
    now = db.to_db(ctx.now)
    if not ctx.faults.is_on("expired-hold-not-freed"):
        ctx.conn.execute(
            "UPDATE appointments SET status = 4, updated_at = ? "
            "WHERE status = 0 AND (payment_deadline <= ? OR end_utc <= ?)", (now, now, now))
    ctx.conn.execute("UPDATE appointments SET status = 2, updated_at = ? WHERE status = 1 AND end_utc <= ?",
                     (now, now))


def blocking(row: sqlite3.Row, now: datetime, faults: FaultState) -> bool:
    """Does this appointment make its slot unavailable?"""
    status = row["status"]
    if status == AWAITING_PAYMENT and faults.is_on("expired-hold-not-freed"):
        return True  # bug: the hold deadline is not looked at
    if status == CANCELLED and faults.is_on("cancelled-slot-not-freed"):
        return True  # bug: cancelled bookings keep their slot
    return effective_status(row, now) in (AWAITING_PAYMENT, PAID, COMPLETED)


def busy_intervals(ctx: Ctx, expert_id: int, window: Interval, exclude_id: int | None = None) -> list[Interval]:
    rows = ctx.conn.execute(
        "SELECT * FROM appointments WHERE expert_id = ? AND end_utc > ? AND start_utc < ?",
        (expert_id, db.to_db(window[0]), db.to_db(window[1]))).fetchall()
    return [(db.from_db(r["start_utc"]), db.from_db(r["end_utc"])) for r in rows
            if r["id"] != exclude_id and blocking(r, ctx.now, ctx.faults)]


def overlaps(start: datetime, end: datetime, intervals: list[Interval]) -> bool:
    return any(s < end and e > start for s, e in intervals)


def expert_tz(ctx: Ctx, expert_id: int) -> ZoneInfo | None:
    row = ctx.conn.execute("SELECT u.timezone FROM experts e JOIN users u ON u.id = e.user_id "
                           "WHERE e.id = ? AND u.deleted_at IS NULL", (expert_id,)).fetchone()
    return ZoneInfo(row["timezone"]) if row else None


def schedule_slots(ctx: Ctx, expert_id: int, window: Interval) -> list[datetime]:
    """All schedule slots (ignoring bookings and the clock) starting inside ``window``."""
    tz = expert_tz(ctx, expert_id)
    if tz is None:
        return []
    intervals = working_intervals(ctx.conn, expert_id, tz, window, ctx.faults)
    return [s for s in slot_starts(intervals, tz) if window[0] <= s < window[1]]


def available_slots(ctx: Ctx, expert_id: int, window: Interval, *, check_busy: bool = True) -> list[datetime]:
    slots = schedule_slots(ctx, expert_id, window)
    if not ctx.faults.is_on("past-slots-offered"):
        slots = [s for s in slots if s > ctx.now]
    if check_busy and not ctx.faults.is_on("booked-slot-offered"):
        busy = busy_intervals(ctx, expert_id, window)
        slots = [s for s in slots if not overlaps(s, s + SLOT, busy)]
    return slots


def slot_problem(ctx: Ctx, expert_id: int, start: datetime, exclude_id: int | None = None) -> str | None:
    """Why ``start`` cannot be booked with the expert right now (None if it can)."""
    if start <= ctx.now and not ctx.faults.is_on("past-slot-bookable"):
        return "This time slot is in the past"
    if not ctx.faults.is_on("booking-ignores-schedule"):
        window = (start - timedelta(hours=1), start + timedelta(hours=1))
        if start not in schedule_slots(ctx, expert_id, window):
            return "The expert does not work at this time"
    if overlaps(start, start + SLOT, busy_intervals(ctx, expert_id, (start, start + SLOT), exclude_id)):
        return "This time slot has already been booked"
    return None


def hours_rule_ok(ctx: Ctx, row: sqlite3.Row, viewer: User) -> bool:
    """Edit/cancel allowed only while strictly more than 2 hours remain before the start."""
    start = db.from_db(row["start_utc"])
    if ctx.faults.is_on("two-hour-rule-ignores-timezone"):
        # bug: the local wall-clock start is compared with the UTC clock
        start = start.astimezone(ZoneInfo(viewer.timezone)).replace(tzinfo=UTC)
    remaining = start - ctx.now
    if ctx.faults.is_on("two-hour-rule-off-by-one"):
        return remaining >= TWO_HOURS
    return remaining > TWO_HOURS


# ----------------------------------------------------------------------------- time formats
def local_dt(dt: datetime, tz: ZoneInfo) -> str:
    return dt.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def parse_local(d: date, hhmm, tz: ZoneInfo) -> datetime:
    return datetime.combine(d, hhmm, tzinfo=tz).astimezone(UTC)


def local_day_window(d: date, tz: ZoneInfo) -> Interval:
    return day_window(d, tz)


# ----------------------------------------------------------------------------- serialisation
APPOINTMENT_SELECT = (
    "SELECT a.*, cu.first_name AS c_first, cu.last_name AS c_last, "
    "eu.first_name AS e_first, eu.last_name AS e_last, eu.avatar AS e_avatar, e.user_id AS e_user_id, "
    "e.price_per_hour AS price, cat.name AS category_name "
    "FROM appointments a JOIN users cu ON cu.id = a.client_id JOIN experts e ON e.id = a.expert_id "
    "JOIN users eu ON eu.id = e.user_id LEFT JOIN categories cat ON cat.id = a.category_id "
)


def get_appointment(ctx: Ctx, appointment_id: int) -> sqlite3.Row | None:
    return ctx.conn.execute(APPOINTMENT_SELECT + "WHERE a.id = ?", (appointment_id,)).fetchone()


def serialise(row: sqlite3.Row, ctx: Ctx, viewer_tz: ZoneInfo, status: int | None = None) -> dict:
    """AppointmentSerializer: exactly the contract's `Appointment` (local times in ``viewer_tz``)."""
    start = db.from_db(row["start_utc"])
    if status is None:
        status = effective_status(row, ctx.now)
    deadline = db.from_db(row["payment_deadline"]) if status == AWAITING_PAYMENT else None
    return {
        "id": row["id"],
        "localized_appointment_datetime": local_dt(start, viewer_tz),
        "client": {"id": row["client_id"], "first_name": row["c_first"], "last_name": row["c_last"]},
        "expert": {"id": row["expert_id"], "first_name": row["e_first"], "last_name": row["e_last"]},
        "status": status,
        "created_time": db.iso_utc(db.from_db(row["created_at"])),
        "zoom_link": f"https://zoom.example.com/j/{row['id']}" if status in (PAID, COMPLETED) else None,
        # assumed extras of the contract
        "payment_deadline": db.iso_utc(deadline),
        "notes": row["notes"],
        "category": ({"id": row["category_id"], "name": row["category_name"]} if row["category_id"] else None),
    }


def serialise_detail(row: sqlite3.Row, ctx: Ctx, viewer_tz: ZoneInfo) -> dict:
    """GET /appointments/{id} (reference extra, not in the contract): the serializer plus details."""
    body = serialise(row, ctx, viewer_tz)
    start, end = db.from_db(row["start_utc"]), db.from_db(row["end_utc"])
    local_start = start.astimezone(viewer_tz)
    body.update({
        "appointment_date": local_start.strftime("%Y-%m-%d"),
        "appointment_time": local_start.strftime("%H:%M"),
        "localized_end_datetime": local_dt(end, viewer_tz),
        "start": db.iso_utc(start),
        "end": db.iso_utc(end),
        "duration_minutes": int((end - start).total_seconds() // 60),
        "price": number(row["price"]),
        "expert_avatar": row["e_avatar"],
        "expert_user_id": row["e_user_id"],
        "rating": row["rating"],
        "review": row["review"],
    })
    return body
