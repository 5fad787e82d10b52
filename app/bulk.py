"""`building()`: Python's cyclic garbage collector paused while a result of a hundred thousand small objects is
built (reminders, report rows). Those objects hold no reference cycles, so nothing is lost by not looking for them;
but each few hundred new objects would otherwise start a collection, and every so often one that walks the whole
heap — at 100,000 customers that was a fifth of the reminders' time. Reference counting still frees everything
as usual; the collector runs again when the last builder is done."""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_builders = [0]  # how many threads are building now; the collector is back on when the last one is done
_was_enabled = [True]  # whether it was on when the first of them started


@contextmanager
def building() -> Iterator[None]:
    with _lock:
        _builders[0] += 1
        if _builders[0] == 1:
            _was_enabled[0] = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _builders[0] -= 1
            if _builders[0] == 0 and _was_enabled[0]:
                gc.enable()

