"""The filter steps of the unfiltered dashboard, and of its red flags, stored in the database by each load.

Before a metric runs, the runner builds the TEMP tables its SQL reads for the chosen filters (runner.prepare). With
no filter set, the view every page opens with, those tables hold every process and every award or contract line, and
building them copied all of it: at 100k processes 0.1-0.2 s each, 0.6 s of the overview's first view, and every
page that opens on a fresh connection paid it again. So a load stores the unfiltered result of the steps in STORED
(table `stored_<step>`), and the runner reads it through a TEMP view of the step's name when the step's parameters
have the values the load used: every filter unset and, for the red flags' steps (flag_base ...), the shared settings
of the red-flag settings file the dashboard reads (PAINEL_FLAG_SETTINGS, else Cardinal's defaults). With another
settings file the runner builds those steps as before. The SQL files stay the one definition: the loader runs them
unchanged.

A load rewrites only the rows it can change: those of the touched processes; of the processes whose unfiltered
`filtered_processes` row the refresh changed (a secretariat spelling, or their publisher's main currency); of the
processes with a line of an organization whose name, scale or locality the refresh changed
(they come from `organizations`); and of the processes without a main currency, whose red flags take their
publisher's most used bid currency. The field counts (`field_counts`, per publisher and month) are rewritten by
difference instead (add_field_count_changes). `stored_prepared` records which version of the SQL files the stored
rows come from and each step's parameter values; when the files change, the next load rebuilds them all, and until
then the runner builds its TEMP tables as before.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

import duckdb

from metrics import runner, settings
from metrics.errors import MetricError, SettingsError

FLAG_STEPS = ("flag_base", "flag_processes", "flag_bids", "flag_awards", "bid_ratios")
# field_counts last: a load rewrites it by difference (add_field_count_changes), over a `filtered_processes` of the
# touched processes only, which no step after it may read.
STORED = ("filtered_processes", "award_lines", "contract_lines", "supplier_lines", *FLAG_STEPS, "field_counts")
RECORD = """
CREATE OR REPLACE TABLE stored_prepared (name VARCHAR PRIMARY KEY, sql_version VARCHAR NOT NULL, parameters VARCHAR)
"""

# The processes whose stored rows a load rewrites: see the module's docstring. `restated_processes` (the touched
# processes, and those whose filtered_processes row the refresh changed) and `relabelled_organizations` (whose name,
# scale or locality the load changed, or that it added or removed) are the TEMP tables loaders/postprocess.sql
# leaves for this; refresh drops them. Comparing every process's filtered_processes row with its stored one instead
# took 0.19 s of a 1% load at 100k processes, whatever the load's size.
STALE = """
CREATE OR REPLACE TEMP TABLE stale_ocids AS
SELECT ocid FROM restated_processes
UNION SELECT ocid FROM stored_award_lines WHERE supplier_id IN (SELECT org_id FROM relabelled_organizations)
UNION SELECT ocid FROM stored_contract_lines WHERE supplier_id IN (SELECT org_id FROM relabelled_organizations)
UNION SELECT p.ocid FROM processes AS p LEFT JOIN publishers AS pub USING (publisher) WHERE pub.main_currency IS NULL
"""


@cache
def sql_version() -> str:
    """A hash of the stored steps' SQL files (and the macros they call): stored rows are used only with the files
    that made them."""
    digest = hashlib.sha256()
    for name in ("macros", *STORED):
        digest.update(_prepare_sql(name).encode())
    return digest.hexdigest()[:16]


def parameters_key(values: dict) -> str:
    """How a step's parameter values are recorded and compared: JSON with sorted keys."""
    return json.dumps(values, sort_keys=True, default=str)


def recorded(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each stored step's recorded parameter values (parameters_key), if the database holds steps made by the
    current SQL files; else nothing (a database loaded before steps were stored has none). Asked of the catalog
    first: a failed query would abort the load's transaction."""
    (current_schema,) = con.execute(RECORDED).fetchone()
    if not current_schema:
        return {}
    rows = con.execute("SELECT name, sql_version, parameters FROM stored_prepared").fetchall()
    if {name for name, _, _ in rows} != set(STORED) or any(version != sql_version() for _, version, _ in rows):
        return {}
    return {name: parameters for name, _, parameters in rows}


RECORDED = """
SELECT count(*) FROM duckdb_columns()
WHERE table_name = 'stored_prepared' AND column_name = 'parameters'
    AND database_name = current_database() AND schema_name = 'main'
"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the stored steps up to date at the end of a load, inside its transaction, after the refresh of
    loaders/postprocess.sql; `remember` must have run before the load deleted the touched processes' rows."""
    con.execute(_prepare_sql("macros"))  # the steps call these TEMP macros
    values = load_values()
    if recorded(con) == {step: parameters_key(step_values) for step, step_values in values.items()}:
        _rewrite_stale(con, values)
    else:
        _rebuild(con, values)
    for step in STORED:
        runner.drop_temp(con, step)
    con.execute("DROP TABLE IF EXISTS relabelled_organizations")
    con.execute("DROP TABLE IF EXISTS field_counts_before")  # left by remember() when every step was stored anew
    con.execute("DROP TABLE IF EXISTS restated_processes")


def load_values() -> dict[str, dict]:
    """The values a load runs each step with: every filter unset, the red flags' shared settings as the dashboard
    reads them. A settings file that cannot be read stores Cardinal's defaults: the dashboard reports the file's
    error itself, and a load must not fail over it."""
    try:
        flag_settings = settings.load_settings(settings.settings_path_from_env())
    except SettingsError:
        flag_settings = settings.default_settings()
    shared = settings.global_values(flag_settings)
    return {
        step: {name: shared.get(name) for name in sorted(set(runner.PARAMETER.findall(_prepare_sql(step))))}
        for step in STORED
    }


def _prepare_sql(name: str) -> str:
    return runner.read_sql(runner.PREPARE_DIR / f"{name}.sql")


def _run_step(con: duckdb.DuckDBPyConnection, step: str, values: dict[str, dict]) -> None:
    """Build the step's TEMP table from its SQL file with the values a load uses."""
    runner.drop_temp(con, step)  # a view the runner made, if metrics ran on this connection
    con.execute(_prepare_sql(step), values[step])


def _rebuild(con: duckdb.DuckDBPyConnection, values: dict[str, dict]) -> None:
    """Store every step from scratch. Each is stored, then read back by the next ones through a view, as the runner
    reads it: at a million processes, four TEMP tables at once outgrew the loader's memory."""
    for step in STORED:
        runner.drop_temp(con, step)  # a view the runner made, if metrics ran on this connection
        con.execute(_stored_sql(step), values[step])
        con.execute(f"CREATE TEMP VIEW {step} AS FROM stored_{step}")
    con.execute(RECORD)
    con.execute(
        "INSERT INTO stored_prepared SELECT unnest(?), ?, unnest(?)",
        [list(STORED), sql_version(), [parameters_key(values[step]) for step in STORED]],
    )


def _rewrite_stale(con: duckdb.DuckDBPyConnection, values: dict[str, dict]) -> None:
    """Rewrite the rows of the stale processes only: a load's commit rewrites every row written."""
    first, *others = (step for step in STORED if step != "field_counts")
    con.execute(STALE)
    # The first step reads only the stale processes: a TEMP table of that name hides the database's table from it
    # (DuckDB looks up TEMP objects first). Building it for every process and deleting the other rows took 0.07 s.
    con.execute("CREATE TEMP TABLE processes AS FROM processes WHERE ocid IN (SELECT ocid FROM stale_ocids)")
    _run_step(con, first, values)
    con.execute("DROP TABLE temp.processes")
    _replace_stale_rows(con, first)
    for step in others:  # each reads the steps before it, which now hold the stale processes only
        _run_step(con, step, values)
        _replace_stale_rows(con, step)
    con.execute("DROP TABLE stale_ocids")
    _add_field_count_changes(con)


def remember(con: duckdb.DuckDBPyConnection) -> None:
    """Before the load deletes the flat rows of the ocids in `touched`: count their fields as field_counts counts
    them (TEMP table field_counts_before), to be taken off the stored counts (add_field_count_changes)."""
    if not recorded(con):
        return  # nothing stored to take them off: the load stores every step from scratch
    _count_touched_fields(con)
    con.execute("ALTER TABLE field_counts RENAME TO field_counts_before")


def _count_touched_fields(con: duckdb.DuckDBPyConnection) -> None:
    """The TEMP table field_counts for the touched processes only, from their stored filtered_processes rows (only
    the columns field_counts reads: copying the others took most of the time)."""
    runner.drop_temp(con, "filtered_processes")
    con.execute(TOUCHED_PROCESSES)
    runner.drop_temp(con, "field_counts")
    con.execute(_prepare_sql("field_counts"))
    con.execute("DROP TABLE temp.filtered_processes")


TOUCHED_PROCESSES = """
CREATE TEMP TABLE filtered_processes AS
SELECT ocid, publisher, period_date FROM stored_filtered_processes WHERE ocid IN (SELECT ocid FROM touched)
"""


def _add_field_count_changes(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the stored field counts of the touched processes' publishers. The counts are sums over processes, and
    only the touched processes' fields and publisher can change: the new counts are the stored ones, less the
    touched processes' counts before the load (remember), plus their counts now. Counting every process's fields
    again takes 0.1 s at 100k processes and 0.5 s at a million; this and remember() take 0.06 s of a 1% load at
    100k."""
    _count_touched_fields(con)
    con.execute(FIELD_COUNTS_CHANGED)
    con.execute("DELETE FROM stored_field_counts WHERE publisher IN (SELECT publisher FROM field_counts_publishers)")
    con.execute("INSERT INTO stored_field_counts FROM field_counts_changed")
    for table in ("field_counts_before", "field_counts_publishers", "field_counts_changed"):
        con.execute(f"DROP TABLE {table}")


# A month of a publisher left without processes loses its rows, as counting again would leave it out.
FIELD_COUNTS_CHANGED = """
CREATE OR REPLACE TEMP TABLE field_counts_publishers AS
SELECT publisher FROM field_counts_before UNION SELECT publisher FROM field_counts;

CREATE OR REPLACE TEMP TABLE field_counts_changed AS
WITH summed AS (
    SELECT publisher, month, stage, path, SUM(processes) AS processes, SUM(occurrences) AS occurrences
    FROM (
        FROM stored_field_counts WHERE publisher IN (SELECT publisher FROM field_counts_publishers)
        UNION ALL
        SELECT publisher, month, stage, path, -processes, -occurrences FROM field_counts_before
        UNION ALL
        FROM field_counts
    )
    GROUP BY ALL
),
months AS (
    SELECT DISTINCT publisher, DATE_TRUNC('month', period_date)::DATE AS month FROM stored_filtered_processes
    WHERE publisher IN (SELECT publisher FROM field_counts_publishers)
)
FROM summed AS s
SEMI JOIN months AS m ON m.publisher = s.publisher AND m.month IS NOT DISTINCT FROM s.month;
"""


def _stored_sql(step: str) -> str:
    """The step's SQL file made to create its stored table instead of its TEMP table: building the TEMP table and
    copying it took a load at 100k processes 0.7 s longer."""
    sql, made = re.subn(
        rf"\bCREATE OR REPLACE TEMP TABLE {step} AS\b", f"CREATE OR REPLACE TABLE stored_{step} AS", _prepare_sql(step)
    )
    if made != 1:
        raise MetricError(f"{runner.PREPARE_DIR / step}.sql must create the TEMP table {step} once ({made} found).")
    return sql


def _replace_stale_rows(con: duckdb.DuckDBPyConnection, step: str) -> None:
    con.execute(f"DELETE FROM stored_{step} WHERE ocid IN (SELECT ocid FROM stale_ocids)")
    con.execute(f"INSERT INTO stored_{step} FROM temp.{step}")
