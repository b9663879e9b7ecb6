"""`ledger init DIR`: a new ledger repository that passes check at once; its refusals change nothing;
the templates travel inside the package."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from ledger.core.model import Item
from ledgers import Ledger

LEDGER = str(Path(sys.executable).parent / "ledger")
SETUP = ("{dot}.gitattributes: added data/*.yaml merge=ledger, data/items/*.yaml merge=ledger, data/items/*.yml merge=ledger\n"
         f"git config merge.ledger.driver: {LEDGER} merge-driver %O %A %B %P\n"
         ".git/hooks/pre-commit: installed (runs ledger check on the staged ledger files)\n"
         ".gitattributes: not committed yet: commit it (git add .gitattributes && git commit) so that every clone "
         "merges the ledger item by item\n")


def template(name: str) -> bytes:
    return resources.files("ledger").joinpath("templates", name).read_bytes()


def test_init_makes_a_repository_that_passes_check_at_once(tmp_path):
    runner = Ledger(tmp_path)
    result = runner("init", "office")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "created a git repository in office\n"
        "office/data/items.yaml: created\n"
        "office/data/departments.yaml: created\n"
        "office/data/settings.yaml: created\n"
        "office/README.md: created\n"
        "office/.gitignore: created\n"
        + SETUP.format(dot="")
        + "next: cd office; ledger units add NAME --kind district|city|enterprise|group; "
          "ledger import 台账.xlsx --dry-run; git add -A && git commit\n")
    root = tmp_path / "office"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.relative_to(root).parts[0] != ".git") == [
        ".gitattributes", ".gitignore", "README.md", "data", "data/departments.yaml", "data/items.yaml",
        "data/settings.yaml"]
    for name in ("items.yaml", "departments.yaml", "settings.yaml"):
        assert (root / "data" / name).read_bytes() == template(name)
    assert (root / "README.md").read_bytes() == template("README.md")
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[1:] == [
        ".ledger.lock", ".*.ledger-tmp", ".ledger-journal"]
    assert os.access(root / ".git" / "hooks" / "pre-commit", os.X_OK)

    office = Ledger(root)
    assert office("check").stdout == "ok: 0 items, 0 units, no problems\n"
    assert office("list").stdout == "the ledger has no items yet: add them with ledger add, or ledger import FILE\n"
    assert office("list", "--format", "json").stdout == "[]\n"
    assert office("units", "list").stdout == (
        "no units yet: add one with ledger units add NAME --kind district|city|enterprise|group\n")


def test_a_new_ledger_takes_units_and_items_and_commits(tmp_path):
    Ledger(tmp_path)("init", "office")
    office = Ledger(tmp_path / "office")
    assert office("units", "add", "区财政局", "--kind", "district", "--alias", "财政局").exit_code == 0
    assert (office.data / "departments.yaml").read_text(encoding="utf-8").endswith(
        "units:\n  - name: 区财政局\n    kind: district\n    aliases: [财政局]\n")
    added = office("add", "--id", "1-1", "--source", "企业座谈会", "--text", "拨付慢。", "--lead", "财政局",
                   "--responsible", "财政局", "--deadline", "2024-12-31", "--date", "2024-09-01")
    assert added.exit_code == 0, added.stderr
    assert office("check").stdout == "ok: 1 item, 1 unit, no problems\n"
    for cmd in (["config", "user.name", "测试"], ["config", "user.email", "t@example.org"], ["add", "-A"],
                ["commit", "-q", "-m", "a new ledger"]):
        office.git(*cmd)  # the pre-commit hook init installed checks the staged ledger
    assert office.git("status", "--porcelain") == ""
    closed = office("close", "1-1", "--evidence-text", "已拨付", "--by", "张三", "--commit")
    assert closed.exit_code == 0, closed.stderr
    assert office.git("log", "--format=%s") == "close 1-1: closed by 张三\na new ledger\n"


def test_init_in_an_existing_repository_keeps_its_readme_and_gitignore(tmp_path):
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "sub" / "README.md").write_text("mine\n", encoding="utf-8")
    (root / "sub" / ".gitignore").write_text("*.pyc\n.ledger.lock", encoding="utf-8")
    result = Ledger(root)("init", "sub")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "using the git repository at .\n"
        "sub/data/items.yaml: created\n"
        "sub/data/departments.yaml: created\n"
        "sub/data/settings.yaml: created\n"
        "sub/README.md: already there, left alone\n"
        "sub/.gitignore: added .*.ledger-tmp, .ledger-journal\n"
        + SETUP.format(dot="").replace("data/", "sub/data/")
        + "next: cd sub; ledger units add NAME --kind district|city|enterprise|group; "
          "ledger import 台账.xlsx --dry-run; git add -A && git commit\n")
    assert (root / "sub" / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert (root / "sub" / ".gitignore").read_text(encoding="utf-8") == (
        "*.pyc\n.ledger.lock\n# ledger's own transient files (the lock, half-written temporaries, the write journal)\n"
        ".*.ledger-tmp\n.ledger-journal\n")
    assert Ledger(root / "sub")("check").stdout == "ok: 0 items, 0 units, no problems\n"


def test_init_refuses_a_folder_that_already_holds_a_ledger(shipped):
    before, config = shipped.snapshot(), (shipped.root / ".git" / "config").read_bytes()
    result = shipped("init", ".")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: data already holds a ledger (items.yaml, departments.yaml); nothing was changed\n"
    assert shipped.snapshot() == before
    assert (shipped.root / ".git" / "config").read_bytes() == config
    assert not (shipped.root / ".git" / "hooks" / "pre-commit").exists()


@pytest.mark.parametrize("present", ["data/settings.yaml", "data/items/a.yaml"])
def test_init_refuses_any_ledger_file(tmp_path, present):
    (tmp_path / present).parent.mkdir(parents=True)
    (tmp_path / present).write_text("x: 1\n", encoding="utf-8")
    before = Ledger(tmp_path).snapshot()
    result = Ledger(tmp_path)("init", ".")
    first = present.split("/")[1]
    assert (result.exit_code, result.stderr) == (1, f"Error: data already holds a ledger ({first}); nothing was changed\n")
    assert Ledger(tmp_path).snapshot() == before
    assert not (tmp_path / ".git").exists()


def test_init_refuses_a_file_in_place_of_the_folder(tmp_path):
    (tmp_path / "office").write_text("a file\n", encoding="utf-8")
    result = Ledger(tmp_path)("init", "office")
    assert (result.exit_code, result.stderr) == (1, "Error: office is not a folder; nothing was changed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office"]


def test_init_in_chinese(tmp_path):
    result = Ledger(tmp_path)("init", "台账", lang="zh")
    assert result.stdout.splitlines()[:2] == ["已在 台账 创建 git 仓库", "台账/data/items.yaml：已创建"]


# ----------------------------------------------------------------------------- the templates


def test_the_templates_are_package_data_and_valid_yaml():
    assert yaml.safe_load(template("items.yaml")) == {"items": []}
    assert yaml.safe_load(template("departments.yaml")) == {"units": []}
    assert yaml.safe_load(template("settings.yaml")) == {"commit": False}


def test_the_items_template_documents_every_item_field():
    header = template("items.yaml").decode("utf-8")
    documented = {line.split()[1] for line in header.splitlines() if line.startswith("#   ") and len(line.split()) > 1}
    assert {f.name for f in dataclasses.fields(Item)} - documented == set()


def test_the_units_template_documents_every_kind():
    header = template("departments.yaml").decode("utf-8")
    for kind in ("district", "city", "enterprise", "group"):
        assert f"#              {kind} " in header
