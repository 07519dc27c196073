"""What one core codes per second through the Python package (docs/SCALE.md).

    python python/benchmarks/throughput.py [--articles 2000] [--spark]

Measures, on Reuters-21578 stories from ../shared/data (or $DETENTE_REUTERS):
1. `code_many(threads=1)`: the package on one thread (dictionaries already built);
2. the Spark task path on one thread without a JVM: the job's `code_lines` over Arrow
   batches, then flattening the events table (what an executor core runs per article);
3. with --spark: the whole job in Spark local mode with one core (`local[1]`),
   JVM, Parquet writing and the second pass for the flat tables included.
Prints one JSON object per measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import detente  # noqa: E402
import reuters  # noqa: E402
from detente import spark as job  # noqa: E402
from detente.tables import _FLATTEN  # noqa: E402


def report(name: str, articles: int, chars: int, seconds: float, cpu: float = 0.0, **extra) -> None:
    """Wall-clock rate, and (single-threaded measures) the rate per CPU-second of this
    process, which a machine shared with other work depresses far less."""
    figures = {
        "measure": name,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "chars_per_s": round(chars / seconds),
    }
    if cpu > 0:
        figures["cpu_seconds"] = round(cpu, 2)
        figures["articles_per_cpu_s"] = round(articles / cpu, 1)
    print(json.dumps({**figures, **extra}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--spark", action="store_true", help="also run the job in Spark local[1]")
    args = parser.parse_args()
    records = reuters.load(args.articles)
    if not records:
        print(f"no Reuters data at {reuters.DEFAULT_TARBALL}; set DETENTE_REUTERS", file=sys.stderr)
        return 1
    chars = sum(len(r["text"]) for r in records)

    start = time.perf_counter()
    detente.warm_up()
    print(json.dumps({"measure": "warm_up (dictionaries)", "seconds": round(time.perf_counter() - start, 2)}))

    start, cpu = time.perf_counter(), time.process_time()
    results = list(detente.code_many(records, threads=1))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    events = sum(len(r["events"]) for r in results)
    report("code_many threads=1", len(records), chars, seconds, cpu, events=events)

    import pyarrow as pa

    lines = [json.dumps(r) for r in records]
    batches = [pa.RecordBatch.from_pydict({"value": lines[i : i + 1000]}) for i in range(0, len(lines), 1000)]
    start, cpu = time.perf_counter(), time.process_time()
    coded = list(job.code_lines(iter(batches)))
    rows = 0
    for batch in coded:
        for article_id, result in zip(batch.column("article_id").to_pylist(), batch.column("json").to_pylist()):
            rows += len(_FLATTEN["events"](article_id, json.loads(result)))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    report("spark task path, 1 thread, no JVM", len(records), chars, seconds, cpu, event_rows=rows)

    if args.spark:
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
            spark.read.text(str(source)).count()  # JVM and Python workers up before timing
            start = time.perf_counter()
            job.run(spark, str(source), str(Path(tmp) / "out"))
            seconds = time.perf_counter() - start
        spark.stop()
        report("spark local[1] job, Parquet written", len(records), chars, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
