"""SQLite storage: schema, per-request connections, write transactions, UTC time encoding."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timezone
from typing import Iterator

DEFAULT_CATEGORIES = [
    "Психология",
    "Финансы",
    "Право",
    "IT",
    "Маркетинг",
    "Медицина",
    "Образование",
    "Карьера",
]

# First ids of some tables, so that ids of different entities never coincide by accident
# (an expert id is not a user id; an appointment id is neither).
SEQUENCE_START = {"experts": 100, "appointments": 1000}

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('client', 'expert')),
    timezone TEXT NOT NULL DEFAULT 'Europe/Moscow',
    avatar TEXT,
    deleted_at TEXT,
    restore_until TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS experts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
    rating REAL NOT NULL DEFAULT 0,
    price_per_hour REAL NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    about TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '[]',
    experience_years INTEGER DEFAULT 0,
    age INTEGER,
    headhunter_url TEXT NOT NULL DEFAULT '',
    linkedin_url TEXT NOT NULL DEFAULT '',
    reviews_count INTEGER NOT NULL DEFAULT 0,
    articles_count INTEGER NOT NULL DEFAULT 0,
    surveys_count INTEGER NOT NULL DEFAULT 0,
    answers_count INTEGER NOT NULL DEFAULT 0,
    pending TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS expert_categories (
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (expert_id, category_id)
);
CREATE TABLE IF NOT EXISTS workdays (
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    day_of_week INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    is_work_day INTEGER NOT NULL,
    start_time TEXT,
    end_time TEXT,
    PRIMARY KEY (expert_id, day_of_week)
);
CREATE TABLE IF NOT EXISTS extra_ranges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    start_utc TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    type INTEGER NOT NULL CHECK (type IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL REFERENCES users(id),
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    start_utc TEXT NOT NULL,
    end_utc TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    category_id INTEGER,
    status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
    payment_deadline TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cancelled_at TEXT,
    cancelled_by INTEGER,
    rating INTEGER,
    review TEXT,
    rated_at TEXT
);
CREATE INDEX IF NOT EXISTS ix_appointments_expert ON appointments(expert_id, start_utc);
CREATE INDEX IF NOT EXISTS ix_appointments_client ON appointments(client_id, start_utc);
CREATE TABLE IF NOT EXISTS payments (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    provider TEXT NOT NULL,
    amount REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    refunded_at TEXT,
    refund_reason TEXT
);
CREATE INDEX IF NOT EXISTS ix_payments_appointment ON payments(appointment_id, seq);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    appointment_id INTEGER,
    author_first_name TEXT NOT NULL DEFAULT '',
    author_last_name TEXT NOT NULL DEFAULT '',
    rating INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id INTEGER NOT NULL REFERENCES experts(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS avatars (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);
"""

# The database guard against double booking: at most one active appointment
# (awaiting payment, paid or completed) per expert and start instant.
UNIQUE_SLOT_INDEX = "ux_appointments_active_slot"
UNIQUE_SLOT_INDEX_SQL = (
    f"CREATE UNIQUE INDEX IF NOT EXISTS {UNIQUE_SLOT_INDEX} "
    "ON appointments(expert_id, start_utc) WHERE status IN (0, 1, 2)"
)

DATA_TABLES = [
    "avatars", "outbox", "projects", "reviews", "payments", "appointments", "extra_ranges",
    "workdays", "expert_categories", "experts", "categories", "users",
]


# ----------------------------------------------------------------------------- time encoding
def to_db(dt: datetime) -> str:
    """Encode an aware datetime as a fixed-width, lexicographically sortable UTC string."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def iso_utc(dt: datetime | None) -> str | None:
    """ISO8601 for API responses: UTC with 'Z', seconds precision."""
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------- connections
class DatabaseError(RuntimeError):
    pass


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the database write lock up front (BEGIN IMMEDIATE)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _seed(conn: sqlite3.Connection) -> None:
    for name in DEFAULT_CATEGORIES:
        conn.execute("INSERT OR IGNORE INTO categories(name) VALUES (?)", (name,))
    for table, start in SEQUENCE_START.items():
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if row is None:
            conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (table, start))


def initialise(path: str, unique_slot_guard: bool = True) -> None:
    """Open (creating if needed) the database, switch it to WAL and create the schema.

    Raises DatabaseError with a one-line reason if the file cannot be opened or written.
    """
    try:
        conn = connect(path)
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal" and path != ":memory:":
                raise DatabaseError(f"cannot switch {path} to WAL mode (got {mode})")
            conn.executescript(SCHEMA)
            with write(conn):
                set_unique_slot_guard(conn, unique_slot_guard)
                _seed(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open database {path}: {exc}") from None


def set_unique_slot_guard(conn: sqlite3.Connection, enabled: bool) -> None:
    if enabled:
        conn.execute(UNIQUE_SLOT_INDEX_SQL)
    else:
        conn.execute(f"DROP INDEX IF EXISTS {UNIQUE_SLOT_INDEX}")


def wipe(conn: sqlite3.Connection) -> None:
    """Delete all data (test support), restart id sequences and re-seed the default categories."""
    with write(conn):
        for table in DATA_TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM sqlite_sequence")
        _seed(conn)
