"""Embedded reference implementation of SmartConsult (FastAPI + SQLite).

Start it with ``python -m reference --host 127.0.0.1 --port 8000 --db /tmp/sc.sqlite3 --test-mode``
or build the ASGI app with :func:`reference.app.create_app`.
"""

__all__ = ["create_app", "Settings"]


def __getattr__(name):  # lazy, so ``python -m reference`` does not import FastAPI twice
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)
