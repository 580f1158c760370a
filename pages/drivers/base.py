"""The one interface every automation backend implements.

Screen objects speak only in test IDs (see `pages/testids.py`) and call these methods; each
driver maps a test ID to its own locator and waits web-first (auto-waiting locators in
Playwright, explicit conditions in Appium) — never with sleeps.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass


class DriverError(Exception):
    """An automation backend could not do what a screen asked (with a readable reason)."""


@dataclass(frozen=True)
class Rect:
    """Where an element is on the screen, in CSS pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2


class Driver(ABC):
    """Drives one app session on one device."""

    name: str = "driver"

    @abstractmethod
    def open(self, url: str) -> None:
        """Open a URL of the web app (native drivers start the app instead)."""

    @abstractmethod
    def tap(self, test_id: str) -> None: ...

    @abstractmethod
    def fill(self, test_id: str, text: str) -> None:
        """Replace the text of an input."""

    @abstractmethod
    def text(self, test_id: str) -> str:
        """The visible text of an element, waiting for it to be visible."""

    @abstractmethod
    def is_visible(self, test_id: str, timeout_ms: int | None = None) -> bool:
        """Whether the element becomes visible within the timeout."""

    @abstractmethod
    def is_hidden(self, test_id: str, timeout_ms: int | None = None) -> bool:
        """Whether the element is (or becomes) absent or invisible within the timeout."""

    @abstractmethod
    def wait_visible(self, test_id: str, timeout_ms: int | None = None) -> None:
        """Wait until the element is visible; DriverError names it otherwise."""

    @abstractmethod
    def is_enabled(self, test_id: str) -> bool: ...

    @abstractmethod
    def style(self, test_id: str, prop: str) -> str:
        """A computed CSS property of the element (web) or its closest native equivalent."""

    @abstractmethod
    def rect(self, test_id: str) -> Rect: ...

    @abstractmethod
    def viewport(self) -> Rect: ...

    @abstractmethod
    def location(self) -> str:
        """The current URL (web) or activity/screen name (native)."""

    @abstractmethod
    def set_local_storage(self, origin_url: str, values: dict[str, str]) -> None:
        """Put values into the app's storage before it starts (API login instead of UI login)."""

    @abstractmethod
    def screenshot(self) -> bytes: ...

    @abstractmethod
    def page_source(self) -> str: ...

    @abstractmethod
    def close(self) -> None: ...
