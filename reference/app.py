"""Application factory of the SmartConsult reference backend."""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from . import db, faults as faults_module
from .clock import Clock
from .errors import install_handlers
from .faults import FaultState
from .routes import appointments, auth, experts, meta, payments, profile, questionnaire, testsupport, web
from .settings import Settings

log = logging.getLogger("reference")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = (settings or Settings.from_env()).copy()
    unknown = FaultState.unknown(settings.faults)
    if unknown:
        raise ValueError("Unknown fault(s): " + ", ".join(unknown))

    db.initialise(settings.db_path)

    app = FastAPI(title="SmartConsult reference API", version="1.0.0", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json" if settings.test_mode else None)
    app.state.settings = settings
    app.state.startup_runtime = settings.runtime_snapshot()
    app.state.clock = Clock()
    app.state.faults = FaultState()
    faults_module.install(app.state.faults)

    def apply_faults(names: list[str]) -> None:
        app.state.faults.set_active(names)
        # `double-booking-allowed` removes the database guard (the partial UNIQUE index) too.
        conn = db.connect(settings.db_path)
        try:
            with db.write(conn):
                db.set_unique_slot_guard(conn, not app.state.faults.is_on("double-booking-allowed"))
        except sqlite3.IntegrityError:
            log.warning("double bookings exist: the unique slot guard stays off until /__test__/reset")
        finally:
            conn.close()

    app.state.apply_faults = apply_faults
    apply_faults(settings.faults)

    install_handlers(app)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"])

    app.include_router(auth.router)
    app.include_router(experts.router)
    app.include_router(meta.router)
    app.include_router(appointments.router)
    app.include_router(payments.router)
    app.include_router(profile.router)
    app.include_router(questionnaire.router)
    if settings.test_mode:
        app.include_router(testsupport.router)
    app.include_router(web.router)
    settings.web_dir.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(settings.web_dir), check_dir=False), name="static")
    return app
