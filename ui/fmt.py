"""Numbers, money and dates written the way the interface language writes them (Babel).

In pt-BR: R$ 1.234,56 · € 1.234,56 · 12,3% · 05/03/2024. Money keeps the data's own currency: a total is
never converted, and amounts in another currency than the publisher's are left out upstream (metrics).
Missing values render as an em dash so a blank never reads as zero.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

from ui.i18n import babel_locale

MISSING = "—"


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    from pandas import isna  # NaN, NaT and pd.NA (nullable integer columns) all read as missing

    try:
        return bool(isna(value))
    except (TypeError, ValueError):
        return False


def money(value: float | None, currency: str | None, compact: bool = False) -> str:
    """`R$ 1.234,56`; compact: `R$ 1,2 mi`. Without a currency the number is shown bare, never as reais."""
    if _is_missing(value):
        return MISSING
    if not currency:
        return number(value, decimals=2)
    locale = babel_locale()
    if compact and abs(value) >= 10_000:
        return format_compact_currency(value, currency, locale=locale, fraction_digits=1)
    return format_currency(value, currency, locale=locale)


def number(value: float | None, decimals: int = 0, compact: bool = False) -> str:
    if _is_missing(value):
        return MISSING
    locale = babel_locale()
    if compact and abs(value) >= 10_000:
        return format_compact_decimal(value, locale=locale, fraction_digits=1)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def percent(share: float | None, decimals: int = 1) -> str:
    """A share in 0..1 as `12,3%`."""
    if _is_missing(share):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=babel_locale())


def date(value: dt.date | dt.datetime | str | None) -> str:
    """dd/mm/aaaa in pt-BR (and in English too: the dashboard's audience reads dates the Brazilian way)."""
    if _is_missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "dd/MM/yyyy", locale=babel_locale())


def month(value: dt.date | dt.datetime | str | None) -> str:
    """A month label: `mar. 2024` in pt-BR, `Mar 2024` in English."""
    if _is_missing(value) or value == "":
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "MMM yyyy", locale=babel_locale())


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change from previous to current (0.25 = +25%); None when it cannot be computed."""
    if _is_missing(current) or _is_missing(previous) or previous == 0:
        return None
    return (current - previous) / abs(previous)


def signed_percent(share: float | None, decimals: int = 1) -> str | None:
    """`+12,3%` / `-4,0%` for st.metric deltas; None when there is nothing to compare."""
    if _is_missing(share):
        return None
    text = percent(abs(share), decimals)
    return ("+" if share >= 0 else "-") + text


def points(delta: float | None, decimals: int = 1) -> str | None:
    """A change between two shares, in percentage points: `+3,2 p.p.`."""
    if _is_missing(delta):
        return None
    text = number(abs(delta) * 100, decimals)
    return ("+" if delta >= 0 else "-") + text + " p.p."
