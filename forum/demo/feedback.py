"""The demo's draft feedback for the closed consultation "Thời gian dành cho học tập và vui chơi".

Complete but not published: a policy officer trying the demo reviews it, previews it per age band
and publishes it; children then see it on their home page. Three points with the outcomes children
meet most (adopted, partly adopted, not adopted, each with its reason). Added once: left alone when
the consultation already has feedback or is not closed. Functions flush, never commit.
"""

from __future__ import annotations

from collections.abc import Sequence

from forum.consultations import services as consultations
from forum.consultations.models import ConsultationStatus
from forum.demo.consultations import STUDY_AND_PLAY, nearest_band
from forum.feedback import services as feedback
from forum.feedback.models import Outcome

SUMMARY = {
    "vi": "Hơn 300 học sinh ở Hải Phòng đã cho biết các em học bao lâu và còn bao nhiêu thời gian để chơi. Sở Giáo "
    "dục và Đào tạo đã đọc mọi ý kiến khi soạn hướng dẫn về bài tập về nhà và dạy thêm, học thêm. Dưới đây là "
    "những điều các em nêu nhiều nhất, điều đã được tiếp thu và lý do.",
    "en": "More than 300 pupils in Hai Phong told us how long they study and how much time is left to play. The "
    "Department of Education and Training read every view while drafting its guidance on homework and extra "
    "tuition. Below are the points you raised most, what was taken up, and why.",
}
# Written for the default bands; other configured bands take the nearest one's.
BAND_SUMMARIES = {
    "6-8": {
        "vi": "Các em nói muốn có thêm thời gian để chơi. Người lớn đã lắng nghe: Chủ nhật sẽ không có bài tập về "
        "nhà, và không ai được bắt em đi học thêm.",
        "en": "You said you want more time to play. The grown-ups listened: there will be no homework on Sundays, "
        "and nobody may make you go to extra classes.",
    },
    "9-11": {
        "vi": "Cảm ơn các em đã trả lời! Hướng dẫn mới nói: học thêm là tự nguyện, Chủ nhật và ngày lễ không có "
        "bài tập về nhà. Việc mở sân thể thao của trường sau giờ học chưa thể quyết định trong hướng dẫn này.",
        "en": "Thank you for answering! The new guidance says extra classes are your choice, and there is no "
        "homework on Sundays or holidays. Opening school sports grounds after lessons could not be decided in "
        "this guidance.",
    },
    "12-14": {
        "vi": "Ý kiến của các em đã giúp Sở Giáo dục và Đào tạo sửa hướng dẫn: học thêm phải tự nguyện, có đơn "
        "của cha mẹ và của chính em; Chủ nhật không giao bài tập. Ý kiến về sân thể thao đã được gửi đến Ủy ban "
        "nhân dân thành phố.",
        "en": "Your views helped the Department of Education and Training change its guidance: extra classes must "
        "be voluntary, with a form signed by your parents and by you; no homework on Sundays. Your views on "
        "sports grounds were sent on to the city People's Committee.",
    },
    "15-17": {
        "vi": "Sở Giáo dục và Đào tạo đã tiếp thu hai đề xuất lớn của các em: học thêm là tự nguyện và có ngày "
        "nghỉ không bài tập. Đề xuất không giao bài tập cả thứ Bảy chỉ được tiếp thu một phần; đề xuất mở sân "
        "thể thao nằm ngoài phạm vi hướng dẫn này và đã được chuyển đến cơ quan phụ trách.",
        "en": "The Department of Education and Training took up two of your main proposals: extra tuition is "
        "voluntary, and there is a homework-free day. No homework on Saturdays was taken up only in part; opening "
        "sports grounds is outside this guidance and was passed to the body responsible.",
    },
}
POINTS = (
    feedback.PointInput(
        raised={
            "vi": "Học thêm phải là tự nguyện, không bắt buộc.",
            "en": "Extra classes should be voluntary, not compulsory.",
        },
        outcome=Outcome.ADOPTED,
        explanation={
            "vi": "Hướng dẫn ghi rõ: nhà trường và thầy cô không được bắt buộc học sinh học thêm. Muốn học thêm "
            "phải có đơn của cha mẹ và của chính em.",
            "en": "The guidance says clearly that schools and teachers may not make pupils take extra classes. "
            "Extra classes need a form signed by your parents and by you.",
        },
    ),
    feedback.PointInput(
        raised={
            "vi": "Không giao bài tập về nhà vào cuối tuần.",
            "en": "No homework at weekends.",
        },
        outcome=Outcome.PARTLY_ADOPTED,
        explanation={
            "vi": "Chủ nhật và ngày lễ sẽ không có bài tập về nhà. Thứ Bảy vẫn có thể có một ít bài ôn tập, không "
            "quá 30 phút, vì nhiều thầy cô và cha mẹ cho rằng ôn bài đều đặn giúp các em nhớ lâu hơn.",
            "en": "There will be no homework on Sundays and holidays. Saturdays may still have a little revision, "
            "30 minutes at most, because many teachers and parents think regular revision helps you remember.",
        },
    ),
    feedback.PointInput(
        raised={
            "vi": "Mở cửa sân thể thao của trường sau giờ học.",
            "en": "Open school sports grounds after lessons.",
        },
        outcome=Outcome.NOT_ADOPTED,
        explanation={
            "vi": "Hướng dẫn này chỉ nói về bài tập và học thêm, nên không thể quyết định việc mở sân trường. Sở đã "
            "gửi ý kiến của các em đến Ủy ban nhân dân thành phố, nơi lo về sân chơi và sân thể thao.",
            "en": "This guidance only covers homework and extra tuition, so it cannot decide on opening school "
            "grounds. The Department sent your views to the city People's Committee, which is responsible for "
            "play areas and sports grounds.",
        },
    ),
)


def seed_feedback(bands: Sequence[str]) -> bool:
    """Add the draft feedback (`bands`: the configured band keys). True when it was added now."""
    consultation = next(
        (c for c in consultations.list_consultations() if c.title.get("vi") == STUDY_AND_PLAY.title["vi"]), None
    )
    if consultation is None or consultation.status is not ConsultationStatus.CLOSED:
        return False
    if feedback.get_feedback_of(consultation) is not None:
        return False
    draft = feedback.start_feedback(consultation)
    needed = feedback.feedback_bands(consultation, bands)
    summaries = {band: BAND_SUMMARIES[nearest_band(band, list(BAND_SUMMARIES))] for band in needed}
    feedback.save_summaries(draft, feedback.SummariesInput(SUMMARY, summaries), needed, None)
    for point in POINTS:
        feedback.add_point(draft, point, needed, None)
    return True
