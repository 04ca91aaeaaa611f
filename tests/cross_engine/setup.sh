#!/usr/bin/env bash
# Creates tests/.venv with the pinned DuckDB and PySpark for the cross-engine tests, each
# installed only when it is missing (or another version). Usage: bash tests/cross_engine/setup.sh
# PySpark runs Spark in local mode on the machine's Java (17 or later, `java` on PATH).
set -euo pipefail

DUCKDB_VERSION="2.0.0"
PYSPARK_VERSION="4.0.1"
venv="$(cd "$(dirname "$0")/.." && pwd)/.venv"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi
if ! command -v java >/dev/null 2>&1; then
    echo "setup: installing Debian's openjdk-17-jre-headless (Java for PySpark)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q openjdk-17-jre-headless
fi
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
"$venv/bin/python" -c "import duckdb; print('duckdb', duckdb.__version__, 'in $venv')"
"$venv/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__, 'in $venv')"
