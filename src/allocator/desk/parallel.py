"""`allocator batch --jobs N`: the lines decided in N worker processes, everything else as with one.

The process running the batch reads the input, cuts it into chunks of at most BLOCK lines and
hands them to the workers. A worker only decides: it parses each line, asks its engine, renders
the output record and the log record, and sends the chunk back (`allocator.desk.batch.Decided`).
The batch takes the chunks back in input order and, for each, writes and fsyncs its log records
*before* it writes it out, exactly as the batch of one process does its blocks: whatever stops
the batch, every decision delivered is in the log. The output, the log records (but their time),
the error records, the summary and the exit status are those of `--jobs 1`, byte for byte.

On Linux, in a process running no other thread (`allocator batch` always), the workers are
forked: each starts in milliseconds with the modules and the policy already in memory, and builds
an engine of its own. That is safe with durable_rules: its C core keeps no threads, locks, files
or sockets, only a table of handles of which a forked worker has its own copy (an engine the
batch built stays the batch's); and with no other thread, no lock (the engine's among them) can be
held at the fork. Elsewhere, or with another thread running (a program using allocator as a
library), they are started with `spawn`: a fresh interpreter that receives the policy pickled.

Each worker gets the batch's policy (the very rule set the batch loaded) and says which rule set
it holds before it decides anything; a worker holding another fingerprint stops the batch (exit
1), as does a worker that fails or dies. A worker ignores SIGINT (a Ctrl-C reaches the whole
process group: the batch decides when to stop) and dies of SIGTERM, reads its chunks on a thread
of its own (a batch sending never waits on a worker sending), and ends when its input closes:
when the batch finishes, or dies, even by kill -9 (a forked worker closes the batch's ends of
every pipe it inherited, so that only the batch holds them).

At most CHUNKS_PER_WORKER chunks wait for each worker, so memory stays bounded whatever the
input. A small input never starts a worker: the workers start once START_AFTER chunks were read
without waiting for input, and until they are ready the batch decides chunks itself. Before the
input waits (a program feeding cases a few at a time), every chunk read is decided, logged and
written out, so answers never wait for the end of the input. SIGINT or SIGTERM stop the batch with
what was decided and logged written out; the workers are stopped and waited for, never left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import select
import signal
import stat
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from queue import SimpleQueue
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from allocator.desk.batch import (
    BLOCK,
    Batch,
    Decided,
    Entry,
    Interrupted,
    Interrupts,
    LineReader,
    Summary,
    Writer,
    decide_chunk,
)
from allocator.desk.service import Allocator
from allocator.i18n import DEFAULT_LANG, sanitize, t
from allocator.model import Policy

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, SpawnContext

#: A batch of fewer chunks than this (read without waiting) is decided without workers.
START_AFTER = 2
#: How many chunks a worker holds at most (one decided, the next waiting).
CHUNKS_PER_WORKER = 2
#: A chunk is cut after this many characters of input too (lines of long ids).
CHUNK_CHARS = 1 << 20
#: The size asked for the pipes to and from each worker (Linux), so that neither side waits on
#: the other for the policy or a chunk.
PIPE_BYTES = 1 << 20
#: How long a worker that was told to stop is waited for before it is killed (seconds).
STOP_SECONDS = 5.0


class _Setup(NamedTuple):
    """What a worker needs besides the policy: how to render and whether to make log records."""

    fmt: str
    labels: bool
    lang: str
    logged: bool
    cache: bool


class WorkerFailed(Exception):
    """A worker could not start, held another rule set, or died: why, in the batch's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- in the worker


def start_method() -> str:
    """`fork` where it is safe and available (Linux, no other thread in this process: a thread
    could hold a lock, the engine's for one, at the very moment of the fork), else `spawn`."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _work(
    setup: _Setup,
    tasks: Connection,
    results: Connection,
    policy: Policy | None = None,
    inherited: tuple[Connection, ...] = (),
) -> None:
    """A worker's life: build the engine from the policy (given when forked, else sent first),
    say which rule set it holds, then decide chunk after chunk until the batch closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # forked: not the batch's handler
    for connection in inherited:  # forked: the batch's ends of the pipes are the batch's alone
        with contextlib.suppress(OSError):
            connection.close()
    _detach_standard_streams()
    try:
        try:
            if policy is None:
                policy = pickle.loads(tasks.recv_bytes())
            allocator = Allocator(policy, cache=setup.cache)
            writer = Writer(setup.fmt, policy.vocabulary if setup.labels else None, setup.lang)
        except Exception as exc:  # told to the batch, which stops and says why
            results.send(("failed", sanitize(f"{type(exc).__name__}: {exc}")))
            return
        results.send(("ready", policy.fingerprint))
        inbox: SimpleQueue[list[Entry] | None] = SimpleQueue()
        threading.Thread(target=_pump, args=(tasks, inbox), daemon=True).start()
        while (entries := inbox.get()) is not None:
            done = decide_chunk(allocator, writer, entries, setup.lang, setup.logged)
            results.send(("done", done))
    except (OSError, EOFError):
        return  # the batch is gone: there is no one left to answer


def _pump(tasks: Connection, inbox: SimpleQueue[list[Entry] | None]) -> None:
    """Read the chunks as they come, whatever the worker is doing: the batch never waits to send."""
    try:
        while True:
            inbox.put(tasks.recv())
    except (OSError, EOFError):
        inbox.put(None)


def _detach_standard_streams() -> None:
    """Standard input and output on /dev/null: a worker never writes into the batch's output,
    and never holds its pipe open (a reader of the output sees its end when the batch ends)."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        os.dup2(null, 0)
        os.dup2(null, 1)
    finally:
        os.close(null)


# --------------------------------------------------------------------------- in the batch


def _widen(connection: Connection) -> None:
    """Ask for a larger pipe (Linux; elsewhere, or past the system's limit, it stays as it is)."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(connection.fileno(), setting, PIPE_BYTES)


class _Worker:
    """One worker process, as the batch sees it: its pipes, and the chunks it holds."""

    def __init__(
        self,
        context: ForkContext | SpawnContext,
        setup: _Setup,
        policy: Policy | bytes,
        fingerprint: str,
        lang: str,
        inherited: tuple[Connection, ...] = (),
    ) -> None:
        """Start a worker; `policy` is the Policy itself for a forked worker, else pickled, and
        `inherited` the batch's ends of the other workers' pipes (which a forked worker closes)."""
        self.fingerprint = fingerprint
        self.lang = lang
        self.ready = False
        #: Chunks sent whose decisions have not come back yet.
        self.held = 0
        tasks_end, self.tasks = context.Pipe(duplex=False)
        self.results, results_end = context.Pipe(duplex=False)
        _widen(self.tasks)
        _widen(self.results)
        forked = isinstance(policy, Policy)
        args = (
            (setup, tasks_end, results_end, policy, (*inherited, self.tasks, self.results))
            if forked
            else (setup, tasks_end, results_end)
        )
        self.process = context.Process(target=_work, args=args, name="allocator-batch", daemon=True)
        # The worker starts with SIGINT blocked (a Ctrl-C while it imports is no traceback of
        # its own), and ignores it once started; one arriving here meanwhile waits for the batch.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        # Only the worker holds its ends now: each side sees the end of the other.
        tasks_end.close()
        results_end.close()
        if not forked:
            with contextlib.suppress(OSError):  # a worker gone already: told when it is heard from
                self.tasks.send_bytes(policy)  # type: ignore[arg-type]

    def send(self, entries: list[Entry]) -> None:
        try:
            self.tasks.send(entries)
        except OSError:
            raise WorkerFailed(self._death()) from None
        self.held += 1

    def has_news(self) -> bool:
        """Whether something came back (a word at start, decisions, or the end of the pipe)."""
        try:
            return self.results.poll()
        except OSError:
            return True

    def greet(self) -> None:
        """Read the worker's word at start if it has come (without waiting)."""
        if not self.ready and self.has_news():
            self._hello(self._receive(None))

    def receive(self, interrupts: Interrupts | None) -> Decided:
        """The decisions of the oldest chunk the worker holds (waiting for them, a wait a signal
        cuts short)."""
        while True:
            message = self._receive(interrupts)
            if message[0] == "done":
                self.held -= 1
                done: Decided = message[1]
                return done
            self._hello(message)

    def _receive(self, interrupts: Interrupts | None) -> Any:
        try:
            if interrupts is None:
                return self.results.recv()
            with interrupts.waiting():
                return self.results.recv()
        except (OSError, EOFError):
            raise WorkerFailed(self._death()) from None

    def _hello(self, message: Any) -> None:
        if message[0] == "failed":
            raise WorkerFailed(message[1])
        if message[0] != "ready":
            raise WorkerFailed(t("batch-worker-garbled", self.lang))
        if message[1] != self.fingerprint:
            raise WorkerFailed(t("batch-worker-ruleset", self.lang, fingerprint=message[1]))
        self.ready = True

    def _death(self) -> str:
        """Why the worker went away, from its exit status."""
        self.process.join(STOP_SECONDS)
        code = self.process.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return t("batch-worker-signal", self.lang, signal=signal.Signals(-code).name)
        return t("batch-worker-exit", self.lang, status="?" if code is None else code)

    def stop(self, graceful: bool) -> None:
        """End the worker: by closing its input when it holds nothing (it ends at once), else
        by SIGTERM; waited for, killed if it lingers."""
        with contextlib.suppress(OSError):
            self.tasks.close()
        process = self.process
        if graceful and self.ready and not self.held:
            process.join(STOP_SECONDS)
        if process.is_alive():
            process.terminate()
            process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
        with contextlib.suppress(OSError):
            self.results.close()
        with contextlib.suppress(ValueError):
            process.close()


class _Pool:
    """The workers of one batch."""

    def __init__(
        self,
        jobs: int,
        setup: _Setup,
        policy: Policy,
        fingerprint: str,
        lang: str,
        method: str | None = None,
    ) -> None:
        """`jobs` workers started by `method` (`fork` or `spawn`; by default `start_method()`)."""
        import multiprocessing  # lazy: only a batch shared out between processes needs it

        self.method = method or start_method()
        context: ForkContext | SpawnContext = (
            multiprocessing.get_context("fork")
            if self.method == "fork"
            else multiprocessing.get_context("spawn")
        )
        given: Policy | bytes = policy
        if self.method == "fork":
            # Nothing buffered here may be written a second time by a worker's copy.
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
        else:
            from multiprocessing import resource_tracker

            given = pickle.dumps(policy, pickle.HIGHEST_PROTOCOL)
            # spawn's helper process, started before the workers: starting it unblocks SIGINT,
            # which must stay blocked while a worker starts (see _Worker).
            resource_tracker.ensure_running()
        self.workers: list[_Worker] = []
        try:
            for _ in range(jobs):
                inherited = tuple(
                    end for worker in self.workers for end in (worker.tasks, worker.results)
                )
                self.workers.append(_Worker(context, setup, given, fingerprint, lang, inherited))
        except BaseException:
            self.stop(graceful=False)
            raise

    def free(self) -> _Worker | None:
        """The ready worker holding the fewest chunks, if one can take another."""
        best: _Worker | None = None
        for worker in self.workers:
            if not worker.ready:
                worker.greet()
            if (
                worker.ready
                and worker.held < CHUNKS_PER_WORKER
                and (best is None or worker.held < best.held)
            ):
                best = worker
        return best

    def wait_for_news(self, interrupts: Interrupts | None) -> None:
        """Wait until a worker that is starting says it is ready (or fails)."""
        from multiprocessing.connection import wait  # loaded with the workers (see __init__)

        waiting = [worker for worker in self.workers if not worker.ready]
        if interrupts is None:
            wait([worker.results for worker in waiting])
        else:
            with interrupts.waiting():
                wait([worker.results for worker in waiting])
        for worker in waiting:
            worker.greet()

    def starting(self) -> bool:
        """Whether a worker is still starting (the batch decides chunks itself meanwhile)."""
        return not all(worker.ready for worker in self.workers)

    def stop(self, graceful: bool) -> None:
        for worker in self.workers:
            worker.stop(graceful)


class ParallelBatch(Batch):
    """A Batch whose lines are decided by `jobs` worker processes, chunk by chunk, logged and
    written out in input order by this one."""

    def __init__(
        self,
        allocator: Allocator,
        writer: Writer,
        out: IO[bytes],
        lang: str = DEFAULT_LANG,
        log: Callable[[list[str]], int] | None = None,
        interrupts: Interrupts | None = None,
        jobs: int = 2,
        cache: bool = True,
        block: int = BLOCK,
        help_while_starting: bool = True,
        method: str | None = None,
    ) -> None:
        super().__init__(allocator, writer, out, lang, log, interrupts, block)
        self.jobs = jobs
        self.cache = cache
        #: How the workers start: `fork`, `spawn`, or None for `start_method()` then.
        self.method = method
        #: Whether this process decides chunks while a worker is still starting.
        self.help_while_starting = help_while_starting
        #: Chunks decided by the workers.
        self.handed_out = 0
        self._pool: _Pool | None = None
        #: Chunks handed out or decided, in input order: a worker that holds one, or its decisions.
        self._queue: deque[_Worker | Decided] = deque()
        self._limit = (CHUNKS_PER_WORKER + 1) * jobs
        #: Chunks read before the workers start (START_AFTER), and the chunk being read.
        self._held: list[list[Entry]] = []
        self._chunk: list[Entry] = []
        self._chars = 0
        self._stream: Any = None
        self._finished = False

    def run(self, reader: LineReader | Iterable[str], input_format: str = "auto") -> Summary:
        if isinstance(reader, LineReader):
            self._stream = reader.stream
        try:
            return super().run(reader, input_format)
        finally:
            if self._pool is not None:
                self._pool.stop(graceful=self._finished)

    def _run(self, reader: LineReader | Iterable[str], input_format: str) -> None:
        try:
            self._decide_all(reader, input_format)
        except WorkerFailed as failed:
            pending = self.interrupts.pending if self.interrupts is not None else None
            if pending is None:
                self.summary.worker_error = failed.reason
            else:  # SIGTERM sent to the whole process group: the workers went first
                self.summary.interrupted = pending
            return
        self._finished = True

    def _decide_all(self, reader: LineReader | Iterable[str], input_format: str) -> None:
        entries = self._entries(reader, input_format)
        if entries is None:
            return
        interrupts = self.interrupts
        for entry in entries:
            self._chunk.append(entry)
            if len(self._chunk) >= self.block or self._chars >= CHUNK_CHARS:
                self._submit()
            if interrupts is not None and interrupts.pending is not None:
                self._stop(interrupts.pending)
        self._settle()

    def _read(self, reader: LineReader | Iterable[str]) -> Iterator[str]:
        """The lines, their characters counted (a chunk is cut after CHUNK_CHARS)."""
        for line in reader:
            self._chars += len(line)
            yield line

    # ----------------------------------------------------------------- handing out chunks

    def _submit(self) -> None:
        """Hand out the chunk read; the workers start once START_AFTER chunks were read without
        waiting for input."""
        chunk, self._chunk, self._chars = self._chunk, [], 0
        if not chunk:
            return
        if self._pool is None:
            self._held.append(chunk)
            if len(self._held) < START_AFTER:
                return
            self._pool = self._start_pool()
            held, self._held = self._held, []
            for waiting in held:
                self._dispatch(waiting)
        else:
            self._dispatch(chunk)

    def _start_pool(self) -> _Pool:
        policy = self.allocator.policy
        setup = _Setup(
            self.writer.fmt,
            self.writer.labels is not None,
            self.writer.lang,
            self.log is not None,
            self.cache,
        )
        try:
            return _Pool(self.jobs, setup, policy, policy.fingerprint, self.lang, self.method)
        except OSError as exc:  # no process could be started (a limit on processes or files)
            raise WorkerFailed(sanitize(exc.strerror or str(exc))) from None

    def _dispatch(self, chunk: list[Entry]) -> None:
        """To a ready worker with room; while one is still starting, decided here; else once
        the oldest chunk out is back."""
        pool = self._pool
        assert pool is not None
        while True:
            self._collect()
            if len(self._queue) < self._limit:
                worker = pool.free()
                if worker is not None:
                    worker.send(chunk)
                    self.handed_out += 1
                    self._queue.append(worker)
                    return
                if self.help_while_starting and pool.starting():
                    self._queue.append(self._decide(chunk))
                    return
            if self._queue:
                self._deliver_next()
            else:
                pool.wait_for_news(self.interrupts)

    def _decide(self, chunk: list[Entry]) -> Decided:
        return decide_chunk(self.allocator, self.writer, chunk, self.lang, self.log is not None)

    # ----------------------------------------------------------------- taking decisions back

    def _collect(self) -> None:
        """Log and write out the chunks back, in order, without waiting."""
        while self._queue:
            head = self._queue[0]
            if isinstance(head, _Worker):
                head.greet()
                if not head.has_news():
                    return
            self._deliver_next()

    def _deliver_next(self) -> None:
        """Log and write out the oldest chunk (waiting for its worker if need be)."""
        head = self._queue[0]
        done = head.receive(self.interrupts) if isinstance(head, _Worker) else head
        self._queue.popleft()
        self._apply(done)

    def _apply(self, done: Decided) -> None:
        self.summary.add(done)
        data = done.data
        if self._text:  # the header (CSV), not written out yet
            data = "".join(self._text).encode("utf-8", "backslashreplace") + data
            self._text, self._lines = [], []
        self._deliver(done.records, data, done.last)

    def _settle(self) -> None:
        """Decide, log and write out every line read (the input ends, or waits)."""
        chunk, self._chunk, self._chars = self._chunk, [], 0
        if self._pool is None:
            held, self._held = self._held, []
            for waiting in [*held, chunk]:
                if waiting:
                    self._apply(self._decide(waiting))
        else:
            if chunk:
                self._dispatch(chunk)
            while self._queue:
                self._deliver_next()
        self.flush()

    def _before_wait(self) -> None:
        """Before the input waits, everything read is decided and written out; an input that has
        more ready (a file, a fast producer) is not waited for."""
        if _would_wait(self._stream):
            self._settle()

    def _stop(self, signum: int) -> None:
        """A signal arrived: what is decided is logged and written out, the rest is dropped."""
        while self._queue and not isinstance(self._queue[0], _Worker):
            self._deliver_next()
        self.flush()
        raise Interrupted(signum)


def _would_wait(stream: Any) -> bool:
    """Whether reading `stream` now would wait (a pipe or a terminal with nothing ready)."""
    if stream is None:
        return False
    try:
        fd = stream.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return not poller.poll(0)  # readable, at its end or broken: reading does not wait
    except (OSError, ValueError, AttributeError):
        return False  # no descriptor (a stream in memory): everything is there already


def run_parallel_batch(
    allocator: Allocator,
    lines: LineReader | Iterable[str],
    writer: Writer,
    out: IO[bytes],
    input_format: str = "auto",
    lang: str = DEFAULT_LANG,
    log: Callable[[list[str]], int] | None = None,
    interrupts: Interrupts | None = None,
    jobs: int = 2,
    cache: bool = True,
) -> Summary:
    """`run_batch` with the lines decided in `jobs` worker processes: the same output, log
    records, summary and exit status."""
    batch = ParallelBatch(allocator, writer, out, lang, log, interrupts, jobs, cache)
    return batch.run(lines, input_format)
