#!/usr/bin/env bash
# Every speed/scale measurement of issue 10, on a release build; prints the figures.
# Run it on a quiet machine (other jobs on the cores depress and scatter the figures).
#
#   bench/run-all.sh [REUTERS_TAR_GZ]
#
# Environment: SKIP_SPACY=1 skips the spaCy comparison (which installs spaCy from PyPI);
# SKIP_STAGES=1 skips the per-stage `cargo bench`; SCALE_MAX (default 16) is the largest
# copy count for the linearity check (1x, 4x, 16x).
# Takes about 10 minutes on 2 cores including the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/data/reuters21578/reuters21578.tar.gz}"
[ -f "$corpus" ] || { echo "no corpus at $corpus: using the bundled samples" >&2; corpus=""; }
detente=target/release/detente
cores=$(nproc)

echo "== release build"
time cargo build --release --quiet

echo
echo "== whole pipeline on ${corpus:-the samples}: 1 thread, then every core ($cores)"
# shellcheck disable=SC2086
one=$("$detente" bench ${corpus:+"$corpus"} --threads 1 --json)
echo "$one"
all=$("$detente" bench ${corpus:+"$corpus"} --threads "$cores" --json)
echo "$all"
python3 - "$one" "$all" <<'PY'
import json, sys
one, every = (json.loads(a) for a in sys.argv[1:3])
print(f"\nscaling: {every['threads']} threads = {every['articles_per_second'] / one['articles_per_second']:.2f}x one thread")
print(f"sentences/s per core (1 thread): {one['sentences_per_second']:.0f} wall-clock, {one['sentences_per_cpu_second']:.0f} per CPU-second")
print(f"peak resident memory: {one['peak_resident_megabytes']:.0f} MB (1 thread), {every['peak_resident_megabytes']:.0f} MB ({every['threads']} threads)")
PY

echo
echo "== cost growth: the corpus 1x, 4x, ${SCALE_MAX:-16}x over, every core"
for k in 1 4 "${SCALE_MAX:-16}"; do
    "$detente" bench ${corpus:+"$corpus"} --repeat "$k" --json | python3 -c '
import json, sys
print("{repeat:>3}x: {articles:>8} articles in {seconds:7.1f} s = {articles_per_second:7.0f} articles/s, peak {peak_resident_megabytes:.0f} MB".format(**json.load(sys.stdin)))'
done

if [ "${SKIP_SPACY:-0}" != 1 ]; then
    echo
    echo "== side by side with spaCy en_core_web_sm (bench/compare.sh)"
    bench/compare.sh ${corpus:+"$corpus"}
fi

if [ "${SKIP_STAGES:-0}" != 1 ]; then
    echo
    echo "== per-stage benchmarks (cargo bench -p detente-pipeline)"
    cargo bench --quiet -p detente-pipeline --bench stages
fi
