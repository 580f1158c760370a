"""Value objects the screens return: colours and message boxes."""
from __future__ import annotations

import pytest

from pages.base import Colour, MessageBox
from pages.drivers.base import Rect


@pytest.mark.parametrize("css,red", [("rgb(217, 48, 37)", True), ("rgba(220, 38, 38, 1)", True),
                                     ("rgb(107, 114, 128)", False), ("rgb(254, 226, 226)", False),
                                     ("rgb(37, 99, 235)", False)])
def test_red_means_clearly_red(css: str, red: bool) -> None:
    assert Colour.parse(css).is_red is red


def test_unparseable_colour_is_rejected() -> None:
    with pytest.raises(ValueError):
        Colour.parse("transparent")


def _box(y: float) -> MessageBox:
    grey = Colour(107, 114, 128)
    return MessageBox("x", grey, grey, Rect(16, y, 380, 48), Rect(0, 0, 412, 839))


def test_bottom_part_is_the_lowest_third() -> None:
    assert _box(768).in_bottom_part
    assert not _box(24).in_bottom_part
    assert not _box(400).in_bottom_part
