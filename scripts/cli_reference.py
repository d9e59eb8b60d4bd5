"""Print the CLI reference (docs/cli.md) from the parser's own --help texts."""

from __future__ import annotations

import argparse
import os

from newsprism.cli import build_parser


def render() -> str:
    os.environ["COLUMNS"] = "100"  # the same wrapping wherever it runs
    parser = build_parser()
    out = [
        "# Command-line reference\n",
        "Generated from `newsprism --help` by `make docs`; do not edit by hand.\n",
    ]
    out.append("```\n" + parser.format_help().rstrip() + "\n```\n")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        out.append(f"## newsprism {name}\n")
        out.append("```\n" + p.format_help().rstrip() + "\n```\n")
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
