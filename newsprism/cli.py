"""The ``newsprism`` command line. Thin: parse, call one library function, render.

Exit codes: 0 done; 1 finished with some inputs skipped (each named with its reason); 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from newsprism import __version__
from newsprism.config import SETTINGS, Settings, load_settings
from newsprism.errors import NewsprismError, UsageError

FORMATS_ARTICLES = ("json", "jsonl", "text")
REPORT_FORMATS = ("text", "json", "markdown", "html")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for item in args.set or []:
        if "=" not in item:
            raise UsageError(f"--set takes NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        overrides[name.strip()] = value.strip()
    if getattr(args, "workers", None) is not None:
        overrides["engine.workers"] = args.workers
    if getattr(args, "embedder", None) is not None:
        overrides["embed.model"] = args.embedder
    return load_settings(args.config, overrides)


def _progress(args: argparse.Namespace) -> Any:
    from newsprism.progress import Progress

    return Progress(quiet=args.quiet, verbose=args.verbose)


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ------------------------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace, *, analyze: bool = False) -> int:
    from newsprism import render
    from newsprism.engine import make_engine
    from newsprism.pipeline import extract_inputs

    settings = _settings(args)
    engine = make_engine("local", workers=int(settings["engine.workers"]))
    try:
        with _progress(args) as progress:
            report = extract_inputs(
                args.inputs, analyze=analyze, settings=settings, engine=engine, progress=progress
            )
    finally:
        engine.close()
    if args.format == "json":
        _print(render.articles_json(report.articles))
    elif args.format == "jsonl":
        if report.articles:
            _print(render.articles_jsonl(report.articles))
    else:
        _print(render.articles_text(report.articles))
    if report.skips and not args.quiet:
        print(f"{len(report.skips)} input(s) skipped", file=sys.stderr)
    return report.exit_code


def cmd_analyze(args: argparse.Namespace) -> int:
    return cmd_extract(args, analyze=True)


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsprism import render
    from newsprism.engine import make_engine
    from newsprism.pipeline import ingest
    from newsprism.store import open_store

    settings = _settings(args)
    engine = make_engine(args.engine, workers=int(settings["engine.workers"]), scheduler=args.scheduler)
    try:
        with open_store(args.db or settings["store.url"] or None) as store, _progress(args) as progress:
            report = ingest(
                args.inputs,
                store,
                settings=settings,
                engine=engine,
                analyze=not args.no_analyze,
                cluster=not args.no_cluster,
                compare=not args.no_compare,
                force=args.force,
                progress=progress,
            )
    finally:
        engine.close()
    if not args.quiet:
        print(render.run_summary(report.stats(), report.articles, report.skips), file=sys.stderr)
    if args.format == "json":
        _print(
            render.to_json(
                {"run": report.run_id, **report.stats(), "skipped": [s.to_dict() for s in report.skips]}
            )
        )
    return report.exit_code


def cmd_stories(args: argparse.Namespace) -> int:
    from newsprism import render
    from newsprism.store import open_store

    with open_store(args.db) as store:
        stories = list(store.stories(since=args.since, limit=args.limit))
    if args.format == "json":
        _print(render.to_json({"stories": [s.to_dict() for s in stories]}))
    elif args.format == "jsonl":
        for s in stories:
            _print(json.dumps(s.to_dict(), ensure_ascii=False))
    else:
        _print(render.stories_text(stories) if stories else "no stories yet: run `newsprism ingest` first")
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    from newsprism import report
    from newsprism.compare.run import stored_story
    from newsprism.store import open_store

    with open_store(args.db) as store:
        found = stored_story(store, args.id)
        if found is None:
            raise UsageError(f"no story {args.id!r} in {store.url}")
    story, articles = found
    report.emit(args.format, [story], articles, args.out)
    if args.html:
        report.emit("html", [story], articles, args.html)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from newsprism import report
    from newsprism.compare.run import compare_inputs
    from newsprism.engine import make_engine

    settings = _settings(args)
    engine = make_engine("local", workers=int(settings["engine.workers"]))
    try:
        with _progress(args) as progress:
            result = compare_inputs(
                args.inputs, settings=settings, engine=engine, progress=progress, one_story=args.one_story
            )
    finally:
        engine.close()
    report.emit(args.format, result["stories"], result["articles"], args.out)
    if args.html:
        report.emit("html", result["stories"], result["articles"], args.html)
    if result["skipped"] and not args.quiet:
        print(f"{len(result['skipped'])} input(s) skipped", file=sys.stderr)
    return 1 if result["skipped"] else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from newsprism.evaluate import evaluate

    if (args.mode or args.level or args.no_analyze or args.embedder) and args.task != "clustering":
        raise UsageError(
            "--mode, --level, --no-analyze and --embedder apply to the clustering evaluation only"
        )
    options: dict[str, Any] = {"mode": args.mode} if args.mode else {}
    if args.level:
        options["level"] = args.level
    if args.no_analyze:
        options["analyze"] = False
    if args.task == "clustering":  # the grouping settings apply as in ingest (--set cluster.…=…)
        from newsprism.stories import chosen_model, cluster_params

        settings = _settings(args)
        options.update(cluster_params(settings), embedder=chosen_model(settings) or "auto")
    result = evaluate(args.task, args.data, args.split, **options)
    if args.format == "json":
        _print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(_flat_table(result))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from newsprism.benchmark import bench

    options: dict[str, Any] = {}
    if args.data:
        options["data"] = args.data
    if args.n:
        options["n"] = args.n
    if args.engine:
        options["engine"] = args.engine
    if args.sizes:
        options["sizes"] = [int(x) for x in args.sizes.split(",")]
    if args.store:
        options["store"], options["progress"] = args.store, not args.quiet
    if args.db:
        options["db"] = args.db
    result = bench(args.name, **options)
    _print(json.dumps(result, ensure_ascii=False, indent=2) if args.format == "json" else _flat_table(result))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newsprism.web import WebConfig, serve

    config = WebConfig(
        store_url=args.db or _settings(args)["store.url"] or None,
        allow_fetch=args.allow_fetch,
        allow_write=args.allow_write,
        max_upload_bytes=args.max_upload,
    )
    if not args.quiet:
        print(
            f"newsprism: serving {config.store_url or 'the default store'} on http://{args.host}:{args.port}/",
            file=sys.stderr,
        )
    serve(config, host=args.host, port=args.port)
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    settings = _settings(args)
    for name, spec in SETTINGS.items():
        _print(f"{name} = {settings[name]!r}\n    {spec.help}")
    return 0


def _flat_table(result: dict[str, Any], prefix: str = "") -> str:
    lines = []
    for key, value in result.items():
        if isinstance(value, dict):
            lines.append(_flat_table(value, f"{prefix}{key}."))
        else:
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            lines.append(f"{prefix}{key:<24} {shown}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", metavar="FILE", help="settings file (default: ~/.config/newsprism/settings.toml)"
    )
    common.add_argument(
        "--set", action="append", metavar="NAME=VALUE", help="override one setting (repeatable)"
    )
    common.add_argument("-q", "--quiet", action="store_true", help="print no progress")
    common.add_argument("-v", "--verbose", action="store_true", help="print a line per article")

    parser = argparse.ArgumentParser(
        prog="newsprism",
        description="See how news outlets tell the same story: clean pages, group them into stories, compare.",
    )
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    inputs_help = "files, directories, globs, URLs, feed URLs, OPML or WARC files, or - for stdin"

    p = sub.add_parser("extract", parents=[common], help="clean pages and print Articles")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=FORMATS_ARTICLES, default="json")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("analyze", parents=[common], help="Articles with sentences, entities, quotes, numbers")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.set_defaults(func=cmd_analyze)

    embedder_help = (
        "embedding model that groups articles into stories (setting embed.model): auto (default: USE when"
        " it covers the articles' languages, else e5), use, or e5 (about 100 languages, slower)"
    )

    p = sub.add_parser("ingest", parents=[common], help="extract, analyze, group and store articles")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument(
        "--db", metavar="URL", help="store: a SQLite path or sqlite:///FILE (default: user data dir)"
    )
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="where the work runs")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786")
    p.add_argument("--workers", type=int, help="worker processes of the local engine (default: one per core)")
    p.add_argument("--no-analyze", action="store_true", help="skip sentences, entities, quotes and numbers")
    p.add_argument("--no-cluster", action="store_true", help="do not update stories")
    p.add_argument("--no-compare", action="store_true", help="group into stories but do not compare them")
    p.add_argument("--force", action="store_true", help="re-read inputs already ingested")
    p.add_argument("--embedder", choices=("auto", "use", "e5"), help=embedder_help)
    p.add_argument("--format", choices=("text", "json"), default="text", help="json prints the run's figures")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stories", parents=[common], help="list stored stories, newest first")
    p.add_argument("--db", metavar="URL")
    p.add_argument("--since", metavar="DATE", help="only stories active since this ISO date")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("story", parents=[common], help="show one stored story, compared outlet by outlet")
    p.add_argument("id")
    p.add_argument("--db", metavar="URL")
    p.add_argument("--format", choices=REPORT_FORMATS, default="text")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of printing it")
    p.add_argument(
        "--html",
        metavar="FILE",
        help="also write the self-contained HTML report to FILE (one comparison, two outputs)",
    )
    p.set_defaults(func=cmd_story)

    p = sub.add_parser(
        "compare", parents=[common], help="compare an ad-hoc set of pages, no store needed (two are enough)"
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=REPORT_FORMATS, default="text")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE instead of printing it")
    p.add_argument(
        "--html",
        metavar="FILE",
        help="also write the self-contained HTML report to FILE (one comparison, two outputs)",
    )
    p.add_argument(
        "--one-story", action="store_true", help="compare all inputs as one story instead of grouping them"
    )
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.add_argument("--embedder", choices=("auto", "use", "e5"), help=embedder_help)
    p.set_defaults(func=cmd_compare)

    from newsprism.benchmark import BENCHES
    from newsprism.evaluate import SPLITS, TASKS

    p = sub.add_parser("eval", parents=[common], help="score newsprism on a public data set")
    p.add_argument("task", choices=TASKS)
    p.add_argument(
        "--data", required=True, metavar="DIR", help="the data set folder, e.g. ../shared/data/basil"
    )
    p.add_argument("--split", choices=SPLITS, default="test")
    p.add_argument(
        "--mode",
        choices=("as-given", "leads", "dense", "bursts"),
        help="clustering only: the articles as the data set gives them (default), cut to title and lead,"
        " also packed into dense days, or streamed 3 events a day in runs of one topic (bursts)",
    )
    p.add_argument(
        "--level",
        choices=("story", "event"),
        help="clustering only: score the stories, or the single happenings cut from them (default: the level"
        " of the data set's gold: event for basil and neus-allsides, story for giveme5w1h); both are printed",
    )
    p.add_argument(
        "--no-analyze",
        action="store_true",
        help="clustering only: cluster the raw articles (entities read from capitalised words, as after"
        " ingest --no-analyze) instead of analysing them first as ingest does",
    )
    p.add_argument(
        "--embedder",
        choices=("auto", "use", "e5"),
        help="clustering only: the embedding model (default: the embed.model setting, auto)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser(
        "bench", parents=[common], help="measure speed against the tools users would pick instead"
    )
    p.add_argument("name", choices=BENCHES)
    p.add_argument("--data", metavar="DIR", help="pages to use (default: ../shared/data or examples/)")
    p.add_argument("--n", type=int, help="number of articles where the benchmark takes one")
    p.add_argument("--engine", choices=("local", "dask"), help="engine, for benchmarks that run the pipeline")
    p.add_argument("--sizes", metavar="N,N,…", help="corpus sizes for `bench scaling`")
    p.add_argument(
        "--store",
        choices=("sqlite", "postgres"),
        help="`bench scaling`: also store every article and story as ingest does (default: clusterer only)",
    )
    p.add_argument(
        "--db",
        metavar="URL",
        help="`bench scaling --store postgres`: a server to use (default: a throwaway one)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("serve", parents=[common], help="web UI and JSON API over a store")
    p.add_argument("--db", metavar="URL")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allow-fetch", action="store_true", help="let /compare fetch user-given public URLs")
    p.add_argument("--allow-write", action="store_true", help="let users edit source metadata")
    p.add_argument("--max-upload", type=int, default=2_000_000, metavar="BYTES", help="largest request body")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("settings", parents=[common], help="list every setting with its value and help")
    p.set_defaults(func=cmd_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"newsprism {args.command}: {exc}", file=sys.stderr)
        return 2
    except NewsprismError as exc:
        print(f"newsprism {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
