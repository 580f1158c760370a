"""Expert records: search normalisation, list/detail serialisation."""

from __future__ import annotations

import json
import sqlite3

from .faults import FaultState

EXPERT_SELECT = (
    "SELECT e.*, u.first_name, u.last_name, u.avatar, u.timezone, u.email "
    "FROM experts e JOIN users u ON u.id = e.user_id WHERE u.deleted_at IS NULL "
)


def number(value: float | int | None):
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def normalise_text(text: str, *, fold_case: bool = True, fold_yo: bool = True) -> str:
    """Search normalisation: Unicode case folding (Cyrillic included, unlike SQLite's lower())
    and ё treated as е; whitespace collapsed."""
    if fold_case:
        text = text.casefold()
    if fold_yo:
        text = text.replace("ё", "е").replace("Ё", "Е")
    return " ".join(text.split())


def name_matches(row: sqlite3.Row, query: str, faults: FaultState) -> bool:
    fold_case = not faults.is_on("search-case-sensitive")
    fold_yo = not faults.is_on("search-yo-not-normalised")
    needle = normalise_text(query, fold_case=fold_case, fold_yo=fold_yo)
    if not needle:
        return True
    first, last = row["first_name"], row["last_name"]
    haystacks = [first, last, f"{first} {last}", f"{last} {first}"]
    return any(needle in normalise_text(h, fold_case=fold_case, fold_yo=fold_yo) for h in haystacks)


def categories_of(conn: sqlite3.Connection, expert_ids: list[int]) -> dict[int, list[dict]]:
    result: dict[int, list[dict]] = {eid: [] for eid in expert_ids}
    if not expert_ids:
        return result
    marks = ",".join("?" for _ in expert_ids)
    rows = conn.execute(
        f"SELECT ec.expert_id, c.id, c.name FROM expert_categories ec JOIN categories c ON c.id = ec.category_id "
        f"WHERE ec.expert_id IN ({marks}) ORDER BY ec.expert_id, ec.position, c.id",
        expert_ids,
    ).fetchall()
    for r in rows:
        result[r["expert_id"]].append({"id": r["id"], "name": r["name"]})
    return result


def list_item(row: sqlite3.Row, categories: list[dict]) -> dict:
    return {
        "id": row["id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "avatar": row["avatar"],
        "category": ", ".join(c["name"] for c in categories),
        "rating": float(row["rating"]),
        "price_per_hour": number(row["price_per_hour"]),
        # assumed extras (REQ-5.1)
        "categories": categories,
        "reviews_count": row["reviews_count"],
        "articles_count": row["articles_count"],
        "surveys_count": row["surveys_count"],
        "answers_count": row["answers_count"],
        "about": row["about"],
    }


def detail(row: sqlite3.Row, categories: list[dict], faults: FaultState) -> dict:
    item = list_item(row, categories)
    if not faults.is_on("expert-detail-missing-description"):
        item["description"] = row["description"]
    item.update({
        "education": json.loads(row["education"] or "[]"),
        "experience_years": row["experience_years"],
        "age": row["age"],
        "hh_link": row["headhunter_url"],
        "linkedin_link": row["linkedin_url"],
        "user_id": row["user_id"],
        "timezone": row["timezone"],
    })
    return item


def get_row(conn: sqlite3.Connection, expert_id: int) -> sqlite3.Row | None:
    return conn.execute(EXPERT_SELECT + "AND e.id = ?", (expert_id,)).fetchone()
