"""Help and usage errors in the interface language (issue 15): every help text of the app, its
commands and options has its Chinese, click's errors are one translated line, and --lang works
anywhere on the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from ledger.cli import usage
from ledger.cli.app import app
from ledger.cli.help import hoist, wrap_cells
from ledger.i18n.zh import ZH
from ledger.render.terminal import cell_width

LEDGER = str(Path(sys.executable).parent / "ledger")


def _helps(command) -> list[str]:  # type: ignore[no-untyped-def]
    found = [x.help for x in (command, *command.params) if getattr(x, "help", None)]
    for sub in getattr(command, "commands", {}).values():
        found += _helps(sub)
    return found


def test_every_help_text_has_its_chinese():
    assert sorted({h for h in _helps(typer.main.get_command(app)) if h not in ZH}) == []


def test_the_table_limit_help_says_the_limit():
    from ledger.cli.read import TABLE_LIMIT

    limit = next(p for p in typer.main.get_command(app).commands["list"].params if p.name == "limit")
    assert f"(default {TABLE_LIMIT})" in str(limit.help)


def test_every_usage_template_has_its_chinese():
    templates = [*usage.MISSING.values(), *(t for _, t in usage.PATTERNS), *usage.VALUE_TYPES]
    assert [t for t in templates if t not in ZH] == []


def test_help_in_chinese_fits_80_columns(shipped):
    result = shipped("close", "--help", lang="zh", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "用法：ledger close [OPTIONS] {ID}"
    assert "  为事项销号，附佐证材料和签署人。" in lines
    assert "选项：" in lines and "参数：" in lines
    assert any(line.startswith("  --by NAME ") and line.endswith("签署销号的人。") for line in lines)
    assert "  -h, --help              显示本帮助并退出。" in lines
    assert max(cell_width(line) for line in lines) <= 80


@pytest.mark.parametrize("args", [["--lang", "zh", "--help"], ["--help", "--lang", "zh"], ["--help"]])
def test_the_apps_help_lists_commands_in_chinese(shipped, args):
    result = shipped(*args, lang="zh" if args == ["--help"] else "en")
    assert result.exit_code == 0
    assert "  check         校验台账\n" in result.stdout
    assert "  --no-cache    不使用已校验台账的缓存。\n" in result.stdout


def test_help_stays_english_under_en(shipped):
    result = shipped("close", "--help")
    assert result.stdout.startswith("Usage: ledger close [OPTIONS] {ID}\n\n  Cross an item off (销号)")
    assert "\nOptions:\n" in result.stdout


@pytest.mark.parametrize(("args", "lang", "line"), [
    (["add"], "zh", "错误: 缺少选项 '--id'。运行 'ledger add -h' 查看帮助。\n"),
    (["add"], "en", "Error: Missing option '--id'. Try 'ledger add -h' for help.\n"),
    (["show"], "zh", "错误: 缺少参数 'ID'。运行 'ledger show -h' 查看帮助。\n"),
    (["list", "--bogus"], "zh", "错误: 没有选项：--bogus。运行 'ledger list -h' 查看帮助。\n"),
    (["list", "--format", "x"], "zh",
     "错误: '--format' 的值无效：'x' 不是 'table', 'json', 'csv', 'markdown' 之一。运行 'ledger list -h' 查看帮助。\n"),
    (["list", "--limit", "0"], "zh", "错误: '--limit' 的值无效：0 不在范围 x>=1 内。运行 'ledger list -h' 查看帮助。\n"),
    (["list", "--limit", "x"], "zh", "错误: '--limit' 的值无效：'x' 不是有效的整数。运行 'ledger list -h' 查看帮助。\n"),
    (["lst"], "zh", "错误: 没有命令 'lst'。是否要用 'list'？运行 'ledger -h' 查看帮助。\n"),
    (["list", "extra"], "zh", "错误: 多余的参数：extra。运行 'ledger list -h' 查看帮助。\n"),
    (["list", "--dept"], "zh", "错误: 选项 '--dept' 需要一个值。\n"),
    (["list", "--lang", "fr"], "en", "Error: Invalid value for --lang: use zh or en. Try 'ledger -h' for help.\n"),
])
def test_usage_errors_are_one_translated_line_exit_2(shipped, args, lang, line):
    before = shipped.snapshot()
    result = shipped(*args, lang=lang)
    assert (result.exit_code, result.stderr, result.stdout) == (2, line, "")
    assert shipped.snapshot() == before


@pytest.mark.parametrize("args", [["check", "--lang", "zh"], ["check", "--lang=zh"], ["--lang", "zh", "check"]])
def test_lang_is_accepted_after_the_command(shipped, args):
    result = shipped(*args)
    assert (result.exit_code, result.stdout) == (0, "通过：33 项事项，24 个单位，无问题\n")


def test_global_options_anywhere_in_the_console_script(shipped):
    done = subprocess.run([LEDGER, "check", "--no-cache", "--lang", "zh", "--data", str(shipped.data)],
                          capture_output=True, text=True, check=False, cwd=shipped.root,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(shipped.root), "LEDGER_TODAY": "2024-09-10"})
    assert (done.returncode, done.stdout, done.stderr) == (0, "通过：33 项事项，24 个单位，无问题\n", "")


def test_ledger_lang_zh_translates_the_console_scripts_help(tmp_path: Path):
    done = subprocess.run([LEDGER, "show", "-h"], capture_output=True, text=True, check=False, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LEDGER_LANG": "zh"})
    assert done.returncode == 0 and done.stdout.startswith("用法：ledger show [OPTIONS] {ID}\n\n  显示一个事项的全部内容")


@pytest.mark.parametrize(("args", "hoisted"), [
    (["check", "--lang", "zh"], ["--lang", "zh", "check"]),
    (["--data", "d", "list", "--lang=zh", "--no-cache", "--overdue"], ["--data", "d", "--lang=zh", "--no-cache", "list",
                                                                        "--overdue"]),
    (["progress", "2-8", "--", "--lang"], ["progress", "2-8", "--", "--lang"]),
    (["git", "setup", "--data", "x"], ["--data", "x", "git", "setup"]),
    (["--help", "--lang", "zh"], ["--lang", "zh", "--help"]),
])
def test_hoist(args, hoisted):
    assert hoist(args) == hoisted


def test_wrap_cells_breaks_chinese_anywhere_and_words_between_words():
    assert wrap_cells("佐证材料：复制到 data/evidence/ID/ 的文件，或一段文字说明。", 16) == [
        "佐证材料：复制到", "data/evidence/ID/", "的文件，或一段文", "字说明。"]
    assert wrap_cells("见某某，。", 4) == ["见某", "某，。"]
