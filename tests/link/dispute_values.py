"""One figure value of a dispute (``link.disputes.values.Value``) for the tests that compare values without a
store: a count of the killed in block "c:x", said by ``source`` on ``date``. Only the fields a test is about
need naming; the intervals follow model.Figure ("at least N" is [N, inf), "up to N" [0, N])."""

from __future__ import annotations

from claimgraph.link.disputes.values import INF, Value

INTERVALS = {"exact": lambda n: (n, n), "at_least": lambda n: (n, INF), "at_most": lambda n: (0.0, n)}


def figure_value(number, qualifier: str = "exact", **fields) -> Value:
    """A value of ``number`` (its interval by ``qualifier``); ``fields`` override any other field ("source",
    "date", "speaker", "text", ...). The document is the source's unless ``doc_id`` is given."""
    low, high = INTERVALS[qualifier](float(number))
    source = fields.pop("source", "A")
    values = {
        "block": "c:x",
        "label": "x",
        "measure": "killed",
        "group": None,
        "doc_id": source,
        "source": source,
        "value": str(number),
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "date": "2024-01-01",
        "firmness": 0.7,
    }
    values.update(fields)
    return Value(**values)
