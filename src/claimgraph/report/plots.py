"""Matplotlib figures for the brief, as inline SVG text (no files, no pyplot global state)."""

from __future__ import annotations

import datetime as dt
import io
import re

import matplotlib
from matplotlib.figure import Figure
from markupsafe import Markup

matplotlib.rcParams.update({
    "svg.fonttype": "none",  # text stays text: smaller, searchable, and escaped by the SVG writer
    "svg.hashsalt": "claimgraph",  # stable element ids, so the same store gives the same brief
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})
_XML_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def to_svg(fig: Figure) -> Markup:
    """The figure as an ``<svg>`` element to put inside HTML (prologue and DOCTYPE dropped)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return Markup(_XML_PROLOGUE.sub("", buf.getvalue(), count=1))


def bar_chart(labels: list[str], values: list[float], title: str, color: str = "#1d4e89",
              fmt: str = "{}") -> Markup:
    """Horizontal bars in the order given, first on top; ``fmt`` formats the value printed at each bar."""
    labels = [_short(label) for label in labels]
    fig = Figure(figsize=(6.4, 0.35 * max(len(labels), 2) + 0.8))
    ax = fig.add_subplot()
    ax.barh(range(len(values)), values, color=color)
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=10)
    for i, v in enumerate(values):
        ax.text(v, i, " " + fmt.format(v), va="center", fontsize=8)
    ax.xaxis.set_visible(False)
    return to_svg(fig)


def timeline_chart(points: list[tuple[dt.date, str]], title: str) -> Markup:
    """One row per event type, one dot per event at its date."""
    types = sorted({kind for _, kind in points})
    fig = Figure(figsize=(7.2, 0.4 * len(types) + 1.2))
    ax = fig.add_subplot()
    ax.scatter([d for d, _ in points], [types.index(k) for _, k in points], s=40, color="#c0392b", alpha=0.7)
    ax.set_yticks(range(len(types)), types)
    ax.set_ylim(len(types) - 0.3, -0.7)  # alphabetical from the top
    ax.grid(axis="x", color="#e5e7eb")
    ax.set_title(title, loc="left", fontsize=10)
    fig.autofmt_xdate()
    return to_svg(fig)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
