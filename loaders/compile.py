"""Merge each ocid's releases into one compiled release, exactly as `ocdskit compile` does.

The merge rules come from the OCDS 1.1.5 release schema shipped in assets/schema (passed explicitly: nothing may
try to download a schema). The same `ocdsmerge.Merger` that ocdskit uses does the merge, so the output is identical
by construction (loaders/merge.py does the same merge faster, and defers to it where they could differ); ties
between releases with the same date keep load order, as ocdskit keeps input order.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ocdsmerge import Merger

from loaders.merge import Conflict, compile_fast, rule_tree

RELEASE_SCHEMA = Path(__file__).resolve().parent.parent / "assets" / "schema" / "release-schema-1.1.5.json"


@cache
def merger() -> Merger:
    """The merger, built once per process from the bundled release schema."""
    return Merger(str(RELEASE_SCHEMA))


def compile_releases(releases: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the compiled release of one ocid's releases (given in load order).

    The fast merge (loaders/merge.py) gives ocdsmerge's result; where only ocdsmerge's own algorithm can say what
    the result is, ocdsmerge does the merge.
    """
    try:
        return compile_fast(releases, rule_tree(str(RELEASE_SCHEMA)))
    except Conflict:
        return merger().create_compiled_release(releases)
