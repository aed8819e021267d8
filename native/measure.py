"""Throughput of the native merge against compile_fast on a JSON lines file of releases (e.g. the benchmark's).

    PYTHONPATH=. .venv/bin/python native/measure.py benchmarks/out/releases-100k.jsonl [--sample 10000]

Releases are grouped by ocid, file order kept within an ocid (as the loader reads them). Prints releases/s for the
native merge on one thread and on two (chunks of CHUNK ocids, as a loader would call it), for compile_fast on a
sample of ocids (orjson parse + merge + dump, what the Python path does per ocid), and checks that every native
compiled release equals compile_fast's.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import orjson
import pyarrow as pa
import pyarrow.compute as pc

from loaders import native
from loaders.merge import Conflict, compile_fast, rule_tree

CHUNK = 2000


def grouped_texts(path: str) -> tuple[pa.LargeStringArray, list[int]]:
    """The lines sorted by ocid (stable, so file order within an ocid), and where each ocid starts."""
    with open(path, encoding="utf-8") as stream:
        lines = [line.rstrip("\n") for line in stream if line.strip()]
    ocids = pa.array([orjson.loads(line)["ocid"] for line in lines])
    order = pc.sort_indices(ocids)  # stable
    texts = pa.array(lines, type=pa.large_string()).take(order)
    sorted_ocids = ocids.take(order).to_pylist()
    starts = [i for i, ocid in enumerate(sorted_ocids) if i == 0 or ocid != sorted_ocids[i - 1]]
    return texts, starts


def chunks(texts: pa.LargeStringArray, starts: list[int]) -> list[tuple[pa.LargeStringArray, list[int]]]:
    out = []
    bounds = [*starts, len(texts)]
    for first in range(0, len(starts), CHUNK):
        last = min(first + CHUNK, len(starts))
        base = bounds[first]
        out.append((texts.slice(base, bounds[last] - base), [s - base for s in starts[first:last]]))
    return out


def native_seconds(parts, threads: int) -> tuple[float, float, list[native.CompiledBatch]]:
    """Wall and CPU seconds (CPU: what the numbers would be on idle cores), and the batches."""
    began, began_cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(threads) as pool:
        batches = list(pool.map(lambda part: native.compile_batch(*part), parts))
    return time.perf_counter() - began, time.process_time() - began_cpu, batches


def python_compile(texts: list[str], rules) -> bytes | None:
    try:
        return orjson.dumps(compile_fast([orjson.loads(text) for text in texts], rules))
    except Conflict:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("jsonl")
    parser.add_argument("--sample", type=int, default=10_000, help="ocids compiled by compile_fast for its timing")
    args = parser.parse_args()
    native.build_library()
    texts, starts = grouped_texts(args.jsonl)
    parts = chunks(texts, starts)
    native.compile_batch(*parts[0])  # load the library and the rules
    print(f"{len(texts):,} releases, {len(starts):,} ocids, {pc.sum(pc.binary_length(texts)).as_py() / 1e6:,.0f} MB")
    for threads in (1, 2):
        seconds, cpu, batches = native_seconds(parts, threads)
        print(
            f"native, {threads} thread(s): {seconds:.2f} s, {len(texts) / seconds:,.0f} releases/s "
            f"({cpu:.2f} CPU s, {len(texts) / cpu:,.0f} releases per CPU second)"
        )
    statuses = b"".join(batch.statuses for batch in batches)
    print(
        f"native statuses: ok {statuses.count(native.OK)}, conflict {statuses.count(native.CONFLICT)}, "
        f"error {statuses.count(native.ERROR)}"
    )
    rules = rule_tree()
    bounds = [*starts, len(texts)]
    step = max(1, len(starts) // args.sample)
    sampled = range(0, len(starts), step)
    began = time.process_time()
    sampled_releases = 0
    for group in sampled:
        group_texts = texts.slice(bounds[group], bounds[group + 1] - bounds[group]).to_pylist()
        sampled_releases += len(group_texts)
        python_compile(group_texts, rules)
    seconds = time.process_time() - began
    print(
        f"compile_fast (orjson parse + merge + dump), 1 thread, {len(sampled):,} ocids: "
        f"{sampled_releases / seconds:,.0f} releases per CPU second"
    )
    compiled = pa.chunked_array([batch.texts for batch in batches])
    different = 0
    for group, status in enumerate(statuses):
        group_texts = texts.slice(bounds[group], bounds[group + 1] - bounds[group]).to_pylist()
        expected = python_compile(group_texts, rules)
        ours = orjson.loads(compiled[group].as_py()) if status == native.OK else None
        different += (expected is None) != (ours is None) or (ours is not None and ours != orjson.loads(expected))
    print(f"different from compile_fast: {different} of {len(starts):,} ocids")


if __name__ == "__main__":
    main()
