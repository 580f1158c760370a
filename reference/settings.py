"""Runtime settings of the reference backend."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent / "web"

# Settings that the test-support API may change at run time (PUT /__test__/settings).
RUNTIME_FIELDS = (
    "hold_seconds",
    "access_lifetime_seconds",
    "refresh_lifetime_seconds",
    "restore_days",
    "min_price",
    "max_price",
    "payment_callback_secret",
)


def _env_flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


@dataclass
class Settings:
    db_path: str = "smartconsult.sqlite3"
    host: str = "127.0.0.1"
    port: int = 8000
    test_mode: bool = False
    faults: list[str] = field(default_factory=list)
    # business settings
    hold_seconds: int = 900
    access_lifetime_seconds: int = 15 * 60
    refresh_lifetime_seconds: int = 7 * 24 * 3600
    restore_days: int = 90
    min_price: int = 500
    max_price: int = 50000
    default_timezone: str = "Europe/Moscow"
    # secrets (fixed defaults: this is a test reference, not a production system)
    jwt_secret: str = "smartconsult-reference-jwt-secret"
    payment_callback_secret: str = "smartconsult-sandbox-secret"
    web_dir: Path = WEB_DIR

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        values: dict = {}
        if os.environ.get("SC_DB"):
            values["db_path"] = os.environ["SC_DB"]
        if os.environ.get("SC_TEST_MODE"):
            values["test_mode"] = _env_flag(os.environ.get("SC_TEST_MODE"))
        if os.environ.get("SC_FAULTS"):
            values["faults"] = _split(os.environ.get("SC_FAULTS"))
        if os.environ.get("SC_JWT_SECRET"):
            values["jwt_secret"] = os.environ["SC_JWT_SECRET"]
        if os.environ.get("SC_PAYMENT_SECRET"):
            values["payment_callback_secret"] = os.environ["SC_PAYMENT_SECRET"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def runtime_snapshot(self) -> dict:
        return {name: getattr(self, name) for name in RUNTIME_FIELDS}

    def copy(self) -> "Settings":
        return dataclasses.replace(self, faults=list(self.faults))
