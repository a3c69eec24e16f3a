"""Uphold and overturn rates of stored letters, by treatment category, guideline, reviewer
specialty and month; printed as tables and drawn as one chart (matplotlib, Agg backend).

Counts are of decided items (a letter with three items counts three times), aggregated in SQL
so the same code serves 72 letters and a year of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, String, case, cast, func, select
from sqlalchemy.orm import Session

from openimr.letters_in.categories import UNCATEGORISED
from openimr.store.letter_tables import (
    PublishedLetter,
    PublishedLetterItem,
    PublishedLetterSpecialty,
)

DIMENSIONS = ("category", "guideline", "specialty", "month")


@dataclass
class Rate:
    key: str
    items: int
    upheld: int
    overturned: int

    @property
    def overturn_rate(self) -> float:
        return self.overturned / self.items if self.items else 0.0

    @property
    def uphold_rate(self) -> float:
        return self.upheld / self.items if self.items else 0.0


def _month(engine: Engine) -> Any:
    col = PublishedLetter.decision_date
    if engine.dialect.name == "postgresql":
        return func.to_char(col, "YYYY-MM")
    if engine.dialect.name == "sqlite":
        return func.strftime("%Y-%m", col)
    return func.substr(cast(col, String), 1, 7)


def rates(engine: Engine, dimension: str) -> list[Rate]:
    """Rates by one dimension, largest groups first (months in calendar order)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; expected one of {DIMENSIONS}")
    item = PublishedLetterItem
    upheld = func.sum(case((item.decision == "upheld", 1), else_=0))
    overturned = func.sum(case((item.decision == "overturned", 1), else_=0))
    key: Any
    stmt: Any
    if dimension == "category":
        key = func.coalesce(item.category, UNCATEGORISED)
        stmt = select(key, func.count(), upheld, overturned)
    elif dimension == "guideline":
        key = func.coalesce(item.guideline_key, "None cited")
        stmt = select(key, func.count(), upheld, overturned)
    elif dimension == "specialty":
        key = PublishedLetterSpecialty.specialty
        stmt = select(key, func.count(), upheld, overturned).join(
            PublishedLetterSpecialty, PublishedLetterSpecialty.letter_id == item.letter_id
        )
    else:
        key = func.coalesce(_month(engine), "unknown")
        stmt = select(key, func.count(), upheld, overturned).join(
            PublishedLetter, PublishedLetter.id == item.letter_id
        )
    stmt = stmt.group_by(key)
    with Session(engine) as session:
        rows = [
            Rate(str(k), int(n), int(u or 0), int(o or 0)) for k, n, u, o in session.execute(stmt)
        ]
    if dimension == "month":
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (-r.items, r.key))


def all_rates(engine: Engine) -> dict[str, list[Rate]]:
    return {d: rates(engine, d) for d in DIMENSIONS}


def totals(engine: Engine) -> tuple[int, int, int, int]:
    """(letters, items, upheld, overturned)."""
    item = PublishedLetterItem
    with Session(engine) as session:
        letters = session.scalar(select(func.count()).select_from(PublishedLetter)) or 0
        n, u, o = session.execute(
            select(
                func.count(),
                func.sum(case((item.decision == "upheld", 1), else_=0)),
                func.sum(case((item.decision == "overturned", 1), else_=0)),
            )
        ).one()
    return int(letters), int(n or 0), int(u or 0), int(o or 0)


def format_tables(data: dict[str, list[Rate]], top: int = 15) -> str:
    """Plain-text tables, one per dimension."""
    out: list[str] = []
    for dim, rows in data.items():
        out.append(f"\nBy {dim}")
        width = max([len(dim), *(len(r.key) for r in rows[:top])]) if rows else len(dim)
        width = min(width, 48)
        out.append(
            f"  {dim:<{width}}  {'items':>6}  {'upheld':>6}  {'overturned':>10}  {'overturn %':>10}"
        )
        shown = rows if dim == "month" else rows[:top]
        for r in shown:
            out.append(
                f"  {r.key[:width]:<{width}}  {r.items:>6}  {r.upheld:>6}  {r.overturned:>10}  "
                f"{100 * r.overturn_rate:>9.1f}%"
            )
        if len(rows) > len(shown):
            out.append(f"  ... {len(rows) - len(shown)} more")
    return "\n".join(out).lstrip("\n")


def draw_chart(data: dict[str, list[Rate]], path: Path, top: int = 12) -> Path:
    """One figure, a panel per dimension: overturn rate per group with its item count."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(14, 10))
    for ax, (dim, rows) in zip(axes.flat, data.items(), strict=False):
        shown = rows if dim == "month" else rows[:top]
        labels = [f"{r.key[:34]} (n={r.items})" for r in shown]
        values = [100 * r.overturn_rate for r in shown]
        ax.barh(range(len(shown)), values, color="#4a7ab7")
        ax.set_yticks(range(len(shown)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("overturned items, %")
        ax.set_title(f"Overturn rate by {dim}")
        ax.set_xlim(0, max([10.0, *values]) * 1.15)
    fig.suptitle("Independent Medical Review decisions (published letters)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png")
    plt.close(fig)
    return path
