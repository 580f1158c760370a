"""Test-support API under /__test__/ (mounted only in test mode)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from .. import accounts, db
from ..deps import Ctx, get_ctx, json_body
from ..errors import bad_request, conflict, not_found
from ..faults import FaultState
from ..scheduling import validate_workdays
from ..settings import RUNTIME_FIELDS
from ..validation import Errors, is_email, is_timezone, parse_int, parse_number, required_str

router = APIRouter(prefix="/__test__", tags=["test-support"])


def parse_instant(value, field: str) -> datetime:
    if not isinstance(value, str):
        raise bad_request(f"{field}: ISO8601 date-time required", [{"field": field, "message": "ISO8601 required"}])
    try:
        dt = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        raise bad_request(f"{field}: ISO8601 date-time required", [{"field": field, "message": "ISO8601 required"}])
    if not 1900 <= dt.year <= 2200:
        raise bad_request(f"{field}: out of range", [{"field": field, "message": "Year must be 1900..2200"}])
    if dt.tzinfo is None:  # naive instants are taken as UTC
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


@router.get("/health")
def health():
    return {"ok": True}


@router.post("/reset")
def reset(request: Request, ctx: Ctx = Depends(get_ctx)):
    state = request.app.state
    db.wipe(ctx.conn)  # data only: the clock, settings and active faults keep their values
    state.apply_faults(state.faults.active())  # re-create the unique slot guard if it was dropped
    return {"result": "success"}


# ----------------------------------------------------------------------------- users & experts
def _user_fields(data: dict, ctx: Ctx, errors: Errors) -> dict:
    email = required_str(data, "email", errors)
    if email is not None and not is_email(email):
        errors.add("email", "Enter a valid email address")
    password = data.get("password")
    if not isinstance(password, str) or not password:
        errors.add("password", "This field is required")
    tz = data.get("timezone") or ctx.settings.default_timezone
    if not is_timezone(tz):
        errors.add("timezone", "Unknown time zone")
    first = data.get("first_name", "")
    last = data.get("last_name", "")
    if not isinstance(first, str) or not isinstance(last, str):
        errors.add("first_name", "Must be a string")
    return {"email": email, "password": password, "first_name": first, "last_name": last, "timezone": tz}


def _insert_user(ctx: Ctx, fields: dict, role: str, avatar: str | None) -> int:
    if accounts.find_user_by_email(ctx.conn, fields["email"]) is not None:
        raise conflict("A user with this email already exists")
    user_id = accounts.create_user(ctx.conn, ctx.now, role=role, **fields)
    if avatar:
        ctx.conn.execute("UPDATE users SET avatar = ? WHERE id = ?", (avatar, user_id))
    return user_id


@router.post("/users", status_code=201)
def create_user(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    fields = _user_fields(data, ctx, errors)
    role = data.get("role", "client")
    if role not in ("client", "expert"):
        errors.add("role", "Must be 'client' or 'expert'")
    errors.raise_if_any()
    if role == "expert":
        expert_id, user_id = _create_expert(data, ctx)
        return JSONResponse({"id": user_id, "expert_id": expert_id}, status_code=201)
    with db.write(ctx.conn):
        user_id = _insert_user(ctx, fields, "client", data.get("avatar"))
    return JSONResponse({"id": user_id}, status_code=201)


@router.post("/experts", status_code=201)
def create_expert(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    expert_id, user_id = _create_expert(data, ctx)
    return JSONResponse({"id": expert_id, "user_id": user_id}, status_code=201)


def _create_expert(data: dict, ctx: Ctx) -> tuple[int, int]:
    errors = Errors()
    fields = _user_fields(data, ctx, errors)
    categories = data.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, (str, int)) for c in categories):
        errors.add("categories", "Must be a list of category names")
        categories = []
    numbers = {}
    for name in ("rating", "price_per_hour"):
        if data.get(name) is not None:
            numbers[name] = parse_number(data.get(name))
            if numbers[name] is None:
                errors.add(name, "Must be a number")
    for name in ("experience_years", "age", "reviews_count", "articles_count", "surveys_count", "answers_count",
                 "projects_count"):
        if data.get(name) is not None:
            numbers[name] = parse_int(data.get(name))
            if numbers[name] is None or numbers[name] < 0:
                errors.add(name, "Must be a non-negative integer")
    schedule = None
    if data.get("schedule") is not None:
        schedule = validate_workdays(data.get("schedule"), errors, field="schedule")
    reviews = data.get("reviews")
    if reviews is not None and not (isinstance(reviews, list) and all(isinstance(r, dict) for r in reviews)):
        errors.add("reviews", "Must be a list of objects")
    projects = data.get("projects")
    if projects is not None and not (isinstance(projects, list) and all(isinstance(p, dict) for p in projects)):
        errors.add("projects", "Must be a list of objects")
    errors.raise_if_any()

    with db.write(ctx.conn):
        user_id = _insert_user(ctx, fields, "expert", data.get("avatar"))
        reviews_count = numbers.get("reviews_count")
        if reviews_count is None:
            reviews_count = len(reviews or [])
        expert_id = accounts.create_expert(
            ctx.conn, user_id,
            rating=numbers.get("rating", 0), price_per_hour=numbers.get("price_per_hour", ctx.settings.min_price),
            description=data.get("description") or "", about=data.get("about") or "",
            education=data.get("education") or [], experience_years=numbers.get("experience_years", 0),
            age=numbers.get("age"), headhunter_url=data.get("headhunter_url") or data.get("hh_link") or "",
            linkedin_url=data.get("linkedin_url") or data.get("linkedin_link") or "", reviews_count=reviews_count,
            articles_count=numbers.get("articles_count", 0), surveys_count=numbers.get("surveys_count", 0),
            answers_count=numbers.get("answers_count", 0),
        )
        cat_ids = []
        for c in categories:
            if isinstance(c, int):
                if ctx.conn.execute("SELECT 1 FROM categories WHERE id = ?", (c,)).fetchone() is None:
                    raise bad_request(f"categories: unknown category id {c}")
                cat_ids.append(c)
            else:
                cat_ids.append(accounts.category_id_for_name(ctx.conn, c.strip()))
        accounts.set_expert_categories(ctx.conn, expert_id, cat_ids)
        accounts.replace_workdays(ctx.conn, expert_id, schedule if schedule is not None else accounts.DEFAULT_WORKDAYS)
        _insert_reviews(ctx, expert_id, reviews, reviews_count)
        _insert_projects(ctx, expert_id, projects, numbers.get("projects_count"))
    return expert_id, user_id


def _insert_reviews(ctx: Ctx, expert_id: int, reviews: list | None, count: int) -> None:
    if reviews is None:  # synthesise `reviews_count` reviews so that the reviews list matches the count
        reviews = [{"author_first_name": "Клиент", "author_last_name": str(i + 1), "rating": 5 - i % 3,
                    "text": f"Отзыв №{i + 1}"} for i in range(count)]
    for i, r in enumerate(reviews):
        created = ctx.now - timedelta(days=i + 1)
        rating = parse_int(r.get("rating"))
        ctx.conn.execute(
            "INSERT INTO reviews(expert_id, author_first_name, author_last_name, rating, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (expert_id, str(r.get("author_first_name", r.get("author", "Клиент"))),
             str(r.get("author_last_name", "")), rating if rating and 1 <= rating <= 5 else 5,
             str(r.get("text", "")), db.to_db(created)),
        )


def _insert_projects(ctx: Ctx, expert_id: int, projects: list | None, count: int | None) -> None:
    if projects is None:
        projects = [{"title": f"Проект {i + 1}", "description": f"Описание проекта {i + 1}"}
                    for i in range(count or 0)]
    for i, p in enumerate(projects):
        ctx.conn.execute(
            "INSERT INTO projects(expert_id, title, description, created_at) VALUES (?, ?, ?, ?)",
            (expert_id, str(p.get("title", f"Проект {i + 1}")), str(p.get("description", "")),
             db.to_db(ctx.now - timedelta(days=i + 1))),
        )


# ----------------------------------------------------------------------------- clock
def _clock_body(request: Request) -> dict:
    clock = request.app.state.clock
    return {"now": clock.now().isoformat().replace("+00:00", "Z"), "frozen": clock.frozen}


@router.get("/clock")
def get_clock(request: Request):
    return _clock_body(request)


@router.put("/clock")
def set_clock(request: Request, data: dict = Depends(json_body)):
    now = parse_instant(data.get("now"), "now")
    frozen = data.get("frozen", True)
    if not isinstance(frozen, bool):
        raise bad_request("frozen: must be a boolean", [{"field": "frozen", "message": "Must be a boolean"}])
    request.app.state.clock.set(now, frozen)
    return _clock_body(request)


@router.delete("/clock")
def reset_clock(request: Request):
    request.app.state.clock.reset()
    return _clock_body(request)


# ----------------------------------------------------------------------------- faults & settings
@router.get("/faults")
def get_faults(request: Request):
    return request.app.state.faults.describe()


@router.put("/faults")
def set_faults(request: Request, data: dict = Depends(json_body)):
    names = data.get("active")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise bad_request("active: must be a list of fault names",
                          [{"field": "active", "message": "Must be a list of fault names"}])
    unknown = FaultState.unknown(names)
    if unknown:
        raise bad_request("Unknown fault(s): " + ", ".join(unknown),
                          [{"field": "active", "message": f"Unknown fault {n}"} for n in unknown])
    request.app.state.apply_faults(names)
    return request.app.state.faults.describe()


@router.get("/settings")
def get_settings(request: Request):
    return request.app.state.settings.runtime_snapshot()


@router.put("/settings")
def put_settings(request: Request, data: dict = Depends(json_body)):
    settings = request.app.state.settings
    errors = Errors()
    updates = {}
    for name, value in data.items():
        if name not in RUNTIME_FIELDS:
            errors.add(name, "Unknown setting; known: " + ", ".join(RUNTIME_FIELDS))
        elif name == "payment_callback_secret":
            if not isinstance(value, str) or not value:
                errors.add(name, "Must be a non-empty string")
            else:
                updates[name] = value
        else:
            number = parse_int(value)
            if number is None or number < (0 if name in ("min_price",) else 1):
                errors.add(name, "Must be a positive integer")
            else:
                updates[name] = number
    errors.raise_if_any()
    for name, value in updates.items():
        setattr(settings, name, value)
    return settings.runtime_snapshot()


# ----------------------------------------------------------------------------- outbox
@router.get("/outbox")
def outbox(ctx: Ctx = Depends(get_ctx)):
    rows = ctx.conn.execute("SELECT * FROM outbox ORDER BY id").fetchall()
    return [{"id": r["id"], "to": r["to_email"], "subject": r["subject"], "body": r["body"],
             "created_at": db.iso_utc(db.from_db(r["created_at"]))} for r in rows]


@router.post("/experts/{expert_id}/reviews", status_code=201)
def add_reviews(expert_id: int, data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    if ctx.conn.execute("SELECT 1 FROM experts WHERE id = ?", (expert_id,)).fetchone() is None:
        raise not_found("Expert not found")
    reviews = data.get("reviews", [data])
    with db.write(ctx.conn):
        _insert_reviews(ctx, expert_id, reviews, len(reviews))
        ctx.conn.execute("UPDATE experts SET reviews_count = reviews_count + ? WHERE id = ?", (len(reviews), expert_id))
    return JSONResponse({"result": "success"}, status_code=201)


@router.post("/experts/{expert_id}/projects", status_code=201)
def add_projects(expert_id: int, data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    if ctx.conn.execute("SELECT 1 FROM experts WHERE id = ?", (expert_id,)).fetchone() is None:
        raise not_found("Expert not found")
    projects = data.get("projects", [data])
    with db.write(ctx.conn):
        _insert_projects(ctx, expert_id, projects, None)
    return JSONResponse({"result": "success"}, status_code=201)


# ----------------------------------------------------------------------------- appointments & questionnaire
@router.post("/appointments", status_code=201)
def create_appointment(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    """Insert a booking in any state, bypassing the booking rules (but not the double-booking guard)."""
    import sqlite3

    from ..scheduling import SLOT

    errors = Errors()
    client_id, expert_id = parse_int(data.get("client_id")), parse_int(data.get("expert_id"))
    if client_id is None:
        errors.add("client_id", "Required user id")
    if expert_id is None:
        errors.add("expert_id", "Required expert id")
    status = 0 if data.get("status") is None else parse_int(data.get("status"))
    if status is None or not 0 <= status <= 4:
        errors.add("status", "Must be 0..4")
    notes = data.get("notes") or ""
    if not isinstance(notes, str):
        errors.add("notes", "Must be a string")
    errors.raise_if_any()
    start = parse_instant(data.get("start"), "start")
    duration = parse_int(data.get("duration_minutes")) or 60
    end = start + (SLOT if duration == 60 else timedelta(minutes=duration))
    if ctx.conn.execute("SELECT 1 FROM users WHERE id = ?", (client_id,)).fetchone() is None:
        raise not_found("Client user not found")
    expert = ctx.conn.execute("SELECT * FROM experts WHERE id = ?", (expert_id,)).fetchone()
    if expert is None:
        raise not_found("Expert not found")
    deadline = None
    if status == 0:
        deadline = (parse_instant(data["payment_deadline"], "payment_deadline") if data.get("payment_deadline")
                    else ctx.now + timedelta(seconds=ctx.settings.hold_seconds))
    elif status == 4:
        deadline = (parse_instant(data["payment_deadline"], "payment_deadline") if data.get("payment_deadline")
                    else min(ctx.now, start))
    created = parse_instant(data["created_time"], "created_time") if data.get("created_time") else ctx.now
    category = parse_int(data.get("category")) if data.get("category") is not None else None
    rating = parse_int(data.get("rating")) if data.get("rating") is not None else None
    try:
        with db.write(ctx.conn):
            cur = ctx.conn.execute(
                "INSERT INTO appointments(client_id, expert_id, start_utc, end_utc, notes, category_id, status, "
                "payment_deadline, created_at, updated_at, rating, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, expert_id, db.to_db(start), db.to_db(end), notes, category, status,
                 db.to_db(deadline) if deadline else None, db.to_db(created), db.to_db(ctx.now), rating,
                 data.get("review")))
            appointment_id = int(cur.lastrowid)
            if status in (1, 2) or (status == 3 and data.get("paid")):
                seq = ctx.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM payments").fetchone()[0]
                ctx.conn.execute(
                    "INSERT INTO payments(id, seq, appointment_id, provider, amount, status, created_at, updated_at, "
                    "refunded_at, refund_reason) VALUES (?, ?, ?, 'sandbox-card', ?, 'paid', ?, ?, ?, ?)",
                    (f"pay_seed_{appointment_id}", seq, appointment_id, expert["price_per_hour"], db.to_db(created),
                     db.to_db(created), db.to_db(ctx.now) if status == 3 else None,
                     "cancelled" if status == 3 else None))
    except sqlite3.IntegrityError:
        raise conflict("The expert already has an active appointment at this time")
    return JSONResponse({"id": appointment_id}, status_code=201)


@router.post("/questionnaire/verify")
def verify_questionnaire(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    from .questionnaire import verify_expert

    expert_id = parse_int(data.get("expert_id"))
    if expert_id is None:
        raise bad_request("expert_id: required integer", [{"field": "expert_id", "message": "Required integer"}])
    verify_expert(ctx, expert_id)
    return {"result": "success"}
