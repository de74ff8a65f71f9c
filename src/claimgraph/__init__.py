"""claimgraph: a provenance-linked graph of actors, events and claims from messy documents."""

__version__ = "0.1.0"
