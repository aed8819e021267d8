"""Run a command in a subprocess and measure its wall time and peak memory.

Peak memory is the largest total over the command's whole process tree (any child process counts), sampled every
SAMPLE_S from /proc: the sum of each process's proportional set size (PSS, so pages a forked worker shares with its
parent count once), or of RSS where PSS is unreadable. GNU time (`/usr/bin/time -v`, Debian package `time`) also
gives the largest single process's RSS; without /proc, that (or `getrusage(RUSAGE_CHILDREN)`, an upper bound over
every child so far) is used, and the report says which.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
PROC = Path("/proc")
SAMPLE_S = 0.5
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
    rss_source: str  # "process tree PSS", "GNU time" or "getrusage (upper bound)"
    output: str  # the command's stdout and stderr (last lines), for the report and errors
    largest_process_mib: float = float("nan")  # the largest single process (GNU time), for comparison


def python() -> str:
    """The interpreter running the benchmark (the project's venv when run as documented)."""
    return sys.executable


def run_measured(
    command: list[str],
    *,
    stdin: Path | None = None,
    stdout: Path | None = None,
    env: dict | None = None,
    check: bool = True,
) -> Measured:
    """Run `command` from the repository root; stdin/stdout may be files (e.g. ocdskit compile < in > out)."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory(prefix="bench-time-") as folder:
        report = Path(folder) / "time.txt"
        log = Path(folder) / "output.txt"
        wrapped = [str(GNU_TIME), "-v", "-o", str(report), *command] if GNU_TIME.exists() else command
        with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source, open(log, "wb") as errors:
            sink = open(stdout, "wb") if stdout else None
            began = time.perf_counter()
            process = subprocess.Popen(
                wrapped,
                stdin=source,
                stdout=sink or errors,
                stderr=errors if sink else subprocess.STDOUT,
                cwd=ROOT,
                env=environment,
            )
            sampler = TreeMemory(process.pid)
            sampler.start()
            process.wait()
            seconds = time.perf_counter() - began
            sampler.stop()
            if sink:
                sink.close()
        output = tail(log.read_text(encoding="utf-8", errors="replace"))
        if check and process.returncode != 0:
            raise BenchmarkError(f"`{' '.join(command)}` failed (exit {process.returncode}):\n{output}")
        largest = gnu_time_peak_mib(report.read_text()) if GNU_TIME.exists() and report.exists() else float("nan")
        if sampler.peak_mib > 0:
            return Measured(seconds, sampler.peak_mib, "process tree PSS", output, largest)
        if GNU_TIME.exists():
            return Measured(seconds, largest, "GNU time", output, largest)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return Measured(seconds, peak, "getrusage (upper bound)", output)


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped; keeps the largest total."""

    def __init__(self, root_pid: int):
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.peak_mib = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_mib = max(self.peak_mib, sum(map(process_memory_mib, descendants(self.root_pid))))
            self.done.wait(SAMPLE_S)

    def stop(self) -> None:
        self.done.set()
        self.join()


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def process_memory_mib(pid: int) -> float:
    """PSS of one process in MiB (RSS if smaps_rollup is unreadable; 0 once it has exited)."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in (PROC / str(pid) / name).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError):
            continue
    return 0.0


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
