"""Personal information a child might give away: phone numbers, e-mail addresses, social accounts
and profile links, street addresses, their full name, their school's name.

Matching runs on the visible text (invisible characters already removed) — lower-cased and
diacritic-free for keywords, with case kept where a name must be capitalised. Not personal: help
lines (111, 18006605 …), ages, prices, years, times, class names, counts, scores.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberType

from forum.moderation.normalize import Normalized

REGION = "VN"
# Help and emergency lines a child may safely mention (digits only).
SERVICE_NUMBERS = frozenset({"111", "112", "113", "114", "115", "18006605", "18001567", "19001567"})
_SERVICE_TYPES = frozenset(
    {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.UAN}
)
_MIN_PHONE_DIGITS = 8
# Digits split by spaces, dots, dashes or brackets: 0912 345 678, 09.12.34.56.78, (+84) 912-345-678.
_SPLIT_DIGITS = re.compile(r"(?<![\w+])\+?\(?\+?\d(?:[ .\-()]{0,3}\d){7,}(?![\w])")
_DIGIT_GROUP = re.compile(r"\+?\d+")
_MAX_PHONE_DIGITS = 15
# Phone-number parses allowed for one run of digits.
_PARSE_BUDGET = 60
_DIGIT_WORDS = {
    "khong": "0",
    "mot": "1",
    "hai": "2",
    "ba": "3",
    "bon": "4",
    "tu": "4",
    "nam": "5",
    "lam": "5",
    "sau": "6",
    "bay": "7",
    "tam": "8",
    "chin": "9",
}
_SPELLED_DIGITS = re.compile(r"\b(?:(?:khong|mot|hai|bay|ba|bon|tu|nam|lam|sau|tam|chin|\d)\b[ ,.\-]*){9,}")

_EMAIL = re.compile(
    r"[a-z0-9][a-z0-9._%+-]{0,63}\s*(?:@|\(at\)|\[at\]|\ba cong\b)\s*"
    r"(?:[a-z0-9-]+(?:\s*(?:\.|\bcham\b|\bdot\b)\s*[a-z0-9-]+)*\s*(?:\.|\bcham\b|\bdot\b)\s*[a-z]{2,}"
    r"|(?:gmail|yahoo|hotmail|outlook|icloud|email)\b)"
)
_PROFILE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.|vt\.|vm\.)?"
    r"(?:facebook\.com/|fb\.com/|fb\.me/|m\.me/|zalo\.me/|chat\.zalo\.me/|instagram\.com/|instagr\.am/"
    r"|tiktok\.com/@|youtube\.com/@|youtube\.com/c/|twitter\.com/|x\.com/|t\.me/|discord\.gg/|discord\.com/users/"
    r"|snapchat\.com/add/|threads\.net/@)[^\s<>\"']*"
)
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_][a-z0-9_.]{2,29}(?<!\.)")
_FIRST_PERSON = r"(?:em|minh|to|toi|tui|tao|con|chau|e|mk|mik)"
_PLATFORM = (
    r"(?:facebook|face|fb|phay|zalo|zl|insta|instagram|ig|tiktok|tik tok|snapchat|snap|discord|telegram|tele"
    r"|messenger|mess|youtube|kenh youtube|kenh|nick|acc|account|id|sdt|so dien thoai|so dt|gmail|email|mail)"
)
# "face của em là …", "fb: …", "kết bạn zalo với em …", "follow tiktok của mình …", "my insta is …".
_ACCOUNT = re.compile(
    rf"\b{_PLATFORM}\s*(?:(?:cua\s+)?{_FIRST_PERSON}\s*(?:la|:|=|-)|:|=)\s*"
    r"|\b(?:ket ban|add|ib|inbox|nhan tin|ib rieng|lien he|lien lac)\s+"
    rf"(?:(?:voi|cho|qua|tren|o|bang|minh|em|to|nhe|nha)\s+)*{_PLATFORM}\b\s*"
    rf"|\b(?:follow|fl|theo doi|sub|dang ky|ghe)\s+(?:{_PLATFORM}\s+)?(?:cua\s+)?{_FIRST_PERSON}\b\s*"
    r"|\bmy\s+(?:facebook|fb|insta|instagram|ig|tiktok|snapchat|snap|discord|zalo|number|phone number|email)"
    r"\s+(?:is|:)\s*"
)
_HANDLE_TAIL = re.compile(r"[^\s,;!?]+(?:[ ][^\s,;!?.]+){0,3}")
_ADDRESS = re.compile(
    r"\b(?:so nha|so)\s*\d{1,5}[a-z]?(?:\s*/\s*\d{1,5}[a-z]?)*\s*,?\s+"
    r"(?:ngo|ngach|hem|kiet|duong|pho|thon|xom|ap|to|khu|lo|toa|chung cu|phuong|xa|p\.)\b[^,.;!?\n]{0,40}"
    r"|\b(?:ngo|ngach|hem|kiet)\s+(?:so\s+)?\d{1,5}[a-z]?(?:/\d{1,5})*[^,.;!?\n]{0,40}"
    r"|\bso\s+\d{1,5}[a-z]?\s*/\s*\d{1,5}[^,.;!?\n]{0,40}"
    rf"|\bnha\s+(?:rieng\s+)?(?:cua\s+)?{_FIRST_PERSON}\s+(?:o\s+|tai\s+|so\s+)+\d{{1,5}}[a-z]?(?:/\d{{1,5}})*[^,.;!?\n]{{2,40}}"
    r"|\b\d{1,5}\s+[a-z]+\s+(?:street|st|road|rd|avenue|ave|lane)\b"
)
_UPPER = "A-ZĐÀ-ỸẠ-Ỹ"
_UPPER_WORD = f"[{_UPPER}][^\\W\\d_]*"
_STREET = re.compile(
    rf"\d{{1,5}}[A-Za-z]?(?:/\d{{1,5}})*\s+(?:[Đđ]ường|[Pp]hố|[Dd]uong|[Pp]ho)\s+{_UPPER_WORD}(?:\s+{_UPPER_WORD})*"
)
# Introductions followed by a name: the name must be capitalised words (or start with a family name).
_LIVES_ON = re.compile(
    rf"\b(?:nha|{_FIRST_PERSON}|i)\s+(?:\w+\s+){{0,2}}(?:o|song o|live on|live in|live at)\s+"
    r"(?:duong|pho|ngo|thon|xom|ap|chung cu|khu do thi|khu pho|toa nha)\s+"
)
_SCHOOL = re.compile(
    rf"\b(?:{_FIRST_PERSON}\s+(?:dang\s+)?hoc\s+(?:o|tai)\s+(?:truong\s+)?|truong\s+(?:cua\s+)?{_FIRST_PERSON}\s+(?:la\s+)?)"
    r"(?:(?:tieu hoc|th|thcs|thpt|trung hoc co so|trung hoc pho thong|mam non|pho thong|ptcs|ptth)\s+)?"
)
_NAME_INTRO = re.compile(
    rf"\b(?:(?:ho\s+(?:va\s+)?)?ten\s+(?:that\s+|day du\s+)?(?:cua\s+)?{_FIRST_PERSON}(?:\s+la|\s*:)"
    rf"|{_FIRST_PERSON}\s+ten(?:\s+la|\s+that la)?"
    rf"|{_FIRST_PERSON}\s+la"
    r"|my\s+(?:full\s+|real\s+)?name\s+is|i\s+am\s+called|i'm\s+called|call\s+me)\s*:?\s+"
)
_NAME_WORD = re.compile(r"[^\W\d_]+")
_SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao mai trinh luong cao "
    "ta lam chu to ha vuong quach doan thai luu kieu tong giang khuc nong trieu mac lai".split()
)
_NAME_STOP = frozenset(
    "va hoc lop nam em minh o tai nha nhe a oi thi con cua la tuoi truong dang rat ne and i am from in at".split()
)
_MAX_NAME_WORDS = 4


def find_personal_info(text: Normalized) -> list[tuple[int, int]]:
    """Original spans of personal information in the post."""
    search = text.visible_search
    spans: list[tuple[int, int]] = []
    if sum(ch.isdigit() for ch in text.visible) >= _MIN_PHONE_DIGITS:
        spans.extend(_phone_numbers(text))
    if any(word.simple in _DIGIT_WORDS for word in text.words):
        spans.extend(text.span_of_visible(*m.span()) for m in _SPELLED_DIGITS.finditer(search) if _spelled(m))
    if "@" in search or " a cong" in search or "(at)" in search or "[at]" in search:
        spans.extend(text.span_of_visible(*_trimmed(search, *m.span())) for m in _EMAIL.finditer(search))
    if "." in search:
        spans.extend(text.span_of_visible(*_trimmed(search, *m.span())) for m in _PROFILE_LINK.finditer(search))
    if "@" in search:
        spans.extend(text.span_of_visible(*m.span()) for m in _HANDLE.finditer(search))
    for match in _ACCOUNT.finditer(search):
        tail = _HANDLE_TAIL.match(search, match.end())
        if tail:
            spans.append(text.span_of_visible(match.start(), _trimmed(search, tail.start(), tail.end())[1]))
    spans.extend(text.span_of_visible(*_trimmed(search, *m.span())) for m in _ADDRESS.finditer(search))
    spans.extend(text.span_of_visible(*m.span()) for m in _STREET.finditer(text.visible))
    spans.extend(_named_after(text, _LIVES_ON, minimum=1))
    spans.extend(_named_after(text, _SCHOOL, minimum=2))
    spans.extend(_named_after(text, _NAME_INTRO, minimum=2, family_name=True))
    return spans


def _phone_numbers(text: Normalized) -> list[tuple[int, int]]:
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text.visible, REGION, leniency=phonenumbers.Leniency.VALID):
        if _is_personal(match.number):
            spans.append(text.span_of_visible(match.start, match.end))
    for run in _SPLIT_DIGITS.finditer(text.visible):
        spans.extend(_numbers_in_run(text, run))
    return spans


def _numbers_in_run(text: Normalized, run: re.Match[str]) -> list[tuple[int, int]]:
    """Valid numbers made of consecutive digit groups of a run ("0912 345 678 0987 654 321" is
    two numbers): from each group, the longest valid one. A run too long to search within the
    budget is personal information as a whole (nobody types hundreds of digits by chance)."""
    groups = [(run.start() + g.start(), run.start() + g.end()) for g in _DIGIT_GROUP.finditer(run.group())]
    spans = []
    budget = _PARSE_BUDGET
    first = 0
    while first < len(groups):
        lengths = _candidate_ends(text, groups, first)
        if len(lengths) > budget:
            return [*spans, text.span_of_visible(groups[first][0], groups[-1][1])]
        budget -= len(lengths)
        for last in lengths:
            if _is_phone("".join(text.visible[a:b] for a, b in groups[first:last])):
                spans.append(text.span_of_visible(groups[first][0], groups[last - 1][1]))
                first = last
                break
        else:
            first += 1
    return spans


def _candidate_ends(text: Normalized, groups: list[tuple[int, int]], first: int) -> list[int]:
    """Ends (exclusive group indexes) giving a phone-length number from group `first`, longest first;
    none unless it starts like a phone number (0…, +…, 84…)."""
    head = text.visible[groups[first][0] : groups[first][1]]
    if not head.startswith(("0", "+", "84")):
        return []
    ends = []
    length = 0
    for last in range(first, len(groups)):
        length += len(text.visible[groups[last][0] : groups[last][1]].lstrip("+"))
        if length > _MAX_PHONE_DIGITS:
            break
        if length >= _MIN_PHONE_DIGITS:
            ends.append(last + 1)
    return ends[::-1]


def _is_phone(digits: str) -> bool:
    if digits.lstrip("+") in SERVICE_NUMBERS:
        return False
    try:
        number = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) and _is_personal(number)


def _is_personal(number: phonenumbers.PhoneNumber) -> bool:
    national = str(number.national_number)
    if national in SERVICE_NUMBERS or phonenumbers.number_type(number) in _SERVICE_TYPES:
        return False
    return True


def _spelled(match: re.Match[str]) -> bool:
    """A phone number spelled out in words: "không chín một hai ba bốn năm sáu bảy tám"."""
    digits = "".join(_DIGIT_WORDS.get(word, word) for word in re.findall(r"[a-z]+|\d", match.group()))
    if not digits.isdigit() or not digits.startswith("0"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, REGION))
    except phonenumbers.NumberParseException:
        return False


def _named_after(
    text: Normalized, intro: re.Pattern[str], minimum: int, family_name: bool = False
) -> list[tuple[int, int]]:
    """Names right after an introduction: at least `minimum` capitalised words, or (for a person)
    a family name and a given name typed in lower case ("tên em là nguyễn văn an")."""
    spans = []
    for found in intro.finditer(text.visible_search):
        words: list[re.Match[str]] = []
        for word in _NAME_WORD.finditer(text.visible, found.end()):
            between = text.visible[(words[-1].end() if words else found.end()) : word.start()]
            if between.strip() or len(words) == _MAX_NAME_WORDS:
                break
            words.append(word)
        plain_words = [text.visible_search[w.start() : w.end()] for w in words]
        capitalised = next((i for i, w in enumerate(words) if not w.group()[0].isupper()), len(words))
        chosen = words[:capitalised] if capitalised >= minimum else []
        if not chosen and family_name and plain_words and plain_words[0] in _SURNAMES:
            given = next((i for i, w in enumerate(plain_words) if i and w in _NAME_STOP), len(words))
            chosen = words[:given] if given >= 2 else []
        if chosen and plain_words[0] not in _NAME_STOP:
            spans.append(text.span_of_visible(chosen[0].start(), chosen[-1].end()))
    return spans


def _trimmed(search: str, start: int, end: int) -> tuple[int, int]:
    while end > start and search[end - 1] in ".,;:!?)]}>\"' ":
        end -= 1
    return start, end
