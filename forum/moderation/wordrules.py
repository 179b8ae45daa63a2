"""Word rules: patterns in Vietnamese or English, each with a category and an action, compiled once.

A pattern matches the text the way it is written, after both go through the same normalisation
(lower case, teencode, squeezed letters): "địt mẹ" matches text typed with those diacritics and
"dit me" matches text typed without them. That is how collisions are avoided: a diacritic-free
form is listed only when it is not also an everyday word ("lon" is lớn, lợn, a can; "cac" is các;
"deo" is đeo and đèo; "ngu" is ngủ; "di" is đi), and an `allow` rule overrides any match inside it.

- A pattern of words (whole_word) matches whole words, and also split-up spellings of a one-word
  pattern (đ.m, v c l, f*ck).
- A pattern with punctuation ("cc:") or a part-word pattern (whole_word=False) matches the folded
  text literally.

A RuleSet is an immutable value built from rules: nothing is cached except by the rules themselves.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Protocol, cast, get_args

from forum.moderation.normalize import MASKS, WORDLISTS, Normalized, normalize, squeeze_doubles

Action = Literal["allow", "hold", "block"]
Category = Literal["profanity", "insult", "safeguarding", "personal_info", "link", "custom"]
Language = Literal["vi", "en"]

ACTIONS: tuple[Action, ...] = get_args(Action)
CATEGORIES: tuple[Category, ...] = get_args(Category)
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_ACTIONS: Mapping[Category, Action] = MappingProxyType(
    {
        "profanity": "block",
        "insult": "hold",
        "safeguarding": "hold",
        "personal_info": "hold",
        "link": "hold",
        "custom": "hold",
    }
)
# Words that are also units after a number: "5 dm" (decimetres), "xe 50 cc".
UNIT_WORDS = frozenset({"dm", "cc"})
_LONGEST_SPLIT = 8
_PHRASE = re.compile(r"[^\W_]+(?: [^\W_]+)*")


class RuleLike(Protocol):
    """Anything shaped like a rule: a WordRule or a database row (enum values are read by `.value`)."""

    pattern: str
    category: object
    action: object
    language: object
    whole_word: bool


@dataclass(frozen=True, slots=True)
class WordRule:
    pattern: str
    category: Category
    action: Action
    language: Language = "vi"
    whole_word: bool = True

    def __post_init__(self) -> None:
        if not self.pattern.strip():
            raise ValueError("A word rule needs a pattern.")
        if self.category not in CATEGORIES:
            raise ValueError(f"Unknown category {self.category!r}.")
        if self.action not in ACTIONS:
            raise ValueError(f"Unknown action {self.action!r}.")
        if self.language not in LANGUAGES:
            raise ValueError(f"Unknown language {self.language!r}.")

    @classmethod
    def of(cls, rule: RuleLike) -> WordRule:
        """A WordRule from any rule-shaped object."""
        if isinstance(rule, WordRule):
            return rule
        return cls(
            pattern=rule.pattern,
            category=cast(Category, _value(rule.category)),
            action=cast(Action, _value(rule.action)),
            language=cast(Language, _value(rule.language)),
            whole_word=bool(rule.whole_word),
        )


def _value(field: object) -> str:
    return str(getattr(field, "value", field))


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule matched the original text between start and end."""

    rule: WordRule
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Phrase:
    rule: WordRule
    key: tuple[str, ...]


class RuleSet:
    """Compiled word rules. Equal rule sets compare equal; the compiled tables are read-only."""

    __slots__ = ("rules", "_by_first_word", "_one_word", "_by_length", "_literal", "_literal_rules")

    rules: tuple[WordRule, ...]

    def __init__(self, rules: Iterable[RuleLike]) -> None:
        ordered = tuple(dict.fromkeys(WordRule.of(rule) for rule in rules))
        by_first_word: dict[str, list[_Phrase]] = {}
        by_length: dict[int, list[_Phrase]] = {}
        literal_rules: dict[str, list[WordRule]] = {}
        literal_patterns: dict[str, bool] = {}
        for rule in ordered:
            pattern = normalize(unicodedata.normalize("NFC", rule.pattern.strip()))
            folded = " ".join(pattern.folded.split())
            if rule.whole_word and _PHRASE.fullmatch(folded) and pattern.words:
                phrase = _Phrase(rule, tuple(word.text for word in pattern.words))
                by_first_word.setdefault(phrase.key[0], []).append(phrase)
                if len(phrase.key) == 1:
                    by_length.setdefault(len(phrase.key[0]), []).append(phrase)
            else:
                literal_rules.setdefault(folded, []).append(rule)
                literal_patterns[folded] = literal_patterns.get(folded, False) or rule.whole_word
        object.__setattr__(self, "rules", ordered)
        object.__setattr__(self, "_by_first_word", _frozen(by_first_word))
        object.__setattr__(
            self,
            "_one_word",
            _frozen({k: [p for p in v if len(p.key) == 1] for k, v in by_first_word.items()}),
        )
        object.__setattr__(self, "_by_length", _frozen(by_length))
        object.__setattr__(self, "_literal_rules", _frozen(literal_rules))
        object.__setattr__(self, "_literal", _literal_pattern(literal_patterns))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("A RuleSet is immutable; build a new one from rules.")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.rules == self.rules

    def __hash__(self) -> int:
        return hash(self.rules)

    def __repr__(self) -> str:
        return f"RuleSet({len(self.rules)} rules)"

    @classmethod
    def from_rules(cls, rules: Iterable[RuleLike]) -> RuleSet:
        """A rule set from WordRules or database rows, e.g. `[*default_rules(), *admin_rows]`."""
        return cls(rules)

    @classmethod
    def default(cls) -> RuleSet:
        """The shipped word lists, compiled once."""
        return _default_rule_set()

    def find(self, text: Normalized) -> list[Hit]:
        """Every rule that matches, allow rules included (the caller decides what they override)."""
        hits = self._find_phrases(text)
        hits.extend(self._find_split_words(text))
        if self._literal is not None:
            for match in self._literal.finditer(text.folded):
                start, end = text.span_of_folded(*match.span())
                hits.extend(Hit(rule, start, end) for rule in self._literal_rules[match.group()])
        return hits

    def _find_phrases(self, text: Normalized) -> list[Hit]:
        hits: list[Hit] = []
        words = text.words
        count = len(words)
        for index, word in enumerate(words):
            for form in word.forms:
                for phrase in self._by_first_word.get(form, ()):
                    stop = index + len(phrase.key)
                    if stop > count or not all(
                        phrase.key[k] in words[index + k].forms
                        and not words[index + k].break_before
                        and not words[index + k].comma_before
                        for k in range(1, len(phrase.key))
                    ):
                        continue
                    if phrase.key[0] in UNIT_WORDS and index and words[index - 1].is_number:
                        continue
                    hits.append(Hit(phrase.rule, word.start, words[stop - 1].end))
        return hits

    def _find_split_words(self, text: Normalized) -> list[Hit]:
        """One-word patterns written with separators (đ.m, v c l) or masks (f*ck, đ*t)."""
        hits: list[Hit] = []
        tokens = text.tokens
        for index, token in enumerate(tokens):
            if MASKS.intersection(token.raw):
                start, end = text.span_of_folded(token.start, token.end)
                for phrase in self._by_length.get(len(token.raw), ()):
                    if all(a == b or a in MASKS for a, b in zip(token.raw, phrase.key[0], strict=True)):
                        hits.append(Hit(phrase.rule, start, end))
            if not token.joins_next or (index and tokens[index - 1].joins_next):
                continue
            stop = index
            while stop < len(tokens) - 1 and tokens[stop].joins_next:
                stop += 1
            for first in range(index, stop):
                for last in range(first + 1, min(stop, first + _LONGEST_SPLIT - 1) + 1):
                    joined = "".join(t.raw for t in tokens[first : last + 1])
                    for form in dict.fromkeys((joined, squeeze_doubles(joined))):
                        for phrase in self._one_word.get(form, ()):
                            start, _ = text.span_of_folded(tokens[first].start, tokens[first].end)
                            _, end = text.span_of_folded(tokens[last].start, tokens[last].end)
                            hits.append(Hit(phrase.rule, start, end))
        return hits


def _frozen(table: dict[str, list[_Phrase]] | dict[int, list[_Phrase]] | dict[str, list[WordRule]]) -> Mapping:
    return MappingProxyType({key: tuple(values) for key, values in table.items() if values})


def _literal_pattern(patterns: dict[str, bool]) -> re.Pattern[str] | None:
    """One alternation of literal patterns, longest first; whole-word ones bounded by non-letters."""
    if not patterns:
        return None
    alternatives = []
    for pattern, whole_word in sorted(patterns.items(), key=lambda item: -len(item[0])):
        text = re.escape(pattern)
        if whole_word and (pattern[0].isalnum()):
            text = r"(?<![^\W_])" + text
        if whole_word and (pattern[-1].isalnum()):
            text += r"(?![^\W_])"
        alternatives.append(text)
    return re.compile("|".join(alternatives))


def _read_wordlist(name: str, text: str) -> list[WordRule]:
    """`vi.profanity.txt`: one pattern a line, then optionally TAB action and TAB `part`."""
    language, category = name.split(".")[:2]
    action_default: Action = "allow" if category == "allow" else DEFAULT_ACTIONS[cast(Category, category)]
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *options = line.split("\t")
        rules.append(
            WordRule(
                pattern=pattern.strip(),
                category="custom" if category == "allow" else cast(Category, category),
                action=cast(Action, options[0]) if options and options[0] else action_default,
                language=cast(Language, language),
                whole_word="part" not in options[1:],
            )
        )
    return rules


@functools.cache
def default_rules() -> tuple[WordRule, ...]:
    """The rules in the shipped word lists (wordlists/<language>.<category>.txt), e.g. to seed the database."""
    rules: list[WordRule] = []
    for path in sorted(WORDLISTS.glob("*.txt")):
        rules.extend(_read_wordlist(path.name, path.read_text(encoding="utf-8")))
    return tuple(rules)


@functools.cache
def _default_rule_set() -> RuleSet:
    return RuleSet(default_rules())
