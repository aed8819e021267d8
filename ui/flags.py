"""Red flags gathered from every red-flag metric of the library, for the pages that show them."""

from __future__ import annotations

import pandas as pd

from metrics.lookups_catalog import FLAG_DIMENSIONS
from ui import db


def of_process(ocid: str, publisher: str | None) -> list[str]:
    """The indicators that flag this process, among its publisher's flags."""
    return db.lookup("process_flags", ocid=ocid, publisher=publisher)["indicator"].tolist()


def counted(active: dict, dimension: str | None = None) -> dict[str, pd.DataFrame]:
    """Flags counted by indicator (every flag), secretariat and supplier (flags on a process, given to its
    secretariat and to each of its suppliers), most flagged first: {dimension: frame with columns <dimension>,
    flags, processes (flagged processes)}. All three come from one cached lookup, so a page computes its flags once;
    a page that shows one `dimension` asks for it alone, which costs less."""
    counts = db.lookup("flag_counts", dimension=dimension, **active)
    return {
        name: counts[counts["dimension"] == name]
        .drop(columns="dimension")
        .rename(columns={"name": name})
        .reset_index(drop=True)
        for name in ([dimension] if dimension else FLAG_DIMENSIONS)
    }
