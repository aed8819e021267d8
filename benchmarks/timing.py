"""Run a command in a subprocess and measure its wall time and peak memory (resident set size).

Peak memory comes from GNU time (`/usr/bin/time -v`, Debian package `time`) when installed: it reports the
command's own maximum RSS. Without it, `resource.getrusage(RUSAGE_CHILDREN)` is used, which is the largest RSS of
any child this process has waited for so far — an upper bound, said so in the report.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
ROOT = Path(__file__).resolve().parent.parent


class BenchmarkError(Exception):
    """A step of the benchmark failed; the message names the command and where its output is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Measured:
    seconds: float
    peak_rss_mib: float
    rss_source: str  # "GNU time" or "getrusage (upper bound)"
    output: str  # the command's stdout and stderr (last lines), for the report and errors


def python() -> str:
    """The interpreter running the benchmark (the project's venv when run as documented)."""
    return sys.executable


def run_measured(command: list[str], *, stdin: Path | None = None, stdout: Path | None = None,
                 env: dict | None = None, check: bool = True) -> Measured:
    """Run `command` from the repository root; stdin/stdout may be files (e.g. ocdskit compile < in > out)."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory(prefix="bench-time-") as folder:
        report = Path(folder) / "time.txt"
        log = Path(folder) / "output.txt"
        wrapped = [str(GNU_TIME), "-v", "-o", str(report), *command] if GNU_TIME.exists() else command
        with (open(stdin, "rb") if stdin else open(os.devnull, "rb")) as source, open(log, "wb") as errors:
            sink = open(stdout, "wb") if stdout else None
            began = time.perf_counter()
            process = subprocess.run(wrapped, stdin=source, stdout=sink or errors,
                                     stderr=errors if sink else subprocess.STDOUT, cwd=ROOT, env=environment)
            seconds = time.perf_counter() - began
            if sink:
                sink.close()
        output = tail(log.read_text(encoding="utf-8", errors="replace"))
        if check and process.returncode != 0:
            raise BenchmarkError(f"`{' '.join(command)}` failed (exit {process.returncode}):\n{output}")
        if GNU_TIME.exists():
            return Measured(seconds, gnu_time_peak_mib(report.read_text()), "GNU time", output)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return Measured(seconds, peak, "getrusage (upper bound)", output)


def gnu_time_peak_mib(report: str) -> float:
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return int(match.group(1)) / 1024 if match else float("nan")


def tail(text: str, lines: int = 15) -> str:
    kept = [line for line in text.splitlines() if line.strip() and not line.startswith("\tCommand being timed")]
    return "\n".join(kept[-lines:])


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """(seconds, result) of one call."""
    began = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - began, result
