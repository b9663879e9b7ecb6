"""The floor for a small ledger: a bare Typer app (the project's pinned typer) printing a
33-row rich table, with no loading, validation or filtering at all.

    .venv/bin/python benchmarks/bare_typer.py list --overdue

It is shaped like ``ledger``: a callback with global options, a ``list`` command with a few
Annotated options, rich imported inside the command, a table of the same columns filled with
33 rows of Chinese text like the seed's.  ``ledger list --overdue`` on the shipped ledger should
cost at most 1.3× this (issue 5).
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(name="bare", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

TEXTS = [
    "市教育局的一些事情。", "希望服务态度可以更好点。", "提升站位，开拓思维，更加以人民群众的需求为指引!",
    "都挺好的，服务态度可以再热情一点。", "多深入基层多调研并对存在的困难给予帮抚。",
    "希望应急管理局对企业进行科学管理和分类，到企业评价的专家水平一致。", "希望市场监管局在办证上各县区保持一致所需资料。",
    "建设局办事效率。", "服务态度和办事效率方面。", "建议市教育局更加注重各学校教学质量的提升，减少老师非教学任务摊派。",
    "希望部门间协调更通畅。",
]
UNITS = ["区社会事务保障局", "区行政审批局", "各园区指挥部", "区应急管理局", "区市场监管分局", "区建设环保局"]


@app.callback()
def main(
    data: Annotated[str | None, typer.Option("--data", metavar="DIR", help="Unused; shaped like ledger's.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en", help="Unused.")] = None,
) -> None:
    """A bare app: the framework's own cost."""


@app.command("list")
def list_command(
    overdue: Annotated[bool, typer.Option("--overdue", help="Unused; shaped like ledger's.")] = False,
    dept: Annotated[str | None, typer.Option("--dept", metavar="UNIT", help="Unused.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Unused.")] = None,
) -> None:
    """Print a 33-row table."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False)
    table = Table(caption="33 items · as of 2024-09-10", caption_justify="left")
    table.add_column("ID", no_wrap=True)
    table.add_column("Feedback", overflow="fold", ratio=3)
    table.add_column("Lead", overflow="fold", ratio=1)
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for k in range(33):
        table.add_row(f"{1 + k // 18}-{k % 18 + 1}", TEXTS[k % len(TEXTS)], UNITS[k % len(UNITS)],
                      "2024-08-31" if k % 3 else "长期", "overdue 10d" if k % 3 else "open",
                      style="red" if k % 3 else None)
    console.print(table)


if __name__ == "__main__":
    app()
