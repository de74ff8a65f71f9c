"""The workbench's HTTP status of an error follows its type, whatever its message says."""

from __future__ import annotations

from claimgraph.ach import AchBadInput, AchConflict, AchNotFound
from claimgraph.errors import Ambiguous, BadInput, ClaimgraphError, Conflict, NotFound
from claimgraph.link.sources import UnknownSource
from claimgraph.serve.errors import status_of


def test_statuses_follow_the_type_not_the_message():
    assert status_of(NotFound("it exists already")) == 404
    assert status_of(Conflict("no such board")) == 409
    assert status_of(Ambiguous("no document is ambiguous")) == 400
    assert status_of(BadInput("no rating given")) == 400
    assert status_of(ClaimgraphError("no fts extension")) == 409
    assert status_of(ClaimgraphError("x"), untyped=400) == 400


def test_stage_errors_carry_their_type():
    assert status_of(AchNotFound("board x has no evidence 'E9'")) == 404
    assert status_of(AchConflict("a board named 'x' exists already")) == 409
    assert status_of(AchBadInput("unknown rating 'Q'")) == 400
    assert status_of(UnknownSource("no source 'x'")) == 404
