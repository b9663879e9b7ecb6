"""Many offices, one ledger: a bare repository and department clones on this machine.

Everything goes through the real programs: the `ledger` console script (as a clerk types it,
standing in the clone, with `--commit`), and git itself (clone, pull --no-rebase, push over
file://).  Nothing touches the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ledgers import SHIPPED_DATA

LEDGER = str(Path(sys.executable).parent / "ledger")
CLERKS = {"finance": ("区财政局 张三", "zhangsan@czj.example"),
          "works": ("区建设环保局 李四", "lisi@jhj.example"),
          "office": ("区营商办 王五", "wangwu@ysb.example")}


def environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEDGER_", "GIT_"))}
    env.update({"LEDGER_TODAY": "2024-09-10", "LEDGER_CACHE_DIR": str(tmp / "cache"), "LEDGER_LANG": "en",
                "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_MERGE_AUTOEDIT": "no",
                "HOME": str(tmp)})
    return env


class Office:
    """One clone and its clerk."""

    def __init__(self, path: Path, env: dict[str, str]):
        self.path = path
        self.env = env

    def git(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, check=False)
        assert not ok or done.returncode == 0, done.stdout + done.stderr
        return done

    def ledger(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([LEDGER, *args], cwd=self.path, env=self.env, capture_output=True, text=True, check=False)
        assert not ok or done.returncode == 0, done.stdout + done.stderr
        return done

    def items(self) -> bytes:
        return (self.path / "data" / "items.yaml").read_bytes()


def team(tmp: Path, names: list[str]) -> tuple[dict[str, Office], dict[str, str]]:
    """A seed repository set up by the office, pushed to a bare one, and one clone per clerk
    (each running `ledger git setup` as the README says)."""
    env = environment(tmp)
    seed = Office(tmp / "seed", env)
    shutil.copytree(SHIPPED_DATA, seed.path / "data", ignore=shutil.ignore_patterns("evidence", "settings.yaml"))
    seed.git("init", "-q", "-b", "main")
    seed.git("config", "user.name", "营商办")
    seed.git("config", "user.email", "office@ysb.example")
    seed.ledger("git", "setup")
    seed.git("add", "data", ".gitattributes")
    seed.git("commit", "-q", "-m", "ledger of the 2024-1 evaluation")
    subprocess.run(["git", "clone", "-q", "--bare", str(seed.path), str(tmp / "origin.git")], env=env, check=True)
    offices = {}
    for name in names:
        subprocess.run(["git", "clone", "-q", f"file://{tmp / 'origin.git'}", str(tmp / name)], env=env, check=True,
                       capture_output=True)
        office = Office(tmp / name, env)
        user, email = CLERKS[name]
        office.git("config", "user.name", user)
        office.git("config", "user.email", email)
        setup = office.ledger("git", "setup")
        assert setup.stdout.startswith(".gitattributes: already has data/*.yaml merge=ledger")
        offices[name] = office
    return offices, env


def show(office: Office, item_id: str) -> dict:  # type: ignore[type-arg]
    return json.loads(office.ledger("show", item_id, "--format", "json").stdout)


def test_three_offices_push_and_pull_without_opening_an_editor(tmp_path: Path) -> None:
    offices, _ = team(tmp_path, ["finance", "works", "office"])
    finance, works, office = offices["finance"], offices["works"], offices["office"]

    finance.ledger("close", "2-8", "--evidence", "拨付凭证：已清偿全部欠款", "--by", "张三", "--date", "2024-09-05",
                   "--commit")
    finance.git("push", "-q")

    works.ledger("progress", "2-9", "建立园区办事限时办结制度", "--date", "2024-08-20", "--by", "李四", "--commit")
    works.ledger("add", "--id", "H-1", "--source", "企业家恳谈会 2024-07-10", "--text", "园区道路照明不足。",
                 "--lead", "区建设环保局", "--responsible", "区建设环保局", "--deadline", "2024-12-31", "--commit")
    pulled = works.git("pull", "--no-rebase")
    assert "Merge made by" in pulled.stdout and "CONFLICT" not in pulled.stdout
    works.git("push", "-q")

    office.ledger("progress", "2-9", "营商办督查：抽查 5 家企业", "--date", "2024-08-05", "--by", "王五", "--commit")
    office.ledger("extend", "1-1", "--to", "2024-12-31", "--reason", "需市教育局配合", "--approved-by", "区管委会",
                  "--date", "2024-08-30", "--commit")
    office.ledger("add", "--id", "H-2", "--source", "投诉举报 2024-08-01", "--text", "公交线路班次太少。",
                  "--lead", "市公交分公司", "--responsible", "市公交分公司", "--deadline", "ongoing", "--commit")
    office.git("pull", "--no-rebase")
    office.git("push", "-q")

    finance.ledger("close", "1-2", "--evidence", "整改报告", "--by", "张三", "--date", "2024-09-06", "--commit")
    finance.ledger("progress", "2-9", "财政局：审批时限压缩至 3 个工作日", "--date", "2024-09-09", "--commit")
    finance.git("pull", "--no-rebase")
    finance.git("push", "-q")

    works.git("pull", "--no-rebase")
    works.ledger("progress", "H-1", "已安装路灯 40 盏", "--date", "2024-09-10", "--commit")
    works.git("push", "-q")
    for clone in (finance, office):
        clone.git("pull", "--no-rebase")

    final = finance.items()
    assert works.items() == final and office.items() == final
    assert {c.git("rev-parse", "HEAD").stdout for c in offices.values()} == {finance.git("rev-parse", "HEAD").stdout}
    for clone in offices.values():
        assert clone.ledger("check").stdout == "ok: 35 items, 24 units, no problems\n"
        assert clone.git("status", "--porcelain").stdout == ""

    assert show(finance, "2-8")["closed"]["date"] == "2024-09-05"
    assert show(finance, "1-2")["closed"]["by"] == "张三"
    assert show(finance, "1-1")["deadline"] == "2024-12-31"
    assert [(n["date"], n["text"]) for n in show(finance, "2-9")["progress"]] == [
        ("2024-08-05", "营商办督查：抽查 5 家企业"),
        ("2024-08-20", "建立园区办事限时办结制度"),
        ("2024-09-09", "财政局：审批时限压缩至 3 个工作日")]
    assert show(finance, "H-1")["progress"][0]["text"] == "已安装路灯 40 盏"
    text = final.decode("utf-8")
    assert text.index('- id: "2-15"') < text.index('- id: "H-2"') < text.index('- id: "H-1"')
    assert "<<<<<<<" not in text
    assert text.startswith((SHIPPED_DATA / "items.yaml").read_text(encoding="utf-8").split("items:\n", 1)[0])
    log = finance.git("log", "--format=%an|%s").stdout.splitlines()
    assert sum(1 for line in log if "|Merge branch" in line) == 3
    assert "区建设环保局 李四|add H-1: 园区道路照明不足。" in log


# ----------------------------------------------------------------------------- a true conflict

@pytest.fixture(scope="module")
def conflict(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Two offices close 2-8 on different days; the second to push pulls and meets the conflict."""
    tmp = tmp_path_factory.mktemp("conflict")
    offices, _ = team(tmp, ["finance", "works"])
    finance, works = offices["finance"], offices["works"]
    finance.ledger("close", "2-8", "--evidence", "拨付凭证", "--by", "张三", "--date", "2024-09-05", "--commit")
    finance.git("push", "-q")
    works.ledger("progress", "2-9", "建立限时办结制度", "--date", "2024-08-20", "--commit")
    works.ledger("close", "2-8", "--evidence", "企业确认函", "--by", "李四", "--date", "2024-09-06", "--commit")
    pulled = works.git("pull", "--no-rebase", ok=False)
    return {"finance": finance, "works": works, "pulled": pulled, "text": works.items().decode("utf-8"), "tmp": tmp}


def _marker_line(text: str) -> int:
    return text[:text.index("<<<<<<< ours")].count("\n") + 1


def test_a_true_conflict_stops_the_merge_and_says_why(conflict) -> None:  # type: ignore[no-untyped-def]
    works, pulled, text = conflict["works"], conflict["pulled"], conflict["text"]
    assert pulled.returncode != 0
    assert "CONFLICT (content): Merge conflict in data/items.yaml" in pulled.stdout
    assert [line for line in pulled.stderr.splitlines() if line.startswith("ledger merge-driver")] == [
        "ledger merge-driver: data/items.yaml: conflict in item 2-8, field closed.date: ours 2024-09-06, theirs 2024-09-05",
        "ledger merge-driver: data/items.yaml: conflict in item 2-8, field closed.by: ours 李四, theirs 张三",
        "ledger merge-driver: data/items.yaml: 2 conflicts left in the file: edit it (ledger check shows where), "
        "then git add it",
    ]
    assert works.git("status", "--porcelain").stdout == "UU data/items.yaml\n"
    assert "# ledger: conflict in item 2-8, field closed.date: ours 2024-09-06, theirs 2024-09-05\n" in text
    assert "建立限时办结制度" in text  # the rest merged all the same
    check = works.ledger("check", ok=False)
    assert check.returncode == 1
    assert check.stdout.startswith(f"data/items.yaml:{_marker_line(text)}:1: ")
    assert "git conflict" in check.stdout
    listed = works.ledger("list", ok=False)
    assert listed.returncode == 1 and f"data/items.yaml:{_marker_line(text)}:1: " in listed.stderr


def test_ledger_check_names_the_item_the_field_and_both_values(conflict) -> None:  # type: ignore[no-untyped-def]
    works, text = conflict["works"], conflict["text"]
    check = works.ledger("check", ok=False)
    line = _marker_line(text)
    assert check.stdout.splitlines()[:2] == [
        f"data/items.yaml:{line}:1: item 2-8: closed.date: git conflict: ours 2024-09-06, theirs 2024-09-05; "
        "resolve the merge first",
        f"data/items.yaml:{line}:1: item 2-8: closed.by: git conflict: ours 李四, theirs 张三; resolve the merge first",
    ]


def test_the_conflict_is_resolved_by_keeping_one_block(conflict) -> None:  # type: ignore[no-untyped-def]
    """The clerk keeps the close-out already pushed (theirs), deletes the rest of the region,
    and commits; the hook checks the result, and the other office pulls it."""
    finance, works, text = conflict["finance"], conflict["works"], conflict["text"]
    head, region = text.split("<<<<<<< ours\n", 1)
    region, tail = region.split(">>>>>>> theirs\n", 1)
    theirs = region.split("=======\n", 1)[1]
    refused = works.git("commit", "-q", "-am", "merge", ok=False)  # markers still there: the hook says no
    assert refused.returncode == 1 and "git conflict" in refused.stderr
    (works.path / "data" / "items.yaml").write_text(head + theirs + tail, encoding="utf-8")
    works.git("add", "data/items.yaml")
    works.git("commit", "-q", "--no-edit")
    works.git("push", "-q")
    finance.git("pull", "--no-rebase")
    assert finance.items() == works.items()
    assert show(finance, "2-8")["closed"]["by"] == "张三"
    assert show(finance, "2-9")["progress"][0]["text"] == "建立限时办结制度"
    assert finance.ledger("check").stdout.startswith("ok: 33 items")
