"""Events: what happened, who did it to whom, where, when, how many died, and who claims it.

``detect_events(doc)`` is the pipeline stage (taxonomy → triggers → slots); ``cluster_events``
groups reports of one event across documents; ``classify_text`` types a snippet with one of the
30 CASE 2021 types.
"""

from claimgraph.events.detect import detect_events, find_triggers
from claimgraph.events.taxonomy import Taxonomy

__all__ = ["detect_events", "find_triggers", "Taxonomy"]
