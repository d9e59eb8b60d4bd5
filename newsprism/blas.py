"""Keep numpy's BLAS to one thread where threads only get in the way (``threadpoolctl``'s job, in 40 lines).

A matrix-vector product over a few thousand rows does not gain from threads, and on a busy machine
OpenBLAS threads that spin-wait for a core make it tens of times slower (measured: 16 ms instead of
0.4 ms on two shared cores). The clusterer and the USE embedder run inside ``single_blas_thread()``. It
uses ``threadpoolctl`` when installed, else calls OpenBLAS' own setter through ctypes; when neither
is possible it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_SETTERS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_", "openblas_get_num_threads")


@lru_cache(maxsize=1)
def _openblas() -> list[tuple[Any, Any]]:
    """``(getter, setter)`` of every OpenBLAS numpy loaded."""
    import numpy

    base = os.path.dirname(os.path.dirname(numpy.__file__))
    found = []
    for path in glob.glob(os.path.join(base, "numpy.libs", "*openblas*.so*")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        get = next((getattr(lib, n) for n in _GETTERS if hasattr(lib, n)), None)
        put = next((getattr(lib, n) for n in _SETTERS if hasattr(lib, n)), None)
        if get is not None and put is not None:
            get.restype = ctypes.c_int
            put.argtypes = [ctypes.c_int]
            found.append((get, put))
    return found


@lru_cache(maxsize=1)
def _threadpoolctl() -> Any:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return threadpool_limits


@contextlib.contextmanager
def single_blas_thread() -> Iterator[None]:
    """Run the block with one BLAS thread, then restore the previous setting."""
    threadpool_limits = _threadpoolctl()
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
        return
    libs = _openblas()
    previous = [get() for get, _ in libs]
    for _, put in libs:
        put(1)
    try:
        yield
    finally:
        for (_, put), count in zip(libs, previous, strict=True):
            put(count)


__all__ = ["single_blas_thread"]
