"""Red flags gathered from every red-flag metric of the library, for the pages that show them."""

from __future__ import annotations

import pandas as pd

from ui import db


def flagged(active: dict) -> pd.DataFrame:
    """One row per indicator and flagged subject (`group` is OCID, Buyer, ProcuringEntity or Tenderer)."""
    frames = []
    for metric_id in db.metrics_of_theme("red_flags"):
        frame = db.run(metric_id, **active)
        if not frame.empty:
            frames.append(frame[["group", "id"]].assign(indicator=metric_id))
    if not frames:
        return pd.DataFrame(columns=["group", "id", "indicator"])
    return pd.concat(frames, ignore_index=True)


def of_process(ocid: str, publisher: str | None) -> list[str]:
    """The indicators that flag this process."""
    flags = flagged({"publisher": publisher} if publisher else {})
    return sorted(flags.loc[(flags["group"] == "OCID") & (flags["id"] == ocid), "indicator"].unique())


def per_secretariat(active: dict) -> pd.DataFrame:
    """Process flags counted by the flagged process's secretariat (columns: secretariat, flags, processes)."""
    per_process = flagged(active).query("group == 'OCID'").groupby("id").size().rename("flags")
    processes = db.run("process_labels", **active)[["ocid", "secretariat"]]
    joined = processes.merge(per_process, left_on="ocid", right_index=True)
    return (
        joined.dropna(subset=["secretariat"])
        .groupby("secretariat")
        .agg(flags=("flags", "sum"), processes=("ocid", "nunique"))
        .reset_index()
    )
