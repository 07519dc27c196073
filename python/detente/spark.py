"""Coding news on Apache Spark: articles in, partitioned Parquet out.

Reads articles from any Hadoop-compatible path (local, HDFS, S3, GCS, ...):

- JSON Lines (``*.jsonl``, ``*.json``, gzip or not; the keys of ``detente code``
  JSON Lines input, ``text`` required), one article per line;
- any other files (plain text with optional header lines, HTML, RSS/Atom, WARC;
  gzip or not), each file read whole by an executor and split into its articles.

Codes them with the ``detente`` package inside ``mapInArrow`` partitions (one
pipeline per Python worker, built once) and writes, under the output directory:

- ``articles/``: one row per article with ``json``, the whole result (the output
  contract of docs/OUTPUT.md): the record ``detente import`` loads into a store;
- ``events/`` partitioned by event ``date`` (``date=__HIVE_DEFAULT_PARTITION__``
  when the event has none), ``actors/``, ``mentions/``, ``quotes/``, ``times/``:
  the flat tables of :mod:`detente.tables`, joined by ``article_id``.

Spark SQL, DuckDB (``read_parquet('out/events/**/*.parquet', hive_partitioning=1)``)
and pandas (``pd.read_parquet('out/events')``) read them directly.

Run it with ``spark-submit`` (see docs/SCALE.md) or locally::

    python -m detente.spark --input articles.jsonl --output out/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from typing import Any, Dict, Iterator, List, Optional

from . import _detente
from .tables import TABLES, _FLATTEN, schema

# Records coded per native call inside a task: results flow out in small batches
# and a task's memory stays bounded.
CHUNK = 64

_SPARK_TYPES = {"string": "string", "int64": "bigint", "float64": "double", "bool": "boolean"}


def spark_schema(name: str, include_json: bool = False) -> str:
    """The Spark DDL schema of table ``name`` (as in :data:`detente.tables.TABLES`)."""
    columns = [f"`{column}` {_SPARK_TYPES[kind]}" for column, kind in TABLES[name]]
    if include_json and name == "articles":
        columns.append("`json` string")
    return ", ".join(columns)


def _with_id(line: str) -> Optional[str]:
    """A JSON Lines record with an id: records without one get ``sha1:`` and the first
    16 hex digits of their text's SHA-1, the same on every run and every executor
    (the CLI's ``FILE:LINE`` is not known inside a partition)."""
    stripped = line.strip()
    if not stripped:
        return None
    try:
        record = json.loads(stripped)
    except ValueError:
        return stripped  # the native reader reports it, naming the record
    if isinstance(record, dict) and record.get("id") is None:
        text = str(record.get("text") or record.get("title") or "")
        record["id"] = "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        return json.dumps(record, ensure_ascii=False)
    return stripped


def _article_batch(results: List[str]) -> Any:
    """Coded articles (output JSON) as a record batch of the ``articles`` table with ``json``."""
    import pyarrow as pa

    rows = []
    for position, result in enumerate(results, start=1):
        article = json.loads(result)
        (row,) = _FLATTEN["articles"](article.get("id") or f"input:{position}", article)
        row["json"] = result
        rows.append(row)
    return pa.RecordBatch.from_pylist(rows, schema=schema("articles", include_json=True))


def _code(records: List[str], threads: int) -> Any:
    """Code a chunk; a record that cannot be read (no ``text``, bad JSON) is reported
    on the executor's stderr and left out rather than failing the task."""
    try:
        results = _detente.code_records(records, threads, 1)
    except ValueError:
        results = []
        for record in records:
            try:
                results.append(_detente.code_record(record))
            except ValueError as error:
                print(f"detente: skipped a record: {error}", file=sys.stderr)
    return _article_batch(results)


def _threads() -> int:
    return max(1, int(os.environ.get("DETENTE_THREADS_PER_TASK", "1")))


def code_lines(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow function: JSON Lines records (column ``value``) to coded articles."""
    threads = _threads()
    pending: List[str] = []
    for batch in batches:
        for line in batch.column("value").to_pylist():
            record = _with_id(line) if line is not None else None
            if record is None:
                continue
            pending.append(record)
            if len(pending) >= CHUNK:
                yield _code(pending, threads)
                pending = []
    if pending:
        yield _code(pending, threads)


def code_files(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow function: whole files (``path``, ``content``) to coded articles."""
    threads = _threads()
    for batch in batches:
        for path, content in zip(batch.column("path").to_pylist(), batch.column("content").to_pylist()):
            name = path.rstrip("/").rsplit("/", 1)[-1]
            reader = _detente.read_bytes(content, name, None, None)
            pending: List[str] = []
            for record in reader:
                pending.append(record)
                if len(pending) >= CHUNK:
                    yield _code(pending, threads)
                    pending = []
            if pending:
                yield _code(pending, threads)
            for error in reader.errors:
                print(f"detente: {path}: {error}", file=sys.stderr)


def _flattener(name: str):
    def flatten(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        target = schema(name)
        for batch in batches:
            rows: List[Dict[str, Any]] = []
            for article_id, result in zip(batch.column("article_id").to_pylist(), batch.column("json").to_pylist()):
                rows.extend(_FLATTEN[name](article_id, json.loads(result)))
            yield pa.RecordBatch.from_pylist(rows, schema=target)

    return flatten


def is_json_lines(path: str) -> bool:
    name = path.rstrip("/").lower()
    return name.endswith((".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz"))


def code_articles(spark: Any, input_path: str, input_format: str = "auto") -> Any:
    """A DataFrame of coded articles (the ``articles`` table with ``json``)."""
    if input_format == "auto":
        input_format = "jsonl" if is_json_lines(input_path) else "files"
    out_schema = spark_schema("articles", include_json=True)
    if input_format == "jsonl":
        lines = spark.read.text(input_path)
        return lines.mapInArrow(code_lines, out_schema)
    if input_format == "files":
        files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(input_path)
        return files.select("path", "content").mapInArrow(code_files, out_schema)
    raise ValueError(f"input format is auto, jsonl or files, got {input_format!r}")


def write_tables(spark: Any, articles: Any, output: str, mode: str = "overwrite") -> Dict[str, str]:
    """Write ``articles`` (from :func:`code_articles`), then the flat tables derived
    from the written articles (so nothing is coded twice); returns the table paths."""
    root = output.rstrip("/")
    paths = {name: f"{root}/{name}" for name in TABLES}
    articles.write.mode(mode).parquet(paths["articles"])
    stored = spark.read.parquet(paths["articles"]).select("article_id", "json")
    for name in TABLES:
        if name == "articles":
            continue
        table = stored.mapInArrow(_flattener(name), spark_schema(name))
        writer = table.write.mode(mode)
        if name == "events":
            writer = writer.partitionBy("date")
        writer.parquet(paths[name])
    return paths


def run(spark: Any, input_path: str, output: str, input_format: str = "auto", partitions: Optional[int] = None) -> Dict[str, str]:
    """Code everything under ``input_path`` and write the tables under ``output``."""
    articles = code_articles(spark, input_path, input_format)
    if partitions:
        articles = articles.repartition(partitions)
    return write_tables(spark, articles, output)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="detente.spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", required=True, help="file, directory or glob on any Hadoop-compatible path")
    parser.add_argument("--output", required=True, help="output directory (overwritten)")
    parser.add_argument("--format", default="auto", choices=["auto", "jsonl", "files"], help="input kind")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the coded articles before writing")
    parser.add_argument("--master", default=None, help="Spark master when not run by spark-submit (e.g. local[2])")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("detente")
    if args.master:
        # Local runs: Python workers use this interpreter (the one with detente installed).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        paths = run(spark, args.input, args.output, args.format, args.partitions)
        counts = {name: spark.read.parquet(path).count() for name, path in paths.items()}
        print(json.dumps({"output": args.output, "rows": counts}))
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
