"""Type stubs for detente: the output contract (docs/OUTPUT.md) as TypedDicts."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, TypedDict, Union

from .tables import TABLES as TABLES
from .tables import to_arrow as to_arrow

__version__: str
INPUT_KEYS: tuple

class Range(TypedDict):
    start: int
    end: int

class TextSpan(TypedDict):
    start: int
    end: int
    text: str

class Mention(TypedDict):
    start: int
    end: int
    text: str
    kind: Literal["name", "title", "country", "metonym", "pronoun", "description"]

class Actor(TypedDict):
    id: str
    name: str
    kind: Literal["person", "country", "organization", "group", "anonymous"]
    code: Optional[str]
    country: Optional[str]
    sector: Optional[str]
    title: Optional[str]
    mentions: List[Mention]

class Time(TypedDict):
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: Optional[str]

class Via(TypedDict):
    start: int
    end: int
    text: str
    actor: Optional[str]

class Quote(TypedDict):
    start: int
    end: int
    text: str
    direct: bool
    speaker: Optional[str]
    speaker_text: Optional[str]
    cue: Optional[TextSpan]
    via: Optional[Via]

class Evidence(TypedDict):
    sentence: TextSpan
    trigger: TextSpan

class _EventOptional(TypedDict, total=False):
    source_mention: TextSpan
    target_mention: TextSpan
    plover_mode: str
    repeats: List[Evidence]

class Event(_EventOptional):
    source: Optional[str]
    target: Optional[str]
    source_code: Optional[str]
    target_code: Optional[str]
    cameo: str
    cameo_root: str
    plover: Optional[str]
    goldstein: float
    quad_class: Literal[1, 2, 3, 4]
    date: Optional[str]
    date_from: Literal["text", "published", "none"]
    location: Optional[TextSpan]
    sentence: TextSpan
    trigger: TextSpan
    quote: Optional[int]
    mentions: int

class _ArticleOptional(TypedDict, total=False):
    language: str
    author: str
    summary_only: bool
    skipped: str
    headline: Range
    warnings: List[str]

class Article(_ArticleOptional):
    id: Optional[str]
    title: Optional[str]
    published: Optional[str]
    source: Optional[str]
    url: Optional[str]
    text: str
    paragraphs: List[Range]
    sentences: List[Range]
    actors: List[Actor]
    times: List[Time]
    quotes: List[Quote]
    events: List[Event]

class InputRecord(TypedDict, total=False):
    id: str
    title: str
    published: str
    source: str
    url: str
    author: str
    language: str
    text: str

def warm_up() -> None: ...
def code(
    text: str,
    published: Optional[str] = None,
    title: Optional[str] = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    id: Optional[str] = None,
    language: Optional[str] = None,
) -> Article: ...
def code_many(articles: Iterable[Mapping[str, Any]], threads: Optional[int] = None) -> Iterator[Article]: ...
def code_arrow(table: Any, threads: Optional[int] = None, include_json: bool = False) -> Dict[str, Any]: ...

class _Reader(Iterator[InputRecord]):
    @property
    def errors(self) -> List[str]: ...
    @property
    def duplicates(self) -> List[str]: ...
    def __iter__(self) -> _Reader: ...
    def __next__(self) -> InputRecord: ...

def read(
    paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
    published: Optional[str] = None,
    source: Optional[str] = None,
) -> _Reader: ...
def read_bytes(
    data: Union[bytes, str], name: str = "input", published: Optional[str] = None, source: Optional[str] = None
) -> _Reader: ...

class IngestReport(TypedDict):
    added: int
    duplicates: int
    replaced: int
    mentions: int
    failed: List[Dict[str, str]]

class Store:
    path: str
    def __init__(self, path: Union[str, os.PathLike], read_only: bool = False) -> None: ...
    def ingest(self, results: Iterable[Mapping[str, Any]], batch_size: int = 500) -> IngestReport: ...
    def counts(self) -> Dict[str, int]: ...
    def trend(
        self,
        a: str,
        b: str,
        by: Literal["day", "week", "month"] = "week",
        since: Optional[str] = None,
        until: Optional[str] = None,
        directed: bool = False,
    ) -> Any: ...
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
    ) -> Any: ...
