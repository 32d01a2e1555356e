"""One BLAS/OpenMP thread: the data sets are tiny, so extra threads only contend with the UI."""

from __future__ import annotations

import os

_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_threads() -> None:
    """Ask numerical libraries for one thread (unless the user chose); call before they load."""
    # On a shared 2-core machine more threads make scikit-learn calls several times slower.
    for variable in _VARIABLES:
        os.environ.setdefault(variable, "1")
