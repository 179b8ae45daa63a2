"""XLSForm `relevant` expressions to and from our show-if condition tree (forum.surveys.conditions).

Only a safe subset of XPath is understood, and it is parsed, never evaluated: comparisons of one
field with one literal (`${q} = 'x'`, `!=`, `<`, `<=`, `>`, `>=`), `selected(${q}, 'x')`, `and`,
`or`, `not(...)` and parentheses. Everything else (arithmetic, other functions, `.`, comparing two
fields) is refused with an ExpressionError naming the 1-based position and the offending token,
because a condition we half-understood would show children the wrong questions.

Precedence is XPath's: `not` binds tightest, then comparisons, then `and`, then `or`. A chain of
the same operator (`a and b and c`) becomes one n-ary node; parentheses keep their own node, so
`to_relevant` and `parse_relevant` round-trip exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

MAX_LENGTH = 2000
MAX_NESTING = 32
# Bounds keep every literal exactly representable as a float (conditions compare as floats).
MAX_NUMBER_DIGITS = 15

# Comparison token → (operator with a number, operator with a string or None if refused).
_COMPARISONS: dict[str, tuple[str, str | None]] = {
    "=": ("equals", "equals"),
    "!=": ("not_equals", "not_equals"),
    "<": ("lt", None),
    "<=": ("le", None),
    ">": ("gt", None),
    ">=": ("ge", None),
}
# `3 < ${q}` reads as `${q} > 3`.
_MIRRORED = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_SYMBOLS = {op: symbol for symbol, (op, _) in _COMPARISONS.items()}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<field>\$\{[^}]*\}?)
    |(?P<string>'[^']*'?|"[^"]*"?)
    |(?P<number>\d+(?:\.\d*)?|\.\d+)
    |(?P<op>!=|<=|>=|=|<|>)
    |(?P<punct>[(),])
    |(?P<name>[A-Za-z_][A-Za-z0-9_.:-]*)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_ARITHMETIC = {"+", "-", "*", "|", "div", "mod"}


class ExpressionError(ValueError):
    """A `relevant` we do not accept; `position` is 1-based, `token` is the text found there."""

    def __init__(self, message: str, position: int, token: str) -> None:
        shown = token if token else "end of expression"
        super().__init__(f"position {position}, at {shown!r}: {message}")
        self.message = message
        self.position = position
        self.token = token


@dataclass(frozen=True)
class Token:
    kind: str  # field, string, number, op, punct, name, other, end
    text: str
    position: int  # 1-based

    @property
    def value(self) -> str:
        """The field name or the string's contents, without `${}` or quotes."""
        if self.kind == "field":
            return self.text[2:-1].strip()
        if self.kind == "string":
            return self.text[1:-1]
        return self.text


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens, refusing unterminated strings and fields at once."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        raw = match.group()
        position = match.start() + 1
        if kind == "space":
            continue
        if kind == "field" and (not raw.endswith("}") or not FIELD_NAME.match(raw[2:-1].strip())):
            raise ExpressionError("a field reference looks like ${name}", position, raw)
        if kind == "string" and (len(raw) < 2 or raw[-1] != raw[0]):
            raise ExpressionError("this text has no closing quote", position, raw)
        tokens.append(Token(kind, raw, position))
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def parse_relevant(text: str) -> dict[str, Any]:
    """The condition tree for an XLSForm `relevant`, or ExpressionError."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"at most {MAX_LENGTH} characters", MAX_LENGTH + 1, text[MAX_LENGTH : MAX_LENGTH + 10])
    if not text.strip():
        raise ExpressionError("the expression is empty", 1, "")
    return _Parser(tokenize(text)).parse()


class _Parser:
    """Recursive descent over the grammar
    or := and ('or' and)* ; and := unary ('and' unary)* ; unary := 'not' unary | primary ;
    primary := '(' or ')' | 'selected' '(' field ',' string ')' | operand comparison operand."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.current
        if token.kind != "end":
            self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        return self.current.kind == "name" and self.current.text.lower() == word

    def expect(self, text: str, what: str) -> Token:
        if self.current.text != text:
            raise self.unexpected(f"expected {what}")
        return self.advance()

    def unexpected(self, message: str) -> ExpressionError:
        token = self.current
        if token.text in _ARITHMETIC or token.text.lower() in _ARITHMETIC:
            message = "arithmetic is not supported"
        elif token.text in (".", ".."):
            message = "'.' (the current field) is not supported; name the field as ${name}"
        elif token.kind == "other":
            message = f"{message}; this character is not supported"
        return ExpressionError(message, token.position, token.text)

    def parse(self) -> dict[str, Any]:
        condition = self.parse_or()
        if self.current.kind != "end":
            raise self.unexpected("expected 'and', 'or' or the end of the expression")
        return condition

    def parse_or(self) -> dict[str, Any]:
        return self.parse_chain("or", self.parse_and)

    def parse_and(self) -> dict[str, Any]:
        return self.parse_chain("and", self.parse_unary)

    def parse_chain(self, word: str, operand: Any) -> dict[str, Any]:
        args = [operand()]
        while self.is_word(word):
            self.advance()
            args.append(operand())
        return args[0] if len(args) == 1 else {"op": word, "args": args}

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError("the expression is nested too deeply", self.current.position, self.current.text)

    def parse_unary(self) -> dict[str, Any]:
        if self.is_word("not"):
            self.advance()
            self.nested()
            condition = {"op": "not", "arg": self.parse_unary()}
            self.depth -= 1
            return condition
        return self.parse_primary()

    def parse_primary(self) -> dict[str, Any]:
        token = self.current
        if token.text == "(":
            self.advance()
            self.nested()
            condition = self.parse_or()
            self.expect(")", "')'")
            self.depth -= 1
            return condition
        if self.is_word("selected"):
            return self.parse_selected()
        if token.kind == "name" and self.tokens[self.index + 1].text == "(":
            raise ExpressionError(
                f"the function {token.text}() is not supported (only selected() and not())", token.position, token.text
            )
        return self.parse_comparison()

    def parse_selected(self) -> dict[str, Any]:
        self.advance()
        self.expect("(", "'(' after selected")
        if self.current.kind != "field":
            raise self.unexpected("selected() needs a field like ${name} first")
        question = self.advance().value
        self.expect(",", "',' between the field and the choice")
        if self.current.kind != "string":
            raise self.unexpected("selected() needs a choice name in quotes second")
        value = self.string_value(self.advance())
        self.expect(")", "')' to close selected(")
        return {"op": "selected", "question": question, "value": value}

    def parse_comparison(self) -> dict[str, Any]:
        left = self.operand()
        if self.current.kind != "op":
            if self.current.kind == "end" and left[0] == "field":
                raise self.unexpected("a field must be compared with a value, like ${q} = 'x'")
            raise self.unexpected("expected a comparison (=, !=, <, <=, >, >=)")
        symbol_token = self.advance()
        right = self.operand()
        symbol = symbol_token.text
        if left[0] == "field" and right[0] == "field":
            raise ExpressionError(
                "compare a field with a value, not with another field", right[2].position, right[2].text
            )
        if left[0] != "field" and right[0] != "field":
            raise ExpressionError("one side of a comparison must be a field like ${q}", left[2].position, left[2].text)
        if left[0] != "field":
            left, right, symbol = right, left, _MIRRORED[symbol]
        with_number, with_string = _COMPARISONS[symbol]
        if right[0] == "string" and with_string is None:
            # `${age} > '10'` is common in real forms: a quoted number still compares as a number.
            if not NUMBER.fullmatch(right[1].strip()):
                raise ExpressionError(f"'{symbol}' compares numbers, and this is not a number", *_at(right[2]))
            right = ("number", self.number_value(Token("number", right[1].strip(), right[2].position)), right[2])
        if right[0] == "string":
            return {"op": with_string, "question": left[1], "value": right[1]}
        return {"op": with_number, "question": left[1], "value": right[1]}

    def operand(self) -> tuple[str, Any, Token]:
        """A field, a quoted string or a (possibly negative) number."""
        token = self.current
        if token.kind == "field":
            return ("field", self.advance().value, token)
        if token.kind == "string":
            return ("string", self.string_value(self.advance()), token)
        if token.text == "-" and self.tokens[self.index + 1].kind == "number":
            self.advance()
            return ("number", -self.number_value(self.advance()), token)
        if token.kind == "number":
            return ("number", self.number_value(self.advance()), token)
        if token.kind == "end":
            raise self.unexpected("the expression ends too early")
        raise self.unexpected("expected a field like ${q}, a value in quotes or a number")

    @staticmethod
    def string_value(token: Token) -> str:
        if not token.value:
            raise ExpressionError(
                "comparing with an empty text (answered / not answered) is not supported", *_at(token)
            )
        return token.value

    @staticmethod
    def number_value(token: Token) -> int | float:
        digits = sum(ch.isdigit() for ch in token.text)
        if digits > MAX_NUMBER_DIGITS:
            raise ExpressionError(f"numbers have at most {MAX_NUMBER_DIGITS} digits", *_at(token))
        return float(token.text) if "." in token.text else int(token.text)


def _at(token: Token) -> tuple[int, str]:
    return token.position, token.text


# Writing ----------------------------------------------------------------------------------


def to_relevant(condition: Mapping[str, Any]) -> str:
    """The XLSForm `relevant` for a condition tree; `parse_relevant(to_relevant(c)) == c` except
    that `one_of` comes back as an `or` of `equals` (XLSForm has no "is one of")."""
    op = condition["op"]
    if op in ("and", "or"):
        return f" {op} ".join(_grouped(arg) for arg in condition["args"])
    if op == "not":
        return f"not({to_relevant(condition['arg'])})"
    field = "${" + condition["question"] + "}"
    if op == "selected":
        return f"selected({field}, {_literal(condition['value'])})"
    if op == "one_of":
        parts = [f"{field} = {_literal(value)}" for value in condition["values"]]
        return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"
    return f"{field} {_SYMBOLS[op]} {_literal(condition['value'])}"


def _grouped(condition: Mapping[str, Any]) -> str:
    """Parenthesise nested and/or so the tree's shape survives a round trip."""
    text = to_relevant(condition)
    return f"({text})" if condition["op"] in ("and", "or") else text


def format_number(value: int | float) -> str:
    """A number as XPath writes it: never in exponent notation, which XPath 1.0 cannot read."""
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} cannot be written in a relevant expression")
    if isinstance(value, (int, float)):
        return format_number(value)
    text = str(value)
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise ValueError(f"{text!r} has both kinds of quote and cannot be written in XPath")
