"""Chart bytes: PNG for print and screen, and SVG that is accessible, deterministic and safe inline.

The SVG is post-processed from Matplotlib's output:
* a <title> and <desc> (first children) with `role="img"`, `aria-labelledby` and `aria-describedby`;
* every id prefixed (`id_prefix`), so several charts on one page share no ids — hatch patterns and
  clip paths would otherwise collide and one chart would use another's;
* style attributes and the <style> element turned into presentation attributes: the site's
  Content-Security-Policy (`style-src 'self'`) blocks inline styles, presentation attributes are not
  styles. Text content is never touched (Matplotlib's writer escapes it; we re-serialise with
  ElementTree, which escapes again on output).
"""

from __future__ import annotations

import io
import re
from xml.etree.ElementTree import Element, register_namespace, tostring  # noqa: S405 (writing only)

from defusedxml.ElementTree import fromstring
from markupsafe import Markup
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from forum.results.chart_style import WHITE, clean
from forum.results.charts import Chart

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
register_namespace("", SVG_NS)
register_namespace("xlink", XLINK_NS)

PRINT_DPI = 300
SCREEN_DPI = 96
MIN_DPI = 50
MAX_DPI = 600
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
ID_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
URL_REFERENCE = re.compile(r"url\(#([^)\s]+)\)")
# The CSS properties Matplotlib writes, all of them SVG presentation attributes as well.
PRESENTATION = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity",
        "font-family", "font-size", "font-style", "font-weight", "font-stretch", "font-variant",
        "text-anchor", "letter-spacing", "clip-path", "mix-blend-mode",
    }
)  # fmt: skip
# What Matplotlib's <style> element sets for every element; inherited from the root instead.
ROOT_DEFAULTS = {"stroke-linejoin": "round", "stroke-linecap": "butt"}
SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def render_png(chart: Chart, dpi: int = PRINT_DPI) -> bytes:
    """PNG bytes at `dpi` (PRINT_DPI for reports and downloads, SCREEN_DPI for previews), with the
    title and description in the file's text chunks.

    Drawn with Agg and stored as 256 colours: charts have a few flat colours, so the file is about a
    third of the size and encodes twice as fast as Matplotlib's RGBA PNG at print resolution."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ValueError(f"dpi must be between {MIN_DPI} and {MAX_DPI}")
    figure = chart.figure
    canvas = FigureCanvasAgg(figure)
    original = figure.dpi
    figure.set_dpi(dpi)
    try:
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        pixels = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        image = pixels.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE)
    finally:
        figure.set_dpi(original)
    info = PngInfo()
    info.add_itxt("Title", clean(chart.title))
    info.add_itxt("Description", clean(chart.description))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, compress_level=6)
    return buffer.getvalue()


def render_svg(chart: Chart, id_prefix: str = "chart") -> bytes:
    """A standalone SVG document. Every id in it starts with `id_prefix` ("chart-q12"), which must be
    unique on the page that embeds it; the same chart and prefix always give the same bytes."""
    if not ID_PREFIX.match(id_prefix):
        raise ValueError("id_prefix must start with a letter and hold only letters, digits, - and _")
    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format="svg", facecolor=WHITE, metadata=SVG_METADATA)
    root = fromstring(buffer.getvalue())
    _inline_safe(root, id_prefix)
    _label(root, id_prefix, clean(chart.title), clean(chart.description))
    return XML_DECLARATION + tostring(root, encoding="unicode").encode("utf-8")


def inline_svg(svg: bytes) -> Markup:
    """`render_svg` output for embedding in a page (XML declaration removed). Safe to mark up: the
    document is ours and every staff-written text in it is escaped."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0 or not text.rstrip().endswith("</svg>"):
        raise ValueError("not an SVG document from render_svg")
    return Markup(text[start:])  # noqa: S704 (escaped by the SVG writer and ElementTree)


def _tag(name: str) -> str:
    return f"{{{SVG_NS}}}{name}"


def _inline_safe(root: Element, prefix: str) -> None:
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == _tag("style"):
                parent.remove(child)
    for name, value in ROOT_DEFAULTS.items():
        root.set(name, value)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _, value = declaration.partition(":")
                name, value = name.strip(), value.strip()
                if name in PRESENTATION and value and name not in element.attrib:
                    element.set(name, value)
        for name, value in list(element.attrib.items()):
            if name == "id":
                element.set(name, f"{prefix}-{value}")
            elif name in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, URL_REFERENCE.sub(lambda m: f"url(#{prefix}-{m.group(1)})", value))
    # Empty <defs> left by the removed <style>.
    for child in list(root):
        if child.tag == _tag("defs") and len(child) == 0:
            root.remove(child)


def _label(root: Element, prefix: str, title: str, description: str) -> None:
    title_element = Element(_tag("title"), {"id": f"{prefix}-title"})
    title_element.text = title
    desc_element = Element(_tag("desc"), {"id": f"{prefix}-desc"})
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    root.set("id", prefix)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("aria-describedby", f"{prefix}-desc")
