"""Whether a header line's name is a place's: a dateline's town is no outlet.

A statement saved as text often has its issuing town on a line of its own under the title
("Naypyitaw", "Kinshasa", "Bogotá, Colombia"), where an outlet's name would stand. Only the gazetteer
tells the two apart, so header patterns with a ``place`` group ask it here. The gazetteer is loaded on
the first such question (the pipeline's entity stage loads the same cached one), not with the rules.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=4096)
def is_place_name(name: str) -> bool:
    """Whether ``name`` (a whole line's name, as written) is a country, a first-level division or a
    town of the gazetteer, the world's towns included."""
    from claimgraph.entities.places import Gazetteer  # lazy: reading it costs a second or two

    name = " ".join(name.split())
    return bool(name) and Gazetteer.load().knows(name)
