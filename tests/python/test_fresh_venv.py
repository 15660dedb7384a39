"""The built wheel installs into an empty folder (a new venv, nothing else
installed, no index) and works there."""

import os
import subprocess
import sys
import venv
from pathlib import Path

from conftest import FIXTURES

SCRIPT = r"""
import sys, tidings
from concurrent.futures import ThreadPoolExecutor
html = open(sys.argv[1], "rb").read()
a = tidings.extract(html, "https://www.shine.cn/news/nation/2301104951/")
assert a["title"] == "Chinese FM holds phone talks with S. Korean counterpart", a["title"]
assert "ICP" not in a["text"] and "Qin Gang" in a["text"]
assert tidings.cite(a, "apa", accessed="2024-03-01").startswith("Xinhua. (2023, January 10).")
try:
    tidings.extract(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 64)
except tidings.NotHtmlError as e:
    assert e.code == "not-html"
else:
    raise AssertionError("no error")
with ThreadPoolExecutor(2) as pool:
    assert len(list(pool.map(tidings.extract, [html] * 4))) == 4
import tidings.warc, importlib.util
assert importlib.util.find_spec("fastwarc") is None  # nothing but the wheel here
print("ok", tidings.__version__, tidings.__file__)
"""


def test_wheel_in_an_empty_venv(tmp_path):
    wheel = os.environ.get("TIDINGS_WHEEL")
    assert wheel and Path(wheel).is_file(), "set TIDINGS_WHEEL to the built wheel (scripts/test-python.sh does)"
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", wheel],
        check=True, timeout=300,
    )
    run = subprocess.run(
        [str(python), "-c", SCRIPT, str(FIXTURES / "pages" / "shine-seed" / "source.html")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ok ") and str(env_dir) in run.stdout
    assert sys.prefix != str(env_dir)
