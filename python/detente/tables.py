"""Coded articles as flat tables (Apache Arrow), joined by ``article_id``.

One table per layer of the output contract (docs/OUTPUT.md), one row per item:

- ``articles``: one row per article (metadata, text, counts; with ``include_json``
  also ``json``, the whole result, which is what ``detente import`` reads back);
- ``events``: one row per event (``event_index`` is its position in the article),
  its evidence spans flattened to ``*_start``, ``*_end``, ``*_text`` columns;
- ``actors`` and ``mentions`` (``actor_id`` joins them);
- ``quotes`` and ``times``.

Offsets are Unicode characters into the article's ``text``. The column lists are
fixed (:data:`TABLES`), so empty results still have their columns and types, and a
Spark job writing the same tables gets the same schema everywhere.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, Iterable, List, Mapping, Tuple

# (column, Arrow type name) per table; "string", "int64", "float64" or "bool".
TABLES: Dict[str, List[Tuple[str, str]]] = {
    "articles": [
        ("article_id", "string"),
        ("title", "string"),
        ("published", "string"),
        ("source", "string"),
        ("url", "string"),
        ("language", "string"),
        ("author", "string"),
        ("skipped", "string"),
        ("text", "string"),
        ("n_sentences", "int64"),
        ("n_actors", "int64"),
        ("n_times", "int64"),
        ("n_quotes", "int64"),
        ("n_events", "int64"),
    ],
    "events": [
        ("article_id", "string"),
        ("event_index", "int64"),
        ("date", "string"),
        ("date_from", "string"),
        ("source", "string"),
        ("target", "string"),
        ("source_code", "string"),
        ("target_code", "string"),
        ("cameo", "string"),
        ("cameo_root", "string"),
        ("plover", "string"),
        ("plover_mode", "string"),
        ("goldstein", "float64"),
        ("quad_class", "int64"),
        ("mentions", "int64"),
        ("quote", "int64"),
        ("source_start", "int64"),
        ("source_end", "int64"),
        ("source_text", "string"),
        ("target_start", "int64"),
        ("target_end", "int64"),
        ("target_text", "string"),
        ("location_start", "int64"),
        ("location_end", "int64"),
        ("location_text", "string"),
        ("sentence_start", "int64"),
        ("sentence_end", "int64"),
        ("sentence_text", "string"),
        ("trigger_start", "int64"),
        ("trigger_end", "int64"),
        ("trigger_text", "string"),
    ],
    "actors": [
        ("article_id", "string"),
        ("actor_id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("code", "string"),
        ("country", "string"),
        ("sector", "string"),
        ("title", "string"),
        ("n_mentions", "int64"),
    ],
    "mentions": [
        ("article_id", "string"),
        ("actor_id", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("kind", "string"),
    ],
    "quotes": [
        ("article_id", "string"),
        ("quote_index", "int64"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("direct", "bool"),
        ("speaker", "string"),
        ("speaker_text", "string"),
        ("cue_start", "int64"),
        ("cue_end", "int64"),
        ("cue_text", "string"),
        ("via_start", "int64"),
        ("via_end", "int64"),
        ("via_text", "string"),
        ("via_actor", "string"),
    ],
    "times": [
        ("article_id", "string"),
        ("time_index", "int64"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("type", "string"),
        ("value", "string"),
    ],
}

Row = Dict[str, Any]


def _span(prefix: str, span: Any) -> Row:
    """A span's start, end and text as prefixed columns (all None when absent)."""
    if not span:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span["start"], f"{prefix}_end": span["end"], f"{prefix}_text": span.get("text")}


def _article_row(article_id: str, a: Mapping[str, Any]) -> Row:
    return {
        "article_id": article_id,
        "title": a.get("title"),
        "published": a.get("published"),
        "source": a.get("source"),
        "url": a.get("url"),
        "language": a.get("language"),
        "author": a.get("author"),
        "skipped": a.get("skipped"),
        "text": a.get("text"),
        "n_sentences": len(a.get("sentences", [])),
        "n_actors": len(a.get("actors", [])),
        "n_times": len(a.get("times", [])),
        "n_quotes": len(a.get("quotes", [])),
        "n_events": len(a.get("events", [])),
    }


def _event_rows(article_id: str, a: Mapping[str, Any]) -> List[Row]:
    rows = []
    for i, e in enumerate(a.get("events", [])):
        row = {
            "article_id": article_id,
            "event_index": i,
            "date": e.get("date"),
            "date_from": e.get("date_from"),
            "source": e.get("source"),
            "target": e.get("target"),
            "source_code": e.get("source_code"),
            "target_code": e.get("target_code"),
            "cameo": e["cameo"],
            "cameo_root": e["cameo_root"],
            "plover": e.get("plover"),
            "plover_mode": e.get("plover_mode"),
            "goldstein": float(e["goldstein"]),
            "quad_class": e["quad_class"],
            "mentions": e.get("mentions", 1),
            "quote": e.get("quote"),
        }
        row.update(_span("source", e.get("source_mention")))
        row.update(_span("target", e.get("target_mention")))
        row.update(_span("location", e.get("location")))
        row.update(_span("sentence", e.get("sentence")))
        row.update(_span("trigger", e.get("trigger")))
        rows.append(row)
    return rows


def _actor_rows(article_id: str, a: Mapping[str, Any]) -> List[Row]:
    return [
        {
            "article_id": article_id,
            "actor_id": actor["id"],
            "name": actor.get("name"),
            "kind": actor.get("kind"),
            "code": actor.get("code"),
            "country": actor.get("country"),
            "sector": actor.get("sector"),
            "title": actor.get("title"),
            "n_mentions": len(actor.get("mentions", [])),
        }
        for actor in a.get("actors", [])
    ]


def _mention_rows(article_id: str, a: Mapping[str, Any]) -> List[Row]:
    return [
        {
            "article_id": article_id,
            "actor_id": actor["id"],
            "start": m["start"],
            "end": m["end"],
            "text": m.get("text"),
            "kind": m.get("kind"),
        }
        for actor in a.get("actors", [])
        for m in actor.get("mentions", [])
    ]


def _quote_rows(article_id: str, a: Mapping[str, Any]) -> List[Row]:
    rows = []
    for i, q in enumerate(a.get("quotes", [])):
        via = q.get("via")
        row = {
            "article_id": article_id,
            "quote_index": i,
            "start": q["start"],
            "end": q["end"],
            "text": q.get("text"),
            "direct": q.get("direct"),
            "speaker": q.get("speaker"),
            "speaker_text": q.get("speaker_text"),
        }
        row.update(_span("cue", q.get("cue")))
        row.update(_span("via", via))
        row["via_actor"] = via.get("actor") if via else None
        rows.append(row)
    return rows


def _time_rows(article_id: str, a: Mapping[str, Any]) -> List[Row]:
    return [
        {
            "article_id": article_id,
            "time_index": i,
            "start": t["start"],
            "end": t["end"],
            "text": t.get("text"),
            "type": t.get("type"),
            "value": t.get("value"),
        }
        for i, t in enumerate(a.get("times", []))
    ]


_FLATTEN: Dict[str, Callable[[str, Mapping[str, Any]], List[Row]]] = {
    "articles": lambda article_id, a: [_article_row(article_id, a)],
    "events": _event_rows,
    "actors": _actor_rows,
    "mentions": _mention_rows,
    "quotes": _quote_rows,
    "times": _time_rows,
}


def article_key(article: Mapping[str, Any], position: int) -> str:
    """The id joining an article's rows: its own id, else its URL, else its position."""
    return article.get("id") or article.get("url") or f"input:{position}"


def flatten(results: Iterable[Mapping[str, Any]], include_json: bool = False) -> Dict[str, List[Row]]:
    """The rows of every table, as lists of dicts (no pyarrow needed)."""
    rows: Dict[str, List[Row]] = {name: [] for name in TABLES}
    for position, article in enumerate(results, start=1):
        article_id = article_key(article, position)
        for name, flatten_one in _FLATTEN.items():
            rows[name].extend(flatten_one(article_id, article))
        if include_json:
            rows["articles"][-1]["json"] = json.dumps(article, ensure_ascii=False)
    return rows


def schema(name: str, include_json: bool = False) -> Any:
    """The ``pyarrow.Schema`` of table ``name``."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field(column, types[kind]) for column, kind in TABLES[name]]
    if include_json and name == "articles":
        fields.append(pa.field("json", pa.string()))
    return pa.schema(fields)


def to_arrow(results: Iterable[Mapping[str, Any]], include_json: bool = False) -> Dict[str, Any]:
    """Coded articles (as from :func:`detente.code_many`) as a dict of
    ``pyarrow.Table`` by name: ``articles``, ``events``, ``actors``, ``mentions``,
    ``quotes``, ``times``, joined by ``article_id``. ``tables["events"].to_pandas()``
    or ``polars.from_arrow(tables["events"])`` gives a DataFrame."""
    import pyarrow as pa

    rows = flatten(results, include_json=include_json)
    return {
        name: pa.Table.from_pylist(table_rows, schema=schema(name, include_json)) for name, table_rows in rows.items()
    }
