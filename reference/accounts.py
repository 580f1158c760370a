"""User and expert records (shared by registration, profile and the test-support API)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any, Iterable

from . import db
from .security import hash_password

DEFAULT_WORKDAYS = [
    {"day_of_week": d, "is_work_day": d <= 5, "start_time": "09:00", "end_time": "18:00"} for d in range(1, 8)
]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(conn: sqlite3.Connection, email: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM users WHERE email = ?", (normalise_email(email),)).fetchone()


def create_user(conn: sqlite3.Connection, now: datetime, *, email: str, password: str, first_name: str,
                last_name: str, role: str, timezone: str) -> int:
    cur = conn.execute(
        "INSERT INTO users(email, password_hash, first_name, last_name, role, timezone, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (normalise_email(email), hash_password(password), first_name, last_name, role, timezone, db.to_db(now)),
    )
    return int(cur.lastrowid)


def category_id_for_name(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM categories WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row["id"])
    return int(conn.execute("INSERT INTO categories(name) VALUES (?)", (name,)).lastrowid)


def set_expert_categories(conn: sqlite3.Connection, expert_id: int, category_ids: Iterable[int]) -> None:
    conn.execute("DELETE FROM expert_categories WHERE expert_id = ?", (expert_id,))
    seen: set[int] = set()
    for position, cid in enumerate(category_ids):
        if cid in seen:
            continue
        seen.add(cid)
        conn.execute("INSERT INTO expert_categories(expert_id, category_id, position) VALUES (?, ?, ?)",
                     (expert_id, cid, position))


def normalise_education(items: Any) -> list[dict]:
    """Education entries as objects {type: basic|additional, specialized, institution, diploma_number}."""
    result = []
    for item in items or []:
        if isinstance(item, str):
            result.append({"type": "basic", "specialized": False, "institution": item, "diploma_number": ""})
        elif isinstance(item, dict):
            result.append({
                "type": item.get("type") if item.get("type") in ("basic", "additional") else "basic",
                "specialized": bool(item.get("specialized", False)),
                "institution": str(item.get("institution", "")),
                "diploma_number": str(item.get("diploma_number", "")),
            })
    return result


def create_expert(conn: sqlite3.Connection, user_id: int, **fields: Any) -> int:
    columns = {
        "rating": float(fields.get("rating") or 0),
        "price_per_hour": float(fields.get("price_per_hour") or 0),
        "description": fields.get("description") or "",
        "about": fields.get("about") or "",
        "education": json.dumps(normalise_education(fields.get("education")), ensure_ascii=False),
        "experience_years": fields.get("experience_years") if fields.get("experience_years") is not None else 0,
        "age": fields.get("age"),
        "headhunter_url": fields.get("headhunter_url") or fields.get("hh_link") or "",
        "linkedin_url": fields.get("linkedin_url") or fields.get("linkedin_link") or "",
        "reviews_count": int(fields.get("reviews_count") or 0),
        "articles_count": int(fields.get("articles_count") or 0),
        "surveys_count": int(fields.get("surveys_count") or 0),
        "answers_count": int(fields.get("answers_count") or 0),
    }
    names = ", ".join(["user_id", *columns])
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    cur = conn.execute(f"INSERT INTO experts({names}) VALUES ({marks})", (user_id, *columns.values()))
    return int(cur.lastrowid)


def replace_workdays(conn: sqlite3.Connection, expert_id: int, workdays: list[dict]) -> None:
    """Store a validated weekly schedule (days not given are days off)."""
    conn.execute("DELETE FROM workdays WHERE expert_id = ?", (expert_id,))
    for wd in workdays:
        conn.execute(
            "INSERT INTO workdays(expert_id, day_of_week, is_work_day, start_time, end_time) VALUES (?, ?, ?, ?, ?)",
            (expert_id, wd["day_of_week"], 1 if wd["is_work_day"] else 0, wd.get("start_time"), wd.get("end_time")),
        )
