"""The native half of the detente package (Rust, PyO3). Use the functions of
``detente`` itself; these take and return JSON text."""

from typing import List, Optional

__version__: str

def warm_up() -> None:
    """Compile the dictionaries now instead of on the first article."""

def code_record(record: str, origin: str = "input:1") -> str:
    """Code one JSON input record; returns the output contract as JSON."""

def code_records(records: List[str], threads: int = 1, first: int = 1) -> List[str]:
    """Code JSON input records on ``threads`` workers (GIL released); results in order."""

def read_paths(paths: List[str], published: Optional[str] = None, source: Optional[str] = None) -> Reader:
    """Read files or directories as ``detente code`` does."""

def read_bytes(data: bytes, name: str, published: Optional[str] = None, source: Optional[str] = None) -> Reader:
    """Read one input's content, named ``name``."""

class Reader:
    """JSON input records read from files; skipped inputs in ``errors`` and ``duplicates``."""

    errors: List[str]
    duplicates: List[str]
    def __iter__(self) -> Reader: ...
    def __next__(self) -> str: ...

class NativeStore:
    """An open detente store (SQLite)."""

    def __init__(self, path: str, read_only: bool = False) -> None: ...
    def ingest(self, articles: List[str]) -> str: ...
    def counts(self) -> str: ...
    def trend(
        self,
        a: str,
        b: str,
        by: str = "week",
        since: Optional[str] = None,
        until: Optional[str] = None,
        directed: bool = False,
    ) -> str: ...
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
    ) -> str: ...
