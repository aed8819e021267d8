"""The native merge (native/painel_merge via loaders/native.py) gives compile_fast's compiled releases, exactly.

Compared on generated releases (tests/test_merge.py's strategies, also written as JSON texts with escapes,
whitespace and repeated keys), on every ocid of the real files the repo carries, and on the benchmark generator's
releases; a conflict from native is exactly a `Conflict` from compile_fast.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict

import orjson
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ocdskit.util import is_linked_release

from benchmarks.generate import write_dataset
from loaders import native
from loaders.compile import compile_releases
from loaders.merge import Conflict, compile_fast
from tests.test_loader import ocdskit_input, real_files
from tests.test_merge import RULES, releases


@pytest.fixture(scope="session", autouse=True)
def library():
    """Built as ./painel builds it; a failed build fails the tests (only a missing cargo skips them)."""
    if not native.build_library():
        pytest.skip("cargo is not installed: the native merge is not built")
    assert native.available()


def compile_groups(groups: list[list[str]]) -> native.CompiledBatch:
    texts = [text for group in groups for text in group]
    starts, at = [], 0
    for group in groups:
        starts.append(at)
        at += len(group)
    return native.compile_batch(pa.array(texts, type=pa.large_string()), starts)


def expected_outcome(texts: list[str]):
    """compile_fast's compiled release, or Conflict."""
    try:
        return compile_fast([orjson.loads(text) for text in texts], RULES)
    except Conflict:
        return Conflict


def assert_same_as_compile_fast(groups: list[list[str]]) -> native.CompiledBatch:
    batch = compile_groups(groups)
    for index, texts in enumerate(groups):
        expected = expected_outcome(texts)
        if expected is Conflict:
            assert batch.statuses[index] == native.CONFLICT, texts
        else:
            assert batch.statuses[index] == native.OK, (texts, batch.messages.get(index))
            assert orjson.loads(batch.texts[index].as_py()) == expected, texts
    return batch


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(releases, min_size=1, max_size=3))
def test_generated_releases_compile_as_compile_fast_does(groups):
    assert_same_as_compile_fast([[orjson.dumps(release).decode() for release in group] for group in groups])


def json_text(value, draw) -> str:
    """`value` as JSON text, written in ways a publisher might: spaces, escaped characters, a key given twice
    (Python keeps the last value)."""
    space = draw(st.sampled_from(["", " ", "\n  "]))
    if isinstance(value, dict):
        members = []
        for key, item in value.items():
            if draw(st.integers(0, 7)) == 0:  # an earlier value of the same key, overridden
                members.append(f"{string_text(key, draw)}:{json_text(draw(st.sampled_from([None, 1, {}, []])), draw)}")
            members.append(f"{string_text(key, draw)}{space}:{space}{json_text(item, draw)}")
        return "{" + space + f",{space}".join(members) + "}"
    if isinstance(value, list):
        return "[" + f",{space}".join(json_text(item, draw) for item in value) + space + "]"
    if isinstance(value, str):
        return string_text(value, draw)
    if type(value) is int and value == 0 and draw(st.booleans()):
        return "-0"
    return json.dumps(value)


def string_text(text: str, draw) -> str:
    escaped = draw(st.sampled_from([json.dumps(text), json.dumps(text, ensure_ascii=False)]))
    if text and draw(st.booleans()):  # a letter written as \u00XX
        escaped = '"' + "".join(f"\\u{ord(c):04x}" for c in text[:1]) + escaped[2:]
    return escaped


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases, st.data())
def test_json_texts_with_escapes_spaces_and_repeated_keys_compile_as_parsed(generated, data):
    texts = [json_text(release, data.draw) for release in generated]
    assert_same_as_compile_fast([texts])


def test_every_ocid_of_the_real_files_compiles_as_compile_releases():
    by_ocid: dict[str, list[str]] = defaultdict(list)
    for item in ocdskit_input(real_files()):
        for release in item["releases"] if "ocid" not in item else [item]:  # a release package, or a release
            if not is_linked_release(release):
                by_ocid[release["ocid"]].append(orjson.dumps(release).decode())
    groups = list(by_ocid.values())
    batch = compile_groups(groups)
    assert len(groups) > 550
    assert set(batch.statuses) == {native.OK}, batch.messages
    for index, texts in enumerate(groups):
        assert orjson.loads(batch.texts[index].as_py()) == compile_releases([orjson.loads(t) for t in texts])


@pytest.fixture(scope="module")
def benchmark_groups(tmp_path_factory) -> list[list[str]]:
    """The benchmark generator's JSON lines (as DuckDB stores them) for 300 processes, grouped by ocid."""
    folder = tmp_path_factory.mktemp("generated")
    manifest = write_dataset(300, 11, folder)
    by_ocid: dict[str, list[str]] = defaultdict(list)
    for line in (folder / manifest.jsonl).read_text(encoding="utf-8").splitlines():
        by_ocid[orjson.loads(line)["ocid"]].append(line)
    return list(by_ocid.values())


def test_benchmark_releases_compile_as_compile_fast_does(benchmark_groups):
    batch = assert_same_as_compile_fast(benchmark_groups)
    assert len(benchmark_groups) == 300
    assert sum(len(group) for group in benchmark_groups) > 600
    assert set(batch.statuses) == {native.OK}


def test_two_threads_at_once_give_the_same_results(benchmark_groups):
    alone = compile_groups(benchmark_groups)
    results = [None, None]

    def compile_into(slot: int) -> None:
        results[slot] = compile_groups(benchmark_groups * 20)

    threads = [threading.Thread(target=compile_into, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for batch in results:
        assert batch.texts.to_pylist() == alone.texts.to_pylist() * 20
        assert batch.statuses == alone.statuses * 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"ocid": "x", "date": "2020", "tender": {"id": 1,}}', "trailing comma is not allowed: line 1 column 50"),
        ('{"ocid": "x", "date": "2020"', "expected ',' or '}'"),
        ('{"ocid": "x", "title": "\\ud800"}', "no low surrogate in string"),
        ('{"ocid": "x", "value": 1e400}', "number is infinity"),
        ('{"ocid": "x"} {}', "unexpected content after document"),
    ],
)
def test_malformed_json_is_an_error_that_says_where_and_spares_other_ocids(text, message):
    good = '{"ocid": "y", "date": "2020", "id": "1"}'
    batch = compile_groups([[good], [good, text], [good]])
    assert batch.statuses == bytes([native.OK, native.ERROR, native.OK])
    assert batch.messages[1].startswith("release 2 of 2 of this ocid: ")
    assert message in batch.messages[1]
    assert orjson.loads(batch.texts[2].as_py())["id"] == "y-2020"


def test_a_release_that_is_not_utf8_is_an_error():
    data = b'{"ocid": "x", "title": "caf\xe9"}'
    offsets = pa.array([0, len(data)], type=pa.int64()).buffers()[1]
    texts = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    batch = native.compile_batch(texts, [0])
    assert batch.statuses == bytes([native.ERROR])
    assert "not valid UTF-8: line 1 column 24" in batch.messages[0]


def test_releases_outside_the_port_are_left_to_python():
    undated = ['{"ocid": "x", "id": "1", "tender": {}}', '{"ocid": "x", "id": "2", "date": "2020"}']
    batch = compile_groups([undated, ['["not", "an", "object"]']])
    assert batch.statuses == bytes([native.CONFLICT, native.CONFLICT])
    assert "date" in batch.messages[0]


def test_group_starts_that_do_not_fit_the_texts_are_refused():
    texts = pa.array(['{"ocid": "x"}', '{"ocid": "y"}'])
    for starts in ([1], [0, 0], [0, 2]):
        with pytest.raises(ValueError, match="group starts"):
            native.compile_batch(texts, starts)
