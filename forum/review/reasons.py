"""The reasons children are told, in words a child understands: why a post was not shown, why
their posting is paused, what they may report. Keys are stored; the words are translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# A moderator picks one when rejecting or removing; the child sees the text on their post.
REJECTION_REASONS = {
    "unkind": _l("It could hurt someone's feelings. Try saying it in a kinder way."),
    "personal_info": _l("It shows personal information, like a phone number or an address. Keep that private."),
    "off_topic": _l("It is not about this topic. Try again with your ideas about the question."),
    "rude_words": _l("It has rude words. Please say it again without them."),
    "unclear": _l("We could not understand it. Could you say it in another way?"),
    "duplicate": _l("You already said this. Thank you, we heard you!"),
    # For a post that tells of harm: never shown to others, and the child is told why, kindly.
    "kept_private": _l(
        "Thank you for telling us. This stays private: a grown-up whose job is to keep children safe is reading it."
    ),
}
# Why a moderator pauses a child's posting; the child sees it when they try to post.
SUSPENSION_REASONS = {
    "repeated_unkind": _l("Some of your posts were unkind to others, so you need a short break from posting."),
    "repeated_rude_words": _l("Some of your posts had rude words, so you need a short break from posting."),
    "sharing_personal_info": _l("You shared personal information several times, so posting is paused for a while."),
    "spam": _l("You posted the same thing many times, so posting is paused for a while."),
}
# What a child may say when they press "This worries me" (forum.discussions.models.ReportReason).
REPORT_REASONS = {
    "unkind": _l("It is unkind or mean"),
    "scary": _l("It is scary or upsetting"),
    "personal": _l("It shows someone's personal information"),
    "worried_for_author": _l("I am worried about the person who wrote it"),
    "other": _l("Something else"),
}
