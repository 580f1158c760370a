"""API-1.1 login, API-1.2 refresh, registration and password reset."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from .. import accounts, db
from ..deps import Ctx, get_ctx, json_body, load_user
from ..errors import ApiError, conflict, unauthorized
from ..security import TokenError, create_token, decode_token, unverified_claims, verify_password
from ..validation import Errors, is_email, is_timezone, password_problems, required_str

router = APIRouter(tags=["auth"])

INVALID_CREDENTIALS = "Invalid email or password"
RESET_MESSAGE = ("If an account with this email exists, we have sent instructions "
                 "for resetting the password to it.")


def issue_tokens(ctx: Ctx, user_id: int) -> dict:
    s = ctx.settings
    return {
        "access": create_token(s.jwt_secret, user_id, "access", ctx.now, s.access_lifetime_seconds),
        "refresh": create_token(s.jwt_secret, user_id, "refresh", ctx.now, s.refresh_lifetime_seconds),
    }


def deleted_detail(row, now) -> str:
    restore_until = db.from_db(row["restore_until"])
    if restore_until is None or restore_until <= now:
        return "This profile has been deleted permanently (the 90-day restore period is over)."
    return (f"This profile has been deleted. You can restore it until {db.iso_utc(restore_until)} "
            f"(POST /profile/restore/).")


@router.post("/auth/login/")
def login(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    email = required_str(data, "email", errors, strip=False)
    password = data.get("password")
    empty_password_ok = ctx.faults.is_on("login-empty-password-accepted")
    if password is None or password == "":
        if empty_password_ok:
            password = ""
        else:
            errors.add("password", "This field is required")
    elif not isinstance(password, str):
        errors.add("password", "Must be a string")
    errors.raise_if_any()

    row = accounts.find_user_by_email(ctx.conn, email)
    if row is None:
        raise unauthorized(INVALID_CREDENTIALS)
    ok = verify_password(password, row["password_hash"])
    if not ok and password == "" and empty_password_ok:
        ok = True
    if not ok and ctx.faults.is_on("login-wrong-password-accepted"):
        ok = True
    if not ok:
        raise unauthorized(INVALID_CREDENTIALS)
    if row["deleted_at"] is not None and not ctx.faults.is_on("deleted-user-can-login"):
        raise unauthorized(deleted_detail(row, ctx.now))
    tokens = issue_tokens(ctx, row["id"])
    if ctx.faults.is_on("login-response-missing-refresh"):
        del tokens["refresh"]
    return tokens


@router.post("/auth/refresh/")
def refresh(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    token = required_str(data, "refresh", errors, strip=False)
    errors.raise_if_any()
    try:
        claims = decode_token(ctx.settings.jwt_secret, token, ctx.now)
    except TokenError:
        claims = unverified_claims(token) if ctx.faults.is_on("refresh-garbled-accepted") else None
        if claims is None:
            raise unauthorized("Invalid or expired refresh token")
    if claims.get("type") != "refresh":
        raise unauthorized("Token is not a refresh token")
    try:
        user = load_user(ctx.conn, int(claims.get("sub")))
    except (TypeError, ValueError):
        user = None
    if user is None:
        raise unauthorized("Invalid or expired refresh token")
    s = ctx.settings
    body = {"access": create_token(s.jwt_secret, user.id, "access", ctx.now, s.access_lifetime_seconds)}
    if ctx.faults.is_on("refresh-returns-extra-fields"):
        body["refresh"] = token
    return body


@router.post("/auth/register/", status_code=201)
def register(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    email = required_str(data, "email", errors)
    if email is not None and not is_email(email):
        errors.add("email", "Enter a valid email address")
    password = data.get("password")
    if not isinstance(password, str) or password == "":
        errors.add("password", "This field is required")
    else:
        for problem in password_problems(password):
            errors.add("password", f"Password {problem}")
        confirm = data.get("password_confirm", data.get("confirm_password"))
        if confirm is not None and confirm != password:
            errors.add("password_confirm", "Passwords do not match")
    first_name = required_str(data, "first_name", errors)
    last_name = required_str(data, "last_name", errors)
    role = data.get("role", "client")
    if role not in ("client", "expert"):
        errors.add("role", "Must be 'client' or 'expert'")
    tz = data.get("timezone") or ctx.settings.default_timezone
    if not is_timezone(tz):
        errors.add("timezone", "Unknown time zone")
    errors.raise_if_any()
    with db.write(ctx.conn):
        if accounts.find_user_by_email(ctx.conn, email) is not None:
            raise conflict("A user with this email already exists")
        user_id = accounts.create_user(ctx.conn, ctx.now, email=email, password=password, first_name=first_name,
                                       last_name=last_name, role=role, timezone=tz)
        expert_id = None
        if role == "expert":
            expert_id = accounts.create_expert(ctx.conn, user_id, price_per_hour=ctx.settings.min_price)
            accounts.replace_workdays(ctx.conn, expert_id, [])
    return JSONResponse(status_code=201, content={
        "id": user_id, "email": accounts.normalise_email(email), "first_name": first_name,
        "last_name": last_name, "role": role, "timezone": tz, "expert_id": expert_id,
    })


@router.post("/auth/password/reset/")
def password_reset(data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    errors = Errors()
    email = required_str(data, "email", errors)
    if email is not None and not is_email(email) and not ctx.faults.is_on("forgot-accepts-malformed-email"):
        errors.add("email", "Enter a valid email address")
    errors.raise_if_any()
    row = accounts.find_user_by_email(ctx.conn, email)
    if row is not None and row["deleted_at"] is None:
        token = secrets.token_urlsafe(24)
        with db.write(ctx.conn):
            ctx.conn.execute(
                "INSERT INTO outbox(to_email, subject, body, created_at) VALUES (?, ?, ?, ?)",
                (row["email"], "SmartConsult: password reset",
                 f"To set a new password open {ctx.base_url}/#/reset-password?token={token}",
                 db.to_db(ctx.now)),
            )
    return {"result": "success", "message": RESET_MESSAGE}


__all__ = ["router", "issue_tokens", "ApiError"]
