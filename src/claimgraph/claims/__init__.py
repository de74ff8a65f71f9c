"""Claims: every checkable assertion in a document, with who asserts it, how firmly, on what evidence.

``extract_claims(doc)`` is the pipeline stage. The parts: ``attribution`` (source, cue, content
spans), ``detect`` (check-worthiness), ``status`` (epistemic status, evidence grade, polarity),
``speakers`` (a speaker's head, actor, name; pronouns); their word lists are in
``data/claims/<language>/`` (English and Russian).
"""

from claimgraph.claims.extract import author_label, extract_claims

__all__ = ["author_label", "extract_claims"]
