# Sourced by the scripts: puts the project's own build tools (wasm-opt) first on PATH.
export PATH="$PWD/tools/node_modules/.bin:$PATH"
