"""Work spread over every core by forked worker processes.

A fork inherits the build's state (articles, settings, the theme environment), so workers
get only an index and nothing large is pickled on the way in; hooks/ is not on sys.path
for a spawned process, another reason to fork. Where fork is missing, or the work is too
small to pay for starting processes, it runs here.

The parent's objects are frozen out of the garbage collector's reach while workers run
(gc.freeze): a collection in a worker would otherwise write to every object's header and so
copy, page by page, the whole heap the fork shared.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, TypeVar

T = TypeVar("T")

# The task of the current map: set just before the pool starts, inherited by the children.
_TASK: Callable[[int], object] | None = None


def fork_map(task: Callable[[int], T], count: int, *, min_per_worker: int, chunksize: int = 32,
             workers: int | None = None) -> list[T]:
    """[task(0), …, task(count - 1)], on every core (or `workers` processes) when each has at
    least `min_per_worker`."""
    workers = min(workers or os.cpu_count() or 1, count // max(1, min_per_worker))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(number) for number in range(count)]
    global _TASK
    _TASK = task
    frozen_here = gc.get_freeze_count() == 0  # (under `mkdocs serve` the heap may be frozen already)
    if frozen_here:
        gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        results = pool.map(_run, range(count), chunksize=chunksize)
        pool.close()  # each worker ends on its own once the tasks are done
    except BaseException:
        # only on failure: Pool's terminate (which its context manager always calls) can hang
        # with a worker waiting for the task queue (CPython issues 78178, 96995), as a cold
        # build of the benchmark did
        pool.terminate()
        raise
    finally:
        pool.join()
        _TASK = None
        if frozen_here:
            gc.unfreeze()
    return results


def _run(number: int):
    return _TASK(number)  # type: ignore[misc]
