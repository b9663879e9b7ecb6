"""Every command has help with an example, and the README covers it."""

from __future__ import annotations

from pathlib import Path

import typer.main

from ledger.cli.app import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    out = {}
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            out.update({f"{name} {n}": c for n, c in sub.items()})
        else:
            out[name] = cmd
    return out


def test_every_command_has_help_with_an_example():
    for name, cmd in _commands().items():
        help_text = cmd.help or ""  # type: ignore[attr-defined]
        assert help_text.strip(), name
        assert "ledger " in help_text or name in ("merge-driver",), f"{name}: no example in its help"


def test_readme_covers_every_command():
    missing = [name for name in _commands() if f"`{name}" not in README and f"ledger {name}" not in README]
    assert missing == []


def test_quick_start_has_exactly_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].endswith("ledger list --overdue")
    assert lines[1].endswith("pytest")
