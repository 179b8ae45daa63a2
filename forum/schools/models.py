"""Where children are: Area → School → Classroom."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.database import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class SchoolLevel(str, enum.Enum):
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    UPPER_SECONDARY = "upper_secondary"


class Area(db.Model):
    """A district or ward. Areas are data, never code: local units are reorganised."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    name_vi: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(32), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    schools: Mapped[list[School]] = relationship(back_populates="area")

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_vi


class School(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    level: Mapped[SchoolLevel] = mapped_column(enum_type(SchoolLevel, 24))
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("area.id", ondelete="RESTRICT"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    area: Mapped[Area] = relationship(back_populates="schools")
    classrooms: Mapped[list[Classroom]] = relationship(back_populates="school", order_by="Classroom.name")

    __table_args__ = (sa.UniqueConstraint("area_id", "name", name="uq_school_area_id_name"),)


class Classroom(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("school.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(sa.String(32))
    grade: Mapped[int]
    school_year: Mapped[str] = mapped_column(sa.String(9))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    school: Mapped[School] = relationship(back_populates="classrooms")

    __table_args__ = (
        sa.UniqueConstraint("school_id", "school_year", "name", name="uq_classroom_school_year_name"),
        sa.CheckConstraint("grade BETWEEN 1 AND 12", name="grade_range"),
    )
