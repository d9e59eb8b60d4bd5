"""Fit the event stage's weights on dev data and print its cross-fitted dev estimate (maintainers only).

``newsprism.evaluate.events`` says what is fitted on what. Prints one JSON object: the weights for
``newsprism.events.EVENT_WEIGHTS`` (``fit``) and, with ``--cross``, BCubed on the NeuS stand-in's topic
halves at the story level and at each event threshold (``cross_fitted``).

Usage: ``.venv/bin/python scripts/fit_events.py --data ../shared/data [--embedder use|e5] [--cache DIR]
[--cross]`` (the analyzer over the probe's 8,025 titles and leads takes most of the time; e5 embeds them
in about 20 minutes on an empty cache).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--embedder", default="auto")
    parser.add_argument("--cache", default=None, help="folder for the article vectors (kept across runs)")
    parser.add_argument("--cross", action="store_true", help="also the cross-fitted estimate")
    args = parser.parse_args(argv)
    from newsprism.evaluate.events import cross_fitted, fit

    if not (args.data / "neus-allsides").is_dir():
        print(f"{args.data}: no neus-allsides folder (the shared evaluation data)", file=sys.stderr)
        return 2
    out = {"fit": fit(args.data, args.embedder, args.cache)}
    if args.cross:
        out["cross_fitted"] = cross_fitted(args.data, args.embedder, args.cache)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
