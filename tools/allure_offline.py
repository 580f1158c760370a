"""Make the generated Allure report fully offline.

Allure 3's `awesome` plugin always embeds a Google Analytics tag (no setting turns it off in
3.18). A report our users open from file:// on a build agent must not call out, so the tag and
its inline bootstrap are removed after generation. Usage: python -m tools.allure_offline FILE
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_TAG = re.compile(r'<script async src="https://www\.googletagmanager\.com/[^"]*"></script>\s*'
                  r'<script>\s*window\.dataLayer.*?</script>', re.S)


def strip_tracking(html: str) -> tuple[str, int]:
    return _TAG.subn("", html)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tools.allure_offline reports/allure/index.html", file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.exists():
        print(f"{path} does not exist", file=sys.stderr)
        return 2
    html, removed = strip_tracking(path.read_text(encoding="utf-8"))
    path.write_text(html, encoding="utf-8")
    if "googletagmanager" in html:
        print(f"{path}: a tracking tag is still present (Allure's template changed?)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
