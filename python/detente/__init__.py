"""detente: code news articles into event data, with evidence.

Who did what to whom (CAMEO and PLOVER codes, Goldstein score, QuadClass), with the
actors, quotations and time expressions of each article, every field pointing at
character spans of the article's text. Results are the JSON contract of
docs/OUTPUT.md as Python objects: ``text[start:end]`` selects any span.

>>> import detente
>>> article = detente.code("Russia attacked Ukraine.", published="2024-03-05")
>>> article["events"][0]["cameo"]
'180'

The dictionaries are compiled once per process, on the first call (or
:func:`warm_up`). Coding releases the GIL; :func:`code_many` codes on several
threads and streams results in input order.
"""

from __future__ import annotations

import json
import os
from itertools import islice
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _detente
from ._detente import warm_up
from .tables import TABLES, to_arrow

__all__ = [
    "code",
    "code_many",
    "code_arrow",
    "read",
    "read_bytes",
    "to_arrow",
    "Store",
    "TABLES",
    "warm_up",
    "__version__",
]

__version__: str = _detente.__version__

#: The keys an input record may have (those of ``detente code`` JSON Lines input).
INPUT_KEYS = ("id", "title", "published", "source", "url", "author", "language", "text")

# Records handed to Rust per call in code_many, per thread: large enough that the
# workers stay busy, small enough that results start flowing quickly.
_CHUNK_PER_THREAD = 32


def _record(item: Mapping[str, Any]) -> str:
    """One input dict as the JSON object the native side reads."""
    if not isinstance(item, Mapping):
        raise TypeError(f"detente: each input must be a dict with a 'text' key, got {type(item).__name__}")
    clean = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in item.items() if v is not None}
    return json.dumps(clean, ensure_ascii=False, default=str)


def code(
    text: str,
    published: Optional[str] = None,
    title: Optional[str] = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    id: Optional[str] = None,
    language: Optional[str] = None,
) -> Dict[str, Any]:
    """Code one article; returns the output contract (docs/OUTPUT.md) as a dict.

    ``text`` is the article body (paragraphs separated by blank lines); ``published``
    a date ``YYYY-MM-DD`` (or a date-time whose date is taken) that anchors relative
    time expressions ("on Tuesday"). An article detected as not English is returned
    uncoded with ``"skipped": "language"``, as the CLI does.
    """
    record = {
        "id": id,
        "title": title,
        "published": published,
        "source": source,
        "url": url,
        "language": language,
        "text": text,
    }
    return json.loads(_detente.code_record(_record(record)))


def code_many(
    articles: Iterable[Mapping[str, Any]],
    threads: Optional[int] = None,
) -> Iterator[Dict[str, Any]]:
    """Code many articles on ``threads`` threads; yields results in input order.

    Each input is a dict with the keys of JSON Lines input (:data:`INPUT_KEYS`; only
    ``text`` is required; an article without ``id`` gets ``"input:N"``, its 1-based
    position). The input is consumed lazily in chunks, so memory stays bounded
    however long it is. ``threads`` defaults to the number of usable cores.
    A record without ``text`` raises ``ValueError`` naming its position.
    """
    threads = _threads(threads)
    chunk_size = threads * _CHUNK_PER_THREAD
    iterator = iter(articles)
    position = 1
    while True:
        chunk = [_record(item) for item in islice(iterator, chunk_size)]
        if not chunk:
            return
        for result in _detente.code_records(chunk, threads, position):
            yield json.loads(result)
        position += len(chunk)


def code_arrow(table: Any, threads: Optional[int] = None, include_json: bool = False) -> Dict[str, Any]:
    """Code a table of articles (a ``pyarrow.Table``, ``RecordBatch``, pandas or
    polars DataFrame with a ``text`` column and any of :data:`INPUT_KEYS`); returns
    :func:`to_arrow` of the results: a dict of ``pyarrow.Table`` by name."""
    records = _rows(table)
    return to_arrow(code_many(records, threads=threads), include_json=include_json)


def _rows(table: Any) -> List[Dict[str, Any]]:
    if hasattr(table, "to_pylist"):  # pyarrow Table / RecordBatch
        return table.to_pylist()
    if hasattr(table, "to_dicts"):  # polars
        return table.to_dicts()
    if hasattr(table, "to_dict"):  # pandas
        frame = table.astype(object).where(table.notna(), None)
        return frame.to_dict("records")
    raise TypeError(f"detente: expected a pyarrow Table or a DataFrame, got {type(table).__name__}")


def _threads(threads: Optional[int]) -> int:
    if threads is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if threads < 1:
        raise ValueError("detente: threads must be at least 1")
    return threads


class _Reader:
    """Articles read from files, as input dicts for :func:`code_many`.

    Unreadable inputs do not stop the iteration: their messages collect in
    ``errors``; duplicate articles (same URL or text) are skipped, as by the CLI,
    and named in ``duplicates``.
    """

    def __init__(self, native: Any) -> None:
        self._native = native

    def __iter__(self) -> "_Reader":
        return self

    def __next__(self) -> Dict[str, Any]:
        return json.loads(next(self._native))

    @property
    def errors(self) -> List[str]:
        return list(self._native.errors)

    @property
    def duplicates(self) -> List[str]:
        return list(self._native.duplicates)


def read(
    paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
    published: Optional[str] = None,
    source: Optional[str] = None,
) -> _Reader:
    """Read articles from files or directories (plain text with optional header
    lines, JSON Lines, HTML, RSS/Atom, WARC; gzip or not) as ``detente code PATH...``
    does. Yields input dicts: ``code_many(read(path))`` equals the CLI's output.
    ``published`` and ``source`` fill in what the files do not state."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _Reader(_detente.read_paths([os.fspath(p) for p in paths], published, source))


def read_bytes(
    data: Union[bytes, str],
    name: str = "input",
    published: Optional[str] = None,
    source: Optional[str] = None,
) -> _Reader:
    """Read one input's content (the bytes of a text, JSON Lines, HTML, feed or WARC
    file, gzip or not); ``name`` is its file name (a single article's id is the
    name without extension). Yields input dicts, like :func:`read`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return _Reader(_detente.read_bytes(bytes(data), name, published, source))


class Store:
    """A detente event store (an SQLite file; created when missing).

    >>> store = detente.Store("news.db")
    >>> store.ingest(detente.code_many(detente.read("examples/news")))
    >>> store.trend("USA", "CHN", by="week")   # a pandas DataFrame

    Ingesting is idempotent: an article already stored (same text) is skipped, a new
    version of one (same URL) replaces it; the same event reported by several
    articles is merged into one record with a mention each.
    """

    def __init__(self, path: Union[str, os.PathLike], read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self._native = _detente.NativeStore(self.path, read_only)

    def ingest(self, results: Iterable[Mapping[str, Any]], batch_size: int = 500) -> Dict[str, Any]:
        """Store coded articles (dicts as returned by :func:`code`); returns counts:
        ``added``, ``duplicates``, ``replaced``, ``mentions`` and ``failed``."""
        total: Dict[str, Any] = {"added": 0, "duplicates": 0, "replaced": 0, "mentions": 0, "failed": []}
        iterator = iter(results)
        while True:
            batch = [json.dumps(a, ensure_ascii=False) for a in islice(iterator, batch_size)]
            if not batch:
                return total
            report = json.loads(self._native.ingest(batch))
            for key in ("added", "duplicates", "replaced", "mentions"):
                total[key] += report[key]
            total["failed"].extend(report["failed"])

    def counts(self) -> Dict[str, int]:
        """Rows stored: articles, events, mentions, quotes."""
        return json.loads(self._native.counts())

    def trend(
        self,
        a: str,
        b: str,
        by: str = "week",
        since: Optional[str] = None,
        until: Optional[str] = None,
        directed: bool = False,
    ) -> Any:
        """A dyad's events per period (``by`` = ``"day"``, ``"week"`` or ``"month"``)
        as a pandas DataFrame: ``period``, ``events``, the four QuadClass counts
        (``verbal_coop``, ``material_coop``, ``verbal_conflict``,
        ``material_conflict``), ``goldstein_sum``, ``goldstein_mean``,
        ``cooperative_share`` and ``mentions``. Codes are CAMEO actor codes of at
        least three letters (``"USA"``, ``"USAGOV"``); both directions unless
        ``directed``."""
        import pandas as pd

        rows = json.loads(self._native.trend(a, b, by, since, until, directed))
        columns = [
            "period",
            "events",
            "verbal_coop",
            "material_coop",
            "verbal_conflict",
            "material_conflict",
            "goldstein_sum",
            "goldstein_mean",
            "cooperative_share",
            "mentions",
        ]
        flat = [
            [r["period"], r["events"], *r["quad"], r["goldstein_sum"], r["goldstein_mean"], r["cooperative_share"], r["mentions"]]
            for r in rows
        ]
        return pd.DataFrame(flat, columns=columns)

    def events(
        self,
        dyad: Optional[str] = None,
        actor: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        cameo: Optional[str] = None,
        plover: Optional[str] = None,
        text: Optional[str] = None,
        limit: int = 1000,
        offset: int = 0,
        directed: bool = False,
    ) -> Any:
        """Merged events with one piece of evidence each, as a pandas DataFrame.
        ``dyad`` is ``"USA:CHN"``; ``cameo`` a code or root prefix (``"04"``);
        ``text`` full-text search over the evidence articles."""
        import pandas as pd

        rows = json.loads(self._native.events(dyad, actor, since, until, cameo, plover, text, limit, offset, directed))
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"detente.Store({self.path!r})"
