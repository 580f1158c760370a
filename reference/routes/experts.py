"""API-2.1 experts list, API-2.2 expert detail, reviews and projects lists."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from .. import experts as ex
from ..deps import Ctx, User, current_user, get_ctx
from ..errors import not_found
from ..validation import Errors, parse_int

router = APIRouter(tags=["experts"])

MAX_LIMIT = 100


def page_params(request: Request, errors: Errors, default_limit: int = 20) -> tuple[int, int]:
    # An empty value (`?limit=`) is not an integer: 400, like any malformed value (SN-16).
    q = request.query_params
    page, limit = 1, default_limit
    if q.get("page") is not None:
        page = parse_int(q.get("page"))
        if page is None or page < 1:
            errors.add("page", "Must be an integer >= 1")
            page = 1
    if q.get("limit") is not None:
        limit = parse_int(q.get("limit"))
        if limit is None or limit < 1:
            errors.add("limit", "Must be an integer >= 1")
            limit = default_limit
        elif limit > MAX_LIMIT:
            errors.add("limit", f"Must be at most {MAX_LIMIT}")
    return page, limit


def parse_expert_id(raw: str) -> int:
    value = parse_int(raw)
    if value is None or value < 1:
        raise not_found("Expert not found")
    return value


@router.get("/experts")
def list_experts(request: Request, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    errors = Errors()
    page, limit = page_params(request, errors)
    q = request.query_params
    search = q.get("search") or ""
    category = None
    if q.get("category") is not None:
        category = parse_int(q.get("category"))
        if category is None:
            errors.add("category", "Must be an integer category id")
    rating = None
    if q.get("rating") is not None:
        rating = parse_int(q.get("rating"))
        if rating is None:
            errors.add("rating", "Must be an integer (minimum rating)")
    errors.raise_if_any()

    sql, args = ex.EXPERT_SELECT, []
    if category is not None and not ctx.faults.is_on("experts-category-filter-ignored"):
        sql += "AND e.id IN (SELECT expert_id FROM expert_categories WHERE category_id = ?) "
        args.append(category)
    if rating is not None and not ctx.faults.is_on("experts-rating-filter-ignored"):
        sql += "AND e.rating >= ? "
        args.append(rating)
    sql += "ORDER BY e.id"
    rows = [r for r in ctx.conn.execute(sql, args).fetchall() if ex.name_matches(r, search, ctx.faults)]

    offset = (page - 1) * limit
    if ctx.faults.is_on("experts-pagination-overlap"):
        offset = max(0, offset - 1)
    page_rows = rows[offset:offset + limit]
    cats = ex.categories_of(ctx.conn, [r["id"] for r in page_rows])
    body = {"count": len(rows), "page": page, "results": [ex.list_item(r, cats[r["id"]]) for r in page_rows]}
    if ctx.faults.is_on("experts-list-missing-count"):
        del body["count"]
    return body


@router.get("/experts/{expert_id}")
def expert_detail(expert_id: str, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    row = ex.get_row(ctx.conn, parse_expert_id(expert_id))
    if row is None:
        raise not_found("Expert not found")
    cats = ex.categories_of(ctx.conn, [row["id"]])
    return ex.detail(row, cats[row["id"]], ctx.faults)


def _paged(ctx: Ctx, request: Request, expert_id: str, table: str, serialise) -> dict:
    errors = Errors()
    page, limit = page_params(request, errors, default_limit=10)
    errors.raise_if_any()
    row = ex.get_row(ctx.conn, parse_expert_id(expert_id))
    if row is None:
        raise not_found("Expert not found")
    count = ctx.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE expert_id = ?", (row["id"],)).fetchone()[0]
    rows = ctx.conn.execute(
        f"SELECT * FROM {table} WHERE expert_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (row["id"], limit, (page - 1) * limit),
    ).fetchall()
    return {"count": count, "page": page, "results": [serialise(r) for r in rows]}


def _review(r) -> dict:
    from ..db import from_db, iso_utc
    return {
        "id": r["id"],
        "author": {"first_name": r["author_first_name"], "last_name": r["author_last_name"]},
        "rating": r["rating"],
        "text": r["text"],
        "created_time": iso_utc(from_db(r["created_at"])),
    }


def _project(r) -> dict:
    from ..db import from_db, iso_utc
    return {"id": r["id"], "title": r["title"], "description": r["description"],
            "created_time": iso_utc(from_db(r["created_at"]))}


@router.get("/experts/{expert_id}/reviews")
def expert_reviews(expert_id: str, request: Request, ctx: Ctx = Depends(get_ctx),
                   user: User = Depends(current_user)):
    return _paged(ctx, request, expert_id, "reviews", _review)


@router.get("/experts/{expert_id}/projects")
def expert_projects(expert_id: str, request: Request, ctx: Ctx = Depends(get_ctx),
                    user: User = Depends(current_user)):
    return _paged(ctx, request, expert_id, "projects", _project)
