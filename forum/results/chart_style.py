"""How result charts look: fonts, colours, hatching, sizes, and the text and number formatting.

Fonts: the site's Be Vietnam Pro is self-hosted as woff2 only, which Matplotlib's FreeType cannot
read, so charts use DejaVu Sans (it ships with Matplotlib and covers Vietnamese). SVG keeps text as
text (searchable, screen-reader friendly, small): browsers without DejaVu Sans fall back through
Matplotlib's sans-serif list (Verdana, Arial ...), so layout leaves room to spare.

Colours: Okabe–Ito blue for plain bars and ColorBrewer's PuOr (safe for the three common colour
vision deficiencies) for the diverging scales, plus hatching and direct labels, so colour is never
the only cue. Text on a coloured fill is black or white, whichever contrasts more (always ≥ 4.5:1).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any

import matplotlib
from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent

from forum.language.texts import in_language

# Process-wide and set once: `rc_context` would be simpler but is not thread-safe under a server
# (one thread's exit restores values another thread is rendering with). Every value here is one we
# always want, so setting them at import is safe. `text.parse_math` off: a staff-written "$...$"
# must print as typed, not be parsed as mathtext (which raises on bad input).
RC_PARAMS: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "text.parse_math": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "forum-results-chart",
    "hatch.linewidth": 0.9,
    "axes.unicode_minus": True,
}
matplotlib.rcParams.update(RC_PARAMS)

FONT = "DejaVu Sans"
# Bumped whenever the look of charts changes, so cached bytes from an older version are not served.
STYLE_VERSION = "1"

# Sizes in inches (figures are laid out in inches; text sizes in points).
WIDTH = 7.0
MARGIN = 0.3
TITLE_SIZE = 13.0
TEXT_SIZE = 10.0
SMALL_SIZE = 8.5
BAR_HEIGHT = 0.26
ROW_GAP = 0.14
LINE_SPACING = 1.3
# Average DejaVu Sans glyph widths in em (measured on Vietnamese and English labels, with margin).
# Wrapping estimates rather than measures: Matplotlib takes milliseconds to lay out one string.
GLYPH_EM = 0.6
BOLD_GLYPH_EM = 0.66

# Colours.
WHITE = "#ffffff"
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
RULE = "#8c8c8c"
BAR = "#0072b2"  # Okabe–Ito blue
WITHHELD_EDGE = "#6b6b6b"
WITHHELD_HATCH = "#9e9e9e"
WITHHELD_PATTERN = "///"
NEUTRAL = "#d9d9d9"
# PuOr, mild to strong, going outwards from the neutral centre.
NEGATIVE = {1: ("#f1a340",), 2: ("#f1a340", "#b35806")}
POSITIVE = {1: ("#998ec3",), 2: ("#998ec3", "#542788"), 3: ("#d8daeb", "#998ec3", "#542788")}
# Hatching by distance from the centre: the strong ends differ by pattern as well as colour.
PATTERNS = {0: "--", 1: "", 2: "//", 3: "xx"}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a "#rrggbb" colour (WCAG 2)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(fill: str) -> str:
    """INK or white, whichever reads better on `fill`."""
    return INK if contrast(INK, fill) >= contrast(WHITE, fill) else WHITE


def diverging_colours(negatives: int, positives: int) -> tuple[list[str], list[str]]:
    """Fill colours and hatch patterns for a scale, in option order (strong negative first)."""
    negative = list(reversed(NEGATIVE[negatives])) if negatives else []
    positive = list(POSITIVE[positives]) if positives else []
    fills = [*negative, NEUTRAL, *positive]
    patterns = [PATTERNS[d] for d in range(negatives, 0, -1)] + [PATTERNS[0]]
    patterns += [PATTERNS[d] for d in range(1, positives + 1)]
    return fills, patterns


# Text ---------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """NFC, no control characters (they would make the SVG invalid XML), whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in text)
    return " ".join(text.split())


def pick(texts: Mapping[str, Any] | None, language: str) -> str:
    """A staff-written {"vi", "en"} text in `language`, cleaned for drawing."""
    return clean(in_language(texts, language))


def line_height(size: float) -> float:
    """Inches one line of text takes at `size` points (Matplotlib: `linespacing` × size)."""
    return size * LINE_SPACING / 72


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the drawn width in inches."""
    return len(text) * size * (BOLD_GLYPH_EM if bold else GLYPH_EM) / 72


def wrap(text: str, width: float, size: float, max_lines: int = 4, bold: bool = False) -> list[str]:
    """`text` broken into lines that fit `width` inches at `size` points, at most `max_lines`
    (the last one ending in "…" when cut)."""
    columns = max(8, int(width * 72 / (size * (BOLD_GLYPH_EM if bold else GLYPH_EM))))
    lines = textwrap.wrap(text, columns, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: columns - 1].rstrip() + "…"
    return lines


# Numbers ------------------------------------------------------------------------------------


def format_count(value: int, language: str) -> str:
    return format_decimal(value, locale=language)


def format_share(share: float, language: str) -> str:
    return format_percent(share, locale=language)


def format_number(value: float, language: str) -> str:
    """At most one decimal: 7.4, 12, -3.5."""
    return format_decimal(round(value, 1), format="#,##0.#", locale=language)


def format_day(day: Any, language: str) -> str:
    return format_skeleton("MMMd", day, locale=language)
