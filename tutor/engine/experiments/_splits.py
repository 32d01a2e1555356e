"""Split sizes as scikit-learn computes them, known before any data is generated (for the rules)."""

from __future__ import annotations

import math


def split_sizes(n_samples: int, test_size: float) -> tuple[int, int]:
    """(n_train, n_test) exactly as train_test_split computes them for a float test_size."""
    n_test = math.ceil(test_size * n_samples)
    return n_samples - n_test, n_test
