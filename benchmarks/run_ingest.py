"""Run ``newsprism ingest`` on a WARC in a subprocess and measure it: wall time, peak memory, faults.

    python benchmarks/run_ingest.py PAGES.warc.gz --db /tmp/x.db [--engine dask] [-- INGEST FLAGS…]
    python benchmarks/run_ingest.py PAGES.warc.gz --db /tmp/x.db --kill-worker-after 1000
    python benchmarks/run_ingest.py PAGES.warc.gz --db /tmp/x.db --kill-client-after 1000

Memory is sampled every 0.2 s with psutil: the client is the ``newsprism`` process, the workers are its
descendants (with ``--engine dask`` and no scheduler: the LocalCluster's nannies and worker processes).
Peak RSS is reported for the client, for the largest worker process, and for the whole process tree.

``--kill-worker-after N`` SIGKILLs one worker process once N articles are in the store (the nanny
restarts it, the scheduler reruns its tasks). ``--kill-client-after N`` SIGKILLs the client (and the
worker processes it leaves behind) once N articles are stored, then runs the same command again to
resume. Either way the script ends by counting the store: articles, distinct URLs, inputs marked done,
so that a lost or duplicated article shows.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil


def stored(db: str) -> tuple[int, int, int]:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    except sqlite3.OperationalError:
        return (0, 0, 0)
    try:
        con.execute("BEGIN")  # one snapshot for both counts while a run writes
        rows, urls = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        done = con.execute("SELECT count(*) FROM inputs_done").fetchone()[0]
        return rows, urls, done
    except sqlite3.OperationalError:  # tables not created yet
        return (0, 0, 0)
    finally:
        con.close()


class Sampler(threading.Thread):
    """Peak RSS of a process and of its descendants, sampled in the background."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.every = every
        self.client = self.worker = self.total = 0
        self.family: set[psutil.Process] = set()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                client = self.root.memory_info().rss
                children = self.root.children(recursive=True)
            except psutil.NoSuchProcess:
                return
            self.family.update(children)
            sizes = []
            for child in children:
                with contextlib.suppress(psutil.NoSuchProcess):
                    sizes.append(child.memory_info().rss)
            self.client = max(self.client, client)
            self.worker = max([self.worker, *sizes])
            self.total = max(self.total, client + sum(sizes))
            time.sleep(self.every)

    def workers(self) -> list[psutil.Process]:
        """The Dask worker processes: the client's descendants but multiprocessing's resource tracker."""
        try:
            procs = self.root.children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        workers = []
        for proc in procs:
            try:
                if "resource_tracker" not in " ".join(proc.cmdline()):
                    workers.append(proc)
            except psutil.NoSuchProcess:
                pass
        return workers


def run_once(cmd: list[str], db: str, *, kill_worker: int = 0, kill_client: int = 0) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    event = None
    while proc.poll() is None:
        time.sleep(0.5)
        n = stored(db)[0] if (kill_worker or kill_client) and not event else 0
        if kill_worker and not event and n >= kill_worker:
            workers = sampler.workers()
            if workers:
                workers[0].kill()
                event = {"killed_worker_pid": workers[0].pid, "stored_at_kill": n}
        if kill_client and not event and n >= kill_client:
            proc.kill()
            event = {"killed_client_pid": proc.pid, "stored_at_kill": n}
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    left = [p for p in sampler.family if p.is_running()]
    left_names = []
    for p in left:  # what a killed client leaves behind
        try:
            left_names.append(" ".join(p.cmdline())[-120:] or p.status())
        except psutil.Error as exc:
            left_names.append(type(exc).__name__)
        p.kill()
    psutil.wait_procs(left, timeout=30)
    result = {
        "command": " ".join(cmd),
        "exit_code": proc.returncode,
        "wall_seconds": round(wall, 1),
        "peak_rss_mb": {
            "client": round(sampler.client / 2**20),
            "largest_worker": round(sampler.worker / 2**20),
            "all_processes": round(sampler.total / 2**20),
        },
        "orphans_killed": len(left),
        "orphans": left_names,
    }
    if event:
        result["fault"] = event
    try:
        result["run"] = json.loads(out)
    except ValueError:
        result["stderr_tail"] = err.decode(errors="replace")[-2000:]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc")
    parser.add_argument("--db", required=True)
    parser.add_argument("--engine", default="dask")
    parser.add_argument("--pages", type=int, help="HTML pages in the WARC, to count losses")
    parser.add_argument("--kill-worker-after", type=int, default=0, metavar="N")
    parser.add_argument("--kill-client-after", type=int, default=0, metavar="N")
    args, extra = parser.parse_known_args()  # the rest: more ingest flags (e.g. --no-analyze)
    extra = [a for a in extra if a != "--"]
    if Path(args.db).exists():
        sys.exit(f"{args.db} exists: give a new store")
    cmd = [sys.executable, "-m", "newsprism", "ingest", args.warc, "--db", args.db, "--engine", args.engine]
    cmd += ["--quiet", "--format", "json", *extra]
    runs = [run_once(cmd, args.db, kill_worker=args.kill_worker_after, kill_client=args.kill_client_after)]
    if args.kill_client_after:
        runs.append(run_once(cmd, args.db))  # the re-run resumes
    rows, urls, done = stored(args.db)
    report = {"runs": runs, "store": {"articles": rows, "distinct_urls": urls, "inputs_done": done}}
    if args.pages:
        report["store"]["lost"] = args.pages - urls
        report["store"]["duplicated"] = rows - urls
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
