#!/usr/bin/env bash
# Build the detente Python package, install it into a virtual environment with
# `pip install ./python` (as a user would), and run its tests:
#   step 1: pytest python/tests -m "not spark"  (results equal `detente code`'s)
#   step 2: the Spark test in local mode, skipped with a message when Java is absent.
# Needs: python3 (3.9+) with venv, a Rust toolchain, pip access to PyPI (wheels in
# $PIP_FIND_LINKS are used when present). Usage: bash python/ci.sh [pytest args...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
python="${PYTHON:-python3}"
venv="${DETENTE_VENV:-$repo/target/python-venv}"
# The extension's own build directory (it is not in the root workspace).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
# Find-links that do not exist make pip warn on every call: drop them.
if [ -n "${PIP_FIND_LINKS:-}" ] && [ ! -d "${PIP_FIND_LINKS}" ]; then
    unset PIP_FIND_LINKS
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n== python/ci.sh: %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "virtual environment $venv"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip)
export PATH="$venv/bin:$PATH" # maturin's build hook runs the `maturin` command
"${pip[@]}" install -q "maturin>=1.16,<2" "pytest>=7" "pyarrow>=14" "pandas>=2"

step "pip install ./python (release build of the extension)"
# --no-build-isolation: use the maturin installed above rather than fetching it again.
"${pip[@]}" install -q --no-build-isolation --force-reinstall --no-deps "$here"
"$venv/bin/python" -c "import detente; print('detente', detente.__version__, 'imported from', detente.__file__)"

step "the CLI the tests compare with"
if [ -z "${DETENTE_BIN:-}" ]; then
    (cd "$repo" && CARGO_TARGET_DIR="$repo/target" cargo build -q --bin detente)
    export DETENTE_BIN="$repo/target/debug/detente"
fi

# pytest runs from outside python/ so that the installed package is imported, not the
# source folder python/detente (which lacks the compiled extension).
outside="$repo/target"
mkdir -p "$outside"
run_pytest() {
    (cd "$outside" && "$venv/bin/python" -m pytest -q -p no:cacheprovider -c "$here/pyproject.toml" --rootdir "$here" "$@")
}

step "pytest (package)"
run_pytest -m "not spark" "$here/tests" "$@"

step "pytest (Spark, local mode)"
if command -v java >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
    "${pip[@]}" install -q "pyspark>=3.5"
    run_pytest -rs -m spark "$here/tests" "$@"
else
    echo "python/ci.sh: Spark test skipped: no Java found (install a JDK 17 and put java on PATH, or set JAVA_HOME)"
fi
