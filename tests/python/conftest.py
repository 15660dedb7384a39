"""Shared paths for the Python tests (run by scripts/test-python.sh, which
builds the wheel, installs it into target/py-venv and sets TIDINGS_CLI and
TIDINGS_WHEEL)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
REAL = FIXTURES / "real"
WARC = FIXTURES / "warc"


def corpora() -> Path | None:
    """The shared corpora ($TIDINGS_CORPORA, else ../shared/corpora), or None."""
    d = Path(os.environ.get("TIDINGS_CORPORA", ROOT.parent / "shared" / "corpora"))
    return d if d.is_dir() else None


@pytest.fixture(scope="session")
def cli() -> Path:
    """The tidings CLI built from this tree."""
    path = os.environ.get("TIDINGS_CLI")
    if not path or not Path(path).exists():
        pytest.fail("set TIDINGS_CLI to the built tidings binary (scripts/test-python.sh does)")
    return Path(path)


def cli_json(cli: Path, *args: str, lines: bool = False) -> list[dict]:
    """`tidings extract ARGS`'s JSON: one object, or JSON Lines with `lines`."""
    out = subprocess.run([str(cli), "extract", *args], capture_output=True, check=False)
    text = out.stdout.decode()
    if lines:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    assert out.returncode == 0, out.stderr.decode()
    return [json.loads(text)]


@pytest.fixture(scope="session")
def manifest() -> dict:
    return json.loads((WARC / "manifest.json").read_text())
