"""Save jobs run in order, off the front end's thread when it asks for that.

    writer = SaveWriter(background=True, report=session_report)
    writer.submit(job)     # a callable that writes; SaveError is reported, never raised
    writer.flush()         # wait until every job submitted so far has run
    writer.close()         # flush, then stop the thread

The Textual game autosaves in the background (writing and fsyncing a save costs tens of
milliseconds, too long for a key press); the plain front end writes at once, so that a
failure is told right after the move it belongs to. Either way the jobs run one at a
time, in the order they were submitted, and ``report`` hears the outcome of each: the
problem's message, or None when the job succeeded. A job never raises out of here.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable

from ..engine.errors import SaveError

__all__ = ["Job", "SaveWriter"]

Job = Callable[[], None]


class SaveWriter:
    def __init__(self, *, background: bool, report: Callable[[str | None], None]) -> None:
        self.background = background
        self._report = report
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job: Job) -> None:
        if not self.background:
            self._run(job)
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="elbe-game saves", daemon=True
                )
                self._thread.start()
        self._jobs.put(job)

    def flush(self) -> None:
        """Return once every job submitted so far has run."""
        if self._thread is not None:
            self._jobs.join()

    def close(self) -> None:
        """Run what is left, then stop the thread (a later submit starts another)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()

    def _run(self, job: Job) -> None:
        try:
            job()
        except SaveError as exc:
            self._report(exc.message)
        except Exception as exc:  # a bug of ours: told like any failed save, and the
            # thread goes on, so that later saves (and flush) still work
            self._report(f"an unexpected error ({type(exc).__name__}: {exc})")
        else:
            self._report(None)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                # a report callback that fails cannot be told anywhere; the thread must
                # go on all the same, or flush and close would wait for ever
                with contextlib.suppress(Exception):
                    self._run(job)
            finally:
                self._jobs.task_done()
