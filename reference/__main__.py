"""Command line: python -m reference --host 127.0.0.1 --port P --db PATH [--test-mode] [--faults a,b]"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys


def _fail(message: str) -> "None":
    print(f"reference: error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m reference", description="SmartConsult reference backend")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--db", default=None, help="SQLite database file (env SC_DB)")
    p.add_argument("--test-mode", action="store_true", default=None, help="enable /__test__/ (env SC_TEST_MODE=1)")
    p.add_argument("--faults", default=None, help="comma-separated active faults (env SC_FAULTS)")
    p.add_argument("--log-level", default="warning")
    return p


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    from .settings import Settings, _split

    overrides = {"host": args.host, "port": args.port, "db_path": args.db,
                 "test_mode": True if args.test_mode else None,
                 "faults": _split(args.faults) if args.faults is not None else None}
    settings = Settings.from_env(**overrides)
    if not (args.db or os.environ.get("SC_DB")):
        _fail("no database path given (use --db PATH or SC_DB)")

    db_dir = os.path.dirname(os.path.abspath(settings.db_path))
    if not os.path.isdir(db_dir):
        _fail(f"database directory does not exist: {db_dir}")
    if os.path.isdir(settings.db_path):
        _fail(f"database path is a directory: {settings.db_path}")
    if not os.access(db_dir, os.W_OK) or (os.path.exists(settings.db_path) and not os.access(settings.db_path, os.W_OK)):
        _fail(f"database path is not writable: {settings.db_path}")

    from .faults import FaultState

    unknown = FaultState.unknown(settings.faults)
    if unknown:
        _fail("unknown fault(s): " + ", ".join(unknown))

    # Bind the port ourselves so that a busy port is one clear line, not a uvicorn traceback.
    try:
        family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((settings.host, settings.port))
        sock.listen(128)
        sock.set_inheritable(True)
    except OSError as exc:
        reason = "port is already in use" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
        _fail(f"cannot listen on {settings.host}:{settings.port}: {reason}")

    from .db import DatabaseError

    try:
        from .app import create_app

        app = create_app(settings)
    except DatabaseError as exc:
        _fail(str(exc))
    except ValueError as exc:
        _fail(str(exc))

    import uvicorn

    port = sock.getsockname()[1]
    print(f"SmartConsult reference listening on http://{settings.host}:{port} "
          f"(db={settings.db_path}, test_mode={'on' if settings.test_mode else 'off'}, "
          f"faults={','.join(settings.faults) or '-'})", flush=True)
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
