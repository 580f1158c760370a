"""Appium adapter: the Appium 3 server drives Chromium (web) or a native build (device farms).

A test ID becomes `[data-testid=…]` for the web app, an accessibility id or a resource-id for
native builds (chosen by the device profile). Waits are explicit WebDriverWait conditions.
"""
from __future__ import annotations

import json
from typing import Any

from appium import webdriver
from appium.options.common import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from pages.drivers.base import Driver, DriverError, Rect


def start_session(server_url: str, capabilities: dict[str, Any]) -> webdriver.Remote:
    options = AppiumOptions()
    options.load_capabilities(capabilities)
    try:
        return webdriver.Remote(server_url, options=options)
    except WebDriverException as exc:
        first = (exc.msg or str(exc)).strip().splitlines()[0] if (exc.msg or str(exc)).strip() else repr(exc)
        raise DriverError(f"Appium at {server_url} could not start a session: {first}") from None


class AppiumDriver(Driver):
    name = "appium"

    def __init__(self, session: webdriver.Remote, timeout_ms: int, locators: str = "css",
                 resource_id_prefix: str = "", web: bool = True) -> None:
        self.session = session
        self.timeout_ms = timeout_ms
        self.locators = locators
        self.prefix = resource_id_prefix
        self.web = web

    def _by(self, test_id: str) -> tuple[str, str]:
        if self.locators == "css":
            return AppiumBy.CSS_SELECTOR, f'[data-testid="{test_id}"]'
        if self.locators == "accessibility_id":
            return AppiumBy.ACCESSIBILITY_ID, test_id
        if self.locators == "resource_id":
            return AppiumBy.ID, self.prefix + test_id
        raise DriverError(f"Unknown locator strategy {self.locators!r} in the device profile")

    def _wait(self, condition, timeout_ms: int | None = None):
        seconds = (self.timeout_ms if timeout_ms is None else timeout_ms) / 1000
        return WebDriverWait(self.session, seconds, poll_frequency=0.1).until(condition)

    def _visible(self, test_id: str, timeout_ms: int | None = None):
        try:
            return self._wait(ec.visibility_of_element_located(self._by(test_id)), timeout_ms)
        except TimeoutException:
            raise DriverError(f"Element [{test_id}] did not become visible within "
                              f"{self.timeout_ms if timeout_ms is None else timeout_ms} ms ({self.location()})") from None

    def open(self, url: str) -> None:
        if not self.web:
            raise DriverError("This device profile drives a native build: screens are reached by navigation, not URLs")
        self.session.get(url)

    def tap(self, test_id: str) -> None:
        try:
            self._wait(ec.element_to_be_clickable(self._by(test_id))).click()
        except TimeoutException:
            raise DriverError(f"Element [{test_id}] was not clickable within {self.timeout_ms} ms") from None

    def fill(self, test_id: str, text: str) -> None:
        element = self._visible(test_id)
        element.clear()
        if text:
            element.send_keys(text)

    def text(self, test_id: str) -> str:
        return self._visible(test_id).text.strip()

    def is_visible(self, test_id: str, timeout_ms: int | None = None) -> bool:
        try:
            self._wait(ec.visibility_of_element_located(self._by(test_id)), timeout_ms)
            return True
        except TimeoutException:
            return False

    def is_hidden(self, test_id: str, timeout_ms: int | None = None) -> bool:
        try:
            self._wait(ec.invisibility_of_element_located(self._by(test_id)), timeout_ms)
            return True
        except TimeoutException:
            return False

    def wait_visible(self, test_id: str, timeout_ms: int | None = None) -> None:
        self._visible(test_id, timeout_ms)

    def is_enabled(self, test_id: str) -> bool:
        return self._visible(test_id).is_enabled()

    def style(self, test_id: str, prop: str) -> str:
        element = self._visible(test_id)
        if not self.web:
            raise DriverError(f"CSS property {prop!r} cannot be read from a native build")
        return self.session.execute_script(
            "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, prop)

    def rect(self, test_id: str) -> Rect:
        element = self._visible(test_id)
        if self.web:
            box = self.session.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height]", element)
            return Rect(*box)
        r = element.rect
        return Rect(r["x"], r["y"], r["width"], r["height"])

    def viewport(self) -> Rect:
        if self.web:
            width, height = self.session.execute_script("return [innerWidth, innerHeight]")
            return Rect(0, 0, width, height)
        size = self.session.get_window_size()
        return Rect(0, 0, size["width"], size["height"])

    def location(self) -> str:
        try:
            return self.session.current_url if self.web else str(self.session.current_activity)
        except WebDriverException:
            return "unknown location"

    def set_local_storage(self, origin_url: str, values: dict[str, str]) -> None:
        if not self.web:
            raise DriverError("Storage of a native build cannot be set from the test; log in through the UI")
        self.open(origin_url)
        self.session.execute_script(
            "const v = JSON.parse(arguments[0]); for (const k in v) localStorage.setItem(k, v[k]);", json.dumps(values))

    def reset(self, origin_url: str) -> None:
        """A clean app state for the next scenario on the same session (web: storage and cookies)."""
        if self.web:
            self.open(origin_url)
            self.session.execute_script("localStorage.clear(); sessionStorage.clear();")
            self.session.delete_all_cookies()

    def screenshot(self) -> bytes:
        return self.session.get_screenshot_as_png()

    def page_source(self) -> str:
        return self.session.page_source

    def close(self) -> None:
        try:
            self.session.quit()
        except WebDriverException:
            pass
