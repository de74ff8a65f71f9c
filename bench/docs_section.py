"""Write a benchmark's figures into its own section of a docs/ file (used by the benches' --write)."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, section: str, text: str, title: str) -> None:
    """Replace the part of ``path`` from the ``section`` heading to the next "## " heading with
    ``text`` (other sections are kept), or append ``text`` when the section is not there yet.
    A missing file starts with ``title``."""
    current = path.read_text(encoding="utf-8") if path.exists() else f"{title}\n"
    if section in current:
        head, _, rest = current.partition(section)
        nxt = rest.find("\n## ")
        current = head + text + (rest[nxt + 1 :] if nxt >= 0 else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")
