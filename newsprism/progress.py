"""Progress for long runs: a rich bar on a terminal, plain log lines otherwise, silence with --quiet.

Skips are always reported, one line each naming the input and the reason, whatever the verbosity.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from newsprism.records import Skip


class Progress:
    def __init__(
        self, *, quiet: bool = False, verbose: bool = False, stream: IO[str] | None = None, every: int = 100
    ) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose
        self.every = every
        self.done = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None
        self.is_tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> Progress:
        if self.is_tty and not self.quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                SpinnerColumn(),
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[skipped]} skipped"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("ingesting", total=None, skipped=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def log(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=self.stream, flush=True)

    def article(self, label: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
        elif self.verbose and not self.quiet:
            self.log(f"ok {label}")
        elif not self.quiet and self.done % self.every == 0:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            self.log(f"{self.done} articles, {self.skipped} skipped ({rate:.1f}/s)")

    def skip(self, skip: Skip) -> None:
        self.skipped += 1
        if self._bar is not None:
            self._bar.update(self._task, skipped=self.skipped)
        self.log(str(skip))

    def stage(self, message: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=message)
        elif self.verbose and not self.quiet:
            self.log(message)
