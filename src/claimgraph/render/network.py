"""The actor network drawn on the server as SVG: no script, no library, the same drawing every time.

The layout is a Fruchterman-Reingold force layout started from a circle ordered by actor type and
id, so the same graph always gives the same picture (no random seed to keep). Node area follows
mentions; each edge is an arrow in its kind's colour (``data/network/edges.yaml``), curved apart
when two actors have several kinds of edge. Every label is escaped; links go only where ``href``
says (the edge's row in the table below the drawing).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape
from typing import Any

import numpy as np
from markupsafe import Markup

from .text import ident, short, svg_open

MAX_DRAWN = 60  # busiest actors drawn; the table under the drawing lists every edge
ITERATIONS = 300
MARGIN = 70  # room for labels at the edges of the drawing
LABEL_CHARS = 28  # longer actor names are cut, so labels overlap less
TYPE_ORDER = ("state", "state_organ", "armed_group", "political_party", "igo", "ngo", "media", "person")
TYPE_COLORS = {
    "state": "#5d6d7e",
    "state_organ": "#85929e",
    "armed_group": "#a93226",
    "political_party": "#b9770e",
    "igo": "#1f618d",
    "ngo": "#d4ac0d",
    "media": "#7d3c98",
    "person": "#117864",
}


def drawn_graph(graph: dict[str, Any], limit: int = MAX_DRAWN) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(nodes, edges) to draw: actors on at least one edge, the ``limit`` busiest of them, and
    the edges between those."""
    weight: dict[str, int] = {}
    for e in graph["edges"]:
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + (e["count"] or 1)
    by_id = {n["id"]: n for n in graph["nodes"]}
    keep = sorted(weight, key=lambda a: (-weight[a], a))[:limit]
    nodes = [by_id[a] for a in sorted(keep) if a in by_id]
    kept = {n["id"] for n in nodes}
    edges = [e for e in graph["edges"] if e["source"] in kept and e["target"] in kept]
    return nodes, edges


def layout(
    node_ids: list[str],
    pairs: list[tuple[str, str]],
    width: float,
    height: float,
    types: dict[str, str | None] | None = None,
    iterations: int = ITERATIONS,
) -> dict[str, tuple[float, float]]:
    """Positions inside ``width`` x ``height`` (minus a margin) for ``node_ids`` joined by ``pairs``."""
    n = len(node_ids)
    if n == 0:
        return {}
    types = types or {}
    order = sorted(node_ids, key=lambda a: (_type_rank(types.get(a)), a))
    index = {a: i for i, a in enumerate(order)}
    angle = np.arange(n) * 2 * math.pi / n
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5
    if n > 1:
        links = np.array(
            [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b], dtype=int
        ).reshape(-1, 2)
        k = math.sqrt(1.0 / n)  # ideal distance in the unit square
        temperature = 0.1
        for _ in range(iterations):
            delta = pos[:, None, :] - pos[None, :, :]
            dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
            force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)  # repulsion
            if len(links):
                d = pos[links[:, 0]] - pos[links[:, 1]]
                length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
                pull = d / length[:, None] * (length * length / k)[:, None]
                np.add.at(force, links[:, 0], -pull)
                np.add.at(force, links[:, 1], pull)
            force -= pos * 0.05 * n  # gravity keeps unconnected parts on the page
            size = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
            pos += force / size[:, None] * np.minimum(size, temperature)[:, None]
            temperature = max(temperature * 0.985, 0.002)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo < 1e-9, 1.0, hi - lo)
    unit = (pos - lo) / span if n > 1 else np.full((1, 2), 0.5)
    x = MARGIN + unit[:, 0] * (width - 2 * MARGIN)
    y = MARGIN * 0.5 + unit[:, 1] * (height - 1.3 * MARGIN)  # labels sit below their node
    return {a: (round(float(x[i]), 1), round(float(y[i]), 1)) for a, i in index.items()}


def network_svg(
    graph: dict[str, Any],
    *,
    width: int = 900,
    height: int = 640,
    href: Callable[[dict[str, Any]], str | None] | None = None,
    limit: int = MAX_DRAWN,
) -> Markup:
    """The network as an ``<svg>`` element. ``href(edge)`` gives each edge's link (or None)."""
    nodes, edges = drawn_graph(graph, limit)
    kinds = graph.get("kinds", {})
    types = {n["id"]: n.get("type") for n in nodes}
    pos = layout([n["id"] for n in nodes], [(e["source"], e["target"]) for e in edges], width, height, types)
    parts = [
        svg_open(width, height, "network", "actor network"),
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fbfbf8"/>',
        "<defs>",
    ]
    for kind, style in kinds.items():
        parts.append(
            f'<marker id="arrow-{ident(kind)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" '
            f'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" '
            f'fill="{_color(style)}"/></marker>'
        )
    parts.append("</defs>")
    radius = {n["id"]: 5 + 2.2 * math.sqrt(n.get("mentions") or 1) for n in nodes}
    radius = {k: min(r, 22) for k, r in radius.items()}
    # Several edges between one pair of actors bend apart, each by its own offset.
    siblings: dict[frozenset, int] = {}
    for e in edges:
        pair = frozenset((e["source"], e["target"]))
        bend = siblings.get(pair, 0)
        siblings[pair] = bend + 1
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # start and end on the circles' rims, so arrowheads stay visible
        sx, sy = x1 + ux * radius[e["source"]], y1 + uy * radius[e["source"]]
        tx, ty = x2 - ux * (radius[e["target"]] + 2), y2 - uy * (radius[e["target"]] + 2)
        offset = (bend + 1) // 2 * 28 * (1 if bend % 2 else -1) if bend else 0
        if e["source"] > e["target"]:
            offset = -offset
        cx, cy = (sx + tx) / 2 - uy * offset, (sy + ty) / 2 + ux * offset
        style = kinds.get(e["kind"], {})
        ontology_only = e["basis"] == ["ontology"]
        stroke = 1.2 if ontology_only else min(1.5 + 1.2 * math.log2(1 + e["count"]), 7)
        dash = ' stroke-dasharray="5 4"' if ontology_only else ""
        title = f"{e['source']} {e['kind']} {e['target']}: " + (
            "ontology" if ontology_only else f"{e['count']} sentence(s) in {e['documents']} document(s)"
        )
        line = (
            f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}" fill="none" '
            f'stroke="{_color(style)}" stroke-width="{stroke:.1f}" stroke-opacity="0.8"{dash} '
            f'marker-end="url(#arrow-{ident(e["kind"])})" class="net-edge kind-{ident(e["kind"])}">'
            f"<title>{escape(title)}</title></path>"
        )
        link = href(e) if href else None
        parts.append(f'<a href="{escape(link)}">{line}</a>' if link else line)
    for n in nodes:
        x, y = pos[n["id"]]
        r = radius[n["id"]]
        label = n.get("name") or n["id"]
        # keep the label on the drawing: a node near the side gets its label moved inwards
        half = 3.2 * len(short(label, LABEL_CHARS))
        lx = min(max(x, half + 2), width - half - 2)
        tip = (
            f"{label} ({n.get('type') or 'actor'}): {n.get('mentions', 0)} mention(s) in "
            f"{n.get('documents', 0)} document(s)"
        )
        parts.append(
            f'<g class="net-node"><circle cx="{x}" cy="{y}" r="{r:.1f}" '
            f'fill="{TYPE_COLORS.get(n.get("type") or "", "#909497")}" stroke="#fff" stroke-width="1.5">'
            f"<title>{escape(tip)}</title></circle>"
            f'<text x="{lx:.1f}" y="{y + r + 12:.1f}" font-size="11" text-anchor="middle" fill="#1f2933">'
            f"{escape(short(label, LABEL_CHARS))}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(graph: dict[str, Any]) -> list[dict[str, str]]:
    """The kinds present in ``graph`` with their colour and meaning, for a legend beside the drawing."""
    present = {e["kind"] for e in graph["edges"]}
    return [
        {"kind": k, "color": _color(v), "label": v.get("label", k)}
        for k, v in graph.get("kinds", {}).items()
        if k in present
    ]


def _type_rank(actor_type: str | None) -> int:
    return TYPE_ORDER.index(actor_type) if actor_type in TYPE_ORDER else len(TYPE_ORDER)


def _color(style: dict[str, str]) -> str:
    value = style.get("color", "#555555")
    # colours come from the shipped data file; anything else is not put into an attribute
    return (
        value
        if len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])
        else "#555555"
    )
