"""The shipped data files match the source document, field by field.

The table at the end of docs/source/2024-1-整改方案.txt is parsed here with a small parser
of its own (independent of the ledger package) and compared with data/items.yaml and
data/departments.yaml, all three read from their pinned copies under tests/fixtures/
(see tests/fixtures/README.md), never from the repository's live data/.
"""

import datetime
import hashlib
import io
import re
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = FIXTURES / "seed" / "2024-1-整改方案.txt"
ITEMS = FIXTURES / "shipped" / "data" / "items.yaml"
DEPARTMENTS = FIXTURES / "shipped" / "data" / "departments.yaml"

# sha256 of the seed document; the pinned copy of docs/source's file must be byte-identical to it.
SOURCE_SHA256 = "1c105d24977a6568ac4776840124acae77ed8f90295baeaa18ac7bcef384930f"

QUESTION_HEADERS = {"问题一：": 1, "问题二：": 2}
ONGOING_WORDS = "立行立改，长期坚持"
AND_OTHERS_SUFFIX = "等部门"
ITEM_KEYS = {"id", "question", "text", "lead", "responsible", "and_others", "deadline", "status"}
UNIT_KINDS = {"district", "city", "enterprise", "group"}
PLAN_ONLY_UNITS = ["区党工委", "区管委会", "区纪检监察工委", "区工改办"]


# --------------------------------------------------------------------------- source parser

def parse_source_table(text):
    """Return (prompts, rows) from the table at the end of the plan.

    prompts: {question number: header line}
    rows: list of dicts with the seed's raw cell values, in document order.
    The table cells are lines starting with a tab; a numbered row ``\\tN.text`` is followed
    by the lead, responsible and deadline cells on the next three lines.
    """
    lines = text.split("\n")
    prompts, rows = {}, []
    question = None
    i = 0
    while i < len(lines):
        cell = lines[i][1:] if lines[i].startswith("\t") else None
        if cell is not None:
            for header, number in QUESTION_HEADERS.items():
                if cell.startswith(header):
                    question = number
                    prompts[number] = cell
            m = re.fullmatch(r"(\d+)\.(.+)", cell)
            if question is not None and m:
                following = lines[i + 1:i + 4]
                assert len(following) == 3 and all(l.startswith("\t") for l in following), (
                    f"row {question}-{m.group(1)} is not followed by three cells"
                )
                lead, responsible, deadline = (l[1:] for l in following)
                rows.append({
                    "question": question,
                    "number": int(m.group(1)),
                    "text": m.group(2),
                    "lead": lead,
                    "responsible": responsible,
                    "deadline": deadline,
                })
                i += 4
                continue
        i += 1
    return prompts, rows


def convert_deadline(words):
    """'2024年8月31日前' -> '2024-08-31'; '立行立改，长期坚持' -> 'ongoing'."""
    if words == ONGOING_WORDS:
        return "ongoing"
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日前", words)
    assert m, f"unrecognised deadline in source: {words!r}"
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()


def convert_row(row):
    responsible = row["responsible"]
    and_others = responsible.endswith(AND_OTHERS_SUFFIX)
    if and_others:
        responsible = responsible[: -len(AND_OTHERS_SUFFIX)]
    return {
        "id": f"{row['question']}-{row['number']}",
        "question": row["question"],
        "text": row["text"],
        "lead": row["lead"],
        "responsible": responsible.split("、"),
        "and_others": and_others,
        "deadline": convert_deadline(row["deadline"]),
        "status": "open",
    }


SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
PROMPTS, ROWS = parse_source_table(SOURCE_TEXT)
EXPECTED = [convert_row(r) for r in ROWS]
EXPECTED_BY_ID = {e["id"]: e for e in EXPECTED}
EXPECTED_IDS = [e["id"] for e in EXPECTED]


# --------------------------------------------------------------------------- data loading

def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items_doc():
    return load(ITEMS)


@pytest.fixture(scope="module")
def items_by_id(items_doc):
    by_id = {}
    for item in items_doc["items"]:
        assert item["id"] not in by_id, f"duplicate id {item['id']}"
        by_id[item["id"]] = item
    return by_id


@pytest.fixture(scope="module")
def units():
    return load(DEPARTMENTS)["units"]


def iso(value):
    """Deadlines load as datetime.date (dates) or str ('ongoing')."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- the source itself

def test_source_copy_is_unchanged():
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256


def test_source_table_shape():
    # Guards the parser: 33 rows, numbered 1..18 and 1..15 without gaps.
    assert len(ROWS) == 33
    for q, count in ((1, 18), (2, 15)):
        assert [r["number"] for r in ROWS if r["question"] == q] == list(range(1, count + 1))
    assert sum(e["deadline"] != "ongoing" for e in EXPECTED) == 10
    assert sum(e["deadline"] == "ongoing" for e in EXPECTED) == 23
    assert [e["id"] for e in EXPECTED if e["and_others"]] == ["2-7"]


# --------------------------------------------------------------------------- items.yaml

def test_items_count_and_order(items_doc):
    items = items_doc["items"]
    assert len(items) == 33
    assert [i["id"] for i in items] == EXPECTED_IDS
    assert sum(i["question"] == 1 for i in items) == 18
    assert sum(i["question"] == 2 for i in items) == 15
    assert sum(iso(i["deadline"]) != "ongoing" for i in items) == 10
    assert sum(iso(i["deadline"]) == "ongoing" for i in items) == 23


def test_batch(items_doc):
    batch = items_doc["batch"]
    assert batch["id"] == "2024-1"
    assert batch["name"] == "2024年第一次营商环境“背靠背”直接评价"
    assert batch["date"] == datetime.date(2024, 5, 22)
    assert batch["source"] == "docs/source/2024-1-整改方案.txt"
    assert Path(batch["source"]).name == SOURCE.name  # the document pinned in fixtures/seed/


def test_question_prompts(items_doc):
    assert PROMPTS == {
        1: "问题一：为了让各县区、各部门更好地为您服务，请问您希望以上哪些单位在哪方面需要进一步改进？",
        2: "问题二：为了让各县区、各部门更好地为您服务，请问您还有什么意见或建议？",
    }
    assert items_doc["questions"] == {"1": PROMPTS[1], "2": PROMPTS[2]}


@pytest.mark.parametrize("item_id", EXPECTED_IDS)
def test_item_matches_source(items_by_id, item_id):
    expected = EXPECTED_BY_ID[item_id]
    assert item_id in items_by_id, f"item {item_id} missing from items.yaml"
    item = items_by_id[item_id]
    assert set(item) <= ITEM_KEYS, f"unexpected fields: {set(item) - ITEM_KEYS}"
    assert isinstance(item["id"], str)
    assert item["id"] == expected["id"]
    assert type(item["question"]) is int and item["question"] == expected["question"]
    assert item["text"] == expected["text"]
    assert item["lead"] == expected["lead"]
    assert item["responsible"] == expected["responsible"]
    # and_others is present (and true) only where the source says 等部门
    if expected["and_others"]:
        assert item.get("and_others") is True
    else:
        assert "and_others" not in item
    deadline = item["deadline"]
    assert isinstance(deadline, datetime.date) or deadline == "ongoing"
    assert iso(deadline) == expected["deadline"]
    assert item["status"] == "open"


def test_items_units_are_known(items_doc, units):
    names = {u["name"] for u in units}
    for item in items_doc["items"]:
        assert item["lead"] in names, f"{item['id']}: unknown lead {item['lead']}"
        for unit in item["responsible"]:
            assert unit in names, f"{item['id']}: unknown responsible unit {unit}"


def test_items_file_format():
    raw = ITEMS.read_bytes()
    text = raw.decode("utf-8")
    assert b"\r" not in raw
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    assert "\\u" not in text and "\\x" not in text
    # one block per item, separated by exactly one blank line
    body = text.split("\nitems:\n", 1)[1]
    blocks = body.rstrip("\n").split("\n\n")
    assert len(blocks) == 33
    assert all(b.startswith('  - id: "') for b in blocks)
    assert "\n\n\n" not in text
    # ids and texts double-quoted, deadlines bare, lists in flow style
    line_shapes = {
        "  - id: ": r'"\d-\d+"',
        "    text: ": r'"[^"\\]+"',
        "    deadline: ": r"\d{4}-\d{2}-\d{2}|ongoing",
        "    responsible: ": r"\[[^\[\]\"']+\]",
    }
    for prefix, shape in line_shapes.items():
        values = [l[len(prefix):] for l in text.split("\n") if l.startswith(prefix)]
        assert len(values) == 33, prefix
        for value in values:
            assert re.fullmatch(shape, value), f"{prefix.strip()} {value}"


# --------------------------------------------------------------------------- departments.yaml

def test_units_well_formed(units):
    names = [u["name"] for u in units]
    assert len(names) == len(set(names))
    for unit in units:
        assert set(unit) <= {"name", "kind", "aliases", "note"}, unit
        assert unit["kind"] in UNIT_KINDS, unit
        assert isinstance(unit.get("aliases", []), list), unit


def test_units_cover_source_in_order(units):
    in_table = []
    for e in EXPECTED:
        for unit in [e["lead"], *e["responsible"]]:
            if unit not in in_table:
                in_table.append(unit)
    assert [u["name"] for u in units] == in_table + PLAN_ONLY_UNITS


def test_no_alias_collisions(units):
    seen = {}
    for unit in units:
        for label in [unit["name"], *unit.get("aliases", [])]:
            assert label not in seen, f"{label!r} used by both {seen[label]} and {unit['name']}"
            seen[label] = unit["name"]


def test_data_files_round_trip_with_ruamel():
    ruamel_yaml = pytest.importorskip("ruamel.yaml")
    for path in (ITEMS, DEPARTMENTS):
        raw = path.read_text(encoding="utf-8")
        y = ruamel_yaml.YAML(typ="rt")
        y.preserve_quotes = True
        y.indent(mapping=2, sequence=4, offset=2)
        y.width = 4096
        out = io.StringIO()
        y.dump(y.load(raw), out)
        assert out.getvalue() == raw, f"{path.name} does not survive a ruamel.yaml round trip"
