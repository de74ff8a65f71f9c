"""HTTP statuses of claimgraph's errors, by type (errors.py): the API's JSON answers and the
pages' error pages give the same status for the same failure."""

from __future__ import annotations

from claimgraph.errors import Ambiguous, BadInput, ClaimgraphError, Conflict, NotFound

# An ambiguous id prefix or name is a request to narrow down, as a bad value is (400).
STATUS_BY_TYPE: dict[type[ClaimgraphError], int] = {NotFound: 404, Ambiguous: 400, Conflict: 409, BadInput: 400}
# An error of no particular type (a store that cannot be read, a model that cannot load): the
# request is fine, the state of the server is not.
UNTYPED_STATUS = 409


def status_of(exc: ClaimgraphError, untyped: int = UNTYPED_STATUS) -> int:
    """The status of ``exc``'s nearest typed base (its MRO order), else ``untyped``."""
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_TYPE:
            return STATUS_BY_TYPE[cls]
    return untyped
