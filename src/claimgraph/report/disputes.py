"""The brief's Disputes section: what the workbench's Disputes page shows, offline. Each value's
sentence is quoted once under "Cited sentences" (``sections.Citations``) and linked from its row;
a disputed figure's spread is drawn as a dot plot."""

from __future__ import annotations

from typing import Any

from claimgraph.render.dotplot import dot_plot
from claimgraph.store import Store

from .sections import Citations

DISPUTES_SHOWN = 15


def disputes_section(store: Store, cite: Citations, width: int = 820) -> list[dict[str, Any]]:
    """The most divergent disputes, each with its values (linked to their quoted sentences) and,
    for a figure, its dot plot. Empty on a store whose disputes were never computed."""
    from claimgraph.link.disputes import list_disputes

    out = []
    for d in list_disputes(store, limit=DISPUTES_SHOWN):
        rows = []
        for v in d["values"]:
            kind, item = ("claim", v["claim_id"]) if v["claim_id"] else ("event", v["event_id"])
            href = cite.cite(
                kind, item, v["doc_id"], v["text"], speaker=v["speaker"], status=v["status"], source=v["source"]
            )
            rows.append({**v, "href": href})
        plot = dot_plot(d["values"], d["label"], width=width) if d["kind"] == "figures" else None
        out.append({**d, "values": rows, "plot": plot})
    return out
