"""The brief: one standalone HTML file summing up a store, for readers without the workbench.

    claimgraph report --db store.duckdb --out brief.html

Everything is inside the file (CSS inline, plots as inline SVG); it makes no request when opened.
Document text is escaped by Jinja2's autoescape; every item links to its source document, listed
at the end of the brief with its provenance, and every sentence the cross-source sections cite
(contested propositions, actor network, ACH boards) is quoted in the brief under its own anchor.
"""

from claimgraph.report.brief import build_brief, write_brief

__all__ = ["build_brief", "write_brief"]
