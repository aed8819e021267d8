"""Monthly KPI arithmetic on metric results grouped by month: the month's value, the previous month, the same
month a year before, and the 12-month trend. Pure pandas on what the metric returned — no new statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(month: str, months: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + (number - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def last_months(month: str, count: int = 12) -> list[str]:
    return [shift(month, -offset) for offset in range(count - 1, -1, -1)]


def reference_month(months: list[str], today: dt.date | None = None) -> str | None:
    """The latest month with data that is not in the future (some publishers carry typo dates like 2105)."""
    current = month_key(today or dt.date.today())
    past = sorted(month for month in months if month and month <= current)
    return past[-1] if past else None


def main_currency(frame: pd.DataFrame) -> str | None:
    """The currency most processes of a money metric are in (the one shown in a KPI card)."""
    if frame.empty or "currency" not in frame:
        return None
    totals = frame.groupby("currency")["processes"].sum().sort_values(ascending=False)
    return str(totals.index[0]) if len(totals) else None


@dataclass(frozen=True)
class Kpi:
    value: float | None
    previous: float | None  # the month before
    year_before: float | None  # the same month one year before
    trend: list[float | None]  # the 12 months ending at the reference month, oldest first


def monthly(
    frame: pd.DataFrame, column: str, month: str, currency: str | None = None, missing_is_zero: bool = True
) -> Kpi:
    """Read the KPI for `month` from a metric grouped by month. Counts and sums of a month without rows are 0;
    shares and means of such a month are unknown (None)."""
    if currency is not None and "currency" in frame:
        frame = frame[frame["currency"] == currency]
    values = dict(zip(frame["group"].astype(str), frame[column], strict=True)) if not frame.empty else {}
    absent = 0 if missing_is_zero else None

    def at(key: str):
        value = values.get(key, absent)
        return None if value is None or pd.isna(value) else float(value)

    return Kpi(at(month), at(shift(month, -1)), at(shift(month, -12)), [at(key) for key in last_months(month)])
