"""Standard output guarded, for the fast path and the full command line alike: writing to a pipe
whose reader is gone ends the command quietly (exit 141, the status a shell shows for a tool stopped by SIGPIPE), as `head` expects of
every Unix tool; a full disk (`> /dev/full`), a closed standard output (`>&-`) or any other
failure to write is a clear error (exit 74, EX_IOERR), never an "internal error". Nothing is
logged for an answer that could not be written.
"""

from __future__ import annotations

import errno
import os
import sys

from allocator.errors import EXIT_BROKEN_PIPE, EXIT_OUTPUT, OutputFailed
from allocator.i18n import detect_lang, sanitize, t

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


class GuardedOutput:
    """Standard output, whose write errors become OutputFailed; `stream` None: it was closed."""

    def __init__(self, stream: Any, binary: bool = False) -> None:
        self.stream = stream
        self.binary = binary

    def write(self, data: Any) -> Any:
        if isinstance(data, bytes | bytearray | memoryview) != self.binary:
            raise TypeError(f"write() argument must be {'bytes' if self.binary else 'str'}")
        if self.stream is None:
            if not data:
                return 0
            raise OutputFailed(OSError(errno.EBADF, os.strerror(errno.EBADF)))
        try:
            return self.stream.write(data)  # what the stream says it wrote, as it says it
        except OSError as exc:
            raise OutputFailed(exc) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            raise OutputFailed(exc) from None
        except ValueError:  # flushing a stream already closed: nothing left to write
            pass

    @property
    def buffer(self) -> GuardedOutput:
        return GuardedOutput(getattr(self.stream, "buffer", None), binary=True)

    @property
    def encoding(self) -> str:
        return str(getattr(self.stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str:
        return str(getattr(self.stream, "errors", None) or "strict")

    def isatty(self) -> bool:
        return self.stream is not None and bool(self.stream.isatty())

    def fileno(self) -> int:
        if self.stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return int(self.stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def guard_stdout() -> Any:
    """Guard sys.stdout (unless it is already); returns what to restore afterwards."""
    previous = sys.stdout
    if not isinstance(previous, GuardedOutput):
        sys.stdout = GuardedOutput(previous)
    return previous


def report_output_failure(failure: OutputFailed, lang: str) -> int:
    """End a command whose standard output failed: its exit status, a message unless the pipe
    was closed by its reader. Standard output is pointed at /dev/null, so that what is still
    buffered cannot fail again when Python exits."""
    stream = sys.stdout.stream if isinstance(sys.stdout, GuardedOutput) else sys.stdout
    try:
        if stream is not None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        pass
    error = failure.error
    if error.errno == errno.EPIPE:
        return EXIT_BROKEN_PIPE
    reason = error.strerror or str(error)
    text = f"allocator: {t('error', lang)}{t('colon', lang)} {t('output-failed', lang, reason=reason)}\n"
    try:
        sys.stderr.write(sanitize(text))
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # standard error gone too: the status says it
        pass
    return EXIT_OUTPUT


def lang_from_argv(argv: list[str]) -> str:
    """The language asked for on the command line (`--lang X`, `--lang=X`), else detect_lang()."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return detect_lang(argv[index + 1])
        if arg.startswith("--lang="):
            return detect_lang(arg.split("=", 1)[1])
    return detect_lang()
