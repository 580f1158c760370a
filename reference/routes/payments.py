"""API-4.x: checkout, provider callback, payment status; the sandbox payment provider pages."""

from __future__ import annotations

import hmac
import html
import sqlite3
import uuid

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import booking as bk, db
from ..deps import Ctx, User, current_user, form_body, get_ctx, json_body
from ..errors import bad_request, conflict, forbidden, not_found
from ..experts import number
from ..security import sign_callback
from ..validation import Errors, parse_int
from .appointments import path_id

router = APIRouter(tags=["payments"])

PROVIDERS = {"sandbox-card": "Банковская карта", "sandbox-sbp": "СБП"}


@router.post("/appointments/checkout/{appointment_id}")
def checkout(appointment_id: str, data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx),
             user: User = Depends(current_user)):
    aid = path_id(appointment_id, "Appointment")
    provider = data.get("payment_provider")
    errors = Errors()
    if not isinstance(provider, str) or provider not in PROVIDERS:  # a JSON object/array is unhashable
        errors.add("payment_provider", "Must be one of: " + ", ".join(PROVIDERS))
    with db.write(ctx.conn):
        row = bk.get_appointment(ctx, aid)
        if row is None:
            raise not_found("Appointment not found")
        if row["client_id"] != user.id:
            raise forbidden("Only the client of this appointment can pay for it")
        errors.raise_if_any()
        status = row["status"] if ctx.faults.is_on("checkout-expired-hold-allowed") else bk.effective_status(row, ctx.now)
        if status != bk.AWAITING_PAYMENT:
            raise conflict("This appointment is not awaiting payment (the hold has expired or it is paid/cancelled)")
        payment_id = "pay_" + uuid.uuid4().hex
        seq = ctx.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM payments").fetchone()[0]
        ctx.conn.execute(
            "INSERT INTO payments(id, seq, appointment_id, provider, amount, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
            (payment_id, seq, aid, provider, row["price"], db.to_db(ctx.now), db.to_db(ctx.now)))
    if ctx.faults.is_on("checkout-url-missing"):
        return {"payment_id": payment_id}
    return {"checkout_url": f"{ctx.base_url}/sandbox/pay/{payment_id}"}


def process_callback(ctx: Ctx, provider: str, data: dict) -> dict:
    if provider not in PROVIDERS:
        raise not_found("Unknown payment provider")
    errors = Errors()
    payment_id = data.get("payment_id")
    if not isinstance(payment_id, str) or not payment_id:
        errors.add("payment_id", "Required string")
    raw_id = data.get("appointment_id")
    appointment_id = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else parse_int(raw_id)
    if appointment_id is None:
        errors.add("appointment_id", "Required integer")
    status = data.get("status")
    if status not in ("paid", "failed"):
        errors.add("status", "Must be 'paid' or 'failed'")
    errors.raise_if_any()
    signature = data.get("signature")
    expected = sign_callback(ctx.settings.payment_callback_secret, payment_id, appointment_id, status)
    if not ctx.faults.is_on("callback-signature-unchecked"):
        if not isinstance(signature, str) or not hmac.compare_digest(signature.lower(), expected):
            raise forbidden("Invalid callback signature")
    if status == "failed" and ctx.faults.is_on("callback-failed-marks-paid"):
        status = "paid"  # bug: the outcome is not looked at

    with db.write(ctx.conn):
        bk.settle_statuses(ctx)
        payment = ctx.conn.execute("SELECT * FROM payments WHERE id = ?", (payment_id,)).fetchone()
        if payment is None and not ctx.faults.is_on("callback-unknown-id-500"):  # the bug drops this check
            raise not_found("Unknown payment or appointment")
        if payment["appointment_id"] != appointment_id:
            raise not_found("Unknown payment or appointment")
        appointment = bk.get_appointment(ctx, appointment_id)
        if appointment is None:
            raise not_found("Unknown payment or appointment")
        now = db.to_db(ctx.now)
        if payment["status"] != "pending":
            return {"result": "success"}  # already processed: idempotent
        if status == "failed":
            ctx.conn.execute("UPDATE payments SET status = 'failed', updated_at = ? WHERE id = ?", (now, payment_id))
            return {"result": "success"}
        awaiting = bk.effective_status(appointment, ctx.now) == bk.AWAITING_PAYMENT
        if awaiting or ctx.faults.is_on("late-payment-double-paid"):
            ctx.conn.execute("UPDATE payments SET status = 'paid', updated_at = ? WHERE id = ?", (now, payment_id))
            try:
                ctx.conn.execute("SAVEPOINT mark_paid")
                ctx.conn.execute("UPDATE appointments SET status = 1, payment_deadline = NULL, updated_at = ? "
                                 "WHERE id = ?", (now, appointment_id))
                ctx.conn.execute("RELEASE mark_paid")
            except sqlite3.IntegrityError:
                ctx.conn.execute("ROLLBACK TO mark_paid")
                ctx.conn.execute("RELEASE mark_paid")
        else:
            # a late (or duplicate) payment never makes the booking paid: the money goes back
            ctx.conn.execute("UPDATE payments SET status = 'failed', refunded_at = ?, refund_reason = 'late', "
                             "updated_at = ? WHERE id = ?", (now, now, payment_id))
    return {"result": "success"}


@router.post("/payment/{payment_provider}/callback/")
def provider_callback(payment_provider: str, data: dict = Depends(json_body), ctx: Ctx = Depends(get_ctx)):
    return process_callback(ctx, payment_provider, data)


@router.get("/payment/status/{appointment_id}")
def payment_status(appointment_id: str, ctx: Ctx = Depends(get_ctx), user: User = Depends(current_user)):
    row = bk.get_appointment(ctx, path_id(appointment_id, "Appointment"))
    if row is None:
        raise not_found("Appointment not found")
    if row["client_id"] != user.id and row["expert_id"] != user.expert_id:
        raise forbidden("This appointment belongs to someone else")
    payments = ctx.conn.execute("SELECT * FROM payments WHERE appointment_id = ? ORDER BY seq", (row["id"],)).fetchall()
    if row["status"] in (bk.PAID, bk.COMPLETED) or any(p["status"] == "paid" for p in payments):
        status = "success" if ctx.faults.is_on("payment-status-wrong-value") else "paid"
    elif not payments:
        status = "unpaid"
    elif payments[-1]["status"] == "pending":
        status = "unpaid" if ctx.faults.is_on("payment-status-pending-as-unpaid") else "pending"
    else:
        status = "failed"
    return {"status": status}


# ----------------------------------------------------------------------------- sandbox provider
PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox payment</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d1d1f; }}
 main {{ max-width: 420px; margin: 0 auto; padding: 24px 16px; }}
 .card {{ background: #fff; border-radius: 12px; padding: 20px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }}
 h1 {{ font-size: 20px; margin: 0 0 12px; }}
 dl {{ margin: 0 0 20px; }} dt {{ color: #6b6b70; font-size: 13px; }} dd {{ margin: 0 0 10px; font-size: 16px; }}
 button {{ width: 100%; padding: 14px; font-size: 16px; border: 0; border-radius: 10px; margin-top: 10px; cursor: pointer; }}
 .pay {{ background: #1f8b4c; color: #fff; }} .fail {{ background: #e9e9ee; color: #b00020; }}
 .note {{ font-size: 12px; color: #6b6b70; margin-top: 16px; }}
</style></head>
<body><main><div class="card" data-testid="sandbox-page">
<h1>Sandbox — {provider_label}</h1>
<dl>
 <dt>Платёж</dt><dd data-testid="sandbox-payment-id">{payment_id}</dd>
 <dt>Консультация</dt><dd data-testid="sandbox-appointment">#{appointment_id} · {expert} · {when} UTC</dd>
 <dt>Сумма</dt><dd data-testid="sandbox-amount">{amount} ₽</dd>
 <dt>Статус</dt><dd data-testid="sandbox-status">{status}</dd>
</dl>
<form method="post" action="/sandbox/pay/{payment_id}/complete">
 <input type="hidden" name="outcome" value="paid">
 <button class="pay" type="submit" data-testid="sandbox-pay">Оплатить</button>
</form>
<form method="post" action="/sandbox/pay/{payment_id}/complete">
 <input type="hidden" name="outcome" value="failed">
 <button class="fail" type="submit" data-testid="sandbox-fail">Отклонить платёж</button>
</form>
<p class="note">Тестовый платёжный провайдер SmartConsult. Деньги не списываются.</p>
</div></main></body></html>
"""


def _payment_or_404(ctx: Ctx, payment_id: str) -> sqlite3.Row:
    row = ctx.conn.execute("SELECT * FROM payments WHERE id = ?", (payment_id,)).fetchone()
    if row is None:
        raise not_found("Unknown payment")
    return row


@router.get("/sandbox/pay/{payment_id}", response_class=HTMLResponse)
def sandbox_page(payment_id: str, ctx: Ctx = Depends(get_ctx)):
    payment = _payment_or_404(ctx, payment_id)
    appt = bk.get_appointment(ctx, payment["appointment_id"])
    start = db.from_db(appt["start_utc"])
    return HTMLResponse(PAGE.format(
        provider_label=html.escape(PROVIDERS.get(payment["provider"], payment["provider"])),
        payment_id=html.escape(payment["id"]), appointment_id=appt["id"],
        expert=html.escape(f"{appt['e_first']} {appt['e_last']}"), when=start.strftime("%Y-%m-%d %H:%M"),
        amount=number(payment["amount"]), status=html.escape(payment["status"])))


@router.post("/sandbox/pay/{payment_id}/complete")
def sandbox_complete(payment_id: str, request: Request, data: dict = Depends(form_body), ctx: Ctx = Depends(get_ctx)):
    payment = _payment_or_404(ctx, payment_id)
    outcome = data.get("outcome")
    if outcome not in ("paid", "failed"):
        raise bad_request("outcome: must be 'paid' or 'failed'", [{"field": "outcome", "message": "paid or failed"}])
    callback = {"payment_id": payment["id"], "appointment_id": payment["appointment_id"], "status": outcome,
                "signature": sign_callback(ctx.settings.payment_callback_secret, payment["id"],
                                           payment["appointment_id"], outcome)}
    process_callback(ctx, payment["provider"], callback)
    return RedirectResponse(f"/#/checkout/{payment['appointment_id']}?returned=1", status_code=303)
