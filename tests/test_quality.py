"""The code stays lint-, format- and type-clean (ruff and mypy come with the test extra)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("args", [("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)])
def test_tool_is_clean(args: tuple[str, ...]) -> None:
    if shutil.which(args[0]) is None and _run(args[0], "--version").returncode != 0:
        pytest.skip(f"{args[0]} is not installed (pip install -e '.[test]')")
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
