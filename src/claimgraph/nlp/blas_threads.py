"""numpy's BLAS held to one thread in a process that runs the pipeline.

The stages multiply small matrices per sentence (the cue head's projection of ~10-30 token states, the
heads' dense features): OpenBLAS, as numpy's wheels bundle it, shares a product out to every core once it
passes a size threshold (a (30, 384) by (384, 64) product does), and its threads then spin while they
wait. On the 2-core machine, with the run's workers holding the cores, that made the cue head's
projection 3.9 ms CPU instead of 0.04 (measured alone, 2,000 calls) and ~22 instead of ~5 ms per 5.8 KB
document in the pipeline. The pipeline's other libraries already run one thread per worker (onnxruntime's
sessions: link/embeddings.py, events/parse_gemm.py). One thread also makes the numbers the machine's
own no more: OpenBLAS shares a product out by the core count, with other kernels for the parts, so on 2
threads 28 of 70 float products of test sizes differed from one thread's in their last bits (up to
6e-5), and would differ again on 16 cores; on one thread they are the same on any machine.

No runtime dependency (threadpoolctl does this generally): the loaded OpenBLAS is found in
``/proc/self/maps`` and its ``set_num_threads`` called through ctypes; where there is none (another BLAS,
no /proc) nothing changes.
"""

from __future__ import annotations

import ctypes
import functools

# the setter's names: numpy's own wheels (scipy-openblas, 64-bit integers), then a plain OpenBLAS
SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
GETTERS = tuple(name.replace("set_num", "get_num") for name in SETTERS)


def openblas_paths() -> list[str]:
    """The files of the OpenBLAS libraries loaded in this process (Linux; empty elsewhere)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return []
    paths = {parts[5] for parts in (line.split(None, 5) for line in lines) if len(parts) == 6}
    return sorted(p for p in paths if "openblas" in p.rsplit("/", 1)[-1].lower())


def _function(path: str, names: tuple[str, ...]):
    try:
        library = ctypes.CDLL(path)  # already loaded: the same handle, nothing is loaded twice
    except OSError:
        return None
    for name in names:
        found = getattr(library, name, None)
        if found is not None:
            return found
    return None


def blas_threads() -> list[int]:
    """The thread count of each loaded OpenBLAS (for tests and benchmarks)."""
    import numpy  # noqa: F401  (loads numpy's BLAS)

    getters = [_function(path, GETTERS) for path in openblas_paths()]
    return [int(get()) for get in getters if get is not None]


@functools.cache
def one_blas_thread() -> bool:
    """Hold every loaded OpenBLAS to one thread (once per process); whether one was found."""
    import numpy  # noqa: F401  (loads numpy's BLAS)

    done = False
    for path in openblas_paths():
        setter = _function(path, SETTERS)
        if setter is not None:
            setter(ctypes.c_int(1))
            done = True
    return done
