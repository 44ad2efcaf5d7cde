"""The README's command table stays in step with the CLI: the same commands, and every option
it shows is one that command's --help lists (with the values it offers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli
from handoutgen.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _table() -> dict[str, str]:
    """command -> its usage cell, from the table under '## Commands'."""
    section = README.split("## Commands", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `handoutgen (\w+)([^`]*)` \|", section, flags=re.M)
    return {name: usage.replace("\\|", "|") for name, usage in rows}


TABLE = _table()


def test_the_table_lists_every_command_and_no_other():
    assert set(TABLE) == {name for name, cmd in main.commands.items() if not cmd.hidden}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_option_in_the_table_is_in_help(name):
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    help_text = result.output
    usage = TABLE[name]
    for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", usage):
        assert re.search(rf"(?<![\w-]){re.escape(option)}\b", help_text), f"{name}: {option} is not in --help"
    for option, values in re.findall(r"(--[a-z-]+) ([a-z0-9]+(?:\|[a-z0-9]+)*)\b(?![.\w])", usage):
        offered = re.search(rf"{re.escape(option)} \[([^\]]+)\]", help_text)
        assert offered and set(values.split("|")) <= set(offered.group(1).split("|")), (name, option)
