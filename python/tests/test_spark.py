"""The Spark job, in Spark's local mode, writes exactly what the CLI codes.

Needs Java and pyspark; skipped, saying why, without them. Uses a few hundred
Reuters-21578 stories from ../shared/data (skipped when the data is absent).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from pathlib import Path

import pytest

import detente
from detente.tables import flatten
from conftest import run_cli
import reuters

pytestmark = pytest.mark.spark

ARTICLES = int(os.environ.get("DETENTE_SPARK_ARTICLES", "300"))


def _java_missing() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java").exists())


@pytest.fixture(scope="module")
def spark():
    if _java_missing():
        pytest.skip("Spark test skipped: no Java found (install a JDK 17 and put `java` on PATH, or set JAVA_HOME)")
    pyspark = pytest.importorskip("pyspark", reason="Spark test skipped: pyspark is not installed")
    from pyspark.sql import SparkSession

    # Python workers run this interpreter (the one with detente and pyarrow).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("detente-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    del pyspark


@pytest.fixture(scope="module")
def reuters_jsonl(tmp_path_factory):
    """A few hundred Reuters stories as JSON Lines, without the near-duplicates the
    CLI codes once (the Spark job leaves de-duplication to the store)."""
    if reuters.tarball() is None:
        pytest.skip(f"Spark test skipped: Reuters-21578 not found at {reuters.DEFAULT_TARBALL} (set DETENTE_REUTERS)")
    folder = tmp_path_factory.mktemp("reuters")
    records = reuters.load(ARTICLES)
    everything = folder / "all.jsonl"
    everything.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    kept = {a["id"] for a in run_cli(str(everything))}
    path = folder / "reuters.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records if r["id"] in kept), encoding="utf-8")
    return path


def _normalise(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # pandas makes nullable int columns float
    return value


def _rows(frame, columns):
    return sorted(
        (tuple(_normalise(v) for v in row) for row in frame[columns].astype(object).itertuples(index=False)),
        key=repr,
    )


def _assert_tables_equal_cli(output: Path, expected_articles):
    pd = pytest.importorskip("pandas")
    expected = flatten(expected_articles)
    stored = pd.read_parquet(output / "articles")
    assert len(stored) == len(expected_articles)
    by_id = {row.article_id: json.loads(row.json) for row in stored.itertuples()}
    for article in expected_articles:
        assert by_id[article["id"]] == article, article["id"]
    for name in ("events", "actors", "mentions", "quotes", "times"):
        frame = pd.read_parquet(output / name)
        columns = [c for c, _ in detente.TABLES[name]]
        if name == "events":
            # `date` comes back from the partition directory name.
            frame["date"] = frame["date"].astype(object).where(frame["date"].notna(), None).map(
                lambda d: None if d is None or d == "__HIVE_DEFAULT_PARTITION__" else str(d)
            )
        wanted = pd.DataFrame(expected[name], columns=columns)
        assert len(frame) == len(wanted), name
        assert _rows(frame, columns) == _rows(wanted, columns), name


def test_spark_jsonl_equals_cli(spark, reuters_jsonl, tmp_path):
    from detente import spark as job

    expected = run_cli(str(reuters_jsonl))
    assert len(expected) > ARTICLES * 0.9
    assert sum(len(a["events"]) for a in expected) > 0, "the sample must hold events to compare"
    output = tmp_path / "out"
    job.run(spark, str(reuters_jsonl), str(output))
    assert (output / "events").is_dir() and any(p.name.startswith("date=") for p in (output / "events").iterdir())
    _assert_tables_equal_cli(output, expected)


def test_spark_text_files_equal_cli(spark, reuters_jsonl, tmp_path):
    from detente import spark as job

    records = [json.loads(line) for line in reuters_jsonl.read_text(encoding="utf-8").splitlines()[:40]]
    folder = tmp_path / "texts"
    folder.mkdir()
    for r in records:
        header = f"published: {r['published']}\n" if r.get("published") else ""
        (folder / f"{r['id']}.txt").write_text(f"{header}{r.get('title', '')}\n\n{r['text']}\n", encoding="utf-8")
    expected = run_cli(str(folder))
    output = tmp_path / "out"
    job.run(spark, str(folder), str(output), input_format="files")
    _assert_tables_equal_cli(output, expected)
