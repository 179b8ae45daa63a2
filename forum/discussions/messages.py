"""What people are told in the discussions: refusals by code, names of modes and states, and the
labels beside highlighted words (text, never colour alone). English msgids; the Vietnamese
catalogue translates them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

TOPIC_ERRORS = {
    "title_missing": _l("Please give the topic a title in Vietnamese."),
    "band_outside": _l("Choose age bands that the consultation is for."),
    "area_outside": _l("Choose areas that the consultation is for."),
    "slow_mode_range": _l("Enter a number of seconds from 0 to 86400."),
}
TOPIC_ERROR_FIELDS = {
    "title_missing": "title_vi",
    "band_outside": "target_bands",
    "area_outside": "areas",
    "slow_mode_range": "slow_mode_seconds",
}
MODE_NAMES = {"pre": _l("Pre-moderation"), "post": _l("Post-moderation")}

# Beside a highlighted part of the child's text.
SPAN_LABELS = {
    "phone": _l("phone number"),
    "email": _l("e-mail address"),
    "personal_info": _l("personal information"),
    "profanity": _l("rude word"),
    "insult": _l("unkind word"),
    "link": _l("link"),
    "invisible_characters": _l("hidden character"),
    "custom": _l("word to change"),
}

POSTING_REFUSALS = {
    "closed": _l("This discussion is closed, so new posts cannot be sent. Thank you for wanting to share your ideas!"),
    "own_post": _l("This is your own post."),
    "not_published": _l("This post cannot be used for that right now."),
    "blocked": _l(
        "Some words in your post are rude. Please say it again in a kinder way: we really want to hear your idea."
    ),
    "nothing_left": _l("Nothing was left after removing the personal information. Please write your idea again."),
    "bad_reply": _l("The post you are replying to cannot be found any more."),
}
