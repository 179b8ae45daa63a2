"""The chart cache: hits and misses, every key part invalidates, bounded LRU, thread safety, Redis
shared between workers, and a dead Redis costing only a redraw."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import redis
from flask import Flask
from flask_babel import Babel

from forum.results import chart_cache
from forum.results.chart_cache import (
    MemoryChartCache,
    RedisChartCache,
    cache_for,
    cache_key,
    get_or_render,
)
from forum.results.chart_render import render_svg
from forum.results.charts import question_chart
from forum.results.filters import Filters
from tests.results import chart_tables as t


def make_app(**config: object) -> Flask:
    app = Flask(__name__)
    app.config.update(config)
    return app


class Counter:
    """A render function that counts its calls."""

    def __init__(self, value: bytes = b"chart") -> None:
        self.calls = 0
        self.value = value

    def __call__(self) -> bytes:
        self.calls += 1
        return self.value + str(self.calls).encode()


def parts(**changes: object) -> tuple[object, ...]:
    base: dict[str, object] = {
        "survey": 7, "subject": "q12", "filters": Filters(gender="girl"), "format": "svg", "dpi": None,
        "prefix": "chart-q12", "language": "vi", "k": 10, "version": "40-812-20250303101010000000",
    }  # fmt: skip
    base.update(changes)
    return tuple(base.values())


def test_miss_then_hit() -> None:
    app = make_app()
    render = Counter()
    with app.app_context():
        first = get_or_render(parts(), render)
        second = get_or_render(parts(), render)
    assert first == second == b"chart1"
    assert render.calls == 1


@pytest.mark.parametrize(
    "change",
    [
        {"version": "41-813-20250303101111000000"},  # a response landed
        {"filters": Filters(gender="boy")},
        {"filters": Filters()},
        {"format": "png"},
        {"dpi": 300},
        {"prefix": "chart-q13"},
        {"language": "en"},
        {"k": 11},
        {"subject": "q12-by-age_band"},
        {"survey": 8},
        {"survey": "7"},
    ],
)
def test_every_key_part_changes_the_key(change: dict[str, object]) -> None:
    app = make_app()
    render = Counter()
    with app.app_context():
        get_or_render(parts(), render)
        assert get_or_render(parts(**change), render) == b"chart2"
    assert cache_key(parts()) != cache_key(parts(**change))


def test_style_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(parts())
    monkeypatch.setattr(chart_cache, "STYLE_VERSION", "next")
    assert cache_key(parts()) != before


def test_cache_key_is_fixed_length_and_stable() -> None:
    key = cache_key(parts(subject="q" * 5000))
    assert key.startswith("forum:chart:") and len(key) == len("forum:chart:") + 64
    assert cache_key(parts()) == cache_key(parts())


def test_render_errors_are_not_cached() -> None:
    app = make_app()

    def broken() -> bytes:
        raise RuntimeError("boom")

    with app.app_context():
        with pytest.raises(RuntimeError):
            get_or_render(parts(), broken)
        assert get_or_render(parts(), Counter()) == b"chart1"


def test_lru_is_bounded_by_entries_and_keeps_recent_ones() -> None:
    cache = MemoryChartCache(max_entries=3)
    for name in "abc":
        cache.set(name, name.encode())
    assert cache.get("a") == b"a"  # now the most recently used
    cache.set("d", b"d")
    assert len(cache) == 3
    assert cache.get("b") is None
    assert [cache.get(n) for n in "acd"] == [b"a", b"c", b"d"]
    cache.set("a", b"A")  # replacing does not grow it
    assert len(cache) == 3 and cache.get("a") == b"A"


def test_lru_is_bounded_by_bytes() -> None:
    cache = MemoryChartCache(max_entries=100, max_bytes=10)
    cache.set("a", b"123456")
    cache.set("b", b"123456")
    assert cache.get("a") is None and cache.get("b") == b"123456"
    assert cache.size_in_bytes == 6
    cache.set("huge", b"x" * 11)
    assert cache.get("huge") is None and cache.get("b") == b"123456"


def test_default_bound_is_256_entries() -> None:
    app = make_app()
    cache = cache_for(app)
    assert isinstance(cache, MemoryChartCache) and cache.max_entries == 256
    with app.app_context():
        for index in range(300):
            get_or_render(parts(subject=f"q{index}"), Counter())
    assert len(cache) == 256


def test_lru_is_thread_safe() -> None:
    cache = MemoryChartCache(max_entries=50, max_bytes=50 * 8)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for index in range(2000):
                key = f"k{(index * 7 + offset) % 120}"
                cache.set(key, b"12345678")
                value = cache.get(key)
                assert value in (None, b"12345678")
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(cache) <= 50 and cache.size_in_bytes == len(cache) * 8


def test_concurrent_requests_get_the_same_bytes() -> None:
    app = make_app()
    results: list[bytes] = []

    def request() -> None:
        with app.app_context():
            results.append(get_or_render(parts(), lambda: b"same"))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b"same"] * 8


def test_bad_settings_are_refused() -> None:
    for setting in ({"CHART_CACHE_ENTRIES": 0}, {"CHART_CACHE_BYTES": -1}, {"CHART_CACHE_ENTRIES": "many"}):
        with pytest.raises(ValueError):
            cache_for(make_app(**setting))


@pytest.mark.parametrize(
    ("config", "kind"),
    [
        ({}, MemoryChartCache),
        ({"RATELIMIT_STORAGE_URI": "memory://"}, MemoryChartCache),
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, RedisChartCache),
        ({"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"}, RedisChartCache),
        ({"CHART_CACHE_URL": "redis://127.0.0.1:1/3", "REDIS_URL": "redis://127.0.0.1:1/0"}, RedisChartCache),
    ],
)
def test_storage_follows_the_config(config: dict[str, object], kind: type) -> None:
    assert isinstance(cache_for(make_app(**config)), kind)


def test_unreachable_redis_costs_a_redraw_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    render = Counter()
    with app.app_context():
        started = time.monotonic()
        assert get_or_render(parts(), render) == b"chart1"
        # Marked down after the first failure: later requests do not wait on it again.
        assert get_or_render(parts(), render) == b"chart2"
        assert time.monotonic() - started < 3
    assert render.calls == 2
    assert "Redis unavailable" in caplog.text


@pytest.fixture(scope="module")
def redis_server() -> Iterator[str]:
    """A private redis-server on a free port, stopped afterwards (skipped where none is installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


def test_redis_is_shared_between_workers_and_expires(redis_server: str) -> None:
    first, second = make_app(REDIS_URL=redis_server), make_app(REDIS_URL=redis_server)
    render = Counter()
    key_parts = parts(subject=f"q-{time.monotonic_ns()}")
    with first.app_context():
        assert get_or_render(key_parts, render) == b"chart1"
    with second.app_context():
        assert get_or_render(key_parts, render) == b"chart1"
    assert render.calls == 1
    client = redis.Redis.from_url(redis_server)
    ttl = client.ttl(cache_key(key_parts))
    client.close()
    assert 0 < ttl <= chart_cache.DEFAULT_SECONDS


def test_caches_real_chart_bytes() -> None:
    app = make_app()
    Babel(app)
    builds: list[int] = []

    def render() -> bytes:
        builds.append(1)
        chart = question_chart(t.agree(), min_group_size=t.K, language="vi")
        assert chart is not None
        return render_svg(chart, "chart-q1")

    with app.app_context():
        first = get_or_render(parts(), render)
        timer: Callable[[], float] = time.perf_counter
        started = timer()
        second = get_or_render(parts(), render)
        assert timer() - started < 0.05
    assert first == second and len(builds) == 1
    assert first.startswith(b"<?xml") and b"Ph\xc3\xa2n v\xc3\xa2n" in first
