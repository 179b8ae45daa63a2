"""Links: http(s)://…, www.…, and bare domains (abc.vn, x.com). Links are shown as text, and held
so a moderator sees where a child is pointing others."""

from __future__ import annotations

import re

from forum.moderation.normalize import Normalized

_TOP_LEVEL = (
    "com|net|org|vn|edu|gov|io|info|biz|xyz|tv|app|dev|gg|ly|co|online|site|store|top|link|live|"
    "club|shop|blog|asia|us|uk|jp|kr|cn|ru|de|fr|am|me"
)
_LINK = re.compile(
    r"(?<![\w@.])(?:"
    r"(?:https?|ftp)://[^\s<>\"']+"
    r"|www\.[^\s<>\"']+"
    rf"|(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TOP_LEVEL})(?![\w-])(?:[/?#][^\s<>\"']*)?"
    r")"
)
_TRAILING = ".,;:!?)]}>»”’'\""


def find_links(text: Normalized) -> list[tuple[int, int]]:
    """Original spans of the links in the post, without trailing punctuation."""
    if "." not in text.visible_search and "/" not in text.visible_search:
        return []
    spans = []
    for match in _LINK.finditer(text.visible_search):
        start, end = match.span()
        while end > start and text.visible_search[end - 1] in _TRAILING:
            end -= 1
        spans.append(text.span_of_visible(start, end))
    return spans
