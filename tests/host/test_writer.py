"""The save writer: jobs at once or on a thread of their own, in order, outcomes
reported and never raised. Every wait here has a time limit, so no test can hang."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from elbe_game.engine.errors import SaveIOError
from elbe_game.host.writer import SaveWriter

LIMIT = 5.0  # seconds: far longer than any job here takes


def bounded(action: Callable[[], None], seconds: float = LIMIT) -> None:
    """Run ``action``, failing the test if it has not returned within ``seconds``."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as exc:
            errors.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(seconds)
    assert not runner.is_alive(), f"{action.__name__} did not return within {seconds} s"
    if errors:
        raise errors[0]


class Writers:
    """Makes writers and records what each reports; closes them all at the end."""

    def __init__(self) -> None:
        self.made: list[SaveWriter] = []
        self.reports: list[str | None] = []

    def __call__(self, *, background: bool) -> SaveWriter:
        writer = SaveWriter(background=background, report=self.reports.append)
        self.made.append(writer)
        return writer


@pytest.fixture
def writers() -> Iterator[Writers]:
    made = Writers()
    yield made
    for writer in made.made:
        bounded(writer.close)


def release_later(event: threading.Event, seconds: float = 0.2) -> threading.Timer:
    timer = threading.Timer(seconds, event.set)
    timer.daemon = True
    timer.start()
    return timer


def boom() -> None:
    raise ValueError("the save went sideways")


def full_disk() -> None:
    raise SaveIOError("could not save: the disk is full", "autosave")


# ------------------------------------------------------------------ at once


def test_at_once_a_job_runs_in_the_callers_thread_before_submit_returns(
    writers: Writers,
) -> None:
    writer = writers(background=False)
    ran: list[int] = []
    writer.submit(lambda: ran.append(threading.get_ident()))
    assert ran == [threading.get_ident()]
    assert writers.reports == [None]


def test_at_once_a_save_error_is_reported_by_its_message_not_raised(writers: Writers) -> None:
    writer = writers(background=False)
    writer.submit(full_disk)
    assert writers.reports == ["could not save: the disk is full"]


def test_at_once_an_unexpected_error_is_reported_not_raised(writers: Writers) -> None:
    writer = writers(background=False)
    writer.submit(boom)
    assert writers.reports == ["an unexpected error (ValueError: the save went sideways)"]


# ------------------------------------------------------------------ in the background


def test_in_the_background_jobs_run_in_order_on_another_thread(writers: Writers) -> None:
    writer = writers(background=True)
    gate = threading.Event()
    ran: list[tuple[int, int]] = []

    def job(i: int) -> Callable[[], None]:
        def run() -> None:
            if i == 0:
                gate.wait(LIMIT)  # the others queue up behind this one
            ran.append((i, threading.get_ident()))

        return run

    for i in range(5):
        writer.submit(job(i))
    gate.set()
    bounded(writer.flush)
    assert [i for i, _ in ran] == [0, 1, 2, 3, 4]
    assert threading.get_ident() not in {ident for _, ident in ran}
    assert len({ident for _, ident in ran}) == 1  # one thread, one job at a time
    assert writers.reports == [None] * 5


def test_flush_returns_only_after_every_submitted_job_has_run(writers: Writers) -> None:
    writer = writers(background=True)
    release = threading.Event()
    finished: list[str] = []

    def slow() -> None:
        release.wait(LIMIT)
        finished.append("slow" if release.is_set() else "slow, but never released")

    writer.submit(slow)
    writer.submit(lambda: finished.append("quick"))
    timer = release_later(release)
    try:
        bounded(writer.flush)
        assert finished == ["slow", "quick"]
        assert writers.reports == [None, None]
    finally:
        timer.cancel()
        release.set()


def test_an_unexpected_error_in_the_background_does_not_stop_later_jobs(
    writers: Writers,
) -> None:
    writer = writers(background=True)
    ran: list[str] = []
    writer.submit(boom)
    writer.submit(full_disk)
    writer.submit(lambda: ran.append("later"))
    bounded(writer.flush)
    assert ran == ["later"]
    assert writers.reports == [
        "an unexpected error (ValueError: the save went sideways)",
        "could not save: the disk is full",
        None,
    ]


def test_close_runs_what_is_left_and_stops_the_thread(writers: Writers) -> None:
    writer = writers(background=True)
    release = threading.Event()
    ran: list[int] = []
    threads: list[threading.Thread] = []

    def first() -> None:
        threads.append(threading.current_thread())
        release.wait(LIMIT)
        ran.append(0)

    writer.submit(first)
    for i in (1, 2, 3):
        writer.submit(lambda i=i: ran.append(i))  # type: ignore[misc]
    timer = release_later(release)
    try:
        bounded(writer.close)
        assert ran == [0, 1, 2, 3]
        assert len(threads) == 1
        assert not threads[0].is_alive()
    finally:
        timer.cancel()
        release.set()


def test_a_submit_after_close_starts_the_writer_again(writers: Writers) -> None:
    writer = writers(background=True)
    threads: list[threading.Thread] = []
    writer.submit(lambda: threads.append(threading.current_thread()))
    bounded(writer.close)
    writer.submit(lambda: threads.append(threading.current_thread()))
    bounded(writer.flush)
    assert len(threads) == 2
    assert not threads[0].is_alive()
    assert threads[1] is not threads[0]
    assert threads[1] is not threading.current_thread()
    assert writers.reports == [None, None]
