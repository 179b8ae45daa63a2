"""Real-browser tests: the app served by werkzeug on 127.0.0.1, driven by Playwright in the system Chromium.

Playwright cannot download its own browser here; it launches /usr/bin/chromium. When CI=true a
browser that cannot start fails the run instead of skipping it.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.conftest import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_PATH = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install --no-install-recommends chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_PATH.exists():
        message = "axe-core is missing: run `npm ci` (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_PATH.read_text(encoding="utf-8")


class A11y:
    """Runs axe-core on the current page and collects violations for one assertion at the end."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.violations: list[str] = []
        self.pages: list[str] = []

    def check(self, page) -> None:  # type: ignore[no-untyped-def]
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        self.pages.append(page.url)
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:5]
            self.violations.append(f"{page.url}: {violation['id']} ({violation['impact']}) {json.dumps(targets)}")

    def assert_clean(self) -> None:
        assert self.violations == [], "\n".join(self.violations)


@pytest.fixture
def a11y(axe_source: str) -> Iterator[A11y]:
    checker = A11y(axe_source)
    yield checker
    checker.assert_clean()
