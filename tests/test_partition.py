"""Partitions: WARC shards by record offset, file shards, client-read documents; resume; run on a worker."""

from __future__ import annotations

import json
from pathlib import Path

from scriptload import load_script

from newsprism.partition import (
    Partition,
    PartitionTask,
    plan_partitions,
    read_warc_records,
    run_partition,
    scan_warc,
)
from newsprism.records import RawDocument, Skip
from newsprism.sources import DocumentSource, iter_documents


def _warc(tmp_path: Path, n: int) -> Path:
    module = load_script("benchmarks/make_warc.py", register=True)  # its dataclasses look their module up
    path = tmp_path / f"pages-{n}.warc.gz"
    assert module.write_warc(str(path), n, seed=5) == n
    return path


def _page(title: str) -> str:
    body = " ".join(
        f"The council of Brightwater met on Tuesday to discuss item {i} of the budget." for i in range(12)
    )
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


def test_a_warc_is_cut_into_shards_of_its_html_responses_only(tmp_path):
    warc = _warc(tmp_path, 70)
    offsets = [o for o in scan_warc(str(warc)) if isinstance(o, int)]
    assert len(offsets) == 70  # robots.txt, images, 404s and redirects are left out
    parts = list(plan_partitions([str(warc)], DocumentSource(), shard_size=32))
    assert [p.kind for p in parts] == ["warc", "warc", "warc"]
    assert [len(p) for p in parts] == [32, 32, 6]
    assert [o for p in parts for o in p.offsets] == offsets


def test_warc_records_read_by_offset_are_those_the_warc_reader_yields(tmp_path):
    warc = _warc(tmp_path, 12)
    (part,) = plan_partitions([str(warc)], DocumentSource(), shard_size=32)
    assert part.key is not None
    by_offset = list(read_warc_records(str(warc), part.key, part.offsets, max_bytes=10**7))
    streamed = [d for d in iter_documents([str(warc)]) if isinstance(d, RawDocument)]
    assert [(d.origin, d.url, d.content, d.meta["input_key"]) for d in by_offset] == [
        (d.origin, d.url, d.content, d.meta["input_key"]) for d in streamed
    ]


def test_records_already_done_are_left_out_of_the_plan(tmp_path):
    warc = _warc(tmp_path, 10)
    offsets = [o for o in scan_warc(str(warc)) if isinstance(o, int)]
    (part,) = plan_partitions([str(warc)], DocumentSource(), shard_size=32)
    done = {f"{part.key}#{o}" for o in offsets[:4]}
    source = DocumentSource(is_done=done.__contains__)
    again = list(plan_partitions([str(warc)], source, shard_size=32))
    assert [o for p in again for o in p.offsets] == offsets[4:]
    assert source.already_done == 4


def test_a_directory_becomes_file_shards_and_client_read_records_in_input_order(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.html").write_text(_page(f"Page {i}"), encoding="utf-8")
    records = [
        {"url": f"https://news.example/{i}", "title": f"Record {i}", "text": "Some text. " * 20}
        for i in range(3)
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(_page("Last page"), encoding="utf-8")
    parts = list(plan_partitions([str(tmp_path)], DocumentSource(), shard_size=4))
    assert [(p.kind, len(p)) for p in parts] == [("files", 4), ("files", 1), ("documents", 3), ("files", 1)]
    assert [Path(f).name for f in parts[0].files + parts[1].files] == [f"a{i}.html" for i in range(5)]
    assert [d.meta["input_key"].rsplit("#", 1)[1] for d in parts[2].documents] == ["1", "2", "3"]


def test_missing_inputs_become_skips_in_the_plan(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(plan_partitions([str(tmp_path / "empty"), str(tmp_path / "nope.html")], DocumentSource()))
    assert all(isinstance(i, Skip) for i in items)
    assert [i.reason for i in items] == ["directory holds no files", "no such file or directory"]


def test_a_partition_runs_whole_and_a_bad_file_becomes_a_skip(tmp_path):
    good = tmp_path / "good.html"
    good.write_text(_page("Budget approved"), encoding="utf-8")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(bytes(range(256)) * 10)
    part = Partition("files", label=str(good), files=[str(good), str(bad)])
    outcomes = run_partition(PartitionTask(part, {}, analyze=False))
    assert [o.raw is not None for o in outcomes] == [True, False]
    assert outcomes[0].result.article is not None and outcomes[0].result.article.title == "Budget approved"
    assert outcomes[1].result.skip is not None and "binary" in outcomes[1].result.skip.reason
