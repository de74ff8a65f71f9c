"""The local engine: the pipeline in process, or in a pool of worker processes.

The parent reads the inputs (one stream, in order) and hands documents to the workers in chunks;
results come back in input order, so duplicate detection and the store writes, which the parent
does alone, see exactly the sequence ``--workers 1`` sees and the store ends up the same for any N.

Memory stays flat: at most ``max_in_flight`` chunks are out at once, and the parent holds nothing
else per document. Workers are started with ``forkserver`` (``spawn`` where that is missing), never
``fork``: the parent holds a DuckDB connection and threads that a forked child must not inherit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from claimgraph.errors import InputError
from claimgraph.model import Document, Source, new_document
from claimgraph.pipeline import Pipeline

# Documents per task: large enough that pickling and queue round trips (~0.1 ms each) are noise
# next to the ~10+ ms a document takes, small enough that a slow document does not stall the window.
CHUNK_DOCUMENTS = 16
# Chunks in flight per worker: two keeps each worker busy while the parent stores the last result.
CHUNKS_PER_WORKER = 3
# How often a worker checks that the run it works for is still alive (seconds).
PARENT_CHECK_SECONDS = 1.0
# Modules the forkserver imports once, before it forks the workers, so that no worker imports them
# itself (CPU s a worker, measured: the pipeline's modules ~0.5; spaCy ~1.3, accurate mode only).
# "__main__" is multiprocessing's own default. A name that cannot be imported is skipped.
WORKER_PRELOAD = ("__main__", "claimgraph.engines.local")
ACCURATE_PRELOAD = ("spacy",)

Item = Document | InputError

# The worker's pipeline and what it applies to its output, set once by the initializer: a worker
# process is started for one run, and the pool's tasks can only reach it through module state.
_worker_pipeline: Pipeline | None = None
_worker_prepare = None


def default_workers() -> int:
    """One worker per core: the parent mostly waits on the workers and on DuckDB."""
    return os.cpu_count() or 1


def _start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


class LocalEngine:
    """The runner's default engine (``runner.Engine``): ``process_parallel`` with ``workers`` processes."""

    def __init__(self, workers: int | None = 1):
        self.workers = workers

    def process(self, items: Iterable[Item], options, prepare: Callable[[Item], object] | None = None) -> Iterator:
        return process_parallel(items, options, self.workers, prepare=prepare)


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), None where /proc is missing: with
    the pid it tells the run's process from a later one that reuses its pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else: not our run, whose pid was reused
        return False
    return started is None or _start_time(pid) == started


def _exit_with_parent(pid: int, started: str | None) -> None:
    """End this worker when the run that started it is gone. A run killed with SIGKILL never shuts
    its pool down; its workers (children of the forkserver, not of the run) would otherwise wait
    for work forever, ~300 MB each."""
    while _alive(pid, started):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _init_worker(
    options, prepare, parent: tuple[int, str | None] | None = None, log_level: int = logging.WARNING
) -> None:
    """Build the pipeline once per worker and run it on a tiny document, so no task pays a model
    load and a model that cannot load fails at start, not mid-run. ``log_level``: the parent's, so
    `--log-level debug` shows the tracebacks of documents that fail in a worker too (a forkserver
    worker starts with logging unconfigured)."""
    global _worker_pipeline, _worker_prepare
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=parent, name="exit-with-run", daemon=True).start()

    _worker_pipeline = Pipeline.from_settings(options)
    _worker_prepare = prepare
    warm = new_document(Source("<warm-up>", "txt"), "Officials in Kabul said on Monday that the road was closed.\n")
    list(_worker_pipeline.stream([warm]))


def preload_modules(options) -> tuple[str, ...]:
    """What the forkserver imports for workers of a run with ``options`` (``WORKER_PRELOAD``)."""
    return WORKER_PRELOAD + (ACCURATE_PRELOAD if options.mode == "accurate" else ())


def _process_chunk(items: list[Item]) -> list:
    processed = _worker_pipeline.stream(items)
    return list(processed if _worker_prepare is None else map(_worker_prepare, processed))


def process_parallel(
    items: Iterable[Item],
    options,
    workers: int | None = None,
    chunk: int = CHUNK_DOCUMENTS,
    max_in_flight: int | None = None,
    prepare: Callable[[Item], object] | None = None,
) -> Iterator:
    """``Pipeline.stream`` over ``workers`` processes, in input order (``options``: a
    ``settings.Settings``).

    ``prepare``, when given, is applied to each processed document or error in the worker and its
    result is yielded instead (a module-level function: it is pickled by name): what the caller
    does with a document anyway is then done in parallel, and what crosses back can be smaller and
    cheaper to unpickle than a Document (``runner.run`` renders the store's rows there).

    The pool starts only once the input holds more than one chunk: a handful of documents is done in
    process sooner than workers start (~1 s). ``items`` is consumed lazily, at most
    ``max_in_flight`` chunks ahead of what the caller has taken.
    """
    workers = workers or default_workers()
    max_in_flight = max_in_flight or workers * CHUNKS_PER_WORKER
    stream = iter(items)
    first = list(islice(stream, chunk))
    second = list(islice(stream, chunk))
    if workers <= 1 or not second:
        stages = Pipeline.from_settings(options).stream
        for part in (first, second, stream):
            yield from (stages(part) if prepare is None else map(prepare, stages(part)))
        return

    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "forkserver":  # effective where this process starts its forkserver
        context.set_forkserver_preload(list(preload_modules(options)))
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(
            options,
            prepare,
            (os.getpid(), _start_time(os.getpid())),
            logging.getLogger("claimgraph").getEffectiveLevel(),
        ),
    ) as pool:
        pending: deque[Future] = deque([pool.submit(_process_chunk, first), pool.submit(_process_chunk, second)])
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < max_in_flight:
                batch = list(islice(stream, chunk))
                if not batch:
                    exhausted = True
                    break
                pending.append(pool.submit(_process_chunk, batch))
            if pending:
                yield from pending.popleft().result()
