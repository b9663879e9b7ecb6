"""click's usage errors as one line in the interface language: what is wrong, and where the help is."""

from __future__ import annotations

import re
from typing import Any

from typer._click import exceptions as click_errors

from ledger.i18n import language, tr

MISSING = {"argument": "Missing argument {name}.", "option": "Missing option {name}.",
           "parameter": "Missing parameter {name}."}

VALUE_TYPES = ("integer", "int range", "float", "float range", "boolean")
"""click's names of the value types our options have, said in the interface language."""

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), t) for p, t in (
    (r"^(?P<value>.+) is not one of (?P<choices>.+)\.$", "{value} is not one of {choices}."),
    (r"^(?P<value>.+) is not a valid (?P<kind>[a-z ]+)\.$", "{value} is not a valid {kind}."),
    (r"^(?P<value>.+) is not in the range (?P<range>.+)\.$", "{value} is not in the range {range}."),
    (r"^Option (?P<name>'[^']+') requires an argument\.$", "Option {name} requires an argument."),
    (r"^Option (?P<name>'[^']+') does not take a value\.$", "Option {name} does not take a value."),
    (r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", "Unexpected extra arguments: {args}."),
    (r"^No such command (?P<name>'.+?')\.(?: Did you mean (?P<near>.+)\?)?$", "No such command {name}."),
    (r"^No such option: (?P<name>.+)$", "No such option: {name}."),
    (r"^Missing command\.$", "Missing command."),
))
"""click's own messages (typer vendors click, and click writes them as f-strings) and their templates."""


def _then(first: str, second: str) -> str:
    """Two sentences: a space between them in English, none in Chinese."""
    return first + ("" if language() == "zh" else " ") + second


def _hint(exc: Any) -> str:
    """The parameter an error is about, as click names it (``'--by'``, ``'ID'``)."""
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)
    if exc.param is not None:
        return str(exc.param.get_error_hint(exc.ctx))
    return ""


def text(message: str) -> str:
    """One of click's messages in the interface language (a message it does not know stays as it is)."""
    for pattern, template in PATTERNS:
        found = pattern.match(message)
        if found:
            params = {k: v for k, v in found.groupdict().items() if v is not None}
            if params.get("kind") in VALUE_TYPES:
                params["kind"] = tr(params["kind"])
            near = params.pop("near", None)
            said = tr(template, **params)
            return _then(said, tr("Did you mean {options}?", options=near)) if near else said
    return message


def one_line(exc: click_errors.ClickException) -> str:
    """The error in one line, then where its command's help is."""
    if isinstance(exc, click_errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        said = tr(MISSING.get(kind, MISSING["parameter"]), name=_hint(exc))
    elif isinstance(exc, click_errors.BadParameter):
        hint = _hint(exc)
        said = (tr("Invalid value for {name}: {message}", name=hint, message=text(exc.message)) if hint
                else tr("Invalid value: {message}", message=text(exc.message)))
    elif isinstance(exc, click_errors.NoSuchOption):
        said = text(exc.message)
        if exc.possibilities:
            said = _then(said, tr("Did you mean {options}?", options=", ".join(sorted(exc.possibilities))))
    else:
        said = text(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError) and ctx is not None:
        if not said.endswith((".", "。", "?", "？", "!", "！")):
            said += "。" if language() == "zh" else "."
        said = _then(said, tr("Try '{command} -h' for help.", command=ctx.command_path))
    return " ".join(said.split("\n"))
