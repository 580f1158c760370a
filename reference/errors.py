"""Error responses: {"detail": ...} everywhere, 400 (never 422) with field errors, no tracebacks."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("reference")


class ApiError(StarletteHTTPException):
    def __init__(self, status_code: int, detail: str, errors: list[dict] | None = None,
                 headers: dict | None = None) -> None:
        super().__init__(status_code=status_code, detail=detail, headers=headers)
        self.errors = errors


def field_error(field: str, message: str) -> dict:
    return {"field": field, "message": message}


def bad_request(detail: str, errors: list[dict] | None = None) -> ApiError:
    return ApiError(400, detail, errors)


def validation_failed(errors: list[dict]) -> ApiError:
    """400 whose detail summarises the field errors (the first one first)."""
    if len(errors) == 1:
        detail = f"{errors[0]['field']}: {errors[0]['message']}"
    else:
        detail = "Invalid request: " + "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return ApiError(400, detail, errors)


def unauthorized(detail: str = "Authentication credentials were not provided") -> ApiError:
    return ApiError(401, detail, headers={"WWW-Authenticate": "Bearer"})


def forbidden(detail: str = "You do not have permission to perform this action") -> ApiError:
    return ApiError(403, detail)


def not_found(detail: str = "Not found") -> ApiError:
    return ApiError(404, detail)


def conflict(detail: str) -> ApiError:
    return ApiError(409, detail)


def allowed_methods(request: Request) -> list[str]:
    """Every method of every route matching the request's path (Starlette names only the first)."""
    from starlette.routing import Match

    methods: set[str] = set()
    scope = dict(request.scope)
    candidates = ("GET", "POST", "PUT", "PATCH", "DELETE")
    for route in request.app.router.routes:
        for method in candidates:
            try:
                match, _ = route.matches({**scope, "method": method})
            except Exception:  # pragma: no cover - a route type that cannot be probed
                continue
            if match == Match.FULL:
                methods.add(method)
    return sorted(methods)


def _loc_to_field(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form", "cookie")]
    return ".".join(parts) or "body"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = []
        for err in exc.errors():
            message = err.get("msg", "Invalid value")
            if err.get("type") == "json_invalid":
                message = "Malformed JSON body"
            errors.append(field_error(_loc_to_field(err.get("loc", ())), message))
        return JSONResponse({"detail": validation_failed(errors).detail, "errors": errors},
                            status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        body: dict = {"detail": exc.detail if isinstance(exc.detail, str) else str(exc.detail)}
        if exc.status_code == 404 and exc.detail == "Not Found":
            body["detail"] = "Not found"
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            body["detail"] = "Method not allowed"
            allowed = allowed_methods(request)
            if allowed:
                headers["Allow"] = ", ".join(allowed)
        errors = getattr(exc, "errors", None)
        if errors:
            body["errors"] = errors
        return JSONResponse(body, status_code=exc.status_code, headers=headers or None)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "Internal server error"}, status_code=500)
