"""Items joined into groups where a relation holds, transitively (union-find): the accounts of a dispute
(values the same or compatible), the acts of a cluster (doers of one act)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def joined(items: Sequence[T], together: Callable[[T, T], bool]) -> list[list[T]]:
    """``items`` joined where ``together`` holds of a pair, transitively; groups and their members in input
    order."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if find(i) != find(j) and together(items[i], items[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[T]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[find(i)].append(item)
    return list(groups.values())
