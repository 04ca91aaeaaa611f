#!/usr/bin/env python3
"""Cross-engine test: the exported tables, schema.sql and queries.sql in Apache Spark.

For each input (assets/sample.zip and, when present, /tmp/bench/s005.zip) it runs
`movies process --format all`, then in one local Spark session (PySpark, local[2]):

* reads csv/<table>.csv with the schema of schema.sql (its CREATE TABLE lines translated
  to a Spark StructType), header, nulls as empty fields and RFC 4180 quoting
  (`escape='"'`, `multiLine=True` for quoted line breaks), failing on a malformed row;
  row counts must equal the manifest; each table becomes a temporary view;
* runs the eleven queries of queries.sql unchanged with spark.sql and checks each result
  equals the corresponding columns of the metric table the command wrote (company_year,
  company_genre_year, genre_year, read independently of Spark with Python's csv
  module): same rows, nulls equal nulls, floats within a relative 1e-9;
* reads parquet/<table>.parquet: its Spark schema must be the one of schema.sql (names
  and types; Spark makes every column of a file nullable), row counts the manifest's, and its rows exactly the CSV's; then the
  eleven queries run again over the Parquet views with the same answers.

Set up with `bash tests/cross_engine/setup.sh` (PySpark in tests/.venv; Java 17+ on
PATH), then run `tests/.venv/bin/python tests/cross_engine/test_spark.py`. The binary is
$MOVIES_BIN, or target/release/movies built with cargo. Exits non-zero on failure.
"""

import csv
import datetime
import re
import sys
import tempfile
import time
from pathlib import Path

from test_duckdb import ANSWERS, Checks, check_names, movies_binary, process_all, same_rows, split_queries

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "sample.zip"
GENERATED = Path("/tmp/bench/s005.zip")

# schema.sql types → (Spark type name, Python parser of a CSV field).
TYPES = {
    "BIGINT": ("long", int),
    "INTEGER": ("integer", int),
    "DOUBLE": ("double", float),
    "VARCHAR": ("string", str),
    "BOOLEAN": ("boolean", {"true": True, "false": False}.__getitem__),
    "DATE": ("date", datetime.date.fromisoformat),
}

CREATE = re.compile(r"CREATE TABLE (\w+) \((.*?)\n\);", re.S)
COLUMN = re.compile(r'^\s*("?)(\w+)\1 (\w+)(?:\(\d+\))?( NOT NULL)?,?$')


def parse_schema(text):
    """schema.sql as {table: [(column, SQL type, nullable)]}, from its CREATE TABLE lines."""
    tables = {}
    for name, body in CREATE.findall(text):
        columns = []
        for line in body.strip("\n").split("\n"):
            match = COLUMN.match(line)
            assert match, f"{name}: cannot read the column line {line!r}"
            _, column, sql_type, not_null = match.groups()
            assert sql_type in TYPES, f"{name}.{column}: unknown type {sql_type}"
            columns.append((column, sql_type, not not_null))
        tables[name] = columns
    assert tables, "no CREATE TABLE in schema.sql"
    return tables


def struct_type(columns):
    """The Spark StructType of a table's columns."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    return StructType(
        [StructField(c, _parse_datatype_string(TYPES[t][0]), nullable) for c, t, nullable in columns]
    )


def read_metric_csv(path, columns):
    """A metric table's CSV read with Python's csv module, typed by the schema: {column: [values]}."""
    parsers = {c: TYPES[t][1] for c, t, _ in columns}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == [c for c, _, _ in columns], f"{path.name}: header {header}"
        rows = [
            {c: (None if v == "" else parsers[c](v)) for c, v in zip(header, record)} for record in reader
        ]
    return rows


def start_spark():
    """One local Spark session for every run: 2 cores, no UI, few shuffle partitions."""
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("movies-cross-engine")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def expected_answer(metrics, name, columns):
    """The rows of the metric table answering query `name`, restricted to `columns`."""
    table, where = ANSWERS[name]
    rows = metrics[table]
    if where:
        column, value = [p.strip() for p in where.split("=")]
        rows = [r for r in rows if r[column] == int(value)]
    return [tuple(r[c] for c in columns) for r in rows]


def check_query(spark, metrics, name, sql):
    """Runs one query of queries.sql with spark.sql and compares it with the metric table."""
    result = spark.sql(sql)
    columns = result.columns
    got = [tuple(row) for row in result.collect()]
    expected = expected_answer(metrics, name, columns)
    assert expected or not got, f"{ANSWERS[name][0]} is empty"
    same_rows(got, expected)


def load_csv(spark, out, table, schema, manifest):
    """Reads csv/<table>.csv with the schema, checks the row count, registers the view."""
    frame = spark.read.csv(
        str(out / "csv" / f"{table}.csv"),
        schema=schema,
        header=True,
        enforceSchema=False,  # the header must name the schema's columns, in order
        quote='"',
        escape='"',
        multiLine=True,
        nullValue="",
        mode="FAILFAST",
    )
    rows = frame.count()
    assert rows == manifest["tables"][table]["rows"], f"{rows} rows, manifest says {manifest['tables'][table]}"
    frame.createOrReplaceTempView(table)
    return frame


def load_parquet(spark, out, table, schema, manifest, csv_frame):
    """Reads parquet/<table>.parquet: schema, row count and rows must match; registers the view."""
    frame = spark.read.parquet(str(out / "parquet" / f"{table}.parquet"))
    # Spark reads every column of a file source as nullable, so only names and types are
    # compared here; test_duckdb.py checks the REQUIRED (NOT NULL) columns of the files.
    got = [(f.name, f.dataType.simpleString()) for f in frame.schema.fields]
    want = [(f.name, f.dataType.simpleString()) for f in schema.fields]
    assert got == want, f"Parquet schema {got}, expected {want}"
    rows = frame.count()
    assert rows == manifest["tables"][table]["rows"], f"{rows} rows, manifest says {manifest['tables'][table]}"
    if csv_frame is not None:
        differ = frame.exceptAll(csv_frame).count() + csv_frame.exceptAll(frame).count()
        assert differ == 0, f"{differ} rows differ between csv/ and parquet/"
    frame.createOrReplaceTempView(table)


def check_export(checks, spark, label, binary, inputs):
    """Processes `inputs` with the command, then checks the export in Spark."""
    with tempfile.TemporaryDirectory(prefix="movies-spark-") as tmp:
        out = Path(tmp) / "out"
        started = time.perf_counter()
        manifest = process_all(checks, label, binary, inputs, out)
        if manifest is None:
            return
        checks.run(f"{label}: manifest formats", check_formats, manifest)
        tables = parse_schema((out / "schema.sql").read_text())
        checks.run(f"{label}: schema.sql has every table", check_tables, tables, manifest)
        schemas = {t: struct_type(columns) for t, columns in tables.items()}
        metrics = {}
        for table in sorted({t for t, _ in ANSWERS.values()}):
            metrics[table] = read_metric_csv(out / "csv" / f"{table}.csv", tables[table])
        queries = split_queries((out / "queries.sql").read_text())
        checks.run(f"{label}: eleven named queries", check_names, queries)

        frames = {}
        for table in sorted(manifest["tables"]):
            checks.run(f"{label}: load csv/{table}.csv", load_into, frames, load_csv, spark, out, table,
                       schemas[table], manifest)
        for name, sql in queries.items():
            checks.run(f"{label}: csv: query {name}", check_query, spark, metrics, name, sql)

        for table in sorted(manifest["tables"]):
            checks.run(f"{label}: load parquet/{table}.parquet", load_parquet, spark, out, table,
                       schemas[table], manifest, frames.get(table))
        for name, sql in queries.items():
            checks.run(f"{label}: parquet: query {name}", check_query, spark, metrics, name, sql)
        spark.catalog.clearCache()
        for table in manifest["tables"]:
            spark.catalog.dropTempView(table)
        print(f"     {label}: {time.perf_counter() - started:.1f} s")


def load_into(frames, loader, spark, out, table, *args):
    """Runs a loader and keeps the DataFrame it returns under the table's name."""
    frames[table] = loader(spark, out, table, *args)


def check_formats(manifest):
    """The manifest lists the three formats written."""
    assert manifest["formats"] == ["csv", "ndjson", "parquet"], f"formats {manifest['formats']}"


def check_tables(tables, manifest):
    """schema.sql defines exactly the tables of the manifest."""
    assert sorted(tables) == sorted(manifest["tables"]), f"{sorted(tables)} vs {sorted(manifest['tables'])}"


def main():
    started = time.perf_counter()
    binary = movies_binary()
    cases = [("sample", SAMPLE, [SAMPLE]), ("s005", GENERATED, [GENERATED])]
    present = []
    for label, needed, inputs in cases:
        if needed.exists():
            present.append((label, inputs))
        else:
            print(f"skip {label}: {needed} is absent")
    spark = start_spark()
    print(f"spark {spark.version} (local[2]) started in {time.perf_counter() - started:.1f} s")
    checks = Checks()
    try:
        for label, inputs in present:
            check_export(checks, spark, label, binary, inputs)
    finally:
        spark.stop()
    print(f"{checks.passed} passed, {len(checks.failed)} failed")
    print(f"     total: {time.perf_counter() - started:.1f} s")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
