"""How long a typical survey's charts take to draw, cold (a cache miss: build the figure and render
it) and cached (a hit in the chart cache), as SVG for the page and PNG at print resolution.

Run with `make bench` or `.venv/bin/python bench/charts.py [--runs N]`. Tables are built by hand
(the charts never read the database). Medians of several runs after one warm-up render (fonts
load once per process). With REDIS_URL set, cached times are Redis hits; otherwise the in-process
LRU's. `chart_timings()` is importable for other benchmarks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum import create_app  # noqa: E402
from forum.results.breakdown_charts import breakdown_chart  # noqa: E402
from forum.results.chart_cache import get_or_render  # noqa: E402
from forum.results.chart_render import PRINT_DPI, render_png, render_svg  # noqa: E402
from forum.results.charts import Chart, question_chart  # noqa: E402
from forum.results.participation_charts import participation_chart  # noqa: E402
from forum.results.tables import Granularity  # noqa: E402
from tests.results import chart_tables as tables  # noqa: E402

LANGUAGE = "vi"


@dataclass(frozen=True)
class Timing:
    name: str
    svg_cold: float
    png_cold: float
    svg_cached: float
    png_cached: float
    svg_bytes: int
    png_bytes: int


def typical_survey() -> dict[str, Callable[[], Chart | None]]:
    """Ten questions of the usual kinds, one breakdown and participation: one results page."""
    kinds = tables.all_kinds()
    breakdowns = tables.breakdowns()
    charts: dict[str, Callable[[], Chart | None]] = {
        name: (lambda result=result: question_chart(result, min_group_size=tables.K, language=LANGUAGE))
        for name, result in kinds.items()
    }
    charts["breakdown (agree by age)"] = lambda: breakdown_chart(breakdowns["by_agree"], language=LANGUAGE)
    charts["participation"] = lambda: participation_chart(tables.participation(Granularity.DAY), language=LANGUAGE)
    return charts


def _median(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _chart(build: Callable[[], Chart | None]) -> Chart:
    chart = build()
    assert chart is not None
    return chart


def chart_timings(runs: int = 5, cached_runs: int = 50) -> list[Timing]:
    """Per chart: cold and cached medians (seconds) and sizes. Needs an app context."""
    found = []
    for index, (name, build) in enumerate(typical_survey().items()):
        prefix = f"chart-{index}"
        svg = render_svg(_chart(build), prefix)
        png = render_png(_chart(build), PRINT_DPI)
        svg_cold = _median(lambda b=build, p=prefix: render_svg(_chart(b), p), runs)
        png_cold = _median(lambda b=build: render_png(_chart(b), PRINT_DPI), max(3, runs // 2))
        svg_key = ("bench", index, "svg", prefix, LANGUAGE, tables.K, time.time_ns())
        png_key = ("bench", index, "png", PRINT_DPI, LANGUAGE, tables.K, time.time_ns())
        get_or_render(svg_key, lambda s=svg: s)
        get_or_render(png_key, lambda p=png: p)
        svg_cached = _median(lambda k=svg_key: get_or_render(k, lambda: b""), cached_runs)
        png_cached = _median(lambda k=png_key: get_or_render(k, lambda: b""), cached_runs)
        found.append(Timing(name, svg_cold, png_cold, svg_cached, png_cached, len(svg), len(png)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per chart (median)")
    arguments = parser.parse_args()
    overrides: dict[str, object] = {
        "ENVIRONMENT": "test",
        "SECRET_KEY": "bench-secret-key-long-enough",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
    if os.environ.get("REDIS_URL"):
        overrides["REDIS_URL"] = os.environ["REDIS_URL"]
    app = create_app(overrides)
    with app.test_request_context(headers={"Accept-Language": LANGUAGE}):
        started = time.perf_counter()
        question_chart(tables.single_choice(), min_group_size=tables.K, language=LANGUAGE)
        first = time.perf_counter() - started
        timings = chart_timings(arguments.runs)
    storage = "Redis" if "REDIS_URL" in overrides else "in-process LRU"
    print(f"first chart in this process (fonts load): {first * 1000:.0f} ms; cache: {storage}")
    print(f"{'chart':<26} {'SVG cold':>9} {'cached':>8} {'PNG@300 cold':>13} {'cached':>8} {'SVG kB':>7} {'PNG kB':>7}")
    for row in timings:
        print(
            f"{row.name:<26} {row.svg_cold * 1000:>7.0f}ms {row.svg_cached * 1e6:>6.0f}µs "
            f"{row.png_cold * 1000:>11.0f}ms {row.png_cached * 1e6:>6.0f}µs "
            f"{row.svg_bytes / 1024:>7.1f} {row.png_bytes / 1024:>7.1f}"
        )
    svg_cold = sum(row.svg_cold for row in timings)
    svg_cached = sum(row.svg_cached for row in timings)
    png_cold = sum(row.png_cold for row in timings)
    print(
        f"whole page ({len(timings)} charts as SVG): cold {svg_cold * 1000:.0f} ms, cached {svg_cached * 1000:.2f} ms "
        f"({svg_cold / svg_cached:,.0f}x); all as print PNG cold {png_cold:.1f} s"
    )


if __name__ == "__main__":
    main()
