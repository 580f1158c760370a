"""The mobile-web SPA (reference/web/, owned by the lead) served at / and /static/."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

PLACEHOLDER = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SmartConsult</title></head>
<body><main id="app" data-testid="app-placeholder"><h1>SmartConsult</h1>
<p>The web app has not been built yet (reference/web/index.html is missing).</p></main></body></html>
"""


@router.get("/")
def index(request: Request):
    web_dir: Path = request.app.state.settings.web_dir
    index_file = web_dir / "index.html"
    if index_file.is_file():
        return FileResponse(index_file, media_type="text/html", headers={"Cache-Control": "no-cache"})
    return HTMLResponse(PLACEHOLDER)
