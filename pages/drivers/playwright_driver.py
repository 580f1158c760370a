"""Playwright adapter: system Chromium with mobile emulation; test IDs become [data-testid=…]."""
from __future__ import annotations

import json

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pages.drivers.base import Driver, DriverError, Rect


class PlaywrightDriver(Driver):
    name = "playwright"

    def __init__(self, page: Page, timeout_ms: int) -> None:
        self.page = page
        self.timeout_ms = timeout_ms
        page.set_default_timeout(timeout_ms)

    def _el(self, test_id: str) -> Locator:
        return self.page.locator(f'[data-testid="{test_id}"]')

    def open(self, url: str) -> None:
        try:
            self.page.goto(url)
        except PlaywrightError as exc:
            raise DriverError(f"Could not open {url}: {exc.message.splitlines()[0]}") from None

    def tap(self, test_id: str) -> None:
        self._guard(test_id, lambda el: el.click())

    def fill(self, test_id: str, text: str) -> None:
        self._guard(test_id, lambda el: el.fill(text))

    def text(self, test_id: str) -> str:
        self.wait_visible(test_id)
        return self._el(test_id).inner_text().strip()

    def is_visible(self, test_id: str, timeout_ms: int | None = None) -> bool:
        return self._reaches(test_id, "visible", timeout_ms)

    def is_hidden(self, test_id: str, timeout_ms: int | None = None) -> bool:
        return self._reaches(test_id, "hidden", timeout_ms)

    def wait_visible(self, test_id: str, timeout_ms: int | None = None) -> None:
        if not self._reaches(test_id, "visible", timeout_ms):
            raise DriverError(f"Element [{test_id}] did not become visible within {self._ms(timeout_ms)} ms "
                              f"(at {self.page.url})")

    def is_enabled(self, test_id: str) -> bool:
        self.wait_visible(test_id)
        return self._el(test_id).is_enabled()

    def style(self, test_id: str, prop: str) -> str:
        self.wait_visible(test_id)
        return self._el(test_id).evaluate("(e, p) => getComputedStyle(e).getPropertyValue(p)", prop)

    def rect(self, test_id: str) -> Rect:
        self.wait_visible(test_id)
        box = self._el(test_id).bounding_box()
        if box is None:
            raise DriverError(f"Element [{test_id}] has no box on screen")
        return Rect(box["x"], box["y"], box["width"], box["height"])

    def viewport(self) -> Rect:
        size = self.page.viewport_size or self.page.evaluate("({width: innerWidth, height: innerHeight})")
        return Rect(0, 0, size["width"], size["height"])

    def location(self) -> str:
        return self.page.url

    def set_local_storage(self, origin_url: str, values: dict[str, str]) -> None:
        self.open(origin_url)
        self.page.evaluate("v => { for (const [k, x] of Object.entries(v)) localStorage.setItem(k, x) }",
                           json.loads(json.dumps(values)))

    def screenshot(self) -> bytes:
        return self.page.screenshot(full_page=True)

    def page_source(self) -> str:
        return self.page.content()

    def close(self) -> None:
        self.page.context.close()

    def _ms(self, timeout_ms: int | None) -> int:
        return self.timeout_ms if timeout_ms is None else timeout_ms

    def _reaches(self, test_id: str, state: str, timeout_ms: int | None) -> bool:
        try:
            self._el(test_id).first.wait_for(state=state, timeout=self._ms(timeout_ms))
            return True
        except PlaywrightTimeout:
            return False

    def _guard(self, test_id: str, action) -> None:
        try:
            action(self._el(test_id))
        except PlaywrightTimeout:
            raise DriverError(f"Element [{test_id}] was not actionable within {self.timeout_ms} ms "
                              f"(at {self.page.url})") from None
