"""Named fault switches.

Each fault breaks one behaviour of the reference on purpose and names the requirement IDs it
violates, so the suite's kill matrix can prove that some scenario catches it.  API-layer faults are
implemented in the backend as an ``if faults.is_on("...")`` at the exact place of the real code path;
UI-layer faults are only registered here and implemented by the SPA (it reads
``GET /__test__/faults``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Fault:
    name: str
    requirements: list[str]
    description: str
    layer: str  # "api" | "ui"


FAULTS: dict[str, Fault] = {}


def _register(name: str, requirements: list[str], description: str, layer: str) -> None:
    assert name not in FAULTS, name
    assert layer in ("api", "ui"), layer
    FAULTS[name] = Fault(name, list(requirements), description, layer)


def ui(name: str, requirements: list[str], description: str) -> None:
    _register(name, requirements, description, "ui")


def api(name: str, requirements: list[str], description: str) -> None:
    _register(name, requirements, description, "api")


# --------------------------------------------------------------------------- UI layer (SPA)
ui("login-error-at-top", ["REQ-1.1"], "Login error box is rendered at the top of the screen instead of the bottom.")
ui("login-error-not-red", ["REQ-1.1"], "Login error box is not red.")
ui("login-email-not-required", ["REQ-1.1"], "Login form submits with an empty email (no required check).")
ui("login-register-link-to-forgot", ["REQ-1.2"], "The 'Register' link leads to the Forgot-password screen.")
ui("login-forgot-link-missing", ["REQ-1.3"], "The 'Forgot password?' link is not rendered on the Login screen.")
ui("forgot-style-differs", ["REQ-3.1"], "Forgot-password screen does not use the Login screen style.")
ui("forgot-email-not-required", ["REQ-3.2"], "Forgot-password form submits with an empty email.")
ui("forgot-error-plain-text", ["REQ-3.3"], "Forgot-password error is plain text, not a red box.")

# --------------------------------------------------------------------------- API layer: auth
api("login-empty-password-accepted", ["REQ-1.1", "API-1.1"],
    "Backend accepts an empty password for an existing email (and the SPA skips its password-required check).")
api("login-wrong-password-accepted", ["REQ-1.1", "API-1.1"], "Backend accepts any password for an existing email.")
api("login-response-missing-refresh", ["API-1.1"], "Login response lacks the refresh token.")
api("refresh-accepted-as-access", ["API-1.2"], "A refresh token is accepted as a bearer access token.")
api("refresh-garbled-accepted", ["API-1.2"],
    "An unverifiable (garbled/forged) refresh token naming a known user still yields an access token.")
api("expired-access-accepted", ["API-1.2"], "Expired access tokens are accepted.")
api("expired-access-gives-403", ["API-1.2"], "An expired access token gives 403 instead of 401.")
api("refresh-returns-extra-fields", ["API-1.2"], "Refresh response has an extra 'refresh' field (strict contract violated).")
api("forgot-accepts-malformed-email", ["REQ-3.2"],
    "Password reset returns success for a malformed email (and the SPA skips its email-format check).")

# --------------------------------------------------------------------------- API layer: experts
api("experts-list-missing-count", ["API-2.1"], "Experts list response lacks 'count'.")
api("expert-detail-missing-description", ["API-2.2"], "Expert detail lacks 'description'.")
api("search-case-sensitive", ["API-2.1"], "Experts search compares names case-sensitively.")
api("search-yo-not-normalised", ["API-2.1"], "Experts search does not treat ё as е.")
api("experts-rating-filter-ignored", ["API-2.1"], "The minimum-rating filter of the experts list is ignored.")
api("experts-category-filter-ignored", ["API-2.1"], "The category filter of the experts list is ignored.")
api("experts-pagination-overlap", ["API-2.1"],
    "Experts list pages overlap: page N>1 starts one item early (the last item of page N-1 repeats).")

api("deleted-user-can-login", ["REQ-7.2.8"], "A soft-deleted profile can still log in and use its tokens.")
api("password-change-ignores-current", ["REQ-7.2.7"], "Password change does not check the current password.")
api("price-limits-ignored", ["REQ-11.2.5"], "Questionnaire accepts a price outside the server's min/max limits.")
api("questionnaire-save-not-unverified", ["REQ-11.2-pending-verification", "REQ-11.2-unverified-notice"],
    "Saving the questionnaire publishes the data at once instead of marking it unverified.")

# --------------------------------------------------------------------------- API layer: calendars & slots
api("calendar-end-exclusive", ["API-3.1"], "Expert calendar treats the end date as exclusive (its day is missing).")
api("calendar-ignores-viewer-timezone", ["API-3.1", "REQ-10.6"],
    "Expert calendar shows local times in UTC instead of the caller's time zone.")
api("calendar-extra-dates-missing", ["API-3.1", "REQ-12.4.2"], "Expert calendar omits the extra_dates ranges.")
api("client-calendar-includes-others", ["API-3.2"], "Client calendar lists other clients' appointments too.")
api("client-calendar-hides-past", ["API-3.2", "REQ-10.2.3"],
    "Client calendar reads 'upcoming' as a filter: completed and other past bookings are missing.")
api("client-calendar-period-ignored", ["API-3.2", "REQ-10.3"], "Client calendar ignores the start/end period.")
api("expert-calendar-leaks-bookings", ["API-3.1"],
    "Expert calendar shows an expert's bookings (as_expert) to any caller, not only to that expert.")
api("expired-hold-visible-to-client", ["API-3.2", "REQ-10.11.2-expired-hidden"],
    "A lapsed unpaid hold is still listed to the client (status 0).")
api("past-slots-offered", ["API-3.3", "REQ-8.3"], "Timeslots include slots whose start has passed.")
api("booked-slot-offered", ["API-3.3", "REQ-8.3"], "Timeslots include held and booked slots.")
api("timeslots-ignore-client-timezone", ["API-3.3"],
    "Timeslots take the date and show the times in the expert's zone instead of the client's.")
api("expired-hold-not-freed", ["API-3.3", "API-3.6", "REQ-10.11.2-expired-hidden"],
    "A lapsed unpaid hold keeps its slot (not offered, not bookable).")
api("cancelled-slot-not-freed", ["API-3.8", "API-3.3"], "A cancelled booking keeps its slot.")
api("extra-range-leaks-to-other-experts", ["API-3.5", "API-3.3"],
    "Extra working/non-working ranges of one expert change every expert's slots.")
api("non-working-range-ignored", ["API-3.5", "API-3.3"], "Extra non-working ranges do not remove slots.")
api("range-end-before-start-accepted", ["API-3.5", "REQ-12.4.1.3"], "An extra range ending before it starts is accepted.")
api("schedule-end-before-start-accepted", ["API-3.4", "REQ-12.3.5"],
    "A weekly schedule whose end time is not after its start time is accepted.")
api("schedule-day-of-week-shifted", ["API-3.4", "API-3.3"],
    "day_of_week is read as 1 = Sunday, so every weekday's hours land on the previous day.")

# --------------------------------------------------------------------------- API layer: booking
api("double-booking-allowed", ["API-3.6", "REQ-8.7"],
    "No database guard and a check-then-insert race: concurrent bookings of one slot all succeed.")
api("past-slot-bookable", ["API-3.6"], "A slot whose start has passed can be booked.")
api("booking-ignores-schedule", ["API-3.6"], "Any hour can be booked, also outside the expert's working hours.")
api("two-hour-rule-off-by-one", ["API-3.7", "API-3.8", "REQ-10.11.2-cancel", "REQ-10.11.1-cancel"],
    "Edit/cancel allowed at exactly 2 hours before the start.")
api("two-hour-rule-ignores-timezone", ["API-3.7", "API-3.8"],
    "The 2-hour rule compares the local wall-clock start with the UTC clock.")
api("edit-changes-expert", ["API-3.7"], "Editing applies an 'expert' form field (the expert can be changed).")
api("edit-other-clients-appointment", ["API-3.7"], "Any user can edit someone else's appointment.")
api("edit-unpaid-keeps-old-deadline", ["API-3.7", "REQ-10.11.2-reschedule-unpaid"],
    "Editing an unpaid booking does not restart its payment hold.")
api("edit-paid-resets-to-unpaid", ["API-3.7", "REQ-10.11.2-reschedule-paid"],
    "Editing a paid booking makes it unpaid again.")
api("cancel-other-users-appointment", ["API-3.8"], "Any user can cancel someone else's appointment.")
api("refund-message-missing", ["API-3.8", "REQ-10.11-refund-message"], "Cancel response has no 'message'.")
api("cancel-paid-no-refund", ["API-3.8", "REQ-10.11-refund-message", "REQ-10.11.2-cancel"],
    "Cancelling a paid booking refunds nothing (and the message says so).")
api("rating-before-completion-allowed", ["API-3.9"], "A consultation can be rated before it is completed.")
api("rating-range-unchecked", ["API-3.9"], "Ratings outside 1..5 are accepted.")
api("rating-twice-allowed", ["API-3.9"], "A consultation can be rated more than once.")

# --------------------------------------------------------------------------- API layer: payments
api("checkout-url-missing", ["API-4.1", "REQ-9.3"], "Checkout response lacks 'checkout_url'.")
api("checkout-expired-hold-allowed", ["API-4.1"], "Checkout is started for a lapsed hold instead of 409.")
api("callback-signature-unchecked", ["API-4.2"], "Provider callbacks are accepted without a valid signature.")
api("callback-unknown-id-500", ["API-4.2"], "A callback for an unknown payment id crashes with 500 instead of 404.")
api("callback-failed-marks-paid", ["API-4.2", "REQ-9.5"], "A 'failed' callback marks the booking paid.")
api("late-payment-double-paid", ["API-4.2"],
    "A paid callback for an expired/cancelled hold is taken as paid (two paid bookings for one slot).")
api("payment-status-wrong-value", ["API-4.3", "REQ-9.4"], "Payment status says 'success' instead of 'paid'.")
api("payment-status-pending-as-unpaid", ["API-4.3"], "Payment status says 'unpaid' while a checkout is pending.")


class FaultState:
    """The set of active faults of one running app."""

    def __init__(self, active: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._active: set[str] = set()
        self.set_active(active)

    @staticmethod
    def unknown(names: Iterable[str]) -> list[str]:
        return sorted({n for n in names if n not in FAULTS})

    def set_active(self, names: Iterable[str]) -> None:
        names = list(names)
        bad = self.unknown(names)
        if bad:
            raise ValueError("Unknown fault(s): " + ", ".join(bad))
        with self._lock:
            self._active = set(names)

    def active(self) -> list[str]:
        with self._lock:
            return sorted(self._active)

    def is_on(self, name: str) -> bool:
        if name not in FAULTS:  # a typo in the code must not silently disable a fault
            raise KeyError(f"fault {name!r} is not registered")
        return name in self._active

    def describe(self) -> list[dict]:
        active = set(self.active())
        return [
            {
                "name": f.name,
                "requirements": list(f.requirements),
                "description": f.description,
                "layer": f.layer,
                "active": f.name in active,
            }
            for f in FAULTS.values()
        ]


# Module-level convenience: the state of the most recently created app (one app per process).
_current = FaultState()


def install(state: FaultState) -> None:
    global _current
    _current = state


def is_on(name: str) -> bool:
    return _current.is_on(name)
