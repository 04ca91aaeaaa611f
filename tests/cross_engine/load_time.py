#!/usr/bin/env python3
"""How long DuckDB takes to load an export from CSV and from Parquet (not part of the tests).

    tests/.venv/bin/python tests/cross_engine/load_time.py EXPORT_DIR [TABLE...]

EXPORT_DIR is the output of `movies process ... --format all` (or csv,parquet). For each
table (default: ratings_master, movies_master, cast_master, crew_master) it creates the
table from schema.sql in a fresh in-memory DuckDB database and times, best of three:

* `COPY t FROM 'csv/t.csv' (HEADER, QUOTE '"', ESCAPE '"')`
* `INSERT INTO t SELECT * FROM read_parquet('parquet/t.parquet')`
* a query straight over each file without loading it (count, avg of a numeric column)

and prints rows, file sizes and seconds. Threads: DuckDB's default (all cores).
"""

import re
import sys
import time
from pathlib import Path

import duckdb

DEFAULT_TABLES = ["ratings_master", "movies_master", "cast_master", "crew_master"]
# A numeric column per table for the direct query.
NUMERIC = {"ratings_master": "rating", "movies_master": "popularity", "cast_master": "gender",
           "crew_master": "gender"}


def create_statement(schema_sql, table):
    """The CREATE TABLE statement of `table` in schema.sql."""
    match = re.search(rf"CREATE TABLE {table} \(.*?\n\);", schema_sql, re.S)
    if not match:
        raise SystemExit(f"{table}: not in schema.sql")
    return match.group(0)


def best_of(runs, setup, action):
    """The shortest of `runs` timings of `action(con)`, each on a fresh database from `setup`."""
    best = None
    result = None
    for _ in range(runs):
        con = setup()
        started = time.perf_counter()
        result = action(con)
        elapsed = time.perf_counter() - started
        con.close()
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = Path(sys.argv[1])
    tables = sys.argv[2:] or DEFAULT_TABLES
    schema_sql = (out / "schema.sql").read_text()
    print(f"duckdb {duckdb.__version__}, export {out}")
    print(f"{'table':<16} {'rows':>12} {'csv MB':>8} {'parquet MB':>10} {'load csv s':>10} "
          f"{'load parquet s':>14} {'query csv s':>11} {'query parquet s':>15}")
    for table in tables:
        csv_path = out / "csv" / f"{table}.csv"
        parquet_path = out / "parquet" / f"{table}.parquet"
        create = create_statement(schema_sql, table)

        def fresh():
            con = duckdb.connect()
            con.execute(create)
            return con

        def load_csv(con):
            con.execute(f"COPY {table} FROM '{csv_path}' (HEADER, QUOTE '\"', ESCAPE '\"')")
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        def load_parquet(con):
            con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet('{parquet_path}')")
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

        column = NUMERIC.get(table)
        aggregate = f"count(*), avg({column})" if column else "count(*)"

        def query_csv(con):
            source = f"read_csv('{csv_path}', header = true, quote = '\"', escape = '\"')"
            return con.execute(f"SELECT {aggregate} FROM {source}").fetchone()

        def query_parquet(con):
            return con.execute(f"SELECT {aggregate} FROM read_parquet('{parquet_path}')").fetchone()

        csv_s, csv_rows = best_of(3, fresh, load_csv)
        parquet_s, parquet_rows = best_of(3, fresh, load_parquet)
        assert csv_rows == parquet_rows, f"{table}: {csv_rows} rows from CSV, {parquet_rows} from Parquet"
        query_csv_s, a = best_of(3, duckdb.connect, query_csv)
        query_parquet_s, b = best_of(3, duckdb.connect, query_parquet)
        assert a[0] == b[0], f"{table}: {a} vs {b}"
        print(f"{table:<16} {csv_rows:>12,} {csv_path.stat().st_size / 1e6:>8.1f} "
              f"{parquet_path.stat().st_size / 1e6:>10.1f} {csv_s:>10.2f} {parquet_s:>14.2f} "
              f"{query_csv_s:>11.2f} {query_parquet_s:>15.2f}")


if __name__ == "__main__":
    main()
