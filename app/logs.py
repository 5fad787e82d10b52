"""The log file both programs write (a rotating crm.log in the user's data folder) and what a bug report says."""
from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from app import paths

LOG_NAME = "crm.log"
MAX_BYTES = 1_000_000  # then crm.log.1 … crm.log.5: at most 6 MB on disk
BACKUPS = 5
HANDLER_NAME = "crm-log-file"
DETAIL_CHARS = 300
LOGGED = "_crm_logged"  # set on an exception once record() has written it
FAULTS_NAME = "faults.log"  # where faulthandler writes when the process dies in C code (a crash of Qt or a driver)
_faults: TextIO | None = None  # faults.log, open for the life of the process

log = logging.getLogger(__name__)


def log_file() -> Path:
    return paths.data_dir() / "logs" / LOG_NAME


class _LogFile(RotatingFileHandler):
    """Creates its folder when the first record arrives (a run that logs nothing leaves nothing behind); a file it
    cannot write (a read-only folder, a full disk) costs one line on stderr, not a traceback per record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        self.failed = False

    def _open(self):  # noqa: ANN202 - the stream logging's own _open returns
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not self.failed and sys.stderr is not None:
            self.failed = True
            print(f"无法写入日志文件 {self.baseFilename}：{sys.exc_info()[1]}", file=sys.stderr)
            print(self.format(record), file=sys.stderr)


def start(program: str, level: int = logging.INFO, path: Path | None = None) -> Path:
    """Send the log records of this process (`level` and above) to the rotating log file; returns its path.
    Calling it again keeps the handler already attached."""
    root = logging.getLogger()
    current = current_file()
    if current is not None:
        return current
    handler = _LogFile(path or log_file())
    handler.set_name(HANDLER_NAME)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(f"%(asctime)s {program}[%(process)d] %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.getEffectiveLevel() > level:
        root.setLevel(level)
    log.info("%s started: %s", program, "; ".join(environment()))
    return Path(handler.baseFilename)


def stop() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


@contextmanager
def logging_to_file(program: str, level: int = logging.WARNING) -> Iterator[Path]:
    """`start` for the length of a call (the `crm` command: its process ends with it; a test calling it leaves no
    handler behind). A handler attached before is left as it was."""
    attached = current_file() is not None
    path = start(program, level)
    try:
        yield path
    finally:
        if not attached:
            stop()


def catch_faults(path: Path | None = None) -> Path | None:
    """A crash below Python (a segmentation fault in Qt or a driver) ends the process without an exception: let
    faulthandler write the Python stacks of that moment to faults.log beside the log, and copy what an earlier run
    left there into the log now (the run after a crash says what happened). Returns the faults file, or None when
    it cannot be opened."""
    path = path or log_file().with_name(FAULTS_NAME)
    with suppress(OSError):
        left = path.read_text("utf-8", errors="replace").strip() if path.is_file() else ""
        if left:
            log.error("the previous run ended in a fatal error:\n%s", left)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = path.open("w", encoding="utf-8")  # emptied: it holds only the last run's fault
    except OSError as exc:
        log.warning("cannot open %s: %s", path, exc)
        return None
    faulthandler.enable(stream, all_threads=True)
    global _faults  # noqa: PLW0603 - one per process, as faulthandler's own state
    _faults = stream  # kept open: faulthandler writes to its descriptor
    return path


def current_file() -> Path | None:
    """The log file this process writes to, or None before `start`."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crm-desktop")
    except PackageNotFoundError:  # run from a checkout that was never installed, or a bundle without metadata
        return "unknown"


def environment() -> list[str]:
    """The lines a bug report starts with: the program's version, Python, the operating system."""
    return [f"crm-desktop {app_version()}",
            f"Python {platform.python_version()} ({platform.python_implementation()}, {sys.executable})",
            f"{platform.platform()}"]


def summary(exc: BaseException) -> str:
    """One line for a person: the exception's type and the first line of its message."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}"[:DETAIL_CHARS] if text else type(exc).__name__


def details(exc: BaseException, extra: list[str] | None = None) -> str:
    """The text of a bug report: the environment, then the full traceback."""
    lines = [*environment(), *(extra or [])]
    return "\n".join(lines) + "\n\n" + "".join(traceback.format_exception(exc)).rstrip()


def record(exc: BaseException, where: str = "") -> Path | None:
    """Write an unexpected error with its traceback to the log; returns the log file, or None when there is none or
    it could not be written (then the record went to stderr)."""
    if not getattr(exc, LOGGED, False):  # the same error met again on its way to the user: logged once
        log.error("unexpected error%s: %s", f" in {where}" if where else "", summary(exc),
                  exc_info=(type(exc), exc, exc.__traceback__))
        with suppress(AttributeError, TypeError):  # an exception type without a __dict__ may be logged twice
            setattr(exc, LOGGED, True)
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, _LogFile) and not handler.failed:
            return Path(handler.baseFilename)
    return None
