"""A small reader for Reuters-21578 (the SGML files inside ../shared/data's tarball),
used by the Spark test and the throughput benchmark. Never copies the data anywhere
but a temporary directory."""

from __future__ import annotations

import html
import os
import re
import tarfile
from datetime import datetime
from pathlib import Path
from typing import Dict, Iterator, List, Optional

_REPO = Path(__file__).resolve().parents[2]
DEFAULT_TARBALL = _REPO.parent / "shared" / "data" / "reuters21578" / "reuters21578.tar.gz"

_DOC = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY")}


def tarball() -> Optional[Path]:
    """The Reuters tarball: $DETENTE_REUTERS or ../shared/data/reuters21578/; None when absent."""
    path = Path(os.environ.get("DETENTE_REUTERS", DEFAULT_TARBALL))
    return path if path.is_file() else None


def _clean(raw: str) -> str:
    text = html.unescape(raw).replace("\x03", "")
    text = re.sub(r"\s*Reuter\s*$", "", text.strip())
    # Paragraphs start with an indented line; the other line breaks are hard wraps.
    paragraphs = re.split(r"\n\s{2,}", text)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _date(raw: str) -> Optional[str]:
    try:
        return datetime.strptime(raw.strip().split(" ")[0], "%d-%b-%Y").strftime("%Y-%m-%d")
    except ValueError:
        return None


def articles(limit: int, path: Optional[Path] = None) -> Iterator[Dict[str, str]]:
    """The first `limit` stories that have a body, as input dicts (id, title, published, text)."""
    path = path or tarball()
    if path is None:
        return
    count = 0
    with tarfile.open(path) as tar:
        members = sorted(m.name for m in tar.getmembers() if m.name.endswith(".sgm"))
        for name in members:
            handle = tar.extractfile(name)
            if handle is None:
                continue
            sgml = handle.read().decode("latin-1")
            for match in _DOC.finditer(sgml):
                fields = {k: rx.search(match.group(2)) for k, rx in _FIELD.items()}
                if not fields["BODY"]:
                    continue
                record = {"id": f"reuters-{match.group(1)}", "text": _clean(fields["BODY"].group(1))}
                if fields["TITLE"]:
                    record["title"] = " ".join(html.unescape(fields["TITLE"].group(1)).split())
                if fields["DATE"]:
                    published = _date(fields["DATE"].group(1))
                    if published:
                        record["published"] = published
                yield record
                count += 1
                if count >= limit:
                    return


def load(limit: int, path: Optional[Path] = None) -> List[Dict[str, str]]:
    return list(articles(limit, path))
