"""What every screen object shares: the driver, the app's address and the wait timeout."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pages.drivers.base import Driver, Rect


@dataclass(frozen=True)
class Colour:
    red: int
    green: int
    blue: int

    @classmethod
    def parse(cls, css: str) -> "Colour":
        """From a computed CSS colour such as `rgb(220, 38, 38)` or `rgba(…)`."""
        numbers = [int(float(n)) for n in re.findall(r"[\d.]+", css)[:3]]
        if len(numbers) != 3:
            raise ValueError(f"not an rgb colour: {css!r}")
        return cls(*numbers)

    @property
    def is_red(self) -> bool:
        """Clearly red: red dominates green and blue by a wide margin."""
        return self.red >= 150 and self.red - max(self.green, self.blue) >= 60

    def __str__(self) -> str:
        return f"rgb({self.red}, {self.green}, {self.blue})"


@dataclass(frozen=True)
class MessageBox:
    """An on-screen message box: its text, colours and where it sits."""

    text: str
    background: Colour
    border: Colour
    rect: Rect
    viewport: Rect

    @property
    def is_red(self) -> bool:
        return self.background.is_red or self.border.is_red

    @property
    def in_bottom_part(self) -> bool:
        """Its middle lies in the lowest third of the screen."""
        return self.rect.center_y >= self.viewport.height * 2 / 3

    def describe(self) -> str:
        return (f"box {self.text!r} background {self.background} border {self.border} "
                f"at y={self.rect.y:.0f}..{self.rect.bottom:.0f} of a {self.viewport.height:.0f}px screen")


class Screen:
    """Base of every screen object. Subclasses expose intent-named methods and return values;
    they never assert."""

    SCREEN_ID = ""

    def __init__(self, driver: Driver, app_url: str) -> None:
        self.driver = driver
        self.app_url = app_url

    def route(self, path: str) -> str:
        return f"{self.app_url}/#{path}"

    def is_shown(self, timeout_ms: int | None = None) -> bool:
        return self.driver.is_visible(self.SCREEN_ID, timeout_ms)

    def wait_shown(self) -> "Screen":
        self.driver.wait_visible(self.SCREEN_ID)
        return self

    def message_box(self, test_id: str) -> MessageBox:
        return MessageBox(
            text=self.driver.text(test_id),
            background=Colour.parse(self.driver.style(test_id, "background-color")),
            border=Colour.parse(self.driver.style(test_id, "border-top-color")),
            rect=self.driver.rect(test_id),
            viewport=self.driver.viewport(),
        )

    def style_fingerprint(self, screen_id: str, primary_button_id: str, input_id: str) -> dict[str, str]:
        """The visual traits a user reads as "the same style"."""
        d = self.driver
        return {
            "screen background": d.style(screen_id, "background-color"),
            "font family": d.style(screen_id, "font-family"),
            "button background": d.style(primary_button_id, "background-color"),
            "button text colour": d.style(primary_button_id, "color"),
            "button corner radius": d.style(primary_button_id, "border-top-left-radius"),
            "input border": d.style(input_id, "border-top-color"),
            "input corner radius": d.style(input_id, "border-top-left-radius"),
            "input height": d.style(input_id, "height"),
        }
