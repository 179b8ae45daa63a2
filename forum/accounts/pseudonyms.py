"""Friendly, unique, meaningless names for children ("Cá heo xanh 42")."""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db

ANIMALS = (
    "Cá heo",
    "Gấu trúc",
    "Voi con",
    "Hươu cao cổ",
    "Mèo con",
    "Thỏ trắng",
    "Chim sẻ",
    "Rùa biển",
    "Sóc nâu",
    "Cú mèo",
    "Chim cánh cụt",
    "Ong mật",
    "Bướm",
    "Cá voi",
    "Khủng long",
    "Sư tử",
    "Hổ con",
    "Ngựa vằn",
    "Nai con",
    "Chim công",
    "Vẹt",
    "Hải cẩu",
    "Rái cá",
    "Vịt con",
    "Gà con",
    "Kangaroo",
    "Chuồn chuồn",
    "Ốc sên",
    "Cá vàng",
    "Sao biển",
)
QUALITIES = (
    "xanh",
    "đỏ",
    "vàng",
    "tím",
    "hồng",
    "cam",
    "bạc",
    "vui vẻ",
    "dũng cảm",
    "thông minh",
    "hiền lành",
    "nhanh nhẹn",
    "chăm chỉ",
    "tốt bụng",
    "tinh nghịch",
    "ngộ nghĩnh",
    "mạnh mẽ",
    "lém lỉnh",
    "điềm tĩnh",
    "tò mò",
)


def _candidate(digits: int) -> str:
    number = secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)
    return f"{secrets.choice(ANIMALS)} {secrets.choice(QUALITIES)} {number}"


def generate_pseudonyms(count: int) -> list[str]:
    """`count` pseudonyms unused in the database and among themselves; longer numbers when crowded."""
    chosen: list[str] = []
    digits = 2
    attempts = 0
    while len(chosen) < count:
        wanted = count - len(chosen)
        candidates = {_candidate(digits) for _ in range(wanted * 2)} - set(chosen)
        taken = set(db.session.execute(sa.select(User.pseudonym).where(User.pseudonym.in_(candidates))).scalars())
        chosen.extend(sorted(candidates - taken)[:wanted])
        attempts += 1
        if attempts % 5 == 0:
            digits += 1
    return chosen
