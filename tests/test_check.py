"""`ledger check`: every kind of problem, with its exact one-line message, and exit codes."""

from __future__ import annotations

import pytest

GOOD_ITEM = """\
  - id: "2-8"
    question: 2
    text: "对于单位拖欠款项需要改进。"
    lead: 区财政局
    responsible: [区财政局, 区建设环保局]
    deadline: 2024-08-31
    status: open
"""


def items(*blocks: str) -> str:
    return "items:\n" + "\n".join(blocks)


def test_shipped_ledger_is_valid(shipped):
    result = shipped("check")
    assert result.exit_code == 0
    assert result.stdout == "ok: 33 items, 24 units, no problems\n"


def test_chinese_interface(shipped):
    result = shipped("check", lang="zh")
    assert result.stdout == "通过：33 项事项，24 个单位，无问题\n"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (GOOD_ITEM.replace("2024-08-31", "2024-02-30"),
         "data/items.yaml:7:5: item 2-8: deadline: expected a date (YYYY-MM-DD) or 'ongoing', got '2024-02-30'"),
        (GOOD_ITEM.replace("status: open", "status: done"),
         "data/items.yaml:8:5: item 2-8: status: expected one of 'open', 'in_progress', 'pending_review' or 'closed', "
         "got 'done'"),
        (GOOD_ITEM + "    colour: red\n", "data/items.yaml:9:5: item 2-8: colour: unknown field"),
        (GOOD_ITEM.replace('    lead: 区财政局\n', ''), "data/items.yaml:2:5: item 2-8: lead: field required"),
        (GOOD_ITEM.replace("[区财政局, 区建设环保局]", "[区财政局, 区城管局]"),
         "data/items.yaml:6:25: item 2-8: responsible[1]: unknown unit '区城管局'; did you mean 区财政局?"),
        (GOOD_ITEM.replace("lead: 区财政局", "lead: 税务局"), "data/items.yaml:5:5: item 2-8: lead: unknown unit '税务局'"),
        (GOOD_ITEM.replace("question: 2", "question: two"),
         "data/items.yaml:3:5: item 2-8: question: expected a whole number"),
        (GOOD_ITEM.replace('"2-8"', '"2 8"'),
         "data/items.yaml:2:5: item 2 8: id: invalid id '2 8': use letters, digits and dashes, such as 2-8"),
        (GOOD_ITEM.replace("status: open", "status: closed"),
         "data/items.yaml:8:5: item 2-8: status: status is closed but there is no close-out record"),
        (GOOD_ITEM.replace("status: open", "status: in_progress"),
         "data/items.yaml:8:5: item 2-8: status: status is in_progress but there is no progress note"),
        (GOOD_ITEM.replace("status: open", "status: closed\n    closed:\n      date: 2024-09-01\n"
                                            "      by: 张三\n      evidence: []"),
         "data/items.yaml:12:7: item 2-8: closed.evidence: a close-out needs at least one piece of evidence"),
        (GOOD_ITEM.replace("status: open", "status: closed\n    closed:\n      by: 张三\n"
                                            "      evidence:\n        - text: 说明"),
         "data/items.yaml:9:5: item 2-8: closed.date: field required"),
        (GOOD_ITEM.replace("text: \"对于单位拖欠款项需要改进。\"", "text: \"  \""),
         "data/items.yaml:4:5: item 2-8: text: must not be empty"),
    ],
    ids=["bad-date", "bad-status", "unknown-field", "missing-field", "unknown-unit", "unknown-unit-no-hint",
         "not-a-number", "bad-id", "closed-without-closeout", "in-progress-without-notes", "closeout-without-evidence",
         "closeout-without-date", "empty-text"],
)
def test_each_problem_has_its_exact_message(small, block, expected):
    ledger = small(items(block))
    before = ledger.snapshot()
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout == f"{expected}\n1 problem\n"
    assert ledger.snapshot() == before


def test_every_problem_is_reported_at_once(small):
    second = GOOD_ITEM.replace('"2-8"', '"2-9"').replace("lead: 区财政局", "lead: 区财政")
    third = GOOD_ITEM.replace("2024-08-31", "ongoing")
    ledger = small(items(GOOD_ITEM.replace("status: open", "status: done"), second, third))
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/items.yaml:8:5: item 2-8: status: expected one of 'open', 'in_progress', 'pending_review' or 'closed', got 'done'",
        "data/items.yaml:13:5: item 2-9: lead: unknown unit '区财政'; did you mean 区财政局?",
        "data/items.yaml:18:5: item 2-8: id: duplicate id '2-8' (first at data/items.yaml:2)",
        "3 problems",
    ]


def test_an_alias_written_in_the_file_is_refused_with_the_full_name(small):
    # An alias is for typing (--lead 财政局); in the file it made a second unit: list --lead 区财政局
    # found nothing and report showed a separate 财政局 row (issue 11, finding 15).
    ledger = small(items(GOOD_ITEM.replace("lead: 区财政局", "lead: 财政局")))
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout == ("data/items.yaml:5:5: item 2-8: lead: '财政局' is an alias of '区财政局': write the unit's name\n"
                             "1 problem\n")


def test_an_alias_typed_on_the_command_line_is_written_as_the_full_name(small):
    ledger = small(items(GOOD_ITEM))
    result = ledger("add", "--id", "2-9", "--question", "2", "--text", "新问题。", "--lead", "财政局",
                    "--responsible", "财政局", "--deadline", "ongoing")
    assert result.exit_code == 0, result.stderr
    assert "    lead: 区财政局\n    responsible: [区财政局]\n" in ledger.items_text()
    assert ledger("check").exit_code == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("items:\n  - id: \"1\"\n    text: [\n", "data/items.yaml:4:1: invalid YAML: did not find expected node content"),
        ("", "data/items.yaml:1:1: file is empty"),
        ("- a\n- b\n", "data/items.yaml:1:1: the top level must be a mapping"),
        ("items:\n  - id: \"1-1\"\n    id: \"1-2\"\n", "data/items.yaml:3:5: duplicate key 'id'"),
        ("items:\n<<<<<<< HEAD\n  - id: \"1-1\"\n=======\n>>>>>>> other\n",
         "data/items.yaml:2:1: git conflict marker: resolve the merge first"),
        ("items:\n  - !!python/object:os.system {}\n",
         "data/items.yaml:2:5: tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    ],
    ids=["malformed", "empty", "not-a-mapping", "duplicate-key", "conflict-markers", "python-tag"],
)
def test_broken_files_give_one_line(small, text, expected):
    ledger = small(text)
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout == f"{expected}\n1 problem\n"


def test_missing_items_file(small):
    ledger = small(items(GOOD_ITEM))
    (ledger.data / "departments.yaml").unlink()
    result = ledger("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("data/departments.yaml: file not found\n")


def test_read_commands_refuse_invalid_data(small):
    ledger = small(items(GOOD_ITEM.replace("status: open", "status: done")))
    result = ledger("list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("data/items.yaml:8:5: item 2-8: status:")


def test_no_data_folder(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from ledger.cli.app import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no data folder found")


def test_data_folder_found_by_walking_up(shipped, monkeypatch):
    from typer.testing import CliRunner

    from ledger.cli.app import app

    (shipped.root / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(shipped.root / "deep" / "er")
    result = CliRunner().invoke(app, ["list", "--format", "json", "--as-of", "2024-09-01", "--overdue"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count('"id"') == 9


def test_data_from_environment(shipped, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from ledger.cli.app import app

    monkeypatch.chdir(tmp_path.parent)
    result = CliRunner().invoke(app, ["check"], env={"LEDGER_DATA": str(shipped.data)})
    assert result.exit_code == 0


def test_other_commands_show_the_first_ten_problems(small):
    blocks = [GOOD_ITEM.replace('"2-8"', f'"2-{k}"').replace("status: open", "status: done") for k in range(1, 13)]
    ledger = small(items(*blocks))
    result = ledger("list")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 11
    assert lines[-1] == "12 problems, 10 shown: run ledger check for all of them"
    assert ledger("check").stdout.splitlines()[-1] == "12 problems"
