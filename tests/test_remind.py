"""Reminders (``ledger remind``, 信息直达): one Markdown file per unit with red, yellow or blue items (the
issue's done-when on the shipped data), .eml files (RFC 5322, UTF-8) for units with an email, ``--send``
to a local SMTP server the test starts (aiosmtpd), and every refusal with nothing written."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path

import pytest

from ledger.core.model import Item, ProgressNote, Unit
from ledger.reports.reminders import build_reminders
from ledger.store.mail import Smtp, smtp_settings

SOCIAL = """\
# Reminder: 区社会事务保障局

as of 2024-09-01

6 items need attention: 5 red, 1 yellow, 0 blue.

## red

| ID | Feedback | Role | Deadline | Days left | Reason |
| --- | --- | --- | --- | --- | --- |
| 1-1 | 市教育局的一些事情。 | Lead | 2024-08-31 | overdue by 1 day | past the deadline |
| 1-10 | 建议市教育局更加注重各学校教学质量的提升，减少老师非教学任务摊派。 | Lead | 2024-08-31 | overdue by 1 day | past the deadline |
| 1-11 | 希望市教育局加大力度监管各学校，在提升教学质量的同时，多关注学生心理健康。 | Lead | 2024-08-31 | overdue by 1 day | past the deadline |
| 2-1 | 市教育局的一些改变。 | Lead | 2024-08-31 | overdue by 1 day | past the deadline |
| 2-10 | 建议教育局加大力度监管学校补课事宜，让学生有一个良好的环境，保持心理健康，减少抑郁症的发生。 | Lead | 2024-08-31 | overdue by 1 day | past the deadline |

## yellow

| ID | Feedback | Role | Deadline | Days left | Reason |
| --- | --- | --- | --- | --- | --- |
| 2-11 | 建议市民提交问题，及时给予处理回复。 | Lead | ongoing | — | ongoing, no progress note yet |
"""  # noqa: E501


@pytest.fixture
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the ledger's repository (its snapshot stays byte-identical)."""
    return tmp_path_factory.mktemp("reminders") / "提醒"


def _with_email(shipped, settings: str | None = "smtp:\n  host: 127.0.0.1\n  port: {port}\n  sender: ledger@example.org\n",
                port: int = 25) -> None:  # type: ignore[no-untyped-def]
    units = shipped.data / "departments.yaml"
    text = units.read_text(encoding="utf-8")
    anchor = "  - name: 区社会事务保障局\n    kind: district\n"
    assert text.count(anchor) == 1
    units.write_text(text.replace(anchor, anchor + "    email: shehui@example.org\n"), encoding="utf-8")
    if settings is not None:
        (shipped.data / "settings.yaml").write_text(settings.format(port=port), encoding="utf-8")


def test_done_when_the_shipped_data_as_of_2024_09_01(shipped, outdir):
    before = shipped.snapshot()
    result = shipped("remind", "--as-of", "2024-09-01", "--out", str(outdir))
    assert (result.exit_code, result.stderr) == (0, "")
    files = sorted(p.name for p in outdir.iterdir())
    assert result.stdout.splitlines()[0] == f"wrote {outdir / '区社会事务保障局.md'}"
    assert len(result.stdout.splitlines()) == len(files) == 18 and all(f.endswith(".md") for f in files)
    text = (outdir / "区社会事务保障局.md").read_text(encoding="utf-8")
    assert text == SOCIAL
    for item_id in ("1-1", "1-10", "1-11", "2-1"):
        assert f"| {item_id} | " in text
    shares = (outdir / "区经济合作局.md").read_text(encoding="utf-8")
    assert "| 1-1 | 市教育局的一些事情。 | Responsible | 2024-08-31 | overdue by 1 day | past the deadline |" in shares
    assert shipped.snapshot() == before


def test_blue_and_yellow_by_days_left(shipped, outdir):
    shipped("remind", "--as-of", "2024-08-25", "--unit", "社会事务保障局", "--out", str(outdir))
    text = (outdir / "区社会事务保障局.md").read_text(encoding="utf-8")
    assert "| 1-1 | 市教育局的一些事情。 | Lead | 2024-08-31 | 6 days left | due within 7 days |" in text
    shipped("remind", "--as-of", "2024-08-05", "--unit", "区社会事务保障局", "--out", str(outdir))
    text = (outdir / "区社会事务保障局.md").read_text(encoding="utf-8")
    assert "## blue" in text and "| 1-1 | 市教育局的一些事情。 | Lead | 2024-08-31 | 26 days left | due within 30 days |" in text


def test_in_chinese(shipped, outdir):
    result = shipped("remind", "--as-of", "2024-09-01", "--unit", "区社会事务保障局", "--out", str(outdir), lang="zh")
    assert result.stdout == f"已写入 {outdir / '区社会事务保障局.md'}\n"
    text = (outdir / "区社会事务保障局.md").read_text(encoding="utf-8")
    assert text.startswith("# 整改提醒：区社会事务保障局\n\n截至 2024-09-01\n\n"
                           "需关注事项 6 项：红灯 5 项，黄牌 1 项，蓝标 0 项。\n\n"
                           "## 红灯\n\n| 编号 | 反馈问题 | 角色 | 整改时限 | 剩余天数 | 理由 |\n")
    assert "| 1-1 | 市教育局的一些事情。 | 牵头部门 | 2024-08-31 | 逾期1天 | 已过整改时限 |" in text


def test_a_returned_request_is_a_reminder(shipped, outdir):
    for args in (["progress", "1-2", "已约谈", "--date", "2024-08-20"],
                 ["request", "1-2", "--evidence", "整改说明", "--by", "李四", "--date", "2024-08-25"],
                 ["return", "1-2", "--reason", "材料不全", "--by", "王五", "--unit", "区营商办", "--date", "2024-08-28"]):
        result = shipped(*args)
        assert result.exit_code == 0, (args, result.stderr)
    shipped("remind", "--as-of", "2024-09-01", "--unit", "区行政审批局", "--out", str(outdir))
    text = (outdir / "区行政审批局.md").read_text(encoding="utf-8")
    assert "| 1-2 | 希望服务态度可以更好点。 | Lead | ongoing | — | returned, not requested again |" in text


def test_eml_for_a_unit_with_an_email(shipped, outdir):
    _with_email(shipped)
    result = shipped("remind", "--as-of", "2024-09-01", "--unit", "区社会事务保障局", "--out", str(outdir))
    md, eml = outdir / "区社会事务保障局.md", outdir / "区社会事务保障局.eml"
    assert result.stdout == f"wrote {md}\nwrote {eml}\n", result.stderr
    raw = (outdir / "区社会事务保障局.eml").read_bytes()
    assert all(len(line) <= 998 for line in raw.split(b"\r\n")) and b"\n" not in raw.replace(b"\r\n", b"")
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"] == "ledger@example.org"
    assert message["To"].addresses[0].addr_spec == "shehui@example.org"
    assert message["To"].addresses[0].display_name == "区社会事务保障局"
    assert message["Subject"] == "Reminder for 区社会事务保障局: 6 items need attention (as of 2024-09-01)"
    assert message["Date"] == "Tue, 10 Sep 2024 00:00:00 +0000"
    assert message["Message-ID"].startswith("<remind-2024-09-01-") and message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == SOCIAL
    again = shipped("remind", "--as-of", "2024-09-01", "--unit", "区社会事务保障局", "--out", str(outdir))
    assert again.exit_code == 0 and (outdir / "区社会事务保障局.eml").read_bytes() == raw  # the same reminder, the same file


class _Inbox:
    def __init__(self) -> None:
        self.got: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.got.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, _Inbox]]:
    """An SMTP server on 127.0.0.1 for this test only: never an outside address."""
    from aiosmtpd.controller import Controller

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


def test_send_delivers_the_eml_files(shipped, outdir, smtp_server):
    port, inbox = smtp_server
    _with_email(shipped, port=port)
    result = shipped("remind", "--as-of", "2024-09-01", "--out", str(outdir), "--send")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("sent 区社会事务保障局.eml to 区社会事务保障局 <shehui@example.org>\n")
    assert [(m, r) for m, r, _ in inbox.got] == [("ledger@example.org", ["shehui@example.org"])]
    received = email.message_from_bytes(inbox.got[0][2], policy=policy.default)
    sent = email.message_from_bytes((outdir / "区社会事务保障局.eml").read_bytes(), policy=policy.default)
    assert received.get_content() == sent.get_content() and received["Subject"] == sent["Subject"]


def test_send_to_a_server_that_is_not_there(shipped, outdir):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed = probe.getsockname()[1]
    probe.close()
    _with_email(shipped, port=closed)
    result = shipped("remind", "--as-of", "2024-09-01", "--unit", "区社会事务保障局", "--out", str(outdir), "--send")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: smtp 127.0.0.1:{closed}: ") and result.stderr.endswith("(0 sent before)\n")
    assert result.stderr.count("\n") == 1


def _refusal(shipped, outdir, args, code, message):  # type: ignore[no-untyped-def]
    before = shipped.snapshot()
    result = shipped("remind", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1
    assert shipped.snapshot() == before
    assert not outdir.exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--as-of", "2024-09-01"], 2, "Error: Invalid value for --out: the folder to write to is required."),
    (["--out", "data/提醒"], 2, "Error: --out data/提醒 is inside the data folder data, which holds only the ledger's "
                              "own files: write the reminders elsewhere\n"),
    (["--out", "{out}", "--unit", "税务局"], 2, "Error: --unit: unknown unit '税务局'"),
    (["--out", "{out}", "--as-of", "2024-09"], 2, "Error: --as-of: '2024-09' is not a complete date"),
    (["--out", "{out}", "--send"], 1, "Error: --send needs smtp: with host, port and sender in data/settings.yaml\n"),
], ids=["no-out", "inside-data", "unknown-unit", "bad-as-of", "send-without-smtp"])
def test_refusals_write_nothing(shipped, outdir, args, code, message):
    _refusal(shipped, outdir, [a.replace("{out}", str(outdir)) for a in args], code, message)


def test_an_email_needs_a_sender(shipped, outdir):
    _with_email(shipped, settings=None)
    _refusal(shipped, outdir, ["--out", str(outdir), "--as-of", "2024-09-01"], 1,
             "Error: unit 区社会事务保障局 has an email: a message needs a sender; add smtp: with host, port and sender "
             "to data/settings.yaml\n")


def test_a_bad_email_is_refused(shipped, outdir):
    _with_email(shipped)
    units = shipped.data / "departments.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("shehui@example.org", "shehui"), encoding="utf-8")
    _refusal(shipped, outdir, ["--out", str(outdir), "--as-of", "2024-09-01"], 1,
             "Error: departments.yaml: unit 区社会事务保障局: email 'shehui' is not an e-mail address\n")


def test_bad_smtp_settings_are_one_located_line(shipped, outdir):
    (shipped.data / "settings.yaml").write_text("smtp:\n  host: 127.0.0.1\n  port: 99999\n  sender: a@example.org\n",
                                                encoding="utf-8")
    _refusal(shipped, outdir, ["--out", str(outdir), "--as-of", "2024-09-01"], 1,
             "Error: data/settings.yaml:1: smtp: port: must be a port number, 1 to 65535\n")


def test_a_unit_with_nothing_lit(shipped, outdir):
    before = shipped.snapshot()
    result = shipped("remind", "--as-of", "2024-05-23", "--unit", "区发展改革局", "--out", str(outdir))
    assert (result.exit_code, result.stdout) == (0, "区发展改革局 has no red, yellow or blue item on 2024-05-23\n")
    assert not outdir.exists() and shipped.snapshot() == before


def test_build_reminders_by_unit_and_light():
    units = [Unit("乙局", "district"), Unit("甲局", "district", email="jia@example.org")]
    red = Item(id="1", text="甲。", lead="甲局", responsible=("甲局", "乙局"), deadline=date(2024, 8, 31))
    green = Item(id="2", text="乙。", lead="乙局", responsible=("乙局",), deadline="ongoing",
                 progress=(ProgressNote(date(2024, 9, 1), "对接"),), status="in_progress")
    closed_soon = Item(id="3", text="丙。", lead="乙局", responsible=("乙局",), deadline=date(2024, 9, 20))
    got = build_reminders([red, green, closed_soon], units, date(2024, 9, 2))
    assert [(r.unit, r.email, [(e.id, e.lead, e.lit.light, e.days_left) for e in r.entries]) for r in got] == [
        ("乙局", None, [("1", False, "red", -2), ("3", True, "blue", 18)]),
        ("甲局", "jia@example.org", [("1", True, "red", -2)]),
    ]
    assert [r.unit for r in build_reminders([red], units, date(2024, 9, 2), only="甲局")] == ["甲局"]


def test_smtp_settings():
    assert smtp_settings({"host": "mail.example.org", "port": 587, "sender": "a@example.org", "starttls": True}) == \
        Smtp("mail.example.org", 587, "a@example.org", True)
    for bad in ({"host": "h", "port": 25}, {"host": "h", "port": 0, "sender": "a@example.org"},
                {"host": "h", "port": 25, "sender": "nobody"}, {"host": "h", "port": 25, "sender": "a@b.org", "user": "x"},
                {"host": "h", "port": 25, "sender": "a@b.org", "starttls": "yes"}, "mail.example.org"):
        with pytest.raises(ValueError):
            smtp_settings(bad)


def test_dash_is_not_a_folder(shipped):
    """Found in a trial: --out - made a folder named "-"; other commands take - as stdout."""
    before = shipped.snapshot()
    result = shipped("remind", "--as-of", "2024-09-01", "--out", "-")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Error: Invalid value for --out: name a folder: reminders are one file per unit")
    assert shipped.snapshot() == before and not (shipped.root / "-").exists()
