#!/usr/bin/env python3
"""Cross-engine test: the exported tables, schema.sql and queries.sql in DuckDB.

For each input (the real rows in shared/data/real beside the project, or in
$MOVIES_REAL_DATA; assets/sample.zip; and, when present, /tmp/bench/s005.zip) it runs
`movies process`, then in a fresh DuckDB database:

* creates every table with schema.sql and loads csv/<table>.csv with
  COPY ... (HEADER, QUOTE '"', ESCAPE '"'); row counts must equal the manifest;
* runs the eleven queries of queries.sql (the nine questions and the user ratings,
  these computed from ratings_master and links_master independently of the command) (split on their `-- name:` lines) and checks each
  result equals the corresponding columns of the metric table the command wrote
  (company_year, company_genre_year, genre_year): same rows, nulls equal nulls, floats
  within a relative 1e-9;
* reads json/<table>.ndjson with read_json (typed by the schema): row counts must equal
  the manifest and the rows must equal the CSV's;
* reads parquet/<table>.parquet (the command runs with `--format all`): its columns must
  have the schema's names and types, be REQUIRED exactly where schema.sql says NOT NULL,
  hold the manifest's row count and the CSV's rows; then, in a second database whose
  tables are views over the Parquet files alone, the eleven queries give the same answers.

Set up DuckDB with `bash tests/cross_engine/setup.sh`, then run
`tests/.venv/bin/python tests/cross_engine/test_duckdb.py`. The binary is
$MOVIES_BIN, or target/release/movies built with cargo. Exits non-zero on failure. An
absent real-data folder is skipped with a message, except under CI=true, where it fails
the run: CI must never pass without the real rows.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]
REAL = Path(os.environ.get("MOVIES_REAL_DATA") or ROOT.parent / "shared" / "data" / "real")
SAMPLE = ROOT / "assets" / "sample.zip"
GENERATED = Path("/tmp/bench/s005.zip")

# Which metric table (and rows of it) answers each query, by the query's name.
ANSWERS = {
    "company_budget_per_year": ("company_year", None),
    "company_revenue_per_year": ("company_year", None),
    "company_profit_per_year": ("company_year", None),
    "company_releases_by_genre_per_year": ("company_genre_year", None),
    "company_average_popularity_per_year": ("company_year", None),
    "most_popular_genre_per_year": ("genre_year", "popularity_rank = 1"),
    "genre_budget_per_year": ("genre_year", None),
    "genre_revenue_per_year": ("genre_year", None),
    "genre_profit_per_year": ("genre_year", None),
    "company_user_ratings_per_year": ("company_year", None),
    "genre_user_ratings_per_year": ("genre_year", None),
}

REL_TOL = 1e-9


def movies_binary():
    """The `movies` binary: $MOVIES_BIN, or the release build (built if needed)."""
    if os.environ.get("MOVIES_BIN"):
        return os.environ["MOVIES_BIN"]
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "movies-cli"], cwd=ROOT, check=True
    )
    return str(ROOT / "target" / "release" / "movies")


def real_data_absent(path):
    """Fails: under CI=true the real rows are required, so that CI cannot pass without them."""
    raise FileNotFoundError(f"the real data folder {path} is absent, and CI=true requires it")


def split_queries(text):
    """The queries of queries.sql as {name: sql}, split on the `-- name:` lines."""
    queries = {}
    name = None
    for line in text.splitlines():
        if line.startswith("-- name:"):
            name = line.split(":", 1)[1].strip()
            queries[name] = []
        elif name is not None:
            queries[name].append(line)
    return {n: "\n".join(lines).strip().rstrip(";") for n, lines in queries.items()}


def quote(name):
    """A column name quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def sort_key(row):
    """Orders rows with nulls, numbers and text mixed, nulls first."""
    return tuple((0, "") if v is None else (1, v) for v in row)


def values_equal(a, b):
    """Equality with nulls equal to nulls and floats within REL_TOL."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)
    return a == b


def same_rows(got, expected):
    """Asserts two row lists hold the same rows, in any order."""
    assert len(got) == len(expected), f"{len(got)} rows, expected {len(expected)}"
    for g, e in zip(sorted(got, key=sort_key), sorted(expected, key=sort_key)):
        assert len(g) == len(e) and all(map(values_equal, g, e)), f"row {g} != {e}"


class Checks:
    """Runs named checks, recording failures instead of stopping at the first."""

    def __init__(self):
        self.passed = 0
        self.failed = []

    def run(self, name, check, *args):
        """Runs `check(*args)` and records whether it passed."""
        try:
            check(*args)
        except Exception as e:  # a failed check of any kind is reported, not fatal
            self.failed.append(name)
            print(f"FAIL {name}: {type(e).__name__}: {e}")
        else:
            self.passed += 1
            print(f"ok   {name}")


def process_all(checks, label, binary, inputs, out):
    """Runs `movies process INPUTS --out OUT --format all` as a check; returns the
    manifest, or None when the command failed."""
    run = subprocess.run(
        [binary, "process", *map(str, inputs), "--out", str(out), "--format", "all", "--quiet"],
        capture_output=True,
        text=True,
    )
    name = f"{label}: movies process --format all"
    if run.returncode != 0:
        checks.run(name, fail, f"exit {run.returncode}: {run.stderr}")
        return None
    checks.run(name, lambda: None)
    return json.loads((out / "manifest.json").read_text())


def check_export(checks, label, binary, inputs):
    """Processes `inputs` with the command, then checks the export in DuckDB."""
    with tempfile.TemporaryDirectory(prefix="movies-duckdb-") as tmp:
        out = Path(tmp) / "out"
        started = time.perf_counter()
        manifest = process_all(checks, label, binary, inputs, out)
        if manifest is None:
            return
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        checks.run(f"{label}: schema.sql", con.execute, (out / "schema.sql").read_text())
        tables = sorted(manifest["tables"])
        for table in tables:
            checks.run(f"{label}: load csv/{table}.csv", load_csv, con, out, table, manifest)
        queries = split_queries((out / "queries.sql").read_text())
        checks.run(f"{label}: eleven named queries", check_names, queries)
        for name, sql in queries.items():
            checks.run(f"{label}: query {name}", check_query, con, name, sql)
        for table in tables:
            checks.run(f"{label}: read json/{table}.ndjson", check_ndjson, con, out, table, manifest)
        for table in tables:
            checks.run(f"{label}: read parquet/{table}.parquet", check_parquet, con, out, table, manifest)
        con.close()
        parquet = duckdb.connect()
        for table in tables:
            path = out / "parquet" / f"{table}.parquet"
            parquet.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
        for name, sql in queries.items():
            checks.run(f"{label}: parquet: query {name}", check_query, parquet, name, sql)
        parquet.close()
        print(f"     {label}: {time.perf_counter() - started:.1f} s")


def fail(message):
    """A check that fails with `message`."""
    raise AssertionError(message)


def load_csv(con, out, table, manifest):
    """COPY the table's CSV into the table created by schema.sql; check the row count.

    The quoting is stated: with `(HEADER)` alone DuckDB sniffs the escape character from
    the first 20,480 rows and, when none of them has a doubled quote, reads a later
    `"The ""Good"" Film Company"` as an unterminated quote.
    """
    path = out / "csv" / f"{table}.csv"
    con.execute(f"COPY {table} FROM '{path}' (HEADER, QUOTE '\"', ESCAPE '\"')")
    (rows,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert rows == manifest["tables"][table]["rows"], f"{rows} rows, manifest says {manifest['tables'][table]}"


def check_names(queries):
    """queries.sql holds exactly the nine questions and the two user-rating queries."""
    assert sorted(queries) == sorted(ANSWERS), f"queries.sql names: {sorted(queries)}"


def check_query(con, name, sql):
    """Runs a query and compares it with the metric table columns of the same names."""
    result = con.execute(sql)
    columns = [d[0] for d in result.description]
    got = result.fetchall()
    table, where = ANSWERS[name]
    select = f"SELECT {', '.join(map(quote, columns))} FROM {table}"
    if where:
        select += f" WHERE {where}"
    expected = con.execute(select).fetchall()
    assert expected or not got, f"{table} is empty"
    same_rows(got, expected)


def check_ndjson(con, out, table, manifest):
    """Reads the NDJSON typed by the schema; its rows must be the CSV's."""
    path = out / "json" / f"{table}.ndjson"
    described = con.execute(f"DESCRIBE {table}").fetchall()
    columns = "{" + ", ".join(f"'{c[0]}': '{c[1]}'" for c in described) + "}"
    source = f"read_json('{path}', format = 'newline_delimited', columns = {columns})"
    assert_rows_of_table(con, table, described, source, manifest, "json/")


def assert_rows_of_table(con, table, described, source, manifest, folder):
    """`source` has the manifest's row count and exactly the rows of the loaded `table`."""
    (rows,) = con.execute(f"SELECT count(*) FROM {source}").fetchone()
    assert rows == manifest["tables"][table]["rows"], f"{rows} rows, manifest says {manifest['tables'][table]}"
    names = ", ".join(quote(c[0]) for c in described)
    (differ,) = con.execute(
        f"SELECT count(*) FROM ((SELECT {names} FROM {table} EXCEPT ALL SELECT {names} FROM {source})"
        f" UNION ALL (SELECT {names} FROM {source} EXCEPT ALL SELECT {names} FROM {table}))"
    ).fetchone()
    assert differ == 0, f"{differ} rows differ between csv/ and {folder}"


def check_parquet(con, out, table, manifest):
    """Reads the Parquet file: schema's names, types and NOT NULL; the CSV's rows."""
    path = out / "parquet" / f"{table}.parquet"
    described = con.execute(f"DESCRIBE {table}").fetchall()
    want = [(c[0], c[1], c[2] == "NO") for c in described]
    source = f"read_parquet('{path}')"
    types = {c[0]: c[1] for c in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    required = {
        name: repetition == "REQUIRED"
        for name, repetition in con.execute(
            f"SELECT name, repetition_type FROM parquet_schema('{path}') WHERE num_children IS NULL"
        ).fetchall()
    }
    got = [(name, types.get(name), required.get(name)) for name in types]
    assert got == want, f"Parquet columns {got}, schema.sql says {want}"
    assert_rows_of_table(con, table, described, source, manifest, "parquet/")


def main():
    started = time.perf_counter()
    print(f"duckdb {duckdb.__version__}")
    binary = movies_binary()
    checks = Checks()
    cases = [("real", REAL, [REAL]), ("sample", SAMPLE, [SAMPLE]), ("s005", GENERATED, [GENERATED])]
    for label, needed, inputs in cases:
        if needed.exists():
            check_export(checks, label, binary, inputs)
        elif needed == REAL and os.environ.get("CI") == "true":
            checks.run(label, real_data_absent, needed)
        else:
            print(f"skip {label}: {needed} is absent")
    print(f"{checks.passed} passed, {len(checks.failed)} failed")
    print(f"     total: {time.perf_counter() - started:.1f} s")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
