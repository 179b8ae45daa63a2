"""Auto-moderation: a pure library (no Flask, no database) giving a verdict on a child's post.

    from forum.moderation import check
    check("đm bạn").to_json()  # {"action": "block", "reasons": ["profanity"], "spans": [...]}

`rules.check` decides, `wordrules` holds the word rules, `normalize` folds the text,
`personal_info`, `links` and `safeguarding` find what word lists cannot.
"""

from forum.moderation.rules import Reason, Span, Verdict, check
from forum.moderation.wordrules import Action, Category, Language, RuleSet, WordRule, default_rules

__all__ = [
    "Action",
    "Category",
    "Language",
    "Reason",
    "RuleSet",
    "Span",
    "Verdict",
    "WordRule",
    "check",
    "default_rules",
]
