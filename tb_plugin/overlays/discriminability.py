"""The discriminability of filters: the mean over class pairs of the L2 distance between class-averaged maps.

For a layer's class-averaged activation maps ``[C, F, P]`` (the classes that
have examples), filter ``f``'s discriminability is the mean over the
``C(C − 1)/2`` class pairs of ``‖maps[a, f] − maps[b, f]‖₂``.

Exact up to :data:`MAX_EXACT_PAIRS` pairs (100 classes), from one batched Gram
matrix per chunk of filters (``‖a − b‖² = ‖a‖² + ‖b‖² − 2a·b``), and for maps
of one position at any class count (a sort). The mean pairwise distance has no
exact algorithm below ``C²`` in general, and ResNet-50 at 1,000 classes took
minutes; so above the bound it is estimated from a uniform sample of
:data:`MAX_EXACT_PAIRS` distinct pairs drawn with a fixed seed: the same pairs
for every filter of a layer, on every run and on every ``torch.distributed``
rank (it runs after the all-reduce, on identical sums). Its standard error
(with the finite-population correction) is stated with the result.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MAX_EXACT_PAIRS", "class_pair_sample", "exact_discriminability", "layer_discriminability"]

# Class pairs up to which the discriminability is exact (100 seen classes); above, the mean over a seeded
# uniform sample of this many pairs. The cost is then about that of 100 classes at any class count, and the
# standard error the spread of the distances over √4,950 ≈ 70: ResNet-50 (random weights, one image per
# class, 256 classes) states 0.2–17% for the least certain filter of a layer, whose distances are few
# large ones among many near zero; the exact mean took 4.6× the CPU there, and grows as C².
MAX_EXACT_PAIRS = 4950
PAIR_SAMPLE_SEED = 14
# Elements of the C × C Gram matrices computed at once (exact).
_GRAM_CHUNK = 2**24
# Elements of the pair differences computed at once (sampled).
_PAIR_CHUNK = 2**22


def layer_discriminability(maps: np.ndarray, max_pairs: int | None = None) -> tuple[np.ndarray, str]:
    """The discriminability of each filter from ``maps`` ``[C, F, P]`` (seen classes), and a note for ``hooked``.

    Exact up to ``max_pairs`` class pairs, and for maps of one position at any
    class count (a sort). Above, the mean over a seeded uniform sample of
    ``max_pairs`` pairs (default :data:`MAX_EXACT_PAIRS`; :func:`class_pair_sample`),
    the same pairs for every filter; the note says how many of how many pairs
    and the worst relative standard error over the filters. Empty when exact.

    >>> maps = np.arange(24.0).reshape(4, 1, 6) ** 1.5
    >>> exact, note = layer_discriminability(maps)
    >>> note, bool(np.allclose(exact, exact_discriminability(maps)))
    ('', True)
    >>> print(layer_discriminability(maps, max_pairs=3)[1])
    ; discriminability estimated from 3 of 6 class pairs (a seeded uniform sample; worst relative standard error 28.1%)
    """
    max_pairs = MAX_EXACT_PAIRS if max_pairs is None else max_pairs
    classes = maps.shape[0]
    total = classes * (classes - 1) // 2
    if total <= max_pairs or maps.shape[2] == 1:
        return exact_discriminability(maps), ""
    first, second = class_pair_sample(classes, max_pairs)
    mean, error = _sampled_discriminability(maps, first, second, total)
    relative = np.divide(error, mean, out=np.zeros_like(error), where=mean > 0)
    worst = float(relative.max(initial=0.0))
    note = (f"; discriminability estimated from {max_pairs:,} of {total:,} class pairs "
            f"(a seeded uniform sample; worst relative standard error {worst:.1%})")
    return mean, note


def class_pair_sample(classes: int, count: int, seed: int = PAIR_SAMPLE_SEED) -> tuple[np.ndarray, np.ndarray]:
    """``count`` distinct pairs ``a < b`` of ``classes`` classes, uniform without replacement, in order.

    Seeded: the same pairs on every run and every rank (the class count is
    agreed on by the all-reduce before this runs).

    >>> first, second = class_pair_sample(5, 4)
    >>> bool((first < second).all()), len(set(zip(first.tolist(), second.tolist())))
    (True, 4)
    >>> bool((class_pair_sample(5, 4)[1] == second).all())
    True
    """
    total = classes * (classes - 1) // 2
    chosen = np.sort(np.random.default_rng(seed).choice(total, size=count, replace=False))
    # Pair k in row-major order of the upper triangle: row a starts at a*C - a*(a+1)/2.
    starts = np.arange(classes) * classes - np.arange(classes) * (np.arange(classes) + 1) // 2
    first = np.searchsorted(starts, chosen, side="right") - 1
    second = chosen - starts[first] + first + 1
    return first, second


def _sampled_discriminability(maps: np.ndarray, first: np.ndarray, second: np.ndarray, total: int):
    """Per filter, the mean of ``‖maps[a, f] − maps[b, f]‖₂`` over the given pairs and its standard error
    as an estimate of the mean over all ``total`` pairs (with the finite-population correction).

    Distances come from the differences themselves, not a Gram matrix: in
    ``‖a‖² + ‖b‖² − 2a·b`` two close maps lose their distance to rounding.
    """
    import torch

    x = torch.from_numpy(np.ascontiguousarray(maps))
    first, second = torch.from_numpy(first), torch.from_numpy(second)
    count, filters = len(first), maps.shape[1]
    distances = torch.empty((count, filters), dtype=x.dtype)
    chunk = max(1, _PAIR_CHUNK // max(1, filters * maps.shape[2]))
    for start in range(0, count, chunk):
        part = slice(start, start + chunk)
        torch.linalg.vector_norm(x[first[part]] - x[second[part]], dim=2, out=distances[part])
    d = distances.numpy()
    mean = d.mean(axis=0)
    spread = d.std(axis=0, ddof=1) if count > 1 else np.zeros(filters)
    correction = np.sqrt((total - count) / max(total - 1, 1))
    return mean, spread / np.sqrt(count) * correction


def exact_discriminability(maps: np.ndarray) -> np.ndarray:
    """Mean over class pairs of ``‖maps[a, f] − maps[b, f]‖₂``; ``maps`` is ``[C, F, P]``. Exact.

    Per chunk of filters, the C × C squared distances come from one batched
    Gram matrix; maps of one position use the sorted form
    ``Σ_{a<b} |x_a − x_b| = Σ_k (2k − C + 1) x_(k)``.

    >>> exact_discriminability(np.array([[[0.0, 0.0]], [[3.0, 4.0]], [[0.0, 0.0]]])).tolist()
    [3.3333333333333335]
    """
    classes, filters = maps.shape[0], maps.shape[1]
    if classes < 2:
        return np.zeros(filters)
    pairs = classes * (classes - 1) / 2
    if maps.shape[2] == 1:
        ranks = 2.0 * np.arange(classes) - classes + 1
        return (np.sort(maps[:, :, 0], axis=0) * ranks[:, None]).sum(axis=0) / pairs
    total = np.zeros(filters)
    chunk = max(1, _GRAM_CHUNK // (classes * classes))
    upper = np.triu(np.ones((classes, classes), dtype=bool), k=1)
    for start in range(0, filters, chunk):
        x = np.ascontiguousarray(maps[:, start:start + chunk].transpose(1, 0, 2))  # [f, C, P]
        sq = np.einsum("fcp,fcp->fc", x, x)
        d2 = sq[:, :, None] + sq[:, None, :] - 2.0 * np.matmul(x, x.transpose(0, 2, 1))
        total[start:start + chunk] = np.sqrt(np.maximum(d2, 0.0))[:, upper].sum(axis=1)
    return total / pairs
