"""Lists passed to a query as one JSON text, unnested in SQL.

DuckDB's Python binding converts a list parameter element by element, and for each one it tries to
import pandas (to recognise its missing-value markers): where pandas is not installed every element
pays a failed import, ~85 us. The linking steps pass lists of thousands of ids per query (claims,
propositions, vector keys), which cost them seconds per run. One JSON text is parsed by DuckDB
itself: ~0.5 us per element, the same values (strings and doubles round-trip exactly).
"""

from __future__ import annotations

import json
from collections.abc import Iterable


def unnested(name: str, sql_type: str = "VARCHAR") -> str:
    """The rows of the JSON list parameter ``$name`` (``as_json``), as a subquery: ``x IN {unnested('ids')}``."""
    return f"(SELECT {unnest(name, sql_type)})"


def unnest(name: str, sql_type: str = "VARCHAR") -> str:
    """``unnest`` of the JSON list parameter ``$name`` as ``sql_type`` values, for a SELECT list."""
    return f"unnest(from_json(${name}::JSON, '[\"{sql_type}\"]'))"


def as_json(values: Iterable) -> str:
    """``values`` as the JSON text a parameter that ``unnested`` reads is given."""
    return json.dumps(list(values))
