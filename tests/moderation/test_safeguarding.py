"""Disclosures are held with the safeguarding reason; talk about a topic is not a disclosure."""

import pytest

from forum.moderation import check
from forum.moderation.normalize import normalize
from forum.moderation.safeguarding import find_disclosures

DISCLOSURES = {
    "violence": [
        "bố em hay đánh em",
        "mẹ đánh em bằng roi",
        "bo em danh em",
        "my dad hits me",
        "Bố em hay dùng dây lưng đánh em",
        "em sợ về nhà lắm",
    ],
    "sexual": [
        "chú hàng xóm sờ vào người em",
        "có người bắt em giữ bí mật và chạm vào em",
        "ai đó bảo em gửi ảnh không mặc quần áo",
        "someone touched me",
        "he asked me for nude photos",
        "một người trên mạng muốn gặp em và bảo em đừng nói với bố mẹ",
    ],
    "self_harm": [
        "em muốn chết",
        "em không muốn sống nữa",
        "em muốn tự tử",
        "em hay tự làm đau mình",
        "em cắt tay",
        "i want to die",
        "i want to kill myself",
        "e ko mún sống nữa",
    ],
    "labour": [
        "em phải đi làm thuê cả ngày không được đi học",
        "bố mẹ bắt em đi bán vé số đến tối",
        "I have to work all day and can't go to school",
    ],
    "bullying": [
        "các bạn trong lớp đánh em và trêu em hằng ngày",
        "they bully me every day",
        "bị bắt nạt",
        "không ai chơi với em cả",
    ],
    "neglect": ["em bị bỏ đói", "không ai cho em ăn", "nobody feeds me"],
}


@pytest.mark.parametrize(("kind", "text"), [(kind, text) for kind, texts in DISCLOSURES.items() for text in texts])
def test_disclosures_are_held_for_safeguarding(kind, text):
    verdict = check(text)
    assert (verdict.action, verdict.reasons) == ("hold", ("safeguarding",))
    assert kind in {d.kind for d in find_disclosures(normalize(text))}


@pytest.mark.parametrize(
    "text",
    [
        "chúng ta nên học cách phòng chống xâm hại trẻ em",
        "trường nên dạy về bạo lực học đường",
        "we should learn how to prevent abuse",
        "phim nói về một bạn bị bắt nạt",
        "em nghĩ bố mẹ không nên đánh con",
        "bố mẹ em không bao giờ đánh em",
        "nếu bị bắt nạt hãy gọi 111",
        "trẻ em bị bạo hành cần được giúp đỡ",
        "không ai được chạm vào vùng kín của mình",
        "cô giáo bảo em giữ bí mật về bữa tiệc sinh nhật",
        "em đói muốn chết",
        "mẹ nhắc em đánh răng",
        "bố em hay đá bóng với em",
        "em sờ vào con mèo",
        "em bị ngã xe đạp",
        "I want to dye my hair",
    ],
)
def test_topic_talk_opinions_and_idioms_are_not_disclosures(text):
    assert check(text).action == "allow"


def test_a_disclosure_after_an_opinion_in_another_clause_is_still_found():
    assert check("Em nghĩ bố mẹ không nên đánh con, vì bố em hay đánh em.").reasons == ("safeguarding",)


def test_the_span_covers_the_disclosure():
    text = "Hôm qua chú hàng xóm sờ vào người em."
    span = check(text).spans[0]
    assert text[span.start : span.end] == "sờ vào người em"


@pytest.mark.parametrize(
    "text",
    [
        "chú em hay bạt tai em mỗi khi say",
        "Dad kicks me when he's drunk.",
        "Cả nhóm bạn trong lớp lập nhóm chat để chửi em.",
        "Em mệt mỏi lắm, chỉ muốn chết thôi.",
    ],
)
def test_the_safety_net_holds_harm_words_about_the_speaker(text):
    assert check(text).reasons == ("safeguarding",)


@pytest.mark.parametrize(
    "text",
    [
        "Em mong các bạn bị bắt nạt sẽ dũng cảm nói ra.",
        "Em không bị bắt nạt ở trường.",
        "Bài văn của em kể về một bạn bị bỏ rơi.",
        "Em muốn chết cười khi xem hài.",
    ],
)
def test_the_safety_net_ignores_other_people_negation_and_topic_talk(text):
    assert check(text).action == "allow"
