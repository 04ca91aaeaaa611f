#!/usr/bin/env bash
# Sets everything up, builds the explorer and serves it on http://127.0.0.1:8080/.
# Open http://127.0.0.1:8080/?sample to see the embedded sample charted at once.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
echo "serving on http://127.0.0.1:8080/?sample (the embedded sample) — Ctrl-C to stop"
exec trunk serve
