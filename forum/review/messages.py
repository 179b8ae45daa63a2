"""What moderators read: why an item is held, the names of decisions, and refusals by code.

English msgids; the Vietnamese catalogue translates them. What children read is in `reasons`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Why an item is in the queue: the rules' reason codes plus "reported" and "pre_moderation".
HELD_REASON_NAMES = {
    "safeguarding": _l("Safeguarding"),
    "reported": _l("Reported by children"),
    "pre_moderation": _l("Pre-moderation"),
    "personal_info": _l("Personal information"),
    "profanity": _l("Profanity"),
    "insult": _l("Insult"),
    "link": _l("Link"),
    "invisible_characters": _l("Hidden characters"),
    "custom": _l("Custom word rule"),
}
ACTION_NAMES = {
    "approve": _l("Approved"),
    "redact": _l("Redacted and approved"),
    "reject": _l("Rejected"),
    "remove": _l("Removed"),
    "open_case": _l("Safeguarding case opened"),
    "suspend": _l("Posting suspended"),
    "lift_suspension": _l("Suspension lifted"),
}
KIND_NAMES = {"post": _l("Discussion post"), "answer": _l("Survey answer")}
POST_STATUS_NAMES = {
    "pending": _l("Waiting"),
    "published": _l("Published"),
    "hidden": _l("Hidden by reports"),
    "rejected": _l("Rejected"),
    "removed": _l("Removed"),
}
TEXT_STATUS_NAMES = {
    "pending": _l("Waiting"),
    "approved": _l("Approved"),
    "redacted": _l("Redacted"),
    "rejected": _l("Rejected"),
}
# A moderator's reason, in the moderator's words, beside the child-facing text.
REASON_NAMES = {
    "unkind": _l("Unkind"),
    "personal_info": _l("Personal information"),
    "off_topic": _l("Off topic"),
    "rude_words": _l("Rude words"),
    "unclear": _l("Unclear"),
    "duplicate": _l("Duplicate"),
    "kept_private": _l("Kept private (safeguarding)"),
    "repeated_unkind": _l("Repeatedly unkind"),
    "repeated_rude_words": _l("Repeated rude words"),
    "sharing_personal_info": _l("Sharing personal information"),
    "spam": _l("Spam"),
}
SUSPENSION_LENGTHS = {1: _l("1 day"), 3: _l("3 days"), 7: _l("7 days")}

DECISION_ERRORS = {
    "already_decided": _l("Someone already decided this. Nothing was changed by your request."),
    "claimed": _l("Another moderator is working on this item. Take it over first if they have stopped."),
    "wrong_kind": _l("That cannot be done to this kind of item."),
    "not_published": _l("Only a published post can be removed; reject a waiting post instead."),
    "not_pending": _l("This post is not waiting for a decision; remove it instead if it must go."),
    "unchanged": _l("The text is the same as the child's. Hide something, or press Approve."),
    "empty": _l("The redacted text cannot be empty. Reject the item instead."),
    "too_long": _l("The redacted text is too long."),
    "invisible": _l("Remove the invisible control characters from the text."),
    "bad_reason": _l("Choose one of the reasons in the list."),
    "no_child": _l("This child's account no longer exists."),
    "already_lifted": _l("This suspension has already ended or been lifted."),
}
