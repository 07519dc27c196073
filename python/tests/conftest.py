"""Shared helpers: the repository's sample articles and the CLI's output on them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "news"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/reuters.py


def cli_command() -> List[str]:
    """The detente CLI: $DETENTE_BIN, else the workspace's debug build, else `cargo run`."""
    explicit = os.environ.get("DETENTE_BIN")
    if explicit:
        return [explicit]
    for profile in ("debug", "release"):
        binary = REPO / "target" / profile / "detente"
        if binary.is_file():
            return [str(binary)]
    return ["cargo", "run", "-q", "--manifest-path", str(REPO / "Cargo.toml"), "--"]


def run_cli(*args: str) -> List[Dict[str, Any]]:
    """Run `detente code ARGS...` and parse its JSON Lines output."""
    done = subprocess.run(
        [*cli_command(), "code", *args], cwd=REPO, capture_output=True, text=True, check=True, timeout=600
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_paths() -> List[Path]:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert paths, f"no sample articles in {SAMPLES}"
    return paths
