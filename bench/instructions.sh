#!/usr/bin/env bash
# Instructions executed per stage and for the whole pipeline, counted by valgrind's
# callgrind: unlike wall-clock or CPU time, the count does not change with other load
# on the machine, so two builds can be compared on a busy machine.
#
#   bench/instructions.sh [STORIES] [DETENTE_BINARY]
#
# Codes the first STORIES (default 2000) Reuters-21578 stories (the bundled samples
# when the archive is absent) on one thread with `detente bench --preload` under
# callgrind and prints the inclusive instruction count of each stage, of
# `Pipeline::code` (all stages) and of the worker thread (all stages plus building
# and serialising the output record), in total and per sentence. Needs valgrind
# (Debian package `valgrind`); takes about 2 minutes for 2000 stories.
set -euo pipefail
cd "$(dirname "$0")/.."
stories="${1:-2000}"
detente="${2:-target/release/detente}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# (head closes the pipe early: the broken pipe is expected)
{ "$detente" bench --print-texts 2>/dev/null || true; } | head -n "$stories" >"$work/corpus.jsonl"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
    "$detente" bench "$work/corpus.jsonl" --threads 1 --preload --json >"$work/bench.json" 2>"$work/valgrind.log"
callgrind_annotate --inclusive=yes "$work/callgrind.out" >"$work/inclusive.txt" 2>/dev/null
python3 - "$work/bench.json" "$work/inclusive.txt" <<'PY'
import json, re, sys
bench = json.load(open(sys.argv[1]))
sentences = bench["sentences"]
rows = [
    ("text", "detente_text::TextStage::build"),
    ("actors", "detente_actors::ActorStage::annotate"),
    ("times", "detente_time::TimeStage::annotate"),
    ("quotes", "detente_quotes::QuoteStage::annotate"),
    ("events", "detente_events::EventStage::annotate"),
    ("all stages (Pipeline::code)", "detente_pipeline::Pipeline::code"),
    ("worker thread (stages + output + JSON)", "Thread>::new::thread_start"),
]
# A function's own line ends in " [binary]"; callgrind also lists it under other
# source files its inlined code comes from, without the suffix. The first (largest)
# own line is its inclusive count; a function with no own line (EventStage::annotate,
# split over lib.rs and sentence.rs) takes its largest line of either kind.
own, other = {}, {}
for line in open(sys.argv[2]):
    m = re.match(r"\s*([\d,]+) \(.*?\)\s+\S*?[:]?(\S+)( \[.*)?$", line.rstrip())
    if not m:
        continue
    found = own if m.group(3) else other
    for label, name in rows:
        if label not in found and line.rstrip().split(" [")[0].endswith(name):
            found[label] = int(m.group(1).replace(",", ""))
counts = {label: own.get(label, other.get(label)) for label, _ in rows}
print(f"{bench['articles']} articles, {sentences} sentences (1 thread, --preload)")
print(f"{'':40} {'instructions':>16} {'per sentence':>14}")
for label, _ in rows:
    n = counts.get(label)
    if n is None:
        print(f"{label:40} {'(not found)':>16}")
    else:
        print(f"{label:40} {n:>16,} {n / sentences:>14,.0f}")
PY
