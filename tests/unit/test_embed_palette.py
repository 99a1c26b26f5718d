"""The embed's stylesheet writes each colour once as light-dark(light, dark); browsers without
light-dark() get a fallback block with the light palette. The two must name the same colours."""

import re
from pathlib import Path

CSS = (Path(__file__).parents[2] / "service" / "static" / "embed.css").read_text()
DECLARATION = re.compile(r"(--_[a-z-]+):[^;]*?light-dark\((#[0-9a-f]{6}), #[0-9a-f]{6}\)")
FALLBACK_LINE = re.compile(r"(--_[a-z-]+):[^;]*?(#[0-9a-f]{6})\)?;")


def _fallback_block() -> str:
    start = CSS.index("@supports not (color: light-dark(")
    return CSS[start : CSS.index("\n}\n", start)]


def test_every_colour_has_a_light_and_a_dark_value():
    palette = dict(DECLARATION.findall(CSS))
    assert {"--_accent", "--_text", "--_surface", "--_focus", "--_danger"} <= palette.keys()


def test_browsers_without_light_dark_keep_the_same_light_palette():
    light_halves = dict(DECLARATION.findall(CSS))
    fallback = dict(FALLBACK_LINE.findall(_fallback_block()))
    assert fallback == light_halves
    assert "color-scheme: light;" in _fallback_block()
