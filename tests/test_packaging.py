"""The distribution: a wheel and an sdist built from a copy of the source tree; the wheel installs into a
fresh virtual environment and its `ledger` runs check on a copy of the shipped ledger and init in a
temporary folder (what it reads at run time travels inside the wheel); the sdist carries the tests
and the docs. About 20 s (the build fetches setuptools into its isolated environment), so one test
builds once, whichever xdist worker runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

from ledgers import SHIPPED_DATA

TREE = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "MANIFEST.in", "README.md", "CHANGELOG.md", ".pre-commit-hooks.yaml", ".ci", "src",
           "tests", "docs", "benchmarks", "scripts"]
NAME = "zhenggai-ledger"
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "out", ".hypothesis")


def build(work: Path) -> Path:
    """A wheel and an sdist, built from a copy (the build writes egg-info beside the sources)."""
    tree = work / "tree"
    tree.mkdir(parents=True)
    for name in SOURCES:
        source = TREE / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=SKIP)
        elif source.exists():
            shutil.copy2(source, tree / name)
    out = work / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(tree)],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return out


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def check_the_wheel(dist: Path) -> None:
    wheel = _one(dist, "zhenggai_ledger-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(info).decode("utf-8")
        entry = zf.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert f"\nName: {NAME}\n" in metadata
    assert "ledger = ledger.cli.main:main" in entry
    for template in ("items.yaml", "departments.yaml", "settings.yaml", "README.md", "gitignore"):
        assert f"ledger/templates/{template}" in names
    assert not any(n.startswith(("tests/", "data/")) for n in names)


def check_the_sdist(dist: Path) -> None:
    sdist = _one(dist, "zhenggai_ledger-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for needed in ("pyproject.toml", "README.md", "src/ledger/templates/items.yaml", "tests/conftest.py",
                   "tests/test_packaging.py", "tests/fixtures/shipped/data/items.yaml", "docs/DOMAIN.md", ".ci/run"):
        assert needed in names, needed
    assert not any("__pycache__" in n for n in names)


def check_the_installed_wheel(dist: Path, tmp_path: Path) -> None:
    wheel = _one(dist, "zhenggai_ledger-*-py3-none-any.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies come from this test run's own environment (offline); its .pth files (the
    # editable install of this tree) are not read from there, so `ledger` is the wheel's.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                                "--no-index", str(wheel)], capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run([str(python), "-c", "import ledger; print(ledger.__file__)"], capture_output=True,
                           text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(venv)

    ledger = str(venv / "bin" / "ledger")
    env = {**os.environ, "LEDGER_LANG": "en", "LEDGER_CACHE_DIR": str(tmp_path / "cache"), "LEDGER_TODAY": "2024-09-10"}
    shutil.copytree(SHIPPED_DATA, tmp_path / "shipped" / "data")
    check = subprocess.run([ledger, "--data", str(tmp_path / "shipped" / "data"), "check"], capture_output=True,
                           text=True, env=env, check=False)
    assert (check.returncode, check.stdout, check.stderr) == (0, "ok: 33 items, 24 units, no problems\n", "")

    init = subprocess.run([ledger, "init", str(tmp_path / "office")], capture_output=True, text=True, env=env,
                          check=False)
    assert (init.returncode, init.stderr) == (0, "")
    assert f"git config merge.ledger.driver: {ledger} merge-driver" in init.stdout
    again = subprocess.run([ledger, "--data", str(tmp_path / "office" / "data"), "check"], capture_output=True,
                           text=True, env=env, check=False)
    assert again.stdout == "ok: 0 items, 0 units, no problems\n"


def test_wheel_and_sdist_build_install_into_a_fresh_venv_and_run(tmp_path):
    dist = build(tmp_path / "build")
    check_the_wheel(dist)  # its own distribution name, the ledger command, the templates inside
    check_the_sdist(dist)  # the tests and the docs
    check_the_installed_wheel(dist, tmp_path / "run")  # check on the shipped ledger, init in a new folder
