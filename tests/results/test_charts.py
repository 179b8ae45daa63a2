"""Charts from hand-built suppressed tables: every kind renders to SVG and PNG, withheld numbers are
hatched outlines with no number, Vietnamese survives, staff text is escaped, output is repeatable."""

from __future__ import annotations

import io
import re
import threading
import unicodedata
from xml.etree.ElementTree import Element  # noqa: S405 (type only)

import matplotlib
import pytest
from defusedxml.ElementTree import fromstring
from matplotlib import font_manager
from PIL import Image

from forum.results import chart_style
from forum.results.breakdown_charts import breakdown_chart
from forum.results.chart_render import PRINT_DPI, inline_svg, render_png, render_svg
from forum.results.charts import Chart, question_chart, withheld_chart
from forum.results.participation_charts import participation_chart
from forum.results.tables import Granularity, ResultStatus
from forum.surveys.definition import YES_NO, QuestionType
from tests.results import chart_tables as t

SVG = "{http://www.w3.org/2000/svg}"
FAST_DPI = 50
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def chart_of(name: str) -> Chart:
    kinds = t.all_kinds()
    if name in kinds:
        chart = question_chart(kinds[name], min_group_size=t.K, language="vi")
    elif name.startswith("by_"):
        chart = breakdown_chart(t.breakdowns()[name], language="vi")
    else:
        granularity, _, status = name.removeprefix("participation_").partition("_")
        chart = participation_chart(
            t.participation(Granularity(granularity), ResultStatus(status) if status else ResultStatus.SHOWN)
        )
    assert chart is not None
    return chart


ALL = [*t.all_kinds(), *t.breakdowns(), "participation_day", "participation_week", "participation_period",
       "participation_day_too_few"]  # fmt: skip


def parse(svg: bytes) -> Element:
    return fromstring(svg)


def texts(root: Element) -> list[str]:
    """The visible text of the chart (not the <title>/<desc>)."""
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def ids(root: Element) -> list[str]:
    return [e.get("id") for e in root.iter() if e.get("id")]


@pytest.mark.parametrize("name", ALL)
def test_every_kind_renders_accessible_inline_safe_svg_and_png(name: str) -> None:
    chart = chart_of(name)
    svg = render_svg(chart, id_prefix=f"chart-{name}")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == chart.title and title.text
    assert desc.tag == f"{SVG}desc" and desc.text == chart.description and desc.text
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id") == f"chart-{name}-title"
    assert root.get("aria-describedby") == desc.get("id") == f"chart-{name}-desc"
    found = ids(root)
    assert len(found) == len(set(found)) and all(i.startswith(f"chart-{name}") for i in found)
    references = re.findall(rb"url\(#([^)]+)\)", svg) + re.findall(rb'href="#([^"]+)"', svg)
    assert {r.decode() for r in references} <= set(found)
    # The site's CSP has no 'unsafe-inline' for styles: nothing may rely on style attributes.
    assert all(e.get("style") is None for e in root.iter())
    assert not list(root.iter(f"{SVG}style"))
    png = render_png(chart, dpi=FAST_DPI)
    assert png.startswith(PNG_MAGIC)


def test_png_has_print_resolution_and_carries_the_text() -> None:
    chart = chart_of("single")
    image = Image.open(io.BytesIO(render_png(chart)))
    assert image.size[0] == round(chart_style.WIDTH * PRINT_DPI)
    assert image.text["Title"] == chart.title
    assert "Công viên" in image.text["Description"]


def test_withheld_option_is_a_hatched_outline_without_its_number() -> None:
    chart = chart_of("single")
    root = parse(render_svg(chart, "c"))
    markers = [e for e in root.iter() if (e.get("id") or "").startswith("c-withheld")]
    assert len(markers) == 1
    outline = markers[0].find(f"{SVG}path")
    assert outline is not None and outline.get("fill", "").startswith("url(#c-h")  # hatched
    assert outline.get("stroke-dasharray")
    bars = [e for e in root.iter(f"{SVG}path") if e.get("fill") == chart_style.BAR]
    assert len(bars) == 2  # two shown options; no zero-length bar stands in for the withheld one
    shown = texts(root)
    assert "withheld" in shown and "62% (25)" in shown and "30% (12)" in shown
    # The withheld option had 3 children (8%): neither figure may appear anywhere.
    for text in [*shown, chart.description]:
        assert not re.search(r"(?<![\d,.])3(?![\d,.%])", text.replace("(25)", "").replace("(12)", "")), text
        assert "8%" not in text and "7%" not in text
    assert any("Hatched outlines are withheld numbers" in text for text in shown)
    assert "withheld" in chart.description


def test_withheld_bin_group_and_rank_are_hatched() -> None:
    for name, markers in (("number", 1), ("rating", 1), ("ranking", 1), ("by_agree", 1), ("by_choice", 3)):
        root = parse(render_svg(chart_of(name), "c"))
        assert sum(1 for i in ids(root) if i.startswith("c-withheld")) == markers, name
        assert "withheld" in texts(root)


def test_withheld_group_shows_no_n() -> None:
    shown = " ".join(texts(parse(render_svg(chart_of("by_agree"), "c"))))
    assert "6-8 (n = 40)" in shown and "12-14 (n = 40)" in shown
    assert "9-11 (n" not in shown and "9-11" in shown


def test_withheld_question_and_result_set_are_a_message_without_bars() -> None:
    for name in ("withheld", "by_too_few", "participation_day_too_few"):
        chart = chart_of(name)
        root = parse(render_svg(chart, "c"))
        assert not [e for e in root.iter(f"{SVG}path") if e.get("fill") == chart_style.BAR]
        assert any(i.startswith("c-withheld") for i in ids(root))
        words = " ".join(texts(root))
        assert ("withheld" in words) or ("Fewer than 10" in words)
        assert not re.search(r"\d+%", words)


def test_agree_scale_with_a_withheld_option_falls_back_to_plain_bars() -> None:
    result = t.agree(counts=(None, 6, 10, 12, 8))
    chart = question_chart(result, min_group_size=t.K)
    assert chart is not None and chart.description.startswith("Bar chart")
    root = parse(render_svg(chart, "c"))
    assert sum(1 for i in ids(root) if i.startswith("c-withheld")) == 1


def test_scale_is_diverging_with_patterns_and_legend() -> None:
    chart = chart_of("agree")
    assert chart.description.startswith("Diverging bar chart")
    root = parse(render_svg(chart, "c"))
    fills = {e.get("fill") for e in root.iter(f"{SVG}path")}
    colours, patterns = chart_style.diverging_colours(2, 2)
    assert set(colours) <= fills
    assert sum(1 for f in fills if f and f.startswith("url(#c-h")) >= len([p for p in patterns if p])
    shown = texts(root)
    assert "Rất không đồng ý" in shown and "Rất đồng ý" in shown  # legend: colour is not the only cue
    assert "25% (10)" in chart.description


def test_ranking_sorted_by_mean_rank_withheld_last() -> None:
    chart = chart_of("ranking")
    order = [label for label in texts(parse(render_svg(chart, "c"))) if label.startswith("Lựa chọn")]
    assert order == ["Lựa chọn 2", "Lựa chọn 1", "Lựa chọn 4", "Lựa chọn 3"]


def test_vietnamese_diacritics_survive_in_text_and_title() -> None:
    decomposed = unicodedata.normalize("NFD", t.DIACRITICS)
    result = t.question(QuestionType.YES_NO, t.text(decomposed), [20, 20, 0], t.scale_labels(YES_NO))
    chart = question_chart(result, min_group_size=t.K, language="vi")
    assert chart is not None
    root = parse(render_svg(chart, "c"))
    assert root[0].text == t.DIACRITICS  # normalised to NFC
    words = " ".join(texts(root))
    for word in ("Thời", "học", "tập", "chơi", "Đồng", "Không", "đồng"):
        assert word in words
    assert "Có" in words and "Chưa chắc" in words


def test_font_is_dejavu_sans_shipped_with_matplotlib() -> None:
    path = font_manager.findfont(font_manager.FontProperties(family=chart_style.FONT), fallback_to_default=False)
    assert "DejaVuSans" in path
    assert matplotlib.rcParams["svg.fonttype"] == "none"
    assert matplotlib.rcParams["text.parse_math"] is False


def test_staff_text_is_escaped_and_never_parsed() -> None:
    labels = [t.text(t.HOSTILE), t.text('$x^2$ & “quotes” "q"'), t.text("tab\tbell\x07null\x00end")]
    result = t.question(QuestionType.SINGLE_CHOICE, t.text('<img src=x onerror="alert(1)">'), [20, 10, 10], labels)
    chart = question_chart(result, min_group_size=t.K)
    assert chart is not None
    svg = render_svg(chart, "c")
    assert b"<script" not in svg and b"<img" not in svg
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = parse(svg)
    shown = texts(root)
    assert t.HOSTILE in shown and '$x^2$ & “quotes” "q"' in shown and "tab bell null end" in shown
    markup = inline_svg(svg)
    assert str(markup).startswith("<svg") and "<script" not in str(markup)


def test_inline_svg_strips_the_declaration_and_refuses_other_bytes() -> None:
    svg = render_svg(chart_of("smiley3"), "chart-q7")
    assert svg.startswith(b"<?xml")
    markup = inline_svg(svg)
    assert markup.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<?xml" not in markup
    with pytest.raises(ValueError):
        inline_svg(b"<div>not a chart</div>")
    with pytest.raises(ValueError):
        render_svg(chart_of("smiley3"), '" onload="x')


def test_two_charts_on_one_page_share_no_ids() -> None:
    first = ids(parse(render_svg(chart_of("agree"), "chart-q1")))
    second = ids(parse(render_svg(chart_of("agree"), "chart-q2")))
    assert not set(first) & set(second)


def test_output_is_deterministic() -> None:
    assert render_svg(chart_of("agree"), "c") == render_svg(chart_of("agree"), "c")
    assert render_png(chart_of("number"), FAST_DPI) == render_png(chart_of("number"), FAST_DPI)
    chart = chart_of("participation_week")
    assert render_svg(chart, "c") == render_svg(chart, "c")


def test_language_picks_labels_and_number_format() -> None:
    vi = question_chart(t.histogram(), min_group_size=t.K, language="vi")
    en = question_chart(t.histogram(), min_group_size=t.K, language="en")
    assert vi is not None and en is not None
    assert vi.title == "Em ngủ mấy giờ mỗi ngày?" and en.title == "Hours of sleep?"
    assert "7,4" in " ".join(texts(parse(render_svg(vi, "c"))))
    assert "7.4" in " ".join(texts(parse(render_svg(en, "c"))))


def test_n_and_declined_notes() -> None:
    result = t.question(QuestionType.YES_NO, t.text("Có không?"), [20, 10, 10], given=40, declined=12)
    chart = question_chart(result, min_group_size=t.K)
    assert chart is not None
    shown = " ".join(texts(parse(render_svg(chart, "c"))))
    # Shares are of everyone who answered, "I'd rather not say" included: 20 of 52.
    assert "n = 52 children answered this question." in shown
    assert "12 of them chose" in shown
    assert "38% (20)" in shown


def test_text_and_note_questions_have_no_chart() -> None:
    for kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.NOTE):
        assert question_chart(t.question(kind, t.text("Ý kiến?")), min_group_size=t.K) is None


def test_long_labels_wrap_inside_the_figure() -> None:
    long = " ".join(["Không đủ thời gian vui chơi vì phải học thêm"] * 6)
    result = t.question(QuestionType.SINGLE_CHOICE, t.text(long), [20, 20], [t.text(long), t.text("Ngắn")])
    chart = question_chart(result, min_group_size=t.K)
    assert chart is not None
    width = chart.figure.get_size_inches()[0]
    renderer = chart.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for artist in chart.figure.axes[0].texts:
        extent = artist.get_window_extent(renderer)
        assert extent.x1 / chart.figure.dpi <= width + 0.01, artist.get_text()
    assert any("…" in artist.get_text() for artist in chart.figure.axes[0].texts)


def test_palette_contrast() -> None:
    colours, patterns = chart_style.diverging_colours(1, 3)
    for fill in [*colours, *chart_style.diverging_colours(2, 2)[0], chart_style.BAR]:
        assert chart_style.contrast(chart_style.text_colour(fill), fill) >= 4.5, fill
    for ink in (chart_style.INK, chart_style.MUTED):
        assert chart_style.contrast(ink, chart_style.WHITE) >= 4.5
    # Strong ends differ from mild ones by pattern too, not only by colour.
    assert patterns[0] != patterns[1] or colours[0] == colours[1]
    assert len(set(chart_style.diverging_colours(2, 2)[1])) >= 3


def test_withheld_chart_for_any_message() -> None:
    chart = withheld_chart("Khảo sát", "Chưa đủ 10 em trả lời.", language="vi")
    root = parse(render_svg(chart, "c"))
    assert chart.description == "Chưa đủ 10 em trả lời."
    assert "Chưa đủ 10 em trả lời." in texts(root)


def test_threads_drawing_at_once_get_the_same_bytes_as_one_thread() -> None:
    names = ["single", "agree", "number", "by_choice", "participation_week"]
    expected = {name: render_svg(chart_of(name), "c") for name in names}
    found: dict[str, bytes] = {}
    errors: list[BaseException] = []

    def draw(name: str) -> None:
        try:
            found[name] = render_svg(chart_of(name), "c")
            render_png(chart_of(name), FAST_DPI)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=draw, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and found == expected
