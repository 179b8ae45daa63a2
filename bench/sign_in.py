"""How much signing in costs: card and password sign-in next to the cheapest request (/healthz).

Run with `make bench`. Prints medians of repeated requests through Flask's test client on a
temporary SQLite database, and each as a ratio to /healthz measured in the same run (the machine
is shared and noisy: ratios side by side are the figure, not absolute times). Staff sign-in uses
the production scrypt cost on purpose: it is the price of a password guess.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum import create_app  # noqa: E402
from forum.accounts import services as accounts  # noqa: E402
from forum.accounts.models import Role  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.schools import services as schools  # noqa: E402
from forum.schools.models import SchoolLevel  # noqa: E402

ROUNDS = 200
CLASS_SIZE = 35


def _median_ms(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "ENVIRONMENT": "test",
                "SECRET_KEY": "bench-secret-key-long-enough",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            area = schools.save_area(
                None, code="B1", name_vi="Quận", name_en="District", kind="", active=True, actor=None
            )
            school = schools.save_school(
                None, name="Trường", level=SchoolLevel.PRIMARY, area=area, active=True, actor=None
            )
            classroom = schools.create_classroom(school, name="5A", grade=5, school_year="2026-2027", actor=None)
            children = accounts.add_children(classroom, [accounts.NewChild(2016, None)] * CLASS_SIZE, None)
            codes = [code for _, code in accounts.issue_cards(children, None, app.config["CARD_HASH_KEY"])]
            accounts.create_staff(username="bench", password="sturdy-password-1", role=Role.POLICY)  # noqa: S106
            db.session.commit()

        client = app.test_client()
        codes_cycle = iter(codes * (ROUNDS // CLASS_SIZE + 1))

        def card_sign_in() -> None:
            client.post("/accounts/card", data={"code": next(codes_cycle)})

        figures = {
            "GET /healthz (baseline)": _median_ms(lambda: client.get("/healthz"), ROUNDS),
            "GET / (front page)": _median_ms(lambda: client.get("/"), ROUNDS),
            "POST /accounts/card (right code)": _median_ms(card_sign_in, ROUNDS),
            "POST /accounts/card (wrong code)": _median_ms(
                lambda: client.post("/accounts/card", data={"code": "ZZZ-ZZZ-ZZZ"}), ROUNDS
            ),
            "GET /children/ (signed in)": _median_ms(lambda: client.get("/children/"), ROUNDS),
            "POST /accounts/sign-in (scrypt N=2^15)": _median_ms(
                lambda: client.post("/accounts/sign-in", data={"username": "bench", "password": "sturdy-password-1"}),
                20,
            ),
        }
        with app.app_context():
            db.engine.dispose()
    baseline = figures["GET /healthz (baseline)"]
    print(f"{'request':42} {'median ms':>10} {'× healthz':>10}")
    for name, value in figures.items():
        print(f"{name:42} {value:10.2f} {value / baseline:10.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
