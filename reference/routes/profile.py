"""Personal account (7.x): profile, avatar, password change, soft delete and restore."""

from __future__ import annotations

import secrets
from datetime import timedelta

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from .. import accounts, db
from ..deps import Ctx, User, current_user, form_body, get_ctx, json_body, load_user
from ..errors import bad_request, conflict, not_found, unauthorized
from ..security import hash_password, verify_password
from ..validation import Errors, is_timezone, password_problems, required_str

router = APIRouter(tags=["profile"])

MAX_AVATAR_BYTES = 5 * 1024 * 1024
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def profile_body(user: User) -> dict:
    return {"id": user.id, "email": user.email, "first_name": user.first_name, "last_name": user.last_name,
            "role": user.role, "timezone": user.timezone, "avatar": user.avatar, "expert_id": user.expert_id}


@router.get("/profile/")
def get_profile(user: User = Depends(current_user)):
    return profile_body(user)


@router.patch("/profile/")
def patch_profile(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    errors = Errors()
    updates = {}
    for field in ("first_name", "last_name"):
        if field in data:
            value = required_str(data, field, errors)
            if value is not None:
                if len(value) > 100:
                    errors.add(field, "At most 100 characters")
                updates[field] = value
    if "timezone" in data:
        if not is_timezone(data["timezone"]):
            errors.add("timezone", "Unknown time zone")
        else:
            updates["timezone"] = data["timezone"]
    if not updates and not errors:
        errors.add("body", "Give at least one of first_name, last_name, timezone")
    errors.raise_if_any()
    if updates:
        with db.write(ctx.conn):
            sets = ", ".join(f"{k} = ?" for k in updates)
            ctx.conn.execute(f"UPDATE users SET {sets} WHERE id = ?", (*updates.values(), user.id))
    return profile_body(load_user(ctx.conn, user.id))


def _image_type(data: bytes) -> str | None:
    """JPEG, PNG or WebP by their magic bytes (the declared content type is not trusted)."""
    for signature, kind in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@router.post("/profile/avatar/")
def upload_avatar(form: dict = Depends(form_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    upload = form.get("file", form.get("avatar"))
    if upload is None or upload == "":
        raise bad_request("file: an image file is required (multipart field 'file')",
                          [{"field": "file", "message": "An image file is required"}])
    data = upload.file.read(MAX_AVATAR_BYTES + 1) if hasattr(upload, "file") else str(upload).encode()
    if len(data) > MAX_AVATAR_BYTES:
        raise bad_request("file: the image must not exceed 5 MB", [{"field": "file", "message": "Too large"}])
    kind = _image_type(data)
    if kind is None:
        raise bad_request("file: the file is not a JPEG, PNG or WebP image",
                          [{"field": "file", "message": "Not a JPEG, PNG or WebP image"}])
    token = secrets.token_hex(12)
    url = f"/media/avatars/{token}"
    with db.write(ctx.conn):
        ctx.conn.execute("INSERT INTO avatars(token, user_id, content_type, data, created_at) VALUES (?, ?, ?, ?, ?)",
                         (token, user.id, kind, data, db.to_db(ctx.now)))
        ctx.conn.execute("UPDATE users SET avatar = ? WHERE id = ?", (url, user.id))
    return {"avatar": url}


@router.get("/media/avatars/{token}")
def avatar_file(token: str, ctx: Ctx = Depends(get_ctx)):
    row = ctx.conn.execute("SELECT * FROM avatars WHERE token = ?", (token,)).fetchone()
    if row is None:
        raise not_found("Avatar not found")
    return Response(content=bytes(row["data"]), media_type=row["content_type"],
                    headers={"Cache-Control": "public, max-age=86400"})


@router.post("/profile/password/")
def change_password(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    errors = Errors()
    values = {}
    for field in ("current_password", "new_password", "confirm_password"):
        value = data.get(field)
        if not isinstance(value, str) or value == "":
            errors.add(field, "This field is required")
        else:
            values[field] = value
    new, confirm = values.get("new_password"), values.get("confirm_password")
    if new is not None:
        for problem in password_problems(new):
            errors.add("new_password", f"Password {problem}")
    if new is not None and confirm is not None and new != confirm:
        errors.add("confirm_password", "Passwords do not match")
    errors.raise_if_any()
    row = ctx.conn.execute("SELECT password_hash FROM users WHERE id = ?", (user.id,)).fetchone()
    if not verify_password(values["current_password"], row["password_hash"]) \
            and not ctx.faults.is_on("password-change-ignores-current"):
        raise bad_request("current_password: the current password is incorrect",
                          [{"field": "current_password", "message": "The current password is incorrect"}])
    with db.write(ctx.conn):
        ctx.conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (hash_password(new), user.id))
    return {"result": "success"}


@router.delete("/profile/")
def delete_profile(ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    restore_until = ctx.now + timedelta(days=ctx.settings.restore_days)
    with db.write(ctx.conn):
        ctx.conn.execute("UPDATE users SET deleted_at = ?, restore_until = ? WHERE id = ?",
                         (db.to_db(ctx.now), db.to_db(restore_until), user.id))
    return {"result": "success", "restore_until": db.iso_utc(restore_until)}


@router.post("/profile/restore/")
def restore_profile(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    email = required_str(data, "email", errors)
    password = data.get("password")
    if not isinstance(password, str) or not password:
        errors.add("password", "This field is required")
    errors.raise_if_any()
    row = accounts.find_user_by_email(ctx.conn, email)
    if row is None or not verify_password(password, row["password_hash"]):
        raise unauthorized("Invalid email or password")
    if row["deleted_at"] is None:
        raise conflict("This profile is not deleted")
    if db.from_db(row["restore_until"]) <= ctx.now:
        raise unauthorized("The 90-day restore period has expired; the profile cannot be restored")
    with db.write(ctx.conn):
        ctx.conn.execute("UPDATE users SET deleted_at = NULL, restore_until = NULL WHERE id = ?", (row["id"],))
    return {"result": "success"}
