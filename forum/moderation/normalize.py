"""A post folded the ways children misspell and people hide words, with a map back to what was typed.

Layers, each mapped to the original text so a match can be highlighted where the child typed it:

- visible: NFC, invisible characters removed (and remembered), compatibility forms folded
  (fullwidth, 𝐛𝐨𝐥𝐝, non-breaking spaces); case kept, for names and addresses.
- folded: lower case, look-alike characters mapped inside words (sh1t, d!t, $hit, Cyrillic о),
  runs of three or more of one letter cut to two (đmmmm → đmm, quáaaa → quáa); `*` and `#`
  between letters kept as a one-letter mask (f*ck).
- tokens: the words of the folded text, and whether the separator after each one sits inside a
  word (đ.m, v.c.l, đ m), so split words can be joined again.
- words: tokens with teencode expanded (ko → không, ntn → như thế nào), each with its original span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

WORDLISTS = Path(__file__).with_name("wordlists")

# Unicode format characters (all of category Cf), C0/C1 controls that are not white space, and
# invisible letters and fillers (combining grapheme joiner, Hangul fillers, braille blank).
_HIDDEN_CLASS = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
HIDDEN = re.compile(f"[{_HIDDEN_CLASS}]")
# Hidden characters that are part of ordinary emoji and text: variation selectors always, joiners
# between two non-letters (👨‍👩‍👧). They are removed for matching but not reported.
_EMOJI_GLUE = frozenset("\u200c\u200d")
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")

# Characters with compatibility forms worth folding: odd spaces, super/subscripts, letterlike and
# enclosed forms, ligatures, fullwidth ASCII, mathematical alphanumerics.
_COMPAT = re.compile(
    "[\u00a0\u00b2\u00b3\u00b9\u2000-\u200a\u202f\u205f\u3000\u2070-\u209f\u2100-\u214f\u2460-\u24ff"
    "\ufb00-\ufb06\uff01-\uff5e\U0001d400-\U0001d7ff\U0001f100-\U0001f1ff]"
)

# Cyrillic and Greek letters that look like Latin ones (after lower-casing).
_CONFUSABLES = str.maketrans("аеорсхуіјѕԁɡνοκτ", "aeopcxyijsdgvokt")


def _plain_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


_PLAIN = _plain_table()

_LEET_CHARS = re.compile(r"[0134578@$!|]")
_LEET_WORD = re.compile(r"(?:[^\W_]|[@$!|])+")
_LEET_DIGITS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
_LEET_BETWEEN_LETTERS = {"!": "i", "|": "l", "@": "a"}
_RUN_OF_THREE = re.compile(r"([a-z])\1{2,}")
_DOUBLE = re.compile(r"([a-z])\1")
TOKEN = re.compile(r"[^\W_]+(?:[*#]+[^\W_]+)*")
MASKS = frozenset("*#")
# A separator that can sit inside a word someone split up on purpose: đ.m, đ-m, v_c_l, d/m.
_INSIDE_WORD_GAP = re.compile(r"[.\-_'`~^+=/\\|:,;*#]{1,3}")
_SINGLES_GAP = re.compile(r"[.\-_'`~^+=/\\|:,;*#]{0,3} ?")
_SENTENCE_BREAK = re.compile(r"[.!?;\n…]")
NUMBER_WORDS = frozenset("mot hai ba bon tu nam sau bay tam chin muoi tram nghin ngan".split())


def plain(text: str) -> str:
    """Diacritics removed letter for letter (đ → d): the result has the same length."""
    return text.translate(_PLAIN)


def squeeze_doubles(word: str) -> str:
    """Every doubled letter written once, comparing letters without their diacritics (quáa → quá)."""
    base = word.translate(_PLAIN)
    if not _DOUBLE.search(base):
        return word
    kept = [word[0]]
    for index in range(1, len(word)):
        if base[index] != base[index - 1] or not base[index].isalpha():
            kept.append(word[index])
    return "".join(kept)


def _load_teencode() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in (WORDLISTS / "teencode.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            short, expansion = line.split("\t")
            table[unicodedata.normalize("NFC", short)] = tuple(unicodedata.normalize("NFC", expansion).split())
    return table


TEENCODE = _load_teencode()


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the folded text as typed (no teencode), with its folded offsets."""

    raw: str
    start: int
    end: int
    joins_next: bool
    break_before: bool
    comma_before: bool


@dataclass(frozen=True, slots=True)
class Word:
    """A word for matching: `forms` are the folded word and, when it has doubled letters, the
    doubles squeezed; `simple` is diacritic-free with every double squeezed; start/end are offsets
    into the original text (words from one teencode expansion share their token's span)."""

    text: str
    forms: tuple[str, ...]
    simple: str
    start: int
    end: int
    break_before: bool
    comma_before: bool

    @property
    def is_number(self) -> bool:
        """A number in digits or in Vietnamese words (một dm, 50 cc)."""
        return self.text.isdigit() or self.simple in NUMBER_WORDS


@dataclass(frozen=True, slots=True)
class Normalized:
    """Every view of one post. Offsets into `visible` (and `visible_search`, its lower-case
    diacritic-free twin) map to the original through `visible_starts` and `visible_ends`; offsets
    into `folded` go through `folded_to_visible` first."""

    original: str
    visible: str
    visible_starts: Sequence[int]
    visible_ends: Sequence[int]
    visible_search: str
    folded: str
    folded_to_visible: Sequence[int]
    tokens: tuple[Token, ...]
    words: tuple[Word, ...]
    hidden: tuple[tuple[int, int], ...]

    def span_of_visible(self, start: int, end: int) -> tuple[int, int]:
        return self.visible_starts[start], self.visible_ends[end - 1]

    def span_of_folded(self, start: int, end: int) -> tuple[int, int]:
        return self.visible_starts[self.folded_to_visible[start]], self.visible_ends[self.folded_to_visible[end - 1]]


def normalize(text: str) -> Normalized:
    """All views of `text`; see the module docstring."""
    visible, starts, ends, hidden = _visible(text)
    folded, to_visible = _folded(visible)
    tokens = _tokens(folded)
    words = _words(tokens, starts, ends, to_visible)
    lowered = visible.lower()
    if len(lowered) != len(visible):
        lowered = "".join(ch.lower()[0] for ch in visible)
    return Normalized(
        original=text,
        visible=visible,
        visible_starts=starts,
        visible_ends=ends,
        visible_search=lowered.translate(_CONFUSABLES).translate(_PLAIN),
        folded=folded,
        folded_to_visible=to_visible,
        tokens=tokens,
        words=words,
        hidden=hidden,
    )


def _visible(text: str) -> tuple[str, Sequence[int], Sequence[int], tuple[tuple[int, int], ...]]:
    nfc = unicodedata.is_normalized("NFC", text)
    if nfc and not HIDDEN.search(text) and (text.isascii() or not _COMPAT.search(text)):
        return text, range(len(text)), range(1, len(text) + 1), ()
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    hidden: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        stop = index + 1
        if not nfc:
            while stop < length and unicodedata.combining(text[stop]):
                stop += 1
        cluster = text[index:stop]
        if HIDDEN.fullmatch(cluster[0]):
            if _is_reported(text, index):
                hidden.append((index, stop))
            index = stop
            continue
        cluster = unicodedata.normalize("NFC", cluster) if not nfc else cluster
        if _COMPAT.fullmatch(cluster[0]):
            cluster = unicodedata.normalize("NFKC", cluster) or cluster
        for ch in cluster:
            if not HIDDEN.fullmatch(ch):
                chars.append(ch)
                starts.append(index)
                ends.append(stop)
        index = stop
    return "".join(chars), starts, ends, _merged(hidden)


def _is_reported(text: str, index: int) -> bool:
    """Whether a removed character may hide something: not a variation selector, not a joiner
    inside an emoji sequence."""
    ch = text[index]
    if _SELECTORS.fullmatch(ch):
        return False
    if ch in _EMOJI_GLUE:
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        return before.isalnum() or after.isalnum()
    return True


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _folded(visible: str) -> tuple[str, Sequence[int]]:
    lowered = visible.lower()
    if len(lowered) != len(visible):
        lowered = "".join(ch.lower()[0] for ch in visible)
    lowered = lowered.translate(_CONFUSABLES)
    if _LEET_CHARS.search(lowered):
        lowered = _LEET_WORD.sub(_unleet, lowered)
    base = lowered.translate(_PLAIN)
    if not _RUN_OF_THREE.search(base):
        return lowered, range(len(lowered))
    dropped: set[int] = set()
    for run in _RUN_OF_THREE.finditer(base):
        start, end = run.span()
        marked = next((i for i in range(start, end) if lowered[i] != base[i]), start)
        keep = {marked, start if marked != start else start + 1}
        dropped.update(i for i in range(start, end) if i not in keep)
    kept = [i for i in range(len(lowered)) if i not in dropped]
    return "".join(lowered[i] for i in kept), kept


def _unleet(match: re.Match[str]) -> str:
    """Digits and symbols read as letters, only inside letter-led words (sh1t, d!t, l0n), so class
    names (5A3), years and prices keep their digits."""
    word = match.group()
    if not _LEET_CHARS.search(word):
        return word
    letters = sum(ch.isalpha() for ch in word)
    digits = sum(ch.isdigit() for ch in word)
    if letters < 2 or digits > letters or word[0].isdigit():
        return word
    chars = list(word)
    for index, ch in enumerate(word):
        before = word[index - 1] if index else ""
        after = word[index + 1] if index + 1 < len(word) else ""
        if ch in _LEET_DIGITS:
            chars[index] = _LEET_DIGITS[ch]
        elif ch in _LEET_BETWEEN_LETTERS and before.isalpha() and after.isalpha():
            chars[index] = _LEET_BETWEEN_LETTERS[ch]
        elif ch == "$" and (before.isalpha() or after.isalpha()):
            chars[index] = "s"
    return "".join(chars)


def _tokens(folded: str) -> tuple[Token, ...]:
    found = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(folded)]
    tokens: list[Token] = []
    previous_end = 0
    for index, (raw, start, end) in enumerate(found):
        gap_before = folded[previous_end:start]
        joins_next = False
        if index + 1 < len(found):
            next_raw, next_start, _ = found[index + 1]
            gap = folded[end:next_start]
            joins_next = bool(
                _INSIDE_WORD_GAP.fullmatch(gap)
                or (len(raw) == 1 and len(next_raw) == 1 and raw.isalpha() and _SINGLES_GAP.fullmatch(gap))
            )
        glued = bool(tokens) and tokens[-1].joins_next
        tokens.append(
            Token(
                raw=raw,
                start=start,
                end=end,
                joins_next=joins_next,
                break_before=bool(index) and not glued and bool(_SENTENCE_BREAK.search(gap_before)),
                comma_before=bool(index) and not glued and "," in gap_before,
            )
        )
        previous_end = end
    return tuple(tokens)


def _words(
    tokens: tuple[Token, ...], starts: Sequence[int], ends: Sequence[int], to_visible: Sequence[int]
) -> tuple[Word, ...]:
    words: list[Word] = []
    for token in tokens:
        start = starts[to_visible[token.start]]
        end = ends[to_visible[token.end - 1]]
        expansion = TEENCODE.get(token.raw, (token.raw,))
        for position, text in enumerate(expansion):
            squeezed = squeeze_doubles(text)
            words.append(
                Word(
                    text=text,
                    forms=(text,) if squeezed == text else (text, squeezed),
                    simple=squeezed.translate(_PLAIN),
                    start=start,
                    end=end,
                    break_before=token.break_before and position == 0,
                    comma_before=token.comma_before and position == 0,
                )
            )
    return tuple(words)
