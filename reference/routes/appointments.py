"""API-3.x: calendars, timeslots, weekly schedule, extra ranges, add/edit/cancel/rate appointments."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request

from .. import accounts, booking as bk, db
from ..deps import Ctx, User, current_user, expert_user, form_body, get_ctx, json_body
from ..errors import bad_request, conflict, forbidden, not_found
from ..experts import number
from ..scheduling import SLOT, UTC, load_workdays, validate_workdays, weekly_intervals
from ..validation import Errors, is_timezone, parse_date, parse_dotted, parse_hhmm, parse_int, year_ok

router = APIRouter(tags=["appointments"])

MAX_PERIOD_DAYS = 400
# Only under the `double-booking-allowed` fault: a real server spends some time between checking a
# slot and inserting the booking; the pause makes that check-then-insert race show every time.
RACE_WINDOW_SECONDS = 0.15


def path_id(raw: str, what: str) -> int:
    value = parse_int(raw)
    if value is None or value < 1:
        raise not_found(f"{what} not found")
    return value


def viewer_zone(user: User) -> ZoneInfo:
    return ZoneInfo(user.timezone)


def ok() -> dict:
    return {"result": "success"}


# ----------------------------------------------------------------------------- calendars
def parse_bound(value: str | None, field: str, tz: ZoneInfo, errors: Errors) -> tuple[datetime | None, bool]:
    """A period bound -> (instant, date_only). A date means its local midnight; a date-time without
    offset is in the caller's zone."""
    if value is None or not value.strip():
        errors.add(field, "This parameter is required (YYYY-MM-DD or ISO8601)")
        return None, False
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        d = parse_date(value)
        if d is None:
            errors.add(field, "Invalid date")
            return None, True
        return bk.local_day_window(d, tz)[0], True
    try:
        dt = datetime.fromisoformat(value if "T" in value else value.replace(" ", "T"))
    except ValueError:
        errors.add(field, "Must be an ISO 8601 date or date-time")
        return None, False
    if not year_ok(dt):
        errors.add(field, "Date out of range")
        return None, False
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt.astimezone(UTC), False


def parse_period(request: Request, tz: ZoneInfo, ctx: Ctx, *, required: bool = True, errors: Errors | None = None):
    """[start, end) of the `start`/`end` query: a date-only end includes its whole day, a date-time
    end is exclusive. 400 on errors (or the errors are added to ``errors``)."""
    q = request.query_params
    own = errors is None
    errors = Errors() if errors is None else errors
    start = end = None
    end_is_date = False
    if required or q.get("start") is not None:
        start, _ = parse_bound(q.get("start"), "start", tz, errors)
    if required or q.get("end") is not None:
        end, end_is_date = parse_bound(q.get("end"), "end", tz, errors)
        if end is not None and end_is_date:
            end = bk.local_day_window(end.astimezone(tz).date(), tz)[1]  # the end date is inclusive
    if start is not None and end is not None:
        if start > end or (end_is_date and start >= end):
            errors.add("end", "end must not be before start")
        elif end - start > timedelta(days=MAX_PERIOD_DAYS):
            errors.add("end", f"The period must not exceed {MAX_PERIOD_DAYS} days")
    if own:
        errors.raise_if_any()
    if end is not None and end_is_date and ctx.faults.is_on("calendar-end-exclusive"):
        end -= timedelta(days=1)  # bug: the end date itself is left out
    return start, end


def _in_period(ctx: Ctx, where: str, args: list, start, end) -> list[sqlite3.Row]:
    """Appointments matching ``where`` whose start lies in [start, end)."""
    sql = bk.APPOINTMENT_SELECT + f"WHERE {where} "
    args = list(args)
    if start is not None:
        sql += "AND a.start_utc >= ? "
        args.append(db.to_db(start))
    if end is not None:
        sql += "AND a.start_utc < ? "
        args.append(db.to_db(end))
    return ctx.conn.execute(sql + "ORDER BY a.start_utc, a.id", args).fetchall()


def _visible(rows, ctx: Ctx, tz: ZoneInfo, *, expired_visible: bool = False) -> list[dict]:
    result = []
    for row in rows:
        if expired_visible:
            status = row["status"]  # bug: the stored status, without the lazy hold expiry
        else:
            status = bk.effective_status(row, ctx.now)
        if status == bk.EXPIRED:
            continue  # a lapsed unpaid hold disappears
        result.append(bk.serialise(row, ctx, tz, status))
    return result


@router.get("/appointments/calendar/expert/json")
def expert_calendar(request: Request, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    tz = viewer_zone(user)
    errors = Errors()
    raw_expert = request.query_params.get("expert_id")
    expert_id = parse_int(raw_expert) if raw_expert not in (None, "") else None
    if expert_id is None:
        errors.add("expert_id", "Required integer (expert id)")
    start, end = parse_period(request, tz, ctx, errors=errors)
    errors.raise_if_any()
    expert_tz = bk.expert_tz(ctx, expert_id)
    if expert_tz is None:
        raise not_found("Expert not found")
    out_tz = UTC if ctx.faults.is_on("calendar-ignores-viewer-timezone") else tz

    as_expert: list[dict] = []
    as_client: list[dict] = []
    if expert_id == user.expert_id or ctx.faults.is_on("expert-calendar-leaks-bookings"):
        as_expert = _visible(_in_period(ctx, "a.expert_id = ?", [expert_id], start, end), ctx, out_tz)
    if expert_id == user.expert_id:
        as_client = _visible(_in_period(ctx, "a.client_id = ?", [user.id], start, end), ctx, out_tz)

    extra_dates = []
    if not ctx.faults.is_on("calendar-extra-dates-missing"):
        for r in ctx.conn.execute(
                "SELECT * FROM extra_ranges WHERE expert_id = ? AND end_utc > ? AND start_utc < ? "
                "ORDER BY start_utc, id", (expert_id, db.to_db(start), db.to_db(end))):
            extra_dates.append({"id": r["id"], "start": bk.local_dt(db.from_db(r["start_utc"]), out_tz),
                                "end": bk.local_dt(db.from_db(r["end_utc"]), out_tz), "type": r["type"]})
    schedule = [{"start": bk.local_dt(s, out_tz), "end": bk.local_dt(e, out_tz)}
                for s, e in weekly_intervals(load_workdays(ctx.conn, expert_id), expert_tz, (start, end), ctx.faults)]
    return {"data": {"appointments": {"as_expert": as_expert, "as_client": as_client},
                     "extra_dates": extra_dates, "schedule": schedule}}


@router.get("/appointments/calendar/client/json")
def client_calendar(request: Request, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    """Every booking the caller made as a client (expired holds excepted), optionally in a period."""
    tz = viewer_zone(user)
    start, end = parse_period(request, tz, ctx, required=False)
    if ctx.faults.is_on("client-calendar-period-ignored"):
        start = end = None
    if ctx.faults.is_on("client-calendar-hides-past"):
        start = max(start, ctx.now) if start else ctx.now  # bug: "upcoming" read as a filter
    if ctx.faults.is_on("client-calendar-includes-others"):
        rows = _in_period(ctx, "1 = 1", [], start, end)
    else:
        rows = _in_period(ctx, "a.client_id = ?", [user.id], start, end)
    items = _visible(rows, ctx, tz, expired_visible=ctx.faults.is_on("expired-hold-visible-to-client"))
    return {"data": {"appointments": {"as_client": items}}}


# ----------------------------------------------------------------------------- availability
def _expert_or_404(ctx: Ctx, raw) -> tuple[int, ZoneInfo]:
    expert_id = parse_int(raw)
    if raw in (None, "") or expert_id is None:
        raise bad_request("expert_id: required integer", [{"field": "expert_id", "message": "Required integer"}])
    tz = bk.expert_tz(ctx, expert_id)
    if tz is None:
        raise not_found("Expert not found")
    return expert_id, tz


@router.get("/appointment/available/timeslots/json")
def timeslots(request: Request, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    expert_id, expert_tz = _expert_or_404(ctx, request.query_params.get("expert_id"))
    selected = parse_date(request.query_params.get("selected_date"), bounded=False)
    if selected is None:
        raise bad_request("selected_date: required date YYYY-MM-DD",
                          [{"field": "selected_date", "message": "Required date YYYY-MM-DD"}])
    if not year_ok(selected):
        return []  # no slots centuries away (and no time-zone arithmetic there)
    tz = viewer_zone(user)
    if ctx.faults.is_on("timeslots-ignore-client-timezone"):
        tz = expert_tz  # bug: the date and the slots are taken in the expert's zone
    slots = bk.available_slots(ctx, expert_id, bk.local_day_window(selected, tz))
    return [s.astimezone(tz).strftime("%H:%M") for s in slots]


@router.get("/appointment/available/dates/json")
def available_dates(request: Request, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    """Reference extra for the booking calendar (8.2): local dates with at least one free slot."""
    expert_id, _ = _expert_or_404(ctx, request.query_params.get("expert_id"))
    tz = viewer_zone(user)
    window = parse_period(request, tz, ctx)
    dates = sorted({s.astimezone(tz).date() for s in bk.available_slots(ctx, expert_id, window)})
    return [d.isoformat() for d in dates]


# ----------------------------------------------------------------------------- schedule & ranges
def _workdays_body(ctx: Ctx, expert_id: int) -> list[dict]:
    rows = {r["day_of_week"]: r for r in ctx.conn.execute("SELECT * FROM workdays WHERE expert_id = ?", (expert_id,))}
    result = []
    for day in range(1, 8):
        r = rows.get(day)
        result.append({"day_of_week": day, "is_work_day": bool(r and r["is_work_day"]),
                       "start_time": r["start_time"] if r else None, "end_time": r["end_time"] if r else None})
    return result


@router.get("/appointments/schedule/")
def get_schedule(ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    return {"timezone": user.timezone, "workdays": _workdays_body(ctx, user.expert_id)}


@router.post("/appointments/calendar/add/schedule/")
def set_schedule(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    errors = Errors()
    if "workdays" not in data:
        errors.add("workdays", "This field is required")
    workdays = validate_workdays(data.get("workdays"), errors, ctx.faults) if "workdays" in data else []
    tz = data.get("timezone")
    if tz is not None and not is_timezone(tz):
        errors.add("timezone", "Unknown time zone")
    errors.raise_if_any()
    with db.write(ctx.conn):
        accounts.replace_workdays(ctx.conn, user.expert_id, workdays)
        if tz is not None:
            ctx.conn.execute("UPDATE users SET timezone = ? WHERE id = ?", (tz, user.id))
    return ok()


@router.post("/appointments/calendar/add/range/")
def add_range(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    errors = Errors()
    start, end = parse_dotted(data.get("start")), parse_dotted(data.get("end"))
    if start is None:
        errors.add("start", "Required, format DD.MM.YYYY HH:MM")
    if end is None:
        errors.add("end", "Required, format DD.MM.YYYY HH:MM")
    kind = data.get("type")
    if isinstance(kind, bool) or parse_int(kind) not in (0, 1):
        errors.add("type", "Must be 0 (working) or 1 (non-working)")
    tz = viewer_zone(user)
    if start and end:
        start = start.replace(tzinfo=tz).astimezone(UTC)
        end = end.replace(tzinfo=tz).astimezone(UTC)
        if end <= start and not ctx.faults.is_on("range-end-before-start-accepted"):
            errors.add("end", "End must be later than start")
    errors.raise_if_any()
    with db.write(ctx.conn):
        ctx.conn.execute("INSERT INTO extra_ranges(expert_id, start_utc, end_utc, type, created_at) "
                         "VALUES (?, ?, ?, ?, ?)",
                         (user.expert_id, db.to_db(start), db.to_db(end), parse_int(kind), db.to_db(ctx.now)))
    return ok()


@router.delete("/appointments/calendar/range/{range_id}")
def delete_range(range_id: str, ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    rid = path_id(range_id, "Range")
    with db.write(ctx.conn):
        row = ctx.conn.execute("SELECT * FROM extra_ranges WHERE id = ?", (rid,)).fetchone()
        if row is None:
            raise not_found("Range not found")
        if row["expert_id"] != user.expert_id:
            raise forbidden("This range belongs to another expert")
        ctx.conn.execute("DELETE FROM extra_ranges WHERE id = ?", (rid,))
    return ok()


# ----------------------------------------------------------------------------- booking
OUT_OF_RANGE = datetime(1900, 1, 1, tzinfo=UTC)  # a slot that can never be booked


def _slot_from_form(data: dict, tz: ZoneInfo, errors: Errors) -> datetime | None:
    d = parse_date(data.get("appointment_date"), bounded=False)
    t = parse_hhmm(data.get("appointment_time"))
    if d is None:
        errors.add("appointment_date", "Required date YYYY-MM-DD")
    if t is None:
        errors.add("appointment_time", "Required time HH:MM")
    if d is None or t is None:
        return None
    if not year_ok(d):
        return OUT_OF_RANGE  # well-formed but centuries away: refused as unavailable after validation
    return bk.parse_local(d, t, tz)


def _notes(data: dict, errors: Errors) -> str | None:
    notes = data.get("notes")
    if notes is None:
        return None
    if not isinstance(notes, str):
        errors.add("notes", "Must be a string")
        return None
    if len(notes) > 2000:
        errors.add("notes", "At most 2000 characters")
    return notes


def _category(ctx: Ctx, data: dict, expert_id: int, errors: Errors) -> int | None:
    raw = data.get("category")
    if raw in (None, ""):
        return None
    cid = parse_int(raw)
    if cid is None or ctx.conn.execute("SELECT 1 FROM expert_categories WHERE expert_id = ? AND category_id = ?",
                                       (expert_id, cid)).fetchone() is None:
        errors.add("category", "Must be one of the expert's category ids")
        return None
    return cid


@router.post("/appointments/add/{expert_id}")
def add_appointment(expert_id: str, data: dict = Depends(form_body), ctx: Ctx = Depends(get_ctx),
                    user: User = Depends(current_user)):
    eid = path_id(expert_id, "Expert")
    if bk.expert_tz(ctx, eid) is None:
        raise not_found("Expert not found")
    errors = Errors()
    if data.get("expert") not in (None, "") and parse_int(data.get("expert")) != eid:
        errors.add("expert", "Must match the expert in the URL")
    start = _slot_from_form(data, viewer_zone(user), errors)
    notes = _notes(data, errors) or ""
    category = _category(ctx, data, eid, errors)
    errors.raise_if_any()
    if eid == user.expert_id:
        raise forbidden("You cannot book a consultation with yourself")

    def insert() -> int:
        cur = ctx.conn.execute(
            "INSERT INTO appointments(client_id, expert_id, start_utc, end_utc, notes, category_id, status, "
            "payment_deadline, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (user.id, eid, db.to_db(start), db.to_db(start + SLOT), notes, category,
             db.to_db(ctx.now + timedelta(seconds=ctx.settings.hold_seconds)), db.to_db(ctx.now), db.to_db(ctx.now)))
        return int(cur.lastrowid)

    try:
        if ctx.faults.is_on("double-booking-allowed"):
            # bug: check-then-insert outside one transaction, and no unique guard in the database
            problem = bk.slot_problem(ctx, eid, start)
            if problem:
                raise conflict(problem)
            time.sleep(RACE_WINDOW_SECONDS)  # the latency of a real request between check and insert
            with db.write(ctx.conn):
                appointment_id = insert()
        else:
            with db.write(ctx.conn):
                bk.settle_statuses(ctx)
                problem = bk.slot_problem(ctx, eid, start)
                if problem:
                    raise conflict(problem)
                appointment_id = insert()
    except sqlite3.IntegrityError:
        raise conflict("This time slot has already been booked")
    return {"result": "success", "appointment_id": appointment_id}


def _load_for_change(ctx: Ctx, raw_id: str) -> sqlite3.Row:
    row = bk.get_appointment(ctx, path_id(raw_id, "Appointment"))
    if row is None:
        raise not_found("Appointment not found")
    return row


@router.get("/appointments/{appointment_id}")
def appointment_detail(appointment_id: str, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    row = _load_for_change(ctx, appointment_id)
    if user.id != row["client_id"] and user.expert_id != row["expert_id"]:
        raise forbidden("This appointment belongs to someone else")
    # readable by id even when expired (the checkout screen shows it); calendars hide expired holds
    return bk.serialise_detail(row, ctx, viewer_zone(user))


@router.post("/appointments/edit/{appointment_id}")
def edit_appointment(appointment_id: str, data: dict = Depends(form_body), ctx: Ctx = Depends(get_ctx),
                     user: User = Depends(current_user)):
    row = _load_for_change(ctx, appointment_id)
    if row["client_id"] != user.id and not ctx.faults.is_on("edit-other-clients-appointment"):
        raise forbidden("Only the client of this appointment can change it")
    errors = Errors()
    start = _slot_from_form(data, viewer_zone(user), errors)
    notes = _notes(data, errors)
    expert_id = row["expert_id"]
    raw_expert = data.get("expert")
    if raw_expert not in (None, "") and parse_int(raw_expert) != expert_id:
        if ctx.faults.is_on("edit-changes-expert") and parse_int(raw_expert) is not None \
                and bk.expert_tz(ctx, parse_int(raw_expert)) is not None:
            expert_id = parse_int(raw_expert)  # bug: the edit form's expert is applied
        else:
            errors.add("expert", "The expert of an appointment cannot be changed")
    category = _category(ctx, data, expert_id, errors) if "category" in data else row["category_id"]
    errors.raise_if_any()

    try:
        with db.write(ctx.conn):
            bk.settle_statuses(ctx)
            row = bk.get_appointment(ctx, row["id"])
            status = bk.effective_status(row, ctx.now)
            if status not in (bk.AWAITING_PAYMENT, bk.PAID):
                raise conflict("Only an upcoming unpaid or paid appointment can be changed")
            if not bk.hours_rule_ok(ctx, row, user):
                raise conflict("An appointment can only be changed more than 2 hours before its start")
            same_slot = start == db.from_db(row["start_utc"]) and expert_id == row["expert_id"]
            if not same_slot:
                problem = bk.slot_problem(ctx, expert_id, start, exclude_id=row["id"])
                if problem:
                    raise conflict(problem)
            new_status, deadline = status, row["payment_deadline"]
            if status == bk.AWAITING_PAYMENT and not ctx.faults.is_on("edit-unpaid-keeps-old-deadline"):
                deadline = db.to_db(ctx.now + timedelta(seconds=ctx.settings.hold_seconds))  # restart the hold
            if status == bk.PAID and ctx.faults.is_on("edit-paid-resets-to-unpaid"):
                new_status = bk.AWAITING_PAYMENT
                deadline = db.to_db(ctx.now + timedelta(seconds=ctx.settings.hold_seconds))
            ctx.conn.execute(
                "UPDATE appointments SET expert_id = ?, start_utc = ?, end_utc = ?, notes = ?, category_id = ?, "
                "status = ?, payment_deadline = ?, updated_at = ? WHERE id = ?",
                (expert_id, db.to_db(start), db.to_db(start + SLOT), row["notes"] if notes is None else notes,
                 category, new_status, deadline, db.to_db(ctx.now), row["id"]))
    except sqlite3.IntegrityError:
        raise conflict("This time slot has already been booked")
    return ok()


@router.delete("/appointments/delete/{appointment_id}")
def cancel_appointment(appointment_id: str, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    row = _load_for_change(ctx, appointment_id)
    is_party = row["client_id"] == user.id or row["expert_id"] == user.expert_id
    if not is_party and not ctx.faults.is_on("cancel-other-users-appointment"):
        raise forbidden("This appointment belongs to someone else")
    with db.write(ctx.conn):
        bk.settle_statuses(ctx)
        row = bk.get_appointment(ctx, row["id"])
        status = bk.effective_status(row, ctx.now)
        if status not in (bk.AWAITING_PAYMENT, bk.PAID):
            raise conflict("Only an upcoming unpaid or paid appointment can be cancelled")
        if not bk.hours_rule_ok(ctx, row, user):
            raise conflict("An appointment can only be cancelled more than 2 hours before its start")
        ctx.conn.execute("UPDATE appointments SET status = 3, payment_deadline = NULL, cancelled_at = ?, "
                         "cancelled_by = ?, updated_at = ? WHERE id = ?",
                         (db.to_db(ctx.now), user.id, db.to_db(ctx.now), row["id"]))
        refunded = False
        if status == bk.PAID and not ctx.faults.is_on("cancel-paid-no-refund"):
            ctx.conn.execute("UPDATE payments SET refunded_at = ?, refund_reason = 'cancelled', updated_at = ? "
                                   "WHERE appointment_id = ? AND status = 'paid' AND refunded_at IS NULL",
                                   (db.to_db(ctx.now), db.to_db(ctx.now), row["id"]))
            refunded = True
    body = ok()
    if refunded:
        amount = number(row["price"])
        body["message"] = (f"The consultation has been cancelled. The payment of {amount} RUB "
                           f"will be refunded to the client.")
    else:
        body["message"] = "The consultation has been cancelled. No payment was made, so there is nothing to refund."
    if ctx.faults.is_on("refund-message-missing"):
        del body["message"]
    return body


@router.post("/appointments/rate/{appointment_id}")
def rate_appointment(appointment_id: str, data: dict = Depends(form_body), ctx: Ctx = Depends(get_ctx),
                     user: User = Depends(current_user)):
    row = _load_for_change(ctx, appointment_id)
    if row["client_id"] != user.id:
        raise forbidden("Only the client of this appointment can rate it")
    errors = Errors()
    rating = data.get("rating")
    rating = None if isinstance(rating, bool) else parse_int(rating)
    if rating is None:
        errors.add("rating", "Required integer 1..5")
    elif not 1 <= rating <= 5 and not ctx.faults.is_on("rating-range-unchecked"):
        errors.add("rating", "Must be between 1 and 5")
    review = data.get("review", "")
    if not isinstance(review, str):  # optional, but a string when given (null is malformed: 400, SN-16)
        errors.add("review", "Must be a string")
    elif len(review) > 2000:
        errors.add("review", "At most 2000 characters")
    errors.raise_if_any()
    with db.write(ctx.conn):
        bk.settle_statuses(ctx)
        row = bk.get_appointment(ctx, row["id"])
        status = bk.effective_status(row, ctx.now)
        if status != bk.COMPLETED and not ctx.faults.is_on("rating-before-completion-allowed"):
            raise conflict("Only a completed consultation can be rated")
        if row["rating"] is not None and not ctx.faults.is_on("rating-twice-allowed"):
            raise conflict("This consultation has already been rated")
        ctx.conn.execute("UPDATE appointments SET rating = ?, review = ?, rated_at = ?, updated_at = ? WHERE id = ?",
                         (rating, review, db.to_db(ctx.now), db.to_db(ctx.now), row["id"]))
        ctx.conn.execute(
            "INSERT INTO reviews(expert_id, appointment_id, author_first_name, author_last_name, rating, text, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row["expert_id"], row["id"], user.first_name, user.last_name, rating, review, db.to_db(ctx.now)))
        ctx.conn.execute("UPDATE experts SET reviews_count = reviews_count + 1 WHERE id = ?", (row["expert_id"],))
    return ok()
