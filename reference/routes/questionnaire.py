"""Expert questionnaire (11.x): editable data that needs verification before it is published.

Contract fields: first_name, last_name, about (limited HTML), categories [ids], experience_years,
price, age, hh_link, linkedin_link, education. `about` is published as the card's `description`
(and, as plain text, as the list item's short `about`); `price` as `price_per_hour`.
"""

from __future__ import annotations

import html
import json
import re

from fastapi import APIRouter, Depends

from .. import accounts, db
from ..deps import Ctx, User, expert_user, get_ctx, json_body
from ..errors import not_found
from ..experts import categories_of, number
from ..validation import Errors, parse_int

router = APIRouter(tags=["questionnaire"])

FIELDS = ("first_name", "last_name", "about", "categories", "experience_years", "price", "age", "hh_link",
          "linkedin_link", "education")
ALLOWED_TAGS = {"b", "i", "u", "ul", "ol", "li"}
TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
# questionnaire field -> experts column (first/last name live on users)
COLUMNS = {"experience_years": "experience_years", "price": "price_per_hour", "age": "age",
           "hh_link": "headhunter_url", "linkedin_link": "linkedin_url"}


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", markup)).split())


def public_values(ctx: Ctx, expert_id: int) -> dict:
    row = ctx.conn.execute("SELECT e.*, u.first_name, u.last_name FROM experts e JOIN users u ON u.id = e.user_id "
                           "WHERE e.id = ?", (expert_id,)).fetchone()
    return {
        "first_name": row["first_name"], "last_name": row["last_name"], "about": row["description"],
        "categories": [c["id"] for c in categories_of(ctx.conn, [expert_id])[expert_id]],
        "experience_years": row["experience_years"], "price": number(row["price_per_hour"]),
        "age": row["age"], "hh_link": row["headhunter_url"], "linkedin_link": row["linkedin_url"],
        "education": json.loads(row["education"] or "[]"),
    }


def pending_values(ctx: Ctx, expert_id: int) -> dict:
    row = ctx.conn.execute("SELECT pending FROM experts WHERE id = ?", (expert_id,)).fetchone()
    return json.loads(row["pending"] or "{}") if row else {}


def questionnaire_body(ctx: Ctx, expert_id: int) -> dict:
    """The latest saved data: published values overlaid with the changes awaiting verification."""
    values = public_values(ctx, expert_id)
    values.update(pending_values(ctx, expert_id))
    return values


def apply_values(ctx: Ctx, expert_id: int, values: dict) -> None:
    """Publish values (verification; or at once under the 'not unverified' fault)."""
    user_id = ctx.conn.execute("SELECT user_id FROM experts WHERE id = ?", (expert_id,)).fetchone()["user_id"]
    for field, value in values.items():
        if field in ("first_name", "last_name"):
            ctx.conn.execute(f"UPDATE users SET {field} = ? WHERE id = ?", (value, user_id))
        elif field == "categories":
            accounts.set_expert_categories(ctx.conn, expert_id, value)
        elif field == "education":
            ctx.conn.execute("UPDATE experts SET education = ? WHERE id = ?",
                             (json.dumps(value, ensure_ascii=False), expert_id))
        elif field == "about":
            ctx.conn.execute("UPDATE experts SET description = ?, about = ? WHERE id = ?",
                             (value, plain_text(value), expert_id))
        else:
            ctx.conn.execute(f"UPDATE experts SET {COLUMNS[field]} = ? WHERE id = ?", (value, expert_id))


def _non_negative_int(value, field: str, errors: Errors, clean: dict) -> None:
    if value is None:
        clean[field] = None
        return
    n = None if isinstance(value, (bool, float)) else parse_int(value)
    if n is None or (isinstance(value, str) and not value.strip().isdigit()):
        errors.add(field, "Digits only")
    elif n < 0:
        errors.add(field, "Must not be negative")
    else:
        clean[field] = n


def validate(ctx: Ctx, data: dict) -> dict:
    """Full replacement: every field is required (unknown fields are ignored)."""
    errors = Errors()
    clean: dict = {}
    for field in FIELDS:
        if field not in data:
            errors.add(field, "This field is required")
    for field in ("first_name", "last_name"):
        if field in data:
            v = data[field]
            if not isinstance(v, str) or not v.strip():
                errors.add(field, "This field is required")
            elif len(v) > 100:
                errors.add(field, "At most 100 characters")
            else:
                clean[field] = v.strip()
    if "about" in data:
        v = data["about"]
        if not isinstance(v, str):
            errors.add("about", "Must be a string")
        elif len(v) > 10000:
            errors.add("about", "At most 10000 characters")
        else:
            bad = sorted({m.group(2).lower() for m in TAG_RE.finditer(v) if m.group(2).lower() not in ALLOWED_TAGS})
            with_attributes = [m.group(0) for m in TAG_RE.finditer(v) if m.group(3).strip(" /")]
            if bad:
                errors.add("about", "Only b, i, u, ul, ol, li tags are allowed (found: " + ", ".join(bad) + ")")
            elif with_attributes:
                errors.add("about", "Tags may not have attributes")
            else:
                clean["about"] = v
    if "categories" in data:
        v = data["categories"]
        ids = [None if isinstance(x, bool) else parse_int(x) for x in v] if isinstance(v, list) else None
        if ids is None or any(i is None for i in ids):
            errors.add("categories", "Must be a list of category ids")
        elif len(set(ids)) != len(ids):
            errors.add("categories", "Duplicate category id")
        else:
            known = {r["id"] for r in ctx.conn.execute("SELECT id FROM categories")}
            unknown = [i for i in ids if i not in known]
            if unknown:
                errors.add("categories", f"Unknown category id(s): {', '.join(map(str, unknown))}")
            else:
                clean["categories"] = ids
    for field in ("experience_years", "age"):
        if field in data:
            _non_negative_int(data[field], field, errors, clean)
    if "price" in data:
        v = data["price"]
        n = None if isinstance(v, bool) else v if isinstance(v, (int, float)) else None
        if isinstance(v, str) and re.fullmatch(r"\d+(\.\d+)?", v.strip()):
            n = float(v)
        if n is None:
            errors.add("price", "Digits only")
        elif not ctx.settings.min_price <= n <= ctx.settings.max_price and not ctx.faults.is_on("price-limits-ignored"):
            errors.add("price", f"Must be between {ctx.settings.min_price} and {ctx.settings.max_price}")
        else:
            clean["price"] = number(n)
    for field in ("hh_link", "linkedin_link"):
        if field in data:
            v = data[field]
            if v is not None and (not isinstance(v, str) or len(v) > 500):
                errors.add(field, "Must be a link of at most 500 characters")
            else:
                clean[field] = (v or "").strip()
    if "education" in data:
        v = data["education"]
        if not isinstance(v, list):
            errors.add("education", "Must be a list")
        else:
            items = []
            for i, item in enumerate(v):
                prefix = f"education[{i}]"
                if not isinstance(item, dict):
                    errors.add(prefix, "Must be an object")
                    continue
                if item.get("type") not in ("basic", "additional"):
                    errors.add(f"{prefix}.type", "Must be 'basic' or 'additional'")
                if not isinstance(item.get("specialized"), bool):
                    errors.add(f"{prefix}.specialized", "Must be a boolean")
                for name in ("institution", "diploma_number"):
                    if not isinstance(item.get(name), str):
                        errors.add(f"{prefix}.{name}", "Must be a string")
                items.append({"type": item.get("type"), "specialized": item.get("specialized") is True,
                              "institution": item.get("institution") if isinstance(item.get("institution"), str) else "",
                              "diploma_number": item.get("diploma_number")
                              if isinstance(item.get("diploma_number"), str) else ""})
            clean["education"] = items
    errors.raise_if_any()
    return clean


@router.get("/questionnaire/")
def get_questionnaire(ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    return questionnaire_body(ctx, user.expert_id)


@router.put("/questionnaire/")
def put_questionnaire(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    clean = validate(ctx, data)
    with db.write(ctx.conn):
        public = public_values(ctx, user.expert_id)
        pending = pending_values(ctx, user.expert_id)
        if ctx.faults.is_on("questionnaire-save-not-unverified"):
            apply_values(ctx, user.expert_id, clean)  # bug: published without verification
            pending = {}
        else:
            for field, value in clean.items():
                if value != public.get(field):
                    pending[field] = value  # a changed field waits for verification
                else:
                    pending.pop(field, None)
        ctx.conn.execute("UPDATE experts SET pending = ? WHERE id = ?",
                         (json.dumps(pending, ensure_ascii=False), user.expert_id))
    return questionnaire_body(ctx, user.expert_id)


@router.get("/questionnaire/verification/")
def verification(ctx: Ctx = Depends(get_ctx), user: User = Depends(expert_user)):
    pending = pending_values(ctx, user.expert_id)
    return {"verified": not pending, "pending_fields": [f for f in FIELDS if f in pending]}


def verify_expert(ctx: Ctx, expert_id: int) -> None:
    if ctx.conn.execute("SELECT 1 FROM experts WHERE id = ?", (expert_id,)).fetchone() is None:
        raise not_found("Expert not found")
    with db.write(ctx.conn):
        apply_values(ctx, expert_id, pending_values(ctx, expert_id))
        ctx.conn.execute("UPDATE experts SET pending = '{}' WHERE id = ?", (expert_id,))
