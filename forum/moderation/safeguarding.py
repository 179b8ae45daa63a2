"""First-person disclosures: a child telling us they are hurt, abused, groomed, made to work,
bullied, neglected, or thinking of hurting themself. A disclosure is a child asking for help: the
post is held (never blocked), the child sees who can help (111), and a case opens.

Talking about a topic ("chúng ta nên học cách phòng chống xâm hại trẻ em", "we should learn how
to prevent abuse") is not a disclosure: the shapes in `disclosure_patterns` need a speaker, and a
topic or opinion cue earlier in the same clause ("nên", "phòng chống", "phim", "nếu", "should",
"how to") cancels a match. An opinion such as "em nghĩ bố mẹ không nên đánh con" is not held.

When no shape matches, a safety net still holds a post that names a harm outright ("bạo hành",
"tự tử", "bắt nạt", "bỏ đói", "kicks me") in a sentence where the speaker is the nearest person to
it, unless it is negated or topic talk: shapes miss new phrasings, and a missed disclosure costs
far more than a moderator's glance at a false hold.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from forum.moderation.disclosure_patterns import (
    CLAUSE_START,
    GROOMING_CUES,
    NEGATED,
    PERSON,
    SHAPES,
    SPEAKER,
    STRONG_HARM,
    TOPIC_CUES,
    Shape,
)
from forum.moderation.normalize import Normalized

_DOUBLED = re.compile(r"(?<!\\)([a-z])\1+")


def _squeezed(pattern: str) -> str:
    """Patterns are written in ordinary spelling; the stream has doubled letters written once."""
    return _DOUBLED.sub(r"\1", pattern)


def _combined(shapes: list[Shape]) -> re.Pattern[str]:
    """One regular expression for many shapes (one scan of the post), a named group per shape."""
    return re.compile("|".join(f"(?P<s{index}>{_squeezed(shape.pattern)})" for index, shape in enumerate(shapes)))


_PLAIN_SHAPES = [shape for shape in SHAPES if not shape.needs_grooming_cue]
_SECRECY_SHAPES = [shape for shape in SHAPES if shape.needs_grooming_cue]
_PLAIN = _combined(_PLAIN_SHAPES)
_SECRECY = _combined(_SECRECY_SHAPES)
_STRONG_HARM = re.compile(_squeezed(STRONG_HARM))


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A disclosure of `kind` (violence, sexual, self_harm, labour, bullying, neglect, or
    unspecified when only the safety net found it) at start:end of the original text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Stream:
    text: str
    starts: list[int]
    words: list[int]


def _stream(text: Normalized) -> _Stream:
    """The words joined by spaces, with "." and "," for breaks; `words[i]` is the word index of
    the i-th piece (-1 for a break)."""
    pieces: list[str] = []
    words: list[int] = []
    for index, word in enumerate(text.words):
        if word.break_before or word.comma_before:
            pieces.append("." if word.break_before else ",")
            words.append(-1)
        pieces.append(word.simple)
        words.append(index)
    starts = []
    offset = 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece) + 1
    return _Stream(" ".join(pieces), starts, words)


def find_disclosures(text: Normalized) -> list[Disclosure]:
    """Every disclosure in the post, with its original span."""
    if not text.words:
        return []
    stream = _stream(text)
    found = _found(text, stream, _PLAIN, _PLAIN_SHAPES)
    if GROOMING_CUES.search(stream.text):
        found.extend(_found(text, stream, _SECRECY, _SECRECY_SHAPES))
    if not found:
        found.extend(_safety_net(text, stream))
    return found


def _safety_net(text: Normalized, stream: _Stream) -> list[Disclosure]:
    """A word that names a harm, in a sentence where the child speaks of themself, not negated and
    not in topic talk: held even though no shape matched (a missed disclosure costs more than a
    moderator's glance)."""
    found = []
    for match in _STRONG_HARM.finditer(stream.text):
        sentence_start = stream.text.rfind(" . ", 0, match.start()) + 1
        sentence_end = stream.text.find(" . ", match.end())
        before = stream.text[sentence_start : match.start()]
        after = stream.text[match.end() : sentence_end if sentence_end >= 0 else len(stream.text)]
        people_before = list(PERSON.finditer(before))
        person_after = PERSON.search(after)
        about_speaker = (
            SPEAKER.search(match.group())
            or (people_before and people_before[-1].group("speaker"))
            or (person_after and person_after.group("speaker"))
        )
        if about_speaker and not NEGATED.search(before) and not _is_topic_talk(stream.text, match.start()):
            found.append(_disclosure(text, stream, "unspecified", match))
    return found


def _found(text: Normalized, stream: _Stream, pattern: re.Pattern[str], shapes: list[Shape]) -> list[Disclosure]:
    found = []
    for match in pattern.finditer(stream.text):
        if match.end() > match.start() and not _is_topic_talk(stream.text, match.start()):
            kind = shapes[int(str(match.lastgroup)[1:])].kind
            found.append(_disclosure(text, stream, kind, match))
    return found


def _is_topic_talk(stream: str, start: int) -> bool:
    clause = CLAUSE_START.match(stream, 0, start)
    clause_start = clause.end() if clause else 0
    return bool(TOPIC_CUES.search(stream, clause_start, start))


def _disclosure(text: Normalized, stream: _Stream, kind: str, match: re.Match[str]) -> Disclosure:
    first = stream.words[bisect.bisect_right(stream.starts, match.start()) - 1]
    last = stream.words[bisect.bisect_right(stream.starts, match.end() - 1) - 1]
    first = first if first >= 0 else last
    return Disclosure(kind, text.words[first].start, text.words[last].end)
