"""The filter steps of the unfiltered dashboard, stored in the database by each load.

Before a metric runs, the runner builds the TEMP tables its SQL reads for the chosen filters (runner.prepare). With
no filter set, the view every page opens with, those tables hold every process and every award or contract line, and
building them copied all of it: at 100k processes 0.1-0.2 s each, 0.6 s of the overview's first view, and every
page that opens on a fresh connection paid it again. So a load stores the unfiltered result of the steps in STORED
(table `stored_<step>`), and the runner reads it through a TEMP view of the step's name when none of the step's
filters is set. The SQL files stay the one definition: the loader runs them unchanged, with every filter unset.

A load rewrites only the rows it can change: those of the processes whose unfiltered `filtered_processes` row
differs from the stored one (the touched processes, and any whose publisher, secretariat spelling or main currency
the refresh changed), and those of the processes with a line of an organization the refresh changed (a supplier's
name, scale and locality come from `organizations`). `stored_prepared` records which version of the SQL files the
stored rows come from; when the files change, the next load rebuilds them all, and until then the runner builds
its TEMP tables as before.
"""

from __future__ import annotations

import hashlib
from functools import cache

import duckdb

from metrics import runner

STORED = ("filtered_processes", "award_lines", "contract_lines", "supplier_lines")
RECORD = "CREATE TABLE IF NOT EXISTS stored_prepared (name VARCHAR PRIMARY KEY, sql_version VARCHAR NOT NULL)"

# The processes whose stored rows a load rewrites: see the module's docstring. `changed_organizations` is the TEMP
# table loaders/postprocess.sql leaves for this (the organizations whose row the load changed); refresh drops it.
STALE = """
CREATE OR REPLACE TEMP TABLE stale_ocids AS
SELECT ocid FROM (FROM filtered_processes EXCEPT FROM stored_filtered_processes)
UNION SELECT ocid FROM (FROM stored_filtered_processes EXCEPT FROM filtered_processes)
UNION SELECT ocid FROM stored_award_lines WHERE supplier_id IN (SELECT org_id FROM changed_organizations)
UNION SELECT ocid FROM stored_contract_lines WHERE supplier_id IN (SELECT org_id FROM changed_organizations)
"""


@cache
def sql_version() -> str:
    """A hash of the stored steps' SQL files: stored rows are used only with the files that made them."""
    digest = hashlib.sha256()
    for step in STORED:
        digest.update(runner.read_sql(runner.PREPARE_DIR / f"{step}.sql").encode())
    return digest.hexdigest()[:16]


def usable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database holds stored steps made by the current SQL files (a database loaded before steps were
    stored has none). Asked of the catalog: a failed query would abort the load's transaction."""
    (recorded,) = con.execute(RECORDED).fetchone()
    if not recorded:
        return False
    rows = con.execute("SELECT sql_version FROM stored_prepared").fetchall()
    return len(rows) == len(STORED) and all(version == sql_version() for (version,) in rows)


RECORDED = """
SELECT count(*) FROM duckdb_tables()
WHERE table_name = 'stored_prepared' AND database_name = current_database() AND schema_name = 'main'
"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Bring the stored steps up to date at the end of a load, inside its transaction, after the refresh of
    loaders/postprocess.sql."""
    if usable(con):
        _rewrite_stale(con)
    else:
        _rebuild(con)
    for step in STORED:
        runner.drop_temp(con, step)
    con.execute("DROP TABLE IF EXISTS changed_organizations")


def _run_step(con: duckdb.DuckDBPyConnection, step: str) -> None:
    """Build the step's TEMP table from its SQL file with every filter unset."""
    sql = runner.read_sql(runner.PREPARE_DIR / f"{step}.sql")
    runner.drop_temp(con, step)  # a view the runner made, if metrics ran on this connection
    con.execute(sql, {name: None for name in set(runner.PARAMETER.findall(sql))})


def _rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Store every step from scratch. Each is stored, then read back by the next ones through a view, as the runner
    reads it: at a million processes, four TEMP tables at once outgrew the loader's memory."""
    con.execute(RECORD)
    for step in STORED:
        _run_step(con, step)
        con.execute(f"CREATE OR REPLACE TABLE stored_{step} AS FROM temp.{step}")
        runner.drop_temp(con, step)
        con.execute(f"CREATE TEMP VIEW {step} AS FROM stored_{step}")
    con.execute("DELETE FROM stored_prepared")
    con.execute("INSERT INTO stored_prepared SELECT unnest(?), ?", [list(STORED), sql_version()])


def _rewrite_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the rows of the stale processes only: a load's commit rewrites every row written."""
    first, *lines = STORED
    _run_step(con, first)
    con.execute(STALE)
    con.execute(f"DELETE FROM temp.{first} WHERE ocid NOT IN (SELECT ocid FROM stale_ocids)")
    _replace_stale_rows(con, first)
    for step in lines:  # each reads the steps before it, which now hold the stale processes only
        _run_step(con, step)
        _replace_stale_rows(con, step)
    con.execute("DROP TABLE stale_ocids")


def _replace_stale_rows(con: duckdb.DuckDBPyConnection, step: str) -> None:
    con.execute(f"DELETE FROM stored_{step} WHERE ocid IN (SELECT ocid FROM stale_ocids)")
    con.execute(f"INSERT INTO stored_{step} FROM temp.{step}")
