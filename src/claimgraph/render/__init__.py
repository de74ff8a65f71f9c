"""Drawing and highlighting, in one place for the workbench (``serve/``), the brief (``report/``)
and the terminal (``cli/``).

- ``highlight``: a document's text as safe HTML with its claims, events and entities marked;
- ``terminal``: the same marks as rich text for the terminal;
- ``network``, ``map``, ``timeline``, ``bars``: SVG drawings made in Python (no script, no
  request, the same drawing for the same data), inline in a page or in the standalone brief.

Every piece of scraped text goes through ``html.escape`` before it reaches markup; the modules
here return ``Markup`` so templates never need ``|safe``.
"""
