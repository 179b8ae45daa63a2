"""Rendered chart bytes, kept so a results page does not redraw every chart on every request.

A cache, never state: a miss (or a Redis outage) only costs a redraw, so nothing depends on it.
Redis when configured (`CHART_CACHE_URL`, `REDIS_URL`, or a redis:// `RATELIMIT_STORAGE_URI`, which
is where the `REDIS_URL` environment variable lands), so several workers and hosts share one
cache; otherwise a bounded in-process LRU per worker.

Callers name a chart by its key parts: everything the bytes depend on — survey id, what is drawn
(question, breakdown, participation), filters, format and resolution, id prefix, language,
`min_group_size` and the survey's data version (which changes when a response lands). The chart
style version is added here, so a deploy that changes how charts look never serves old drawings.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import redis
from flask import Flask, current_app

from forum.results.chart_style import STYLE_VERSION

logger = logging.getLogger(__name__)

EXTENSION = "forum.chart_cache"
KEY_PREFIX = "forum:chart:"
DEFAULT_ENTRIES = 256
DEFAULT_BYTES = 64 * 1024 * 1024
DEFAULT_SECONDS = 7 * 24 * 3600
# A Redis that does not answer is skipped for this long, so a page never waits on it twice.
REDIS_TIMEOUT = 0.5
REDIS_RETRY_SECONDS = 30.0
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

_creating = threading.Lock()


class ChartCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes) -> None: ...


class MemoryChartCache:
    """Least recently used first out, bounded by entries and by total bytes. Thread-safe."""

    def __init__(self, max_entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_BYTES) -> None:
        if max_entries < 1 or max_bytes < 1:
            raise ValueError("a chart cache holds at least one entry and one byte")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if len(value) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._entries[key] = value
            self._bytes += len(value)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    @property
    def size_in_bytes(self) -> int:
        with self._lock:
            return self._bytes


class RedisChartCache:
    """Entries expire after `seconds` (old data versions are never asked for again). Errors are
    logged and treated as misses; after one, Redis is left alone for REDIS_RETRY_SECONDS."""

    def __init__(self, client: redis.Redis, seconds: int = DEFAULT_SECONDS) -> None:
        self.client = client
        self.seconds = seconds
        self._down_until = 0.0

    def get(self, key: str) -> bytes | None:
        if time.monotonic() < self._down_until:
            return None
        try:
            value = self.client.get(key)
        except redis.RedisError as error:
            self._failed(error)
            return None
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: bytes) -> None:
        if time.monotonic() < self._down_until:
            return
        try:
            self.client.set(key, value, ex=self.seconds)
        except redis.RedisError as error:
            self._failed(error)

    def _failed(self, error: redis.RedisError) -> None:
        self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
        logger.warning(
            "chart cache: Redis unavailable, drawing charts without it for %ss (%s)",
            REDIS_RETRY_SECONDS,
            type(error).__name__,
        )


def redis_url(config: Mapping[str, object]) -> str | None:
    for name in ("CHART_CACHE_URL", "REDIS_URL", "RATELIMIT_STORAGE_URI"):
        value = config.get(name)
        if isinstance(value, str) and value.startswith(REDIS_SCHEMES):
            return value
    return None


def _setting(config: Mapping[str, object], name: str, default: int) -> int:
    value = config.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive whole number")
    return value


def make_cache(config: Mapping[str, object]) -> ChartCache:
    url = redis_url(config)
    if url is not None:
        client = redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT)
        return RedisChartCache(client, _setting(config, "CHART_CACHE_SECONDS", DEFAULT_SECONDS))
    return MemoryChartCache(
        _setting(config, "CHART_CACHE_ENTRIES", DEFAULT_ENTRIES), _setting(config, "CHART_CACHE_BYTES", DEFAULT_BYTES)
    )


def cache_for(app: Flask) -> ChartCache:
    """The app's chart cache, made on first use from its config."""
    cache = app.extensions.get(EXTENSION)
    if cache is None:
        with _creating:
            cache = app.extensions.get(EXTENSION)
            if cache is None:
                cache = make_cache(app.config)
                app.extensions[EXTENSION] = cache
    return cache  # type: ignore[no-any-return]


def cache_key(key_parts: Sequence[object]) -> str:
    """A fixed-length key for the parts: strings, numbers, None, and objects with a stable repr
    (frozen dataclasses such as Filters). "1" and 1 are different keys."""
    canonical = json.dumps([STYLE_VERSION, *key_parts], default=repr, ensure_ascii=False, separators=(",", ":"))
    return KEY_PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def get_or_render(key_parts: Sequence[object], render: Callable[[], bytes]) -> bytes:
    """The cached bytes for `key_parts`, or `render()`'s, stored for next time. Needs an app context."""
    cache = cache_for(current_app._get_current_object())  # type: ignore[attr-defined]
    key = cache_key(key_parts)
    cached = cache.get(key)
    if cached is not None:
        return cached
    value = render()
    cache.set(key, value)
    return value
