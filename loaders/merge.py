"""A fast compiled-release merge that gives exactly what ocdsmerge (and so `ocdskit compile`) gives.

ocdsmerge flattens every release into a dict of JSON paths (tuples with an `IdValue` object per array item and a
UUID per item without `id`), updates one flat dict release after release, then unflattens it. That costs most of a
load's time. Here each release is merged straight into a tree of per-field entries, with the same rules:
- releases are sorted by `date` (stable: ties keep load order); `id`, `date` and `tag` are omitted, then the
  compiled release gets `tag: ["compiled"]`, `id: "{ocid}-{date}"` and the last release's `date` and `ocid`;
- a field that is not an object or array, an array holding any non-object, or a `wholeListMerge` array is a value:
  a later release replaces it, `null` removes it (but the objects created on the way to it stay, even if empty);
- a non-empty object is merged field by field; an empty object or array changes nothing;
- an array of objects is merged by `id` (items in order of first appearance); an item without `id` is always new.
Where ocdsmerge's result would depend on its flat-dict quirks (a field that is a value in one release and an object
or array in another, an `id` that is not a string or integer, the same `id` as integer and as string), `Conflict`
is raised and the caller falls back to ocdsmerge itself, so the output is identical in every case. A property test
(tests/test_merge.py) compares both on generated releases and on every real file.
"""

from __future__ import annotations

from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "assets" / "schema"
RELEASE_SCHEMA = SCHEMA_DIR / "release-schema-1.1.5.json"
# What ocdsmerge.rules.get_merge_rules derives from RELEASE_SCHEMA, one "path/to/field<TAB>rule" per line, written
# once (assets/schema/SOURCES.md): importing ocdsmerge (jsonref, requests) cost every load 0.05-0.1 s.
# tests/test_merge.py checks it against ocdsmerge.
MERGE_RULES = SCHEMA_DIR / "release-schema-1.1.5-merge-rules.tsv"
OMIT = "omitWhenMerged"
WHOLE = "wholeListMerge"
NO_RULES: tuple = (None, {})


class Conflict(Exception):
    """The releases hit a case where only ocdsmerge's own algorithm says what the result is."""


@cache
def merge_rules() -> dict[tuple[str, ...], str]:
    """ocdsmerge's merge rules of the bundled release schema: {path tuple: rule}."""
    lines = MERGE_RULES.read_text(encoding="utf-8").splitlines()
    return {tuple(path.split("/")): rule for path, rule in (line.split("\t") for line in lines)}


@cache
def rule_tree() -> tuple:
    """The merge rules as a tree: (rule, {field: subtree})."""
    root: tuple = (None, {})
    for path, rule in merge_rules().items():
        node = root
        for part in path[:-1]:
            node = node[1].setdefault(part, (None, {}))
        children = node[1].get(path[-1], (None, {}))[1]
        node[1][path[-1]] = (rule, children)
    return root


def compile_fast(releases: list[dict[str, Any]], rules: tuple) -> dict[str, Any]:
    """The compiled release of one ocid's releases (in load order). Raises Conflict where ocdsmerge must decide."""
    ordered = releases if len(releases) == 1 else sorted(releases, key=itemgetter("date"))
    anonymous = [0]  # items without id made so far: each is new, never merged
    state = _Object()
    children = rules[1]
    for release in ordered:
        body = {key: value for key, value in release.items() if key != "tag"}
        _merge_object(state, body, children, anonymous)
    last = ordered[-1]
    compiled = {"tag": ["compiled"], "id": f"{last.get('ocid')}-{last.get('date')}", "date": last.get("date")}
    if last.get("ocid") is not None:
        compiled["ocid"] = last["ocid"]
    compiled.update(_finish_object(state))
    if last.get("date") is None:
        del compiled["date"]
    return compiled


class _Object(dict):
    """An object being merged: {field: value | _Object | _Array}. A plain value is what the last release gave.

    `last` is the value last merged into it when that value held no array item without `id`: merging an equal
    value again cannot change anything, and releases repeat most of what earlier ones said (parties, tender), so
    an equality test (in C) replaces a walk through the whole subtree (in Python).
    """

    __slots__ = ("last",)

    def __init__(self):
        self.last = None


class _Array(_Object):
    """An array being merged: {item key: [item state, original id]}, in order of first appearance."""

    __slots__ = ()


def _merge_object(state: _Object, value: dict, children: dict, anonymous) -> bool:
    """Merge one object into its state; True if anything was written (ocdsmerge creates objects only then)."""
    wrote = False
    for key, item in value.items():
        rule, grandchildren = children.get(key, NO_RULES)
        if rule == OMIT:
            continue
        kind = type(item)
        if (
            rule == WHOLE
            or (kind is not dict and kind is not list)
            or (kind is list and any(type(element) is not dict for element in item))
        ):
            current = state.get(key)
            if current is not None and item is not None and type(current) in (_Object, _Array):
                raise Conflict(f"{key} is an object or array in one release and a value in another")
            if item is not None or type(current) not in (_Object, _Array):
                state[key] = item  # a null never removes an object or array that a release gave
            wrote = True
        elif item:
            current = state.get(key)
            container_kind = _Array if kind is list else _Object
            if current is None:
                container = container_kind()
            elif type(current) is container_kind:
                container = current
                if container.last is not None and container.last == item:
                    wrote = True  # it wrote before, and would write the same again
                    continue
            else:
                raise Conflict(f"{key} has different shapes in different releases")
            anonymous_before = anonymous[0]
            if kind is list:
                changed = _merge_array(container, item, grandchildren, anonymous)
            else:
                changed = _merge_object(container, item, grandchildren, anonymous)
            container.last = item if changed and anonymous[0] == anonymous_before else None
            if changed:
                state[key] = container
                wrote = True
    return wrote


def _merge_array(state: _Array, items: list, children: dict, anonymous) -> bool:
    wrote = False
    for item in items:
        if "id" in item:
            identifier = item["id"]
            kind = type(identifier)
            if kind is not str and kind is not int:
                raise Conflict(f"an array item's id is a {kind.__name__}")
            key = str(identifier)
            known = state.get(key)
            if known is None:
                known = state[key] = [_Object(), identifier]
            elif type(known[1]) is not kind:
                raise Conflict("the same id is an integer in one release and a string in another")
            wrote = True
            target = known[0]
            if target.last is not None and target.last == item:
                continue
            anonymous_before = anonymous[0]
            _merge_object(target, item, children, anonymous)
            target.last = item if anonymous[0] == anonymous_before else None
        else:
            fresh = _Object()
            if _merge_object(fresh, item, children, anonymous):
                anonymous[0] += 1
                state[("anonymous", anonymous[0])] = [fresh, None]
                wrote = True
    return wrote


def _finish_object(state: _Object) -> dict:
    out = {}
    for key, value in state.items():
        kind = type(value)
        if kind is _Object:
            out[key] = _finish_object(value)
        elif kind is _Array:
            out[key] = [_finish_object(item) for item, _ in value.values()]
        elif value is not None:
            out[key] = value
    return out
