"""A missing required option or argument is a usage error everywhere (issue 15): exit 2, one line
on stderr, nothing changed. Each command is run with each of its required values left out."""

from __future__ import annotations

import pytest
import typer.main

from ledger.cli.app import app

FULL = {
    "show": ["show", "2-8"],
    "close": ["close", "2-8", "--evidence-text", "拨付凭证", "--by", "张三"],
    "reopen": ["reopen", "2-8", "--reason", "回头看", "--by", "区纪检监察工委"],
    "progress": ["progress", "2-8", "已拨付"],
    "extend": ["extend", "2-8", "--to", "2024-12-31", "--reason", "资金分批到位"],
    "add": ["add", "--id", "3-1", "--source", "s", "--text", "x", "--lead", "区财政局", "--responsible", "区财政局",
            "--deadline", "2024-12-31"],
    "bulletin": ["bulletin", "--period", "2024-08"],
    "export": ["export", "-o", "out.csv"],
    "import": ["import", "台账.csv"],
    "merge-driver": ["merge-driver", "a", "b", "c", "data/items.yaml"],
    "completion": ["completion", "bash"],
    "init": ["init", "新台账"],
    "units add": ["units", "add", "区新单位", "--kind", "district"],
    "request": ["request", "2-8", "--evidence-text", "拨付凭证", "--by", "张三"],
    "approve": ["approve", "2-8", "--by", "李四"],
    "return": ["return", "2-8", "--reason", "凭证不全", "--by", "李四"],
    "edit": ["edit", "2-8", "--text", "拖欠款项。", "--reason", "错字", "--by", "李四"],
    "remind": ["remind", "--out", "提醒"],
}
"""A whole command line of every command that has a required value."""

CHECKED_BY_THE_COMMAND = {"close": [["--evidence-text", "拨付凭证"], ["--by", "张三"]],
                          "reopen": [["--reason", "回头看"]],
                          "extend": [["--to", "2024-12-31"], ["--reason", "资金分批到位"]],
                          "request": [["--evidence-text", "拨付凭证"], ["--by", "张三"]],
                          "approve": [["--by", "李四"]],
                          "return": [["--reason", "凭证不全"], ["--by", "李四"]],
                          "edit": [["--reason", "错字"], ["--by", "李四"]],
                          "remind": [["--out", "提醒"]]}
"""Required values click does not know about: the command checks them (close needs one of three evidence options)."""


def _required() -> list[tuple[str, list[str]]]:
    """(command, its full line with one required value left out), for every required value click knows of."""
    root = typer.main.get_command(app)
    commands = {}
    for name, command in root.commands.items():
        commands[name] = command
        for sub, subcommand in getattr(command, "commands", {}).items():
            commands[f"{name} {sub}"] = subcommand
    cases = []
    for name, command in commands.items():
        for param in getattr(command, "params", []):
            if not param.required:
                continue
            assert name in FULL, f"{name} has a required {param.name}: add a full command line to FULL"
            line = FULL[name]
            if param.param_type_name == "argument":
                position = [p for p in command.params if p.param_type_name == "argument"].index(param)
                skip = len(name.split()) + position
                cases.append((name, [a for i, a in enumerate(line) if i != skip]))
            else:
                at = next(i for i, a in enumerate(line) if a in param.opts)
                cases.append((name, line[:at] + line[at + 2:]))
    for name, pairs in CHECKED_BY_THE_COMMAND.items():
        for pair in pairs:
            line = FULL[name]
            at = line.index(pair[0])
            cases.append((name, line[:at] + line[at + 2:]))
    return cases


@pytest.mark.parametrize(("name", "args"), _required(), ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_a_missing_required_value_is_exit_2_and_one_line(shipped, name, args):
    before = shipped.snapshot()
    result = shipped(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
    assert result.stdout == ""
    assert shipped.snapshot() == before


def test_close_without_evidence_says_so(shipped):
    result = shipped("close", "2-8", "--by", "张三")
    assert (result.exit_code, result.stderr) == (2, "Error: item 2-8: a close-out needs evidence (--evidence FILE or TEXT)\n")


def test_every_required_value_is_covered():
    names = {name for name, _ in _required()}
    assert {"show", "close", "reopen", "progress", "extend", "add", "export", "import", "merge-driver"} <= names
