"""Password hashing and JWT (HS256) tokens whose expiry is judged by the server clock."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

import jwt

PBKDF2_ROUNDS = 20_000


def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), PBKDF2_ROUNDS).hex()
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), int(rounds)).hex()
    return hmac.compare_digest(candidate, digest)


class TokenError(Exception):
    def __init__(self, reason: str) -> None:  # "invalid" | "expired"
        super().__init__(reason)
        self.reason = reason


def create_token(secret: str, user_id: int, token_type: str, now: datetime, lifetime_seconds: int) -> str:
    claims = {
        "sub": str(user_id),
        "type": token_type,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=lifetime_seconds)).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


_OPTIONS = {"verify_exp": False, "verify_iat": False, "verify_nbf": False,
            "require": ["sub", "type", "exp", "iat", "jti"]}


def decode_token(secret: str, token: str, now: datetime, check_expiry: bool = True) -> dict:
    """Verify signature and claims; expiry is checked against ``now`` (the server clock)."""
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options=_OPTIONS)
    except jwt.PyJWTError:
        raise TokenError("invalid") from None
    if not isinstance(claims.get("exp"), (int, float)) or not isinstance(claims.get("sub"), str):
        raise TokenError("invalid")
    if check_expiry and claims["exp"] <= now.timestamp():
        raise TokenError("expired")
    return claims


def unverified_claims(token: str) -> dict | None:
    """Claims of a token without any verification (only used by a fault)."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})
    except jwt.PyJWTError:
        return None
    return claims if isinstance(claims, dict) else None


def sign_callback(secret: str, payment_id: str, appointment_id: int, status: str) -> str:
    message = f"{payment_id}:{appointment_id}:{status}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
