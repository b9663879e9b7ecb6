"""`ledger units list` and `ledger units add`: whole outputs, the exact diff of departments.yaml, every
refusal (message, exit code, files byte-identical), commits; the pure parts directly."""

from __future__ import annotations

import pytest

from ledger.core.model import Unit
from ledger.core.units import new_unit
from ledger.errors import Refused
from ledger.store.units import appended, scalar


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    text = ledger.git("diff", "--no-color", "-U1")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


ITEMS = "items: []\n"

# ----------------------------------------------------------------------------- units list


def test_list_as_a_table(small):
    ledger = small(ITEMS)
    result = ledger("units", "list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == """\
Unit          Kind      Aliases  Note
────────────  ────────  ───────  ────
区财政局      district  财政局
区建设环保局  district
各园区指挥部  group
3 units
"""


def test_list_as_a_table_in_chinese(small):
    ledger = small(ITEMS)
    assert ledger("units", "list", lang="zh").stdout == """\
单位          类别      别名    说明
────────────  ────────  ──────  ────
区财政局      区级部门  财政局
区建设环保局  区级部门
各园区指挥部  单位集合
共 3 个单位
"""


def test_list_as_json_and_csv(small):
    ledger = small(ITEMS)
    assert ledger("units", "list", "--format", "json").stdout == (
        '[\n'
        '  {"name": "区财政局", "kind": "district", "aliases": ["财政局"], "note": null, "roles": [], "email": null},\n'
        '  {"name": "区建设环保局", "kind": "district", "aliases": [], "note": null, "roles": [], "email": null},\n'
        '  {"name": "各园区指挥部", "kind": "group", "aliases": [], "note": null, "roles": [], "email": null}\n'
        ']\n')
    assert ledger("units", "list", "--format", "csv").stdout == (
        "name,kind,aliases,note,roles,email\n区财政局,district,财政局,,,\n区建设环保局,district,,,,\n"
        "各园区指挥部,group,,,,\n")


def test_add_a_reviewing_unit(small):
    """roles: [reviewer] by the command (ledger approve / return), not only by hand."""
    ledger = small(ITEMS)
    result = ledger("units", "add", "区营商办", "--kind", "district", "--alias", "营商办", "--reviewer")
    assert (result.exit_code, result.stdout) == (
        0, "added unit 区营商办 (district), aliases 营商办, reviews requests for sign-off\n")
    assert ledger.data.joinpath("departments.yaml").read_text(encoding="utf-8").endswith(
        "  - name: 区营商办\n    kind: district\n    aliases: [营商办]\n    roles: [reviewer]\n")
    assert ledger("check").exit_code == 0
    assert "区营商办,district,营商办,,reviewer," in ledger("units", "list", "--format", "csv").stdout
    assert "区营商办      区级部门、审核单位" in ledger("units", "list", lang="zh").stdout


def test_list_of_no_units_says_how_to_add_one(small):
    ledger = small(ITEMS, "units: []\n")
    assert ledger("units", "list").stdout == (
        "no units yet: add one with ledger units add NAME --kind district|city|enterprise|group\n")
    assert ledger("units", "list", "--format", "json").stdout == "[]\n"


def test_list_on_a_ledger_with_problems_is_refused(small):
    ledger = small(ITEMS, "units:\n  - name: 区财政局\n    kind: town\n")
    result = ledger("units", "list")
    assert result.exit_code == 1
    assert result.stderr == ("data/departments.yaml:3:5: units[0].kind: expected one of 'district', 'city', "
                             "'enterprise' or 'group', got 'town'\n1 problem\n")


# ----------------------------------------------------------------------------- units add


def test_add_appends_one_block_after_the_last_unit(shipped):
    result = shipped("units", "add", "区税务局", "--kind", "district", "--alias", "税务局", "--alias", "区税务")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "added unit 区税务局 (district), aliases 税务局、区税务\n"
    assert diff(shipped) == """\
diff --git a/data/departments.yaml b/data/departments.yaml
--- a/data/departments.yaml
+++ b/data/departments.yaml
@@ -103 +103,4 @@ units:
     note: 见于整改方案正文（第三部分），未出现在问题表格中
+  - name: 区税务局
+    kind: district
+    aliases: [税务局, 区税务]
"""
    assert shipped("check").stdout == "ok: 33 items, 25 units, no problems\n"
    assert shipped("list", "--lead", "税务局").exit_code == 0  # the alias is typed like any other


def test_add_without_aliases_and_with_blanks_around_the_name(small):
    ledger = small(ITEMS)
    result = ledger("units", "add", " 市园投集团 ", "--kind", "enterprise")
    assert result.stdout == "added unit 市园投集团 (enterprise)\n"
    assert (ledger.data / "departments.yaml").read_text(encoding="utf-8").endswith(
        "  - name: 各园区指挥部\n    kind: group\n  - name: 市园投集团\n    kind: enterprise\n")


def test_add_keeps_comments_after_the_last_unit_and_the_next_key(small):
    units = "# head\nunits:\n  - name: 区财政局  # the first\n    kind: district\n\n# trailing comment\n"
    ledger = small(ITEMS, units)
    ledger("units", "add", "区教育局", "--kind", "district")
    assert (ledger.data / "departments.yaml").read_text(encoding="utf-8") == (
        "# head\nunits:\n  - name: 区财政局  # the first\n    kind: district\n"
        "  - name: 区教育局\n    kind: district\n\n# trailing comment\n")


def test_add_into_an_empty_list_keeps_its_comment(small):
    ledger = small(ITEMS, "# units\nunits: []  # none yet\n# after\n")
    ledger("units", "add", "区教育局", "--kind", "district", "--alias", "教育局")
    assert (ledger.data / "departments.yaml").read_text(encoding="utf-8") == (
        "# units\nunits:  # none yet\n  - name: 区教育局\n    kind: district\n    aliases: [教育局]\n# after\n")
    assert ledger("check").exit_code == 0


def test_add_in_the_file_s_own_indentation_and_line_endings(small):
    ledger = small(ITEMS, "units:\r\n- name: 区财政局\r\n  kind: district\r\n")
    ledger("units", "add", "区教育局", "--kind", "city")
    assert (ledger.data / "departments.yaml").read_bytes() == (
        "units:\r\n- name: 区财政局\r\n  kind: district\r\n- name: 区教育局\r\n  kind: city\r\n".encode())


def test_a_name_yaml_would_read_as_something_else_is_quoted(small):
    ledger = small(ITEMS)
    for name in ("true", "2024", "a: b", "#1 单位", "*单位"):
        assert ledger("units", "add", name, "--kind", "group").exit_code == 0
    assert ledger("units", "list", "--format", "json").stdout.count('"kind": "group"') == 6
    assert (ledger.data / "departments.yaml").read_text(encoding="utf-8").endswith(
        '  - name: "true"\n    kind: group\n  - name: "2024"\n    kind: group\n  - name: "a: b"\n    kind: group\n'
        '  - name: "#1 单位"\n    kind: group\n  - name: "*单位"\n    kind: group\n')
    assert ledger("check").exit_code == 0


REFUSALS = [
    (["区财政局", "--kind", "district"], "Error: unit '区财政局' already exists\n"),
    (["财政局", "--kind", "city"], "Error: NAME '财政局' is already an alias of unit '区财政局'\n"),
    (["区税务局", "--kind", "district", "--alias", "区建设环保局"],
     "Error: --alias '区建设环保局' is the name of another unit\n"),
    (["区税务局", "--kind", "district", "--alias", "财政局"],
     "Error: --alias '财政局' is already an alias of unit '区财政局'\n"),
    (["区税务局", "--kind", "district", "--alias", "税务局", "--alias", "税务局"],
     "Error: --alias '税务局' is given twice\n"),
    (["区税务局", "--kind", "district", "--alias", "区税务局"], "Error: --alias '区税务局' is the unit's own name\n"),
    ([" ", "--kind", "district"], "Error: NAME is empty\n"),
    (["区税务局", "--kind", "district", "--alias", ""], "Error: --alias is empty\n"),
    (["区税\x1b[2J务局", "--kind", "district"],
     "Error: NAME '区税\\x1b[2J务局': control character U+001B is not allowed\n"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=[m.split(": ", 1)[1][:30] for _, m in REFUSALS])
def test_refusals_leave_every_file_as_it_was(small, args, message):
    ledger = small(ITEMS)
    before = ledger.snapshot()
    result = ledger("units", "add", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert ledger.snapshot() == before


def test_an_unknown_kind_is_a_usage_error(small):
    ledger = small(ITEMS)
    before = ledger.snapshot()
    result = ledger("units", "add", "区税务局", "--kind", "town")
    assert result.exit_code == 2
    assert "'town' is not one of 'district', 'city', 'enterprise', 'group'" in result.stderr
    assert ledger.snapshot() == before


def test_a_refusal_in_chinese(small):
    ledger = small(ITEMS)
    result = ledger("units", "add", "财政局", "--kind", "city", lang="zh")
    assert result.stderr == "错误: NAME '财政局' 已是单位 '区财政局' 的别名\n"


def test_a_ledger_with_problems_is_not_written(small):
    ledger = small("items:\n  - id: \"1\"\n    text: \"x\"\n    lead: 区税务局\n    responsible: [区财政局]\n"
                   "    deadline: ongoing\n")
    before = ledger.snapshot()
    result = ledger("units", "add", "区税务局", "--kind", "district")
    assert result.exit_code == 1
    assert result.stderr == ("data/items.yaml:4:5: item 1: lead: unknown unit '区税务局'; did you mean 区财政局?\n"
                             "1 problem\n")
    assert ledger.snapshot() == before


def test_units_in_brackets_are_refused_with_what_to_do(small):
    ledger = small(ITEMS, "units: [{name: 区财政局, kind: district}]\n")
    before = ledger.snapshot()
    result = ledger("units", "add", "区教育局", "--kind", "district")
    assert result.exit_code == 1
    assert result.stderr == ("Error: departments.yaml lists its units in brackets ([...]); write them one block per "
                             "unit (as the file's header shows) to add units with this command\n")
    assert ledger.snapshot() == before


# ----------------------------------------------------------------------------- --commit


def test_add_with_commit_commits_departments_yaml_alone(shipped):
    shipped.write_items(shipped.items_text() + "\n# an uncommitted edit elsewhere\n")
    result = shipped("units", "add", "区税务局", "--kind", "district", "--commit")
    assert result.exit_code == 0, result.stderr
    sha = shipped.git("rev-parse", "--short", "HEAD").strip()
    assert result.stdout == f"added unit 区税务局 (district)\ncommitted {sha}\n"
    assert shipped.git("log", "-1", "--format=%B") == "units add 区税务局: district\n\nLedger-Action: units add\n\n"
    assert shipped.git("show", "--stat", "--format=", "HEAD") == (
        " data/departments.yaml | 2 ++\n 1 file changed, 2 insertions(+)\n")
    assert shipped.git("status", "--porcelain") == " M data/items.yaml\n"


def test_commit_refused_when_departments_yaml_has_uncommitted_edits(shipped):
    path = shipped.data / "departments.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    before, head = shipped.snapshot(), shipped.git("rev-parse", "HEAD")
    result = shipped("units", "add", "区税务局", "--kind", "district", "--commit")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: data/departments.yaml has changes that are not committed yet: commit them first, or run without "
        "--commit; nothing was changed\n"))
    assert (shipped.snapshot(), shipped.git("rev-parse", "HEAD")) == (before, head)


def test_commit_true_in_settings_makes_it_the_default(shipped):
    (shipped.data / "settings.yaml").write_text("commit: true\n", encoding="utf-8")
    result = shipped("units", "add", "区税务局", "--kind", "district")
    assert result.stdout.startswith("added unit 区税务局 (district)\ncommitted ")
    assert shipped.git("log", "-1", "--format=%s") == "units add 区税务局: district\n"


# ----------------------------------------------------------------------------- the pure parts


@pytest.mark.parametrize(("text", "written"), [
    ("区财政局", "区财政局"), ("各镇（街道）", "各镇（街道）"), ("Tax Bureau", "Tax Bureau"), ("true", '"true"'),
    ("null", '"null"'), ("2024-08-31", '"2024-08-31"'), ("1", '"1"'), ("a: b", '"a: b"'), ("x #y", '"x #y"'),
    ("[x]", '"[x]"'), ("a,b", '"a,b"'), ("*x", '"*x"'), ("'q'", "\"'q'\""), ("trailing ", '"trailing "'),
    ('say "hi"', '"say \\"hi\\""'),
])
def test_scalar_is_plain_only_where_it_reads_back(text, written):
    assert scalar(text) == written


def test_appended_under_a_missing_units_key():
    assert appended("# only a comment\n{}\n", Unit("区财政局", "district")) == (
        "# only a comment\n{}\nunits:\n  - name: 区财政局\n    kind: district\n")


def test_new_unit_names_the_field_it_refuses():
    units = [Unit("区财政局", "district", ("财政局",))]
    assert new_unit(units, " 区教育局", "district", [" 教育局 "]) == Unit("区教育局", "district", ("教育局",))
    with pytest.raises(Refused) as caught:
        new_unit(units, "区教育局", "district", ["财政局"])
    assert caught.value.fields == {"what": "aliases"}
    with pytest.raises(Refused) as caught:
        new_unit(units, "区教育局", "town")
    assert (caught.value.fields, str(caught.value.named({}))) == (
        {"what": "kind"}, "kind must be one of district, city, enterprise, group, got 'town'")


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_the_list_fits_the_terminal(shipped, columns):
    """Found in a trial: at 60 columns the kind and alias columns kept their width and lines ran over."""
    from ledger.render.terminal import cell_width

    result = shipped("units", "list", env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert max(cell_width(line) for line in result.stdout.splitlines()) <= int(columns)
    assert "区社会事务保障局" in result.stdout  # names are never broken
