"""Reference data: categories, time zones, schedule time options, price limits, payment hold."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends

from ..deps import Ctx, User, current_user, get_ctx

router = APIRouter(tags=["meta"])

# Time zones offered in pickers (7.2.5, 12.2). Any valid IANA name is accepted on input.
TIMEZONES = [
    "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka", "Europe/Minsk", "Europe/Kyiv", "Europe/Istanbul", "Asia/Tbilisi",
    "Asia/Yerevan", "Asia/Baku", "Asia/Almaty", "Asia/Tashkent", "Asia/Dubai", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
    "Pacific/Auckland", "UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York",
    "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
]

TIME_OPTIONS = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]


def utc_offset(name: str, at: datetime) -> str:
    offset = at.astimezone(ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@router.get("/categories/")
def categories(ctx: Ctx = Depends(get_ctx)):
    rows = ctx.conn.execute("SELECT id, name FROM categories ORDER BY id").fetchall()
    return [{"id": r["id"], "name": r["name"]} for r in rows]


@router.get("/timezones/")
def timezones(ctx: Ctx = Depends(get_ctx)):
    now = ctx.now if ctx.now else datetime.now(timezone.utc)
    result = []
    for name in TIMEZONES:
        offset = utc_offset(name, now)
        result.append({"name": name, "utc_offset": offset, "label": f"(UTC{offset}) {name}"})
    return result


@router.get("/schedule/time-options/")
def time_options(user: User = Depends(current_user)):
    return TIME_OPTIONS


@router.get("/settings/price-limits/")
def price_limits(ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    return {"min": ctx.settings.min_price, "max": ctx.settings.max_price}


@router.get("/settings/payment-hold/")
def payment_hold(ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    return {"hold_seconds": ctx.settings.hold_seconds}
