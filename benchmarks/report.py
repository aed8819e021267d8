"""The Markdown report of one size: data, loading (with the ratio to ocdskit), metrics, pages, and the targets of
issue 6 beside each number (pass/fail; "—" where the target is not defined for this size or was not measured)."""

from __future__ import annotations

from benchmarks.timing import SAMPLE_S

GIB = 1024  # MiB

# Issue 6's targets. Where a target is stated for 100k only, smaller sizes are held to it too (it is easier there).
RATIO_TARGET = 15
LOAD_MEMORY_MIB = {100_000: 2 * GIB, 1_000_000: 4 * GIB}
LOAD_SECONDS_1M = 90
METRIC_WARM_MS = {100_000: 50, 1_000_000: 100}
# Lookups that run several metrics in one call: each of those metrics is held to the target on its own row, so the
# aggregate is reported without one.
AGGREGATES = {
    "lookup flag_counts": "runs the 14 red-flag metrics",
    "lookup process_flags": "runs the 11 red-flag metrics that flag processes",
}
PAGE_SECONDS = 1.5
INCREMENT_SHARE = 0.10


def verdict(passed: bool | None) -> str:
    return "—" if passed is None else ("✅ pass" if passed else "❌ fail")


def limit_for(table: dict[int, float], n: int) -> float | None:
    """The target of the smallest stated size at or above n (a 10k run is held to the 100k target)."""
    sizes = [size for size in sorted(table) if size >= n]
    return table[sizes[0]] if sizes else None


def number(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def render(results: dict) -> str:
    parts = [header(results), data_section(results)]
    if "loading" in results:
        parts.append(loading_section(results))
    if "metrics" in results:
        parts.append(metrics_section(results))
    if "pages" in results:
        parts.append(pages_section(results))
    return "\n\n".join(parts) + "\n"


def header(results: dict) -> str:
    env = results.get("environment", {})
    lines = [
        f"# Benchmark — {results['label']} contracting processes",
        "",
        f"{env.get('cpus', '?')} CPU cores, {env.get('memory_gib', '?')} GiB RAM · Python {env.get('python', '?')}, "
        f"DuckDB {env.get('duckdb', '?')}, ocdskit {env.get('ocdskit', '?')}.",
        "",
    ]
    phases = results.get("phases") or {}
    for phase in ("loading", "metrics", "pages"):
        if phase in results:
            when = phases.get(phase, env)
            lines.append(
                f"- {phase}: run {when.get('date', '?')} at commit `{when.get('commit', '?')}`, load average "
                f"at start {when.get('load_average', '?')}. {when.get('note', '')}".rstrip()
            )
    return "\n".join(lines)


def data_section(results: dict) -> str:
    data = results["data"]
    increment = results.get("increment_data") or {}
    rows = [
        "## Data (generated, seed {seed})".format(seed=data["seed"]),
        "",
        "| processes | releases | releases/process | JSON lines | release package | mean release | generated in |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {number(data['processes'])} | {number(data['releases'])} | "
        f"{data['releases'] / data['processes']:.2f} | {data['jsonl_bytes'] / 2**20:,.0f} MiB | "
        f"{data['package_bytes'] / 2**20:,.0f} MiB | {data['jsonl_bytes'] / data['releases'] / 1024:.2f} KiB | "
        f"{number(data.get('seconds'), 1)} s |",
    ]
    if increment:
        rows += [
            "",
            f"Incremental set: {number(increment['releases'])} releases "
            f"({increment['releases'] / data['releases']:.1%} of the base) touching "
            f"{number(increment['processes'])} processes (later releases of existing ones, and new ones).",
        ]
    return "\n".join(rows)


def loading_section(results: dict) -> str:
    n, loading = results["n"], results["loading"]
    ocdskit, jsonl = loading.get("ocdskit") or {}, loading.get("loader_jsonl") or {}
    ratio = loading.get("ratio")
    memory_limit = limit_for(LOAD_MEMORY_MIB, n)
    rows = [
        "## Loading",
        "",
        "| step | time | releases/s | peak memory | target | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    if ocdskit:
        label = "`ocdskit compile` (JSON lines)"
        if ocdskit.get("extrapolated_from"):
            label += f" — **extrapolated** from the {ocdskit['extrapolated_from']} run's throughput, not run"
        rows.append(
            f"| {label} | {number(ocdskit.get('seconds'), 1)} s | {number(ocdskit.get('releases_per_s'))} | "
            f"{mib(ocdskit.get('peak_rss_mib'))} | reference | |"
        )
    if jsonl.get("stopped_after_s"):
        rows.append(
            f"| loader, JSON lines → empty database | **did not finish**: stopped after "
            f"{jsonl['stopped_after_s']:,.0f} s | < {releases_rate(results, jsonl['stopped_after_s'])} | "
            f"{jsonl.get('memory_seen', '—')} | ≤ {LOAD_SECONDS_1M} s and ≤ {mib(memory_limit)} | ❌ fail |"
        )
        jsonl = {}
    if jsonl:
        time_target, time_ok = "", None
        if n >= 1_000_000:
            time_target, time_ok = f"≤ {LOAD_SECONDS_1M} s", jsonl["seconds"] <= LOAD_SECONDS_1M
        rows.append(
            f"| loader, JSON lines → empty database | {number(jsonl['seconds'], 1)} s | "
            f"{number(jsonl['releases_per_s'])} | {mib(jsonl['peak_rss_mib'])} | "
            f"{time_target}{' and ' if time_target else ''}≤ {mib(memory_limit)} | "
            f"{verdict(both(time_ok, jsonl['peak_rss_mib'] <= memory_limit) if memory_limit else time_ok)} |"
        )
    package = loading.get("loader_package")
    if package:
        package_ok = package["peak_rss_mib"] <= memory_limit if memory_limit else None
        rows.append(
            f"| loader, release package → empty database | {number(package['seconds'], 1)} s | "
            f"{number(package['releases_per_s'])} | {mib(package['peak_rss_mib'])} | "
            f"≤ {mib(memory_limit)} | {verdict(package_ok)} |"
        )
    increment = loading.get("increment")
    if increment:
        share = increment.get("share_of_full")
        rows.append(
            f"| incremental 1% → the loaded database | {number(increment['seconds'], 1)} s | "
            f"{number(increment['releases_per_s'])} | {mib(increment['peak_rss_mib'])} | "
            f"≤ {INCREMENT_SHARE:.0%} of the full load ({share:.1%}) | {verdict(share <= INCREMENT_SHARE)} |"
        )
    rows.append("")
    if ratio is not None:
        rows.append(
            f"**Loader / ocdskit throughput: {ratio:.2f}×** (target ≥ {RATIO_TARGET}× at 100k: "
            f"{verdict(ratio >= RATIO_TARGET)}"
            f"{', ocdskit extrapolated' if ocdskit.get('extrapolated_from') else ''})."
        )
    equality = loading.get("equality")
    if equality:
        rows.append(
            f"**Compiled releases identical to ocdskit's:** {equality['checked'] - equality['mismatches']:,} "
            f"of {equality['checked']:,} random ocids ({equality['method']}): "
            f"{verdict(equality['mismatches'] == 0)}."
        )
        rows += [f"- {example}" for example in equality.get("examples", [])]
    if jsonl.get("rss_source") == "process tree PSS":
        rows.append(
            f"Peak memory is the loader's whole process tree: the sum of each process's "
            f"PSS, sampled every {SAMPLE_S} s; the largest single process (GNU time) was "
            f"{mib(jsonl.get('largest_process_mib'))}."
        )
    elif jsonl:
        rows.append(f"Peak RSS from {jsonl.get('rss_source')}.")
    if increment:
        rows.append(
            f"The incremental load is compared with the full load of the same database "
            f"({increment.get('compared_with')})."
        )
    return "\n".join(rows)


def releases_rate(results: dict, seconds: float) -> str:
    return f"{results['data']['releases'] / seconds:,.0f}"


def both(first: bool | None, second: bool) -> bool:
    return second if first is None else first and second


def mib(value) -> str:
    if value is None:
        return "—"
    return f"{value / GIB:.2f} GiB" if value >= GIB else f"{value:,.0f} MiB"


def metrics_section(results: dict) -> str:
    limit = limit_for(METRIC_WARM_MS, results["n"])
    rows = [
        "## Metrics and lookups (ms; default parameters)",
        "",
        "| query | cold | warm (median of 5) | of which filter tables | rows | target (warm) | result |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    failed = []
    for row in results["metrics"]:
        if "error" in row:
            rows.append(f"| {row['label']} | error | | | | | ❌ {row['error'][:120]} |")
            failed.append(row["label"])
            continue
        aggregate = AGGREGATES.get(row["label"])
        passed = row["warm_ms"] <= limit if limit and not aggregate else None
        if passed is False:
            failed.append(row["label"])
        runs = "" if row.get("warm_runs", 5) == 5 else f" ({row['warm_runs']} runs)"
        prepare = row.get("warm_prepare_ms")
        target = f"none: {aggregate}" if aggregate else f"≤ {limit:g} ms" if limit else "—"
        rows.append(
            f"| {row['label']} | {row['cold_ms']:,.1f} | {row['warm_ms']:,.1f}{runs} | "
            f"{'—' if prepare is None else f'{prepare:,.1f}'} | {row['rows']:,} | {target} | {verdict(passed)} |"
        )
    held = sum(row["label"] not in AGGREGATES for row in results["metrics"])
    rows += [
        "",
        f"{held - len(failed)} of {held} queries meet the target"
        + (f"; over it or failing: {', '.join(failed)}." if failed else ".")
        + " Fewer warm runs are marked where 5 would take over 20 s. *Of which filter tables*: the warm "
        "median of building the filtered TEMP tables the metric reads (metrics/sql/_prepare), inside its "
        "time; the rest is the metric's own SQL.",
    ]
    return "\n".join(rows)


def pages_section(results: dict) -> str:
    limit = PAGE_SECONDS if results["n"] <= 100_000 else None
    rows = [
        "## Pages (AppTest, each in a fresh process)",
        "",
        "| page | render | of which queries | render again (cached) | first app run | whole process | peak memory "
        "| target | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    notes = []
    for row in results["pages"]:
        if row.get("exceptions"):
            rows.append(
                f"| {row['page']} | error | | | | {row['process_s']:.2f} s | | | "
                f"❌ {'; '.join(row['exceptions'])[:200]} |"
            )
            continue
        passed = row["render_s"] <= limit if limit else None
        queries = row.get("render_profile") or {}
        rows.append(
            f"| {row['page']} | {row['render_s']:.2f} s | {seconds(queries.get('query_s'))} "
            f"({queries.get('queries', '?')}) | {row['rerun_s']:.2f} s | {row['first_run_s']:.2f} s | "
            f"{row['process_s']:.2f} s | {mib(row['peak_rss_mib'])} | "
            f"{f'≤ {limit} s' if limit else '— (target at 100k)'} | {verdict(passed)} |"
        )
        if passed is False and queries.get("slowest"):
            slowest = ", ".join(f"{name} {value:.2f} s" for name, value in queries["slowest"])
            rerun = row.get("rerun_profile") or {}
            notes.append(
                f"- {row['page']}: slowest queries {slowest}; the rest of the render "
                f"({row['render_s'] - queries['query_s']:.2f} s) is the page's own Python work"
                + (
                    f"; re-render still spends {rerun['query_s']:.2f} s in {rerun['queries']} uncached queries"
                    if rerun.get("queries")
                    else ""
                )
                + "."
            )
    rows += [
        "",
        "*render*: the page's own AppTest run (the default page is the app's first run; another page is "
        "switched to after it); *of which queries*: time inside metrics.run/lookup (number of calls); "
        "*first app run*: the default page, cold, including opening the database; *whole process*: the "
        "subprocess from start to exit, including importing Streamlit.",
    ]
    if notes:
        rows += ["", "Where the time goes (pages over the target):", "", *notes]
    return "\n".join(rows)


def seconds(value) -> str:
    return "—" if value is None else f"{value:.2f} s"
