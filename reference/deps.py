"""Per-request context (DB connection, clock reading, faults, settings) and authentication."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Depends, Request

from . import db
from .clock import Clock
from .errors import bad_request, forbidden, unauthorized
from .faults import FaultState
from .security import TokenError, decode_token
from .settings import Settings


@dataclass
class Ctx:
    conn: sqlite3.Connection
    settings: Settings
    clock: Clock
    faults: FaultState
    now: datetime  # the server clock, read once per request
    request: Request

    @property
    def base_url(self) -> str:
        return str(self.request.base_url).rstrip("/")


def get_ctx(request: Request):
    state = request.app.state
    conn = db.connect(state.settings.db_path)
    try:
        yield Ctx(conn=conn, settings=state.settings, clock=state.clock, faults=state.faults,
                  now=state.clock.now(), request=request)
    finally:
        conn.close()


# ----------------------------------------------------------------------------- bodies
async def json_body(request: Request) -> dict[str, Any]:
    """The JSON object body of the request ({} if empty); 400 if it is not a JSON object."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("Malformed JSON body", [{"field": "body", "message": "Malformed JSON body"}])
    if not isinstance(data, dict):
        raise bad_request("Request body must be a JSON object",
                          [{"field": "body", "message": "Must be a JSON object"}])
    return data


async def form_body(request: Request) -> dict[str, Any]:
    """Form fields (multipart or urlencoded); a JSON object body is accepted too."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        return await json_body(request)
    try:
        form = await request.form()
    except Exception:
        raise bad_request("Malformed form body", [{"field": "body", "message": "Malformed form body"}])
    data: dict[str, Any] = {}
    for key, value in form.multi_items():
        data[key] = value
    return data


# ----------------------------------------------------------------------------- authentication
@dataclass
class User:
    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    timezone: str
    avatar: str | None
    expert_id: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "User":
        return cls(id=row["id"], email=row["email"], first_name=row["first_name"],
                   last_name=row["last_name"], role=row["role"], timezone=row["timezone"],
                   avatar=row["avatar"], expert_id=row["expert_id"])


USER_SELECT = ("SELECT u.*, e.id AS expert_id FROM users u LEFT JOIN experts e ON e.user_id = u.id ")


def load_user(conn: sqlite3.Connection, user_id: int, include_deleted: bool = False) -> User | None:
    row = conn.execute(USER_SELECT + "WHERE u.id = ?", (user_id,)).fetchone()
    if row is None or (row["deleted_at"] is not None and not include_deleted):
        return None
    return User.from_row(row)


def current_user(request: Request, ctx: Ctx = Depends(get_ctx)) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("Authentication credentials were not provided")
    token = token.strip()
    check_expiry = not ctx.faults.is_on("expired-access-accepted")
    try:
        claims = decode_token(ctx.settings.jwt_secret, token, ctx.now, check_expiry=check_expiry)
    except TokenError as exc:
        if exc.reason == "expired":
            if ctx.faults.is_on("expired-access-gives-403"):
                raise forbidden("Token has expired")
            raise unauthorized("Token has expired")
        raise unauthorized("Invalid token")
    if claims.get("type") != "access" and not ctx.faults.is_on("refresh-accepted-as-access"):
        raise unauthorized("Token is not an access token")
    try:
        user_id = int(claims["sub"])
    except (TypeError, ValueError):
        raise unauthorized("Invalid token")
    user = load_user(ctx.conn, user_id, include_deleted=ctx.faults.is_on("deleted-user-can-login"))
    if user is None:
        raise unauthorized("User not found or deleted")
    return user


def expert_user(user: User = Depends(current_user)) -> User:
    if user.role != "expert" or user.expert_id is None:
        raise forbidden("Only experts can perform this action")
    return user
