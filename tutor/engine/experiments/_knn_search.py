"""KNN's grid search over k with as few neighbour queries as possible (topic 7's speed).

GridSearchCV(KNeighborsClassifier(), {"n_neighbors": ks}, cv=cv, scoring="accuracy") fits and
queries a fresh KNN for every k in every fold: 15 ks x 20 folds x 2 searches is 600 KNN queries,
seconds at 5,000 samples. Here the k nearest neighbours are the first k of the largest k's, so
one query serves every k, and with many folds one query of all the samples serves every fold
(a sample's neighbours in its fold's training part are its neighbours in all the samples, minus
those in its own fold) and the training accuracy too. A running count of class-1 votes gives
each k's prediction (a tie goes to class 0, as KNeighborsClassifier's mode and argmax do).

The numbers are GridSearchCV's, bit for bit (tested against it): the folds are StratifiedKFold's,
distances come from the same KD-tree arithmetic KNeighborsClassifier uses, accuracy is
correct/n as accuracy_score computes it, the means come from the same (candidates x folds) array
and np.average, and the best k is the first of the highest means (GridSearchCV's rank 1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.support.lazy import lazy

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy("numpy")

_LEAF_SIZE = 30  # KNeighborsClassifier's default


def _nearest(X_fit: np.ndarray, X_query: np.ndarray, k: int) -> np.ndarray:
    """Indices into X_fit of each query's k nearest points, nearest first."""
    from sklearn.neighbors import KDTree

    _, indices = KDTree(X_fit, leaf_size=_LEAF_SIZE).query(X_query, k=k)
    found: np.ndarray = np.asarray(indices, dtype=np.intp)  # scikit-learn ships no types
    return found


def _correct(labels: np.ndarray, y: np.ndarray, ks: Sequence[int]) -> np.ndarray:
    """(len(ks), n) booleans: is k-NN's majority vote over each row of neighbour labels right?"""
    ones = np.cumsum(labels == 1, axis=1)  # ones[:, j]: class-1 votes among the j + 1 nearest
    return np.stack([(2 * ones[:, k - 1] > k).astype(y.dtype) == y for k in ks])  # a tie is class 0


def accuracies(
    X_fit: np.ndarray, y_fit: np.ndarray, X_eval: np.ndarray, y_eval: np.ndarray, ks: Sequence[int]
) -> list[float]:
    """Accuracy on (X_eval, y_eval) of KNeighborsClassifier(n_neighbors=k).fit(X_fit, y_fit) for each k (labels 0/1)."""
    right = _correct(y_fit[_nearest(X_fit, X_eval, max(ks))], y_eval, ks)
    return [int(count) / len(y_eval) for count in np.count_nonzero(right, axis=1)]


def _room(kmax: int, cv: int) -> int:
    """Neighbours to ask for so that about kmax lie outside the own fold (1/cv of them are in it)."""
    return math.ceil(kmax * cv / (cv - 1) + 4 * math.sqrt(kmax / (cv - 1)) + 4)


def _outside_own_fold(
    X: np.ndarray, fold_of: np.ndarray, folds: list[np.ndarray], kmax: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's kmax nearest outside its own fold, and its kmax nearest overall (itself first).

    One query of every sample with room for the own-fold points expected among its neighbours; the
    rare sample that still has fewer than kmax others is asked again of its fold's training part.
    """
    nearest = _nearest(X, X, min(len(fold_of), _room(kmax, len(folds))))
    outside = fold_of[nearest] != fold_of[:, None]
    # A stable sort puts each row's outside neighbours first, in their order of distance.
    first = np.argsort(~outside, axis=1, kind="stable")[:, :kmax]
    found = np.take_along_axis(nearest, first, axis=1)
    for fold in np.unique(fold_of[np.count_nonzero(outside, axis=1) < kmax]):
        train = np.flatnonzero(fold_of != fold)
        short = np.flatnonzero((fold_of == fold) & (np.count_nonzero(outside, axis=1) < kmax))
        found[short] = train[_nearest(X[train], X[short], kmax)]
    return found, nearest[:, :kmax]


def search(
    X: np.ndarray, y: np.ndarray, ks: Sequence[int], cv: int, train: bool
) -> tuple[list[float], int, list[float]]:
    """GridSearchCV's `mean_test_score` per k and `best_index_` for KNN on labels 0/1, and (if `train`)
    each k's accuracy on the samples it was fit on (KNeighborsClassifier(k).fit(X, y).score(X, y))."""
    from sklearn.model_selection import StratifiedKFold

    folds = [test for _, test in StratifiedKFold(n_splits=cv).split(X, y)]
    fold_of = np.empty(len(y), dtype=np.intp)
    for number, test in enumerate(folds):
        fold_of[test] = number
    kmax = max(ks)
    train_scores: list[float] = []
    # One query for the folds and the training accuracy together asks for ~kmax * cv / (cv - 1)
    # neighbours instead of kmax twice: cheaper from 3 folds on. Without the training accuracy, each
    # fold's own query (kmax neighbours among fewer samples) is always the cheaper.
    if train and cv >= 3:
        outside, overall = _outside_own_fold(X, fold_of, folds, kmax)
        if train:
            train_scores = [int(c) / len(y) for c in np.count_nonzero(_correct(y[overall], y, ks), axis=1)]
    else:
        outside = np.empty((len(y), kmax), dtype=np.intp)
        for number, test in enumerate(folds):
            rest = np.flatnonzero(fold_of != number)
            outside[test] = rest[_nearest(X[rest], X[test], kmax)]
        if train:
            train_scores = accuracies(X, y, X, y, ks)
    right = _correct(y[outside], y, ks)
    scores = np.empty((len(ks), cv), dtype=np.float64)  # GridSearchCV's (n_candidates, n_splits) array
    for number, test in enumerate(folds):
        scores[:, number] = [int(c) / len(test) for c in np.count_nonzero(right[:, test], axis=1)]
    means = np.average(scores, axis=1)
    return [float(m) for m in means], int(np.argmax(means)), train_scores  # argmax: the first best, rank 1
