"""ACH boards in the store (``store.boards``): boards, hypotheses, evidence, proposed ratings,
analyst overrides and their audit log. The board's logic (choosing evidence, rating, scoring)
is ``claimgraph.ach``'s; this module reads and writes the rows it asks for.

The claims and events a board holds as evidence come back as dicts (``EVIDENCE_FIELDS``): they
are merged into the board's JSON answer as they are, where a type would add nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from .schema import utc_now
from .versions import current

if TYPE_CHECKING:
    from .store import Store


class BoardHead(NamedTuple):
    id: str
    name: str
    description: str | None
    created_at: datetime
    proposed_at: datetime | None


class Hypothesis(NamedTuple):
    id: str
    text: str


class EvidenceRow(NamedTuple):
    """One active evidence item of a board, as the board stores it (its claim or event apart)."""

    id: str
    ref_kind: str
    ref_id: str
    added_by: str
    relevance_score: float | None
    credibility: str | None
    credibility_reason: str | None
    relevance: str | None
    relevance_reason: str | None


class EvidenceState(NamedTuple):
    """A claim on the board as a new proposal sees it: who added it, whether it is active, how
    many analyst overrides it has."""

    id: str
    ref_id: str
    added_by: str
    active: bool
    overrides: int


class ProposedRating(NamedTuple):
    rating: str
    stance: dict[str, float] | None
    reason: str | None


class RatingOverride(NamedTuple):
    rating: str
    analyst: str
    note: str | None
    at: datetime


class WeightOverride(NamedTuple):
    credibility: str | None
    relevance: str | None
    analyst: str
    note: str | None
    at: datetime


class ClaimProposition(NamedTuple):
    proposition_id: str
    side: str | None
    label: str | None


class RatedCell(NamedTuple):
    evidence_id: str
    hypothesis_id: str
    rating: str
    stance: dict[str, float]
    reason: str | None


class EvidenceWeight(NamedTuple):
    evidence_id: str
    credibility: str
    credibility_reason: str | None
    relevance: str
    relevance_reason: str | None


# A claim or an event as board evidence: the same fields for both (an event's text is its sentence).
_CLAIM_FIELDS = (
    'c.id AS ref_id, c.doc_id, c.text, c.start, c."end", c.status, c.evidence, c.polarity, '
    "c.disputed_by, c.parent, c.speaker_text, d.site, d.author, d.source_path, d.ingest_seq, c.seq"
)
_EVENT_FIELDS = (
    "e.id AS ref_id, e.doc_id, substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
    "AS text, e.sentence_start AS start, e.sentence_end AS \"end\", 'asserted' AS status, "
    "NULL AS evidence, CASE WHEN e.negated THEN 'negative' ELSE 'positive' END AS polarity, "
    "NULL AS disputed_by, NULL AS parent, NULL AS speaker_text, d.site, d.author, d.source_path, "
    "d.ingest_seq, e.seq"
)
_CLAIMS = f"SELECT 'claim' AS kind, {_CLAIM_FIELDS} FROM claims c JOIN documents d ON d.id = c.doc_id"
_EVENTS = f"SELECT 'event' AS kind, {_EVENT_FIELDS} FROM events e JOIN documents d ON d.id = e.doc_id"


class BoardRepository:
    """The ACH tables of one store."""

    def __init__(self, store: Store):
        self.store = store

    def _write(self, statements: Iterable[tuple[str, list[Any]]]) -> None:
        """Run ``statements`` (SQL, parameters) in one transaction."""
        with self.store.batch() as s:
            con = s._connection()
            for sql, params in statements:
                con.execute(sql, params)

    def _exists(self, sql: str, params: list[Any]) -> bool:
        return bool(self.store.query(sql, params))

    # -- boards and hypotheses ------------------------------------------------------------------

    def heads(self) -> list[BoardHead]:
        """Every board, oldest first."""
        return [
            BoardHead(**r)
            for r in self.store.query(
                "SELECT id, name, description, created_at, proposed_at FROM ach_boards ORDER BY created_at, id"
            )
        ]

    def head(self, board_id: str) -> BoardHead:
        return BoardHead(
            **self.store.query(
                "SELECT id, name, description, created_at, proposed_at FROM ach_boards WHERE id = ?", [board_id]
            )[0]
        )

    def ids(self) -> list[str]:
        return [r["id"] for r in self.store.query("SELECT id FROM ach_boards ORDER BY id")]

    def find(self, id_or_name: str) -> str | None:
        """The id of the board with this id or name."""
        rows = self.store.query("SELECT id FROM ach_boards WHERE id = ? OR name = ?", [id_or_name, id_or_name])
        return rows[0]["id"] if rows else None

    def id_of_name(self, name: str) -> str | None:
        rows = self.store.query("SELECT id FROM ach_boards WHERE name = ?", [name])
        return rows[0]["id"] if rows else None

    def id_taken(self, board_id: str) -> bool:
        return self._exists("SELECT 1 AS x FROM ach_boards WHERE id = ?", [board_id])

    def create(self, board_id: str, name: str, description: str | None, hypotheses: list[str]) -> None:
        """A new board with ``hypotheses`` as H1, H2, ..."""
        now = utc_now()
        self._write(
            [
                (
                    "INSERT INTO ach_boards (id, name, description, created_at) VALUES (?, ?, ?, ?)",
                    [board_id, name, description, now],
                )
            ]
            + [
                ("INSERT INTO ach_hypotheses VALUES (?, ?, ?, ?, ?)", [board_id, f"H{i}", i, text, now])
                for i, text in enumerate(hypotheses, start=1)
            ]
        )

    def proposed_at(self, board_id: str) -> datetime | None:
        return self.store.query("SELECT proposed_at FROM ach_boards WHERE id = ?", [board_id])[0]["proposed_at"]

    def mark_proposed(self, board_id: str) -> None:
        self._write([("UPDATE ach_boards SET proposed_at = ? WHERE id = ?", [utc_now(), board_id])])

    def hypotheses(self, board_id: str) -> list[Hypothesis]:
        return [
            Hypothesis(**r)
            for r in self.store.query("SELECT id, text FROM ach_hypotheses WHERE board_id = ? ORDER BY seq", [board_id])
        ]

    def hypothesis_texts(self, board_id: str) -> set[str]:
        return {h.text for h in self.hypotheses(board_id)}

    def has_hypothesis(self, board_id: str, hypothesis_id: str) -> bool:
        return self._exists(
            "SELECT 1 AS x FROM ach_hypotheses WHERE board_id = ? AND id = ?", [board_id, hypothesis_id]
        )

    def add_hypothesis(self, board_id: str, text: str) -> str:
        """Store the next hypothesis; returns its id (H1, H2, ...)."""
        seq = self.store.query(
            "SELECT coalesce(max(seq), 0) + 1 AS n FROM ach_hypotheses WHERE board_id = ?", [board_id]
        )[0]["n"]
        self._write(
            [("INSERT INTO ach_hypotheses VALUES (?, ?, ?, ?, ?)", [board_id, f"H{seq}", seq, text, utc_now()])]
        )
        return f"H{seq}"

    # -- evidence -------------------------------------------------------------------------------

    def find_item(self, ref_id: str) -> dict[str, Any] | None:
        """The claim, else the event, with this id, as board evidence (``kind`` says which)."""
        rows = self.store.query(f"{_CLAIMS} WHERE c.id = ?", [ref_id]) or self.store.query(
            f"{_EVENTS} WHERE e.id = ?", [ref_id]
        )
        return rows[0] if rows else None

    def items(self, claim_ids: list[str], event_ids: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
        """(kind, id) -> the claim or event as board evidence, for those still stored."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for kind, sql, ids in (
            ("claim", f"{_CLAIMS} WHERE list_contains(?, c.id)", claim_ids),
            ("event", f"{_EVENTS} WHERE list_contains(?, e.id)", event_ids),
        ):
            if ids:
                for r in self.store.query(sql, [ids]):
                    found[(kind, r["ref_id"])] = r
        return found

    def chosen_claims(self, board_id: str) -> list[dict[str, Any]]:
        """The claims the last proposal chose as the board's evidence (still active, proposed), but
        those of old versions of edited inputs: proposing again leaves them out."""
        return self.store.query(
            f"SELECT 'claim' AS kind, {_CLAIM_FIELDS} FROM ach_evidence v JOIN claims c ON c.id = v.ref_id "
            "JOIN documents d ON d.id = c.doc_id WHERE v.board_id = ? AND v.ref_kind = 'claim' AND v.active "
            f"AND v.added_by = 'proposed' AND {current()} ORDER BY d.ingest_seq, c.seq",
            [board_id],
        )

    def canonical_claims(self, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Claims of canonical (current) documents (all, or of ``doc_ids``) as evidence, in document order."""
        where, params = "", []
        if doc_ids is not None:
            where, params = " AND list_contains(?, c.doc_id)", [doc_ids]
        return self.store.query(
            f"{_CLAIMS} WHERE d.duplicate_of IS NULL AND {current()}{where} ORDER BY d.ingest_seq, c.seq", params
        )

    def evidence_id(self, board_id: str, kind: str, ref_id: str) -> str | None:
        rows = self.store.query(
            "SELECT id FROM ach_evidence WHERE board_id = ? AND ref_kind = ? AND ref_id = ?", [board_id, kind, ref_id]
        )
        return rows[0]["id"] if rows else None

    def has_evidence(self, board_id: str, evidence_id: str) -> bool:
        return self._exists("SELECT 1 AS x FROM ach_evidence WHERE board_id = ? AND id = ?", [board_id, evidence_id])

    def activate_as_analyst(self, board_id: str, evidence_id: str) -> None:
        """The analyst adds an item the board has already: it becomes theirs and active."""
        self._write(
            [
                (
                    "UPDATE ach_evidence SET added_by = 'analyst', active = true WHERE board_id = ? AND id = ?",
                    [board_id, evidence_id],
                )
            ]
        )

    def add_evidence(self, board_id: str, item: dict[str, Any], added_by: str, relevance_score: float | None) -> str:
        """Store ``item`` (a claim or event from ``find_item`` and the like) as the board's next
        evidence; returns its id (E1, E2, ...)."""
        seq = self.store.query(
            "SELECT coalesce(max(seq), 0) + 1 AS n FROM ach_evidence WHERE board_id = ?", [board_id]
        )[0]["n"]
        evidence_id = f"E{seq}"
        self._write(
            [
                (
                    "INSERT INTO ach_evidence (board_id, id, seq, ref_kind, ref_id, doc_id, added_by, active, "
                    "relevance_score, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, true, ?, ?)",
                    [
                        board_id,
                        evidence_id,
                        seq,
                        item["kind"],
                        item["ref_id"],
                        item["doc_id"],
                        added_by,
                        relevance_score,
                        utc_now(),
                    ],
                )
            ]
        )
        return evidence_id

    def claim_states(self, board_id: str) -> dict[str, EvidenceState]:
        """claim id -> its state on the board, for every claim the board holds."""
        return {
            r["ref_id"]: EvidenceState(**r)
            for r in self.store.query(
                "SELECT id, ref_id, added_by, active, (SELECT count(*) FROM ach_rating_overrides o WHERE "
                "o.board_id = v.board_id "
                "AND o.evidence_id = v.id) + (SELECT count(*) FROM ach_weight_overrides w WHERE w.board_id = "
                "v.board_id "
                "AND w.evidence_id = v.id) AS overrides FROM ach_evidence v WHERE board_id = ? AND ref_kind = 'claim'",
                [board_id],
            )
        }

    def set_active(self, board_id: str, changes: Iterable[tuple[str, bool, float | None]]) -> None:
        """(evidence id, active, new relevance score or None to keep it) for each item, in one transaction."""
        self._write(
            [
                (
                    "UPDATE ach_evidence SET active = ?, relevance_score = coalesce(?, relevance_score) "
                    "WHERE board_id = ? AND id = ?",
                    [active, score, board_id, evidence_id],
                )
                for evidence_id, active, score in changes
            ]
        )

    def active_evidence(self, board_id: str) -> list[EvidenceRow]:
        """The board's active evidence rows, in evidence order."""
        return [
            EvidenceRow(**r)
            for r in self.store.query(
                "SELECT id, ref_kind, ref_id, added_by, relevance_score, credibility, credibility_reason, relevance, "
                "relevance_reason FROM ach_evidence WHERE board_id = ? AND active ORDER BY seq",
                [board_id],
            )
        ]

    def claim_propositions(self, claim_ids: list[str]) -> dict[str, ClaimProposition]:
        """claim id -> the proposition it belongs to (link/propositions.py), for those that have one."""
        if not claim_ids:
            return {}
        return {
            r.pop("claim_id"): ClaimProposition(**r)
            for r in self.store.query(
                "SELECT pc.claim_id, pc.proposition_id, pc.side, p.label FROM proposition_claims pc "
                "JOIN propositions p ON p.id = pc.proposition_id WHERE list_contains(?, pc.claim_id)",
                [claim_ids],
            )
        }

    # -- proposed ratings and weights -----------------------------------------------------------

    def clear_ratings(self, board_id: str, evidence_ids: list[str] | None = None) -> None:
        """Drop the proposed ratings of the board (of ``evidence_ids`` only, when given)."""
        if evidence_ids is None:
            self._write([("DELETE FROM ach_ratings WHERE board_id = ?", [board_id])])
        else:
            self._write(
                [
                    ("DELETE FROM ach_ratings WHERE board_id = ? AND evidence_id = ?", [board_id, evidence_id])
                    for evidence_id in evidence_ids
                ]
            )

    def write_proposal(self, board_id: str, cells: Iterable[RatedCell], weights: Iterable[EvidenceWeight]) -> None:
        """Proposed ratings and weight levels, in one transaction."""
        now = utc_now()
        statements = [
            (
                "INSERT INTO ach_ratings VALUES (?, ?, ?, ?, ?, ?, ?)",
                [board_id, c.evidence_id, c.hypothesis_id, c.rating, json.dumps(c.stance), c.reason, now],
            )
            for c in cells
        ]
        statements += [
            (
                "UPDATE ach_evidence SET credibility = ?, credibility_reason = ?, relevance = ?, "
                "relevance_reason = ? WHERE board_id = ? AND id = ?",
                [w.credibility, w.credibility_reason, w.relevance, w.relevance_reason, board_id, w.evidence_id],
            )
            for w in weights
        ]
        self._write(statements)

    def proposed_ratings(self, board_id: str) -> dict[tuple[str, str], ProposedRating]:
        """(evidence id, hypothesis id) -> the proposed rating."""
        return {
            (r["evidence_id"], r["hypothesis_id"]): ProposedRating(
                r["rating"], json.loads(r["stance"]) if r["stance"] else None, r["reason"]
            )
            for r in self.store.query(
                "SELECT evidence_id, hypothesis_id, rating, stance, reason FROM ach_ratings WHERE board_id = ?",
                [board_id],
            )
        }

    # -- analyst overrides ----------------------------------------------------------------------

    def rating_overrides(self, board_id: str) -> dict[tuple[str, str], RatingOverride]:
        return {
            (r.pop("evidence_id"), r.pop("hypothesis_id")): RatingOverride(**r)
            for r in self.store.query(
                'SELECT evidence_id, hypothesis_id, rating, analyst, note, "at" FROM ach_rating_overrides '
                "WHERE board_id = ?",
                [board_id],
            )
        }

    def weight_overrides(self, board_id: str) -> dict[str, WeightOverride]:
        return {
            r.pop("evidence_id"): WeightOverride(**r)
            for r in self.store.query(
                'SELECT evidence_id, credibility, relevance, analyst, note, "at" FROM ach_weight_overrides '
                "WHERE board_id = ?",
                [board_id],
            )
        }

    def set_rating(
        self, board_id: str, evidence_id: str, hypothesis_id: str, rating: str, analyst: str, note: str | None
    ) -> None:
        """The analyst's rating of a cell, with its line in the audit log."""
        now = utc_now()
        self._write(
            [
                (
                    "INSERT OR REPLACE INTO ach_rating_overrides VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [board_id, evidence_id, hypothesis_id, rating, analyst, note, now],
                ),
                (
                    "INSERT INTO ach_audit VALUES (?, ?, ?, 'set-rating', ?, ?, ?, ?)",
                    [board_id, evidence_id, hypothesis_id, rating, analyst, note, now],
                ),
            ]
        )

    def set_weight(
        self,
        board_id: str,
        evidence_id: str,
        credibility: str | None,
        relevance: str | None,
        analyst: str,
        note: str | None,
    ) -> None:
        """The analyst's weight levels of an item, with its line in the audit log."""
        now = utc_now()
        self._write(
            [
                (
                    "INSERT OR REPLACE INTO ach_weight_overrides VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [board_id, evidence_id, credibility, relevance, analyst, note, now],
                ),
                (
                    "INSERT INTO ach_audit VALUES (?, ?, NULL, 'set-weight', ?, ?, ?, ?)",
                    [board_id, evidence_id, f"credibility={credibility} relevance={relevance}", analyst, note, now],
                ),
            ]
        )

    def _override(self, hypothesis_id: str | None) -> tuple[str, str, list[str], str]:
        """(table, extra condition, its parameters, audit action) of a rating (with a hypothesis) or weight override."""
        if hypothesis_id is None:
            return "ach_weight_overrides", "", [], "clear-weight"
        return "ach_rating_overrides", " AND hypothesis_id = ?", [hypothesis_id], "clear-rating"

    def has_override(self, board_id: str, evidence_id: str, hypothesis_id: str | None = None) -> bool:
        table, where, params, _ = self._override(hypothesis_id)
        return self._exists(
            f"SELECT 1 AS x FROM {table} WHERE board_id = ? AND evidence_id = ?{where}",
            [board_id, evidence_id, *params],
        )

    def clear_override(
        self, board_id: str, evidence_id: str, hypothesis_id: str | None, analyst: str | None, note: str | None
    ) -> None:
        """Drop the analyst's rating of a cell (with ``hypothesis_id``) or weight of an item, and log it."""
        table, where, params, action = self._override(hypothesis_id)
        self._write(
            [
                (
                    f"DELETE FROM {table} WHERE board_id = ? AND evidence_id = ?{where}",
                    [board_id, evidence_id, *params],
                ),
                (
                    "INSERT INTO ach_audit VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                    [board_id, evidence_id, hypothesis_id, action, analyst, note, utc_now()],
                ),
            ]
        )

    def audit(self, board_id: str) -> list[dict[str, Any]]:
        """Every override set or cleared on the board, oldest first (rows as the JSON answer gives them)."""
        return self.store.query('SELECT * FROM ach_audit WHERE board_id = ? ORDER BY "at"', [board_id])
