"""The fast merge equals ocdsmerge's (what `ocdskit compile` uses) on generated and real releases."""

from __future__ import annotations

import warnings

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ocdsmerge.exceptions import InconsistentTypeError
from ocdsmerge.rules import get_merge_rules

from loaders.compile import compile_releases, merger
from loaders.merge import RELEASE_SCHEMA, Conflict, compile_fast, merge_rules, rule_tree

RULES = rule_tree()


def test_the_stored_merge_rules_are_ocdsmerges_for_the_bundled_schema():
    """assets/schema/SOURCES.md says how to write the file again if this fails."""
    assert merge_rules() == get_merge_rules(str(RELEASE_SCHEMA))


scalars = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["a", "b", ""]), st.booleans())
ids = st.one_of(st.sampled_from(["1", "2", "x"]), st.integers(1, 2))


def objects(children):
    keys = st.sampled_from(["id", "title", "value", "status", "roles", "items", "amount", "details", "name"])
    return st.dictionaries(keys, children, max_size=4)


values = st.recursive(
    scalars | st.lists(scalars, max_size=2),
    lambda inner: objects(inner) | st.lists(objects(inner), max_size=3),
    max_leaves=12,
)
# Top-level fields mixing schema paths (merge rules apply) and unknown ones (extensions).
top_keys = st.sampled_from(["tender", "awards", "parties", "buyer", "contracts", "planning", "ocid", "extra", "id"])
releases = st.lists(
    st.fixed_dictionaries(
        {"ocid": st.just("ocds-x-1"), "id": st.sampled_from(["r1", "r2"]), "date": st.sampled_from(["2020", "2021"])},
        optional={"tag": st.just(["tender"])},
    ).flatmap(lambda base: st.dictionaries(top_keys, values, max_size=4).map(lambda extra: {**extra, **base})),
    min_size=1,
    max_size=4,
)


def reference(releases_: list[dict]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return merger().create_compiled_release(releases_)
        except (InconsistentTypeError, TypeError):  # ocdsmerge fails, e.g. on an `id` that is an object
            return InconsistentTypeError


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases)
def test_fast_merge_equals_ocdsmerge_or_defers_to_it(generated):
    generated = orjson.loads(orjson.dumps(generated))
    expected = reference(generated)
    try:
        ours = compile_fast(orjson.loads(orjson.dumps(generated)), RULES)
    except Conflict:
        return  # compile_releases falls back to ocdsmerge itself
    assert ours == expected


@given(releases)
@settings(max_examples=300, deadline=None)
def test_compile_releases_always_equals_ocdsmerge(generated):
    expected = reference(orjson.loads(orjson.dumps(generated)))
    if expected is InconsistentTypeError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert compile_releases(orjson.loads(orjson.dumps(generated))) == expected


def test_single_release_prunes_empty_objects_and_nulls():
    release = {
        "ocid": "ocds-x-1",
        "id": "1",
        "date": "2020-01-01",
        "tag": ["tender"],
        "tender": {"value": None, "items": [], "documents": [{}], "lots": [{"id": "L1", "title": None}]},
        "planning": {"budget": {}},
    }
    assert compile_fast([release], RULES) == {
        "tag": ["compiled"],
        "id": "ocds-x-1-2020-01-01",
        "date": "2020-01-01",
        "ocid": "ocds-x-1",
        "tender": {"lots": [{"id": "L1"}]},
    }
