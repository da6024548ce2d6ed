"""The team tests' helper processes: started with this checkout on the path, read with deadlines.

A worker says what it is doing on stdout, a line at a time (``READY``, ``HOLD``...);
``Worker.expect`` waits for a line until a deadline, on the pipe itself (``select``),
so a worker that hangs fails the test instead of hanging it. Its stderr goes to a
file (a pipe nobody reads could fill up and stop it), shown when it fails.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    """One helper process (``python -m MODULE ARGS``), its stdout read a line at a time."""

    def __init__(self, module: str, args: list[str], stderr: Path) -> None:
        self.stderr_path = stderr
        with stderr.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", module, *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                cwd=ROOT,
            )
        self._pending = b""

    @property
    def pid(self) -> int:
        """Return the process id."""
        return self.process.pid

    def expect(self, wanted: str, timeout: float) -> None:
        """Wait for the line ``wanted`` on stdout; fail if another comes, or none in time."""
        line = self.read_line(timeout)
        assert line == wanted, f"expected {wanted!r}, got {line!r}; stderr: {self.errors()}"

    def read_line(self, timeout: float) -> str | None:
        """Return the next line on stdout (None at its end); fail if none comes in time."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._pending:
                left = deadline - time.monotonic()
                assert left > 0 and selector.select(left), (
                    f"worker {self.pid} said nothing for {timeout} s; stderr: {self.errors()}"
                )
                chunk = os.read(fd, 4096)
                if not chunk:
                    return None
                self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode("utf-8")

    def send(self, line: str) -> None:
        """Write one line to the worker's stdin."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        self.process.stdin.flush()

    def kill(self) -> None:
        """Kill the worker with SIGKILL (no cleanup of any kind runs) and reap it."""
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
        self.process.wait()

    def close(self) -> None:
        """Kill the worker if it still runs, and close its pipes."""
        self.kill()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()

    def errors(self) -> str:
        """Return what the worker wrote on stderr."""
        try:
            return self.stderr_path.read_text("utf-8", errors="replace")
        except OSError:
            return ""
