"""The package's results equal the CLI's, and its API keeps its promises."""

from __future__ import annotations

import threading

import pytest

import detente
from detente import _detente
from conftest import SAMPLES, run_cli


def test_each_sample_equals_the_cli(sample_paths):
    for path in sample_paths:
        expected = run_cli(str(path))
        got = list(detente.code_many(detente.read(path)))
        assert got == expected, path.name
        assert got[0]["events"], f"{path.name}: the samples are chosen to have events"


def test_code_with_keywords_equals_the_cli(sample_paths):
    for path in sample_paths:
        (record,) = list(detente.read(path))
        expected = run_cli(str(path))[0]
        got = detente.code(
            record["text"],
            published=record.get("published"),
            title=record.get("title"),
            source=record.get("source"),
            url=record.get("url"),
            id=record.get("id"),
            language=record.get("language"),
        )
        assert got == expected, path.name


def test_directory_in_order_on_several_threads():
    expected = run_cli(str(SAMPLES))
    for threads in (1, 3):
        got = list(detente.code_many(detente.read(SAMPLES), threads=threads))
        assert got == expected


def test_json_lines_input_equals_the_cli(tmp_path, sample_paths):
    records = [r for path in sample_paths for r in detente.read(path)]
    jsonl = tmp_path / "articles.jsonl"
    import json

    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert list(detente.code_many(detente.read(jsonl))) == run_cli(str(jsonl))
    # The same records handed over as dicts code the same.
    assert list(detente.code_many(records)) == run_cli(str(jsonl))


def test_read_bytes_equals_read(sample_paths):
    path = sample_paths[0]
    assert list(detente.read_bytes(path.read_bytes(), name=path.name)) == list(detente.read(path))


def test_order_is_kept_and_ids_default_to_positions():
    texts = [{"text": f"Russia attacked Ukraine {i} times. France praised Germany."} for i in range(50)]
    texts[7]["id"] = "seven"
    results = list(detente.code_many(texts, threads=4))
    assert [r["id"] for r in results] == [f"input:{i + 1}" if i != 7 else "seven" for i in range(50)]
    assert [r["text"] for r in results] == [t["text"] for t in texts]
    assert list(detente.code_many(texts, threads=1)) == results


def test_spans_index_the_text():
    article = detente.code(
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday.",
        published="2024-03-07",
    )
    text = article["text"]
    assert article["events"], "a meeting is an event"
    for event in article["events"]:
        for key in ("sentence", "trigger", "source_mention"):
            span = event[key]
            assert text[span["start"] : span["end"]] == span["text"]
    assert article["events"][0]["date"] == "2024-03-05"


def test_foreign_articles_are_skipped_like_the_cli():
    article = detente.code(
        "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen. "
        "Der Kanzler sagte, man werde die Ukraine weiter unterstützen.",
    )
    assert article["skipped"] == "language"
    assert article["events"] == [] and article["actors"] == []


def test_bad_records_name_their_position():
    with pytest.raises(ValueError, match="input:2"):
        list(detente.code_many([{"text": "Russia attacked Ukraine."}, {"title": None}]))
    with pytest.raises(TypeError):
        list(detente.code_many(["just a string"]))
    with pytest.raises(ValueError):
        list(detente.code_many([{"text": "x"}], threads=0))


def test_coding_releases_the_gil():
    records = [detente._record({"text": "Russia attacked Ukraine. France praised Germany. " * 20})] * 200
    ticks = [0]
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks[0] += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        _detente.warm_up()
        before = ticks[0]
        _detente.code_records(records, 1, 1)
        during = ticks[0] - before
    finally:
        stop.set()
        ticker.join()
    # With the GIL held for the whole call, the ticker could not have run at all.
    assert during > 0


def test_to_arrow_tables(sample_paths):
    pa = pytest.importorskip("pyarrow")
    results = list(detente.code_many(detente.read(SAMPLES)))
    tables = detente.to_arrow(results)
    assert set(tables) == set(detente.TABLES)
    assert tables["articles"].num_rows == len(results)
    assert tables["events"].num_rows == sum(len(r["events"]) for r in results)
    assert tables["actors"].num_rows == sum(len(r["actors"]) for r in results)
    assert tables["mentions"].num_rows == sum(len(a["mentions"]) for r in results for a in r["actors"])
    assert tables["quotes"].num_rows == sum(len(r["quotes"]) for r in results)
    assert tables["times"].num_rows == sum(len(r["times"]) for r in results)
    first = results[0]["events"][0]
    row = tables["events"].slice(0, 1).to_pylist()[0]
    assert (row["article_id"], row["cameo"], row["trigger_start"], row["trigger_text"]) == (
        results[0]["id"],
        first["cameo"],
        first["trigger"]["start"],
        first["trigger"]["text"],
    )
    # Empty input still has every column, typed.
    empty = detente.to_arrow([])
    assert empty["events"].schema == tables["events"].schema
    assert empty["events"].schema.field("goldstein").type == pa.float64()


def test_code_arrow_takes_tables_and_dataframes():
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    records = [dict(r) for r in detente.read(SAMPLES)]
    expected = detente.to_arrow(detente.code_many(records))
    columns = {key: [r.get(key) for r in records] for key in ("id", "title", "published", "source", "text")}
    from_arrow = detente.code_arrow(pa.table(columns))
    assert from_arrow["events"].equals(expected["events"])
    from_pandas = detente.code_arrow(pd.DataFrame(columns))
    assert from_pandas["events"].to_pandas().equals(expected["events"].to_pandas())


def test_store_is_idempotent_and_answers_trends(tmp_path):
    pytest.importorskip("pandas")
    results = list(detente.code_many(detente.read(SAMPLES)))
    store = detente.Store(tmp_path / "news.db")
    first = store.ingest(results)
    assert first["added"] == len(results) and not first["failed"]
    counts = store.counts()
    again = store.ingest(results)
    assert again["added"] == 0 and again["duplicates"] == len(results)
    assert store.counts() == counts
    # The dyad with most events in the samples has a trend row per week it is seen.
    pairs = {}
    for r in results:
        for e in r["events"]:
            s, t = (e.get("source_code") or "")[:3], (e.get("target_code") or "")[:3]
            if len(s) == 3 and len(t) == 3 and s.isalpha() and t.isalpha() and s != t:
                pairs[(s, t)] = pairs.get((s, t), 0) + 1
    (a, b), _ = max(pairs.items(), key=lambda kv: kv[1])
    trend = store.trend(a, b, by="week")
    assert list(trend.columns)[:2] == ["period", "events"]
    assert len(trend) >= 1 and trend["events"].sum() >= 1
    assert trend["period"].str.match(r"^\d{4}-W\d{2}$").all()
    events = store.events(dyad=f"{a}:{b}")
    assert len(events) == trend["events"].sum()
    with pytest.raises(ValueError):
        store.trend("USA", "CHN", by="year")


def test_version():
    assert detente.__version__
