"""Fixtures for the reference backend's own tests: an app on a fresh SQLite file, a TestClient,
and small seeding helpers that go through the test-support API."""

from __future__ import annotations

import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")

from fastapi.testclient import TestClient  # noqa: E402
from refkit import Api  # noqa: E402

from reference.app import create_app  # noqa: E402
from reference.settings import Settings  # noqa: E402


@pytest.fixture
def make_app(tmp_path):
    def _make(**kw):
        settings = Settings(db_path=str(tmp_path / f"sc-{len(list(tmp_path.iterdir()))}.sqlite3"),
                            test_mode=kw.pop("test_mode", True), **kw)
        return create_app(settings)
    return _make


@pytest.fixture
def api(make_app):
    with TestClient(make_app(), raise_server_exceptions=False) as client:
        yield Api(client)
