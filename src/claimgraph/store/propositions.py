"""Propositions in the store (``store.propositions``): claims from different documents about the
same thing, their members and sides (link/propositions.py decides them; link/contested.py and
link/sources.py read them).

Rows come back as dicts where they are the answer's JSON as they are (a proposition, its members)
or working records the linker adds to (a claim to place gets its poles and side): a type would
add nothing there. What the linker reads as a fixed record is typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .params import as_json, unnest, unnested
from .vectors import write_vectors
from .versions import current

if TYPE_CHECKING:
    from .store import Store

# A claim as the linker reads it, with the actors named inside it (entities within its span).
_CLAIM_COLUMNS = (
    'c.id AS claim_id, c.doc_id, c.text, c.start, c."end", c.speaker_text, c.speaker_actor, '
    "c.status, c.evidence, c.polarity, c.quantities, c.seq, d.ingest_seq, d.title AS doc_title, "
    "d.site, d.author, d.source_path, c.has_predicate, c.generic_speaker, c.sentence_key, c.speaker_key"
)
_ACTORS = (
    "(SELECT list(DISTINCT e.actor_id ORDER BY e.actor_id) FROM entities e WHERE e.doc_id = c.doc_id "
    'AND e.actor_id IS NOT NULL AND e.start >= c.start AND e."end" <= c."end") AS actors'
)
# A member with its claim's and document's fields, as the workbench shows it.
_MEMBER_COLUMNS = (
    "pc.proposition_id, pc.claim_id, pc.doc_id, pc.similarity, pc.side, pc.relation, pc.relation_score, "
    'pc.reasons, d.title AS doc_title, d.site, d.author, d.source_path, c.text, c.start, c."end", '
    "c.speaker_text, c.speaker_actor, c.status, c.evidence, c.polarity, c.has_predicate, c.generic_speaker"
)
_MEMBERS = "FROM proposition_claims pc JOIN claims c ON c.id = pc.claim_id JOIN documents d ON d.id = pc.doc_id"
_IDS = unnested("ids")
# A proposition's contest (link/camp_edges.py): its members, each with the side the contest gave it
# where that differs from its side to the label (proposition_camps rows without ``answers``), and its
# guests, claims of other propositions that reject one of its members (rows with ``answers``). Only
# the contested list reads it; the disputes step and the proposition page read proposition_claims.
_CONTEST = (
    "(SELECT pc.proposition_id, pc.claim_id, pc.doc_id, pc.similarity, coalesce(k.side, pc.side) AS side, "
    "pc.relation, pc.relation_score, coalesce(k.reasons, pc.reasons) AS reasons FROM proposition_claims pc "
    "LEFT JOIN proposition_camps k ON k.proposition_id = pc.proposition_id AND k.claim_id = pc.claim_id "
    "AND k.answers IS NULL UNION ALL SELECT proposition_id, claim_id, doc_id, similarity, side, NULL, NULL, "
    "reasons FROM proposition_camps WHERE answers IS NOT NULL)"
)
_CONTEST_MEMBERS = f"FROM {_CONTEST} pc JOIN claims c ON c.id = pc.claim_id JOIN documents d ON d.id = pc.doc_id"
# A member that counts as an account (link/contested_sides.py ``set_aside_why``; NULL fields: an
# older store's claim, which counts)
_ACCOUNT = (
    "(pc.side IN ('for', 'against') AND NOT coalesce(c.generic_speaker, false) "
    "AND (coalesce(c.has_predicate, true) OR c.status = 'denied'))"
)
_DOCS = unnested("docs")
# the documents of $docs, filtered before a join (a join with the whole table hashes every document)
_DOCUMENTS_OF_DOCS = f"(SELECT * FROM documents WHERE id IN {_DOCS})"


class StoredRelation(NamedTuple):
    """A member's relation to its proposition's label, as stored."""

    proposition_id: str
    label_claim_id: str | None
    claim_id: str
    relation: str | None
    relation_score: float | None
    reasons: list[str] | None


class MemberSide(NamedTuple):
    proposition_id: str
    doc_id: str
    side: str


class VectorRows(NamedTuple):
    """Vectors to store with a write: keys, one row each, and their mode."""

    keys: list[str]
    vectors: np.ndarray
    mode: str


def _with_actor_lists(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["actors"] = list(r["actors"] or [])
    return rows


class PropositionRepository:
    """The ``propositions`` and ``proposition_claims`` tables of one store."""

    def __init__(self, store: Store):
        self.store = store

    # -- what the linker reads ------------------------------------------------------------------

    def modes(self) -> set[str]:
        """The embedding modes of the stored propositions (one, or none)."""
        return {r["mode"] for r in self.store.query("SELECT DISTINCT mode FROM propositions")}

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM propositions")[0]["n"]

    def ids(self) -> list[str]:
        return [r["id"] for r in self.store.query("SELECT id FROM propositions ORDER BY id")]

    def unplaced_claims(self, doc_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Claims of canonical (current) documents, with text, in no proposition yet, in document order;
        ``doc_ids``: of those documents only (a run's: the scan of every claim grows with the store)."""
        if doc_ids is None:
            return _with_actor_lists(
                self.store.query(
                    f"SELECT {_CLAIM_COLUMNS}, {_ACTORS} FROM claims c JOIN documents d ON d.id = c.doc_id "
                    f"WHERE d.duplicate_of IS NULL AND {current()} AND c.text IS NOT NULL AND trim(c.text) <> '' "
                    "AND c.id NOT IN (SELECT claim_id FROM proposition_claims) ORDER BY d.ingest_seq, c.seq"
                )
            )
        return _with_actor_lists(
            self.store.query(
                f"SELECT {_CLAIM_COLUMNS}, {_ACTORS} FROM claims c JOIN {_DOCUMENTS_OF_DOCS} d ON d.id = c.doc_id "
                f"WHERE c.doc_id IN {_DOCS} AND d.duplicate_of IS NULL AND {current()} AND c.text IS NOT NULL "
                "AND trim(c.text) <> '' "
                f"AND c.id NOT IN (SELECT claim_id FROM proposition_claims WHERE doc_id IN {_DOCS}) "
                "ORDER BY d.ingest_seq, c.seq",
                {"docs": as_json(doc_ids)},
            )
        )

    def member_claims(self, proposition_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The claims of these propositions' members, in document order; members from old versions
        of edited inputs are left out (``superseded_members``: the linker drops them)."""
        return _with_actor_lists(
            self.store.query(
                f"SELECT {_CLAIM_COLUMNS}, {_ACTORS} FROM claims c JOIN documents d ON d.id = c.doc_id "
                f"WHERE c.id IN (SELECT claim_id FROM proposition_claims WHERE proposition_id IN {_IDS}) "
                f"AND {current()} ORDER BY d.ingest_seq, c.seq",
                {"ids": as_json(sorted(proposition_ids))},
            )
        )

    def superseded_members(self) -> list[dict[str, Any]]:
        """The members whose documents a new version of their input has superseded since they were
        placed, as claims (``unplaced_claims``' columns) with their ``proposition_id`` and how many
        current members it keeps (``remaining``). The members are filtered by the superseded documents
        (usually none) before any join: joining every member with its claim first made each link's
        read grow with the store (60 -> 10 ms at 2,000 stored documents)."""
        return _with_actor_lists(
            self.store.query(
                f"SELECT pc.proposition_id, {_CLAIM_COLUMNS}, {_ACTORS}, (SELECT count(*) FROM proposition_claims kept "
                f"WHERE kept.proposition_id = pc.proposition_id AND {current('kept.doc_id')}) AS remaining "
                f"FROM (SELECT * FROM proposition_claims WHERE NOT {current('doc_id')}) pc "
                "JOIN claims c ON c.id = pc.claim_id JOIN documents d ON d.id = c.doc_id "
                f"WHERE NOT {current()} ORDER BY d.ingest_seq, c.seq"
            )
        )

    def membership(self, proposition_ids: Iterable[str]) -> dict[str, str]:
        """claim id -> proposition id, for the members of these propositions (as ``member_claims``)."""
        return {
            r["claim_id"]: r["proposition_id"]
            for r in self.store.query(
                f"SELECT claim_id, proposition_id FROM proposition_claims WHERE proposition_id IN {_IDS} "
                f"AND {current('doc_id')}",
                {"ids": as_json(sorted(proposition_ids))},
            )
        }

    def last_ingest_seq(self) -> int:
        """The ingest order of the last stored document (0 for none): members are read by ranges of it."""
        return self.store.query("SELECT coalesce(max(ingest_seq), 0) AS n FROM documents")[0]["n"]

    def member_texts(self, low: int, high: int) -> list[dict[str, Any]]:
        """(proposition_id, text, actors) of the members whose documents are ``low <= ingest_seq < high``."""
        return _with_actor_lists(
            self.store.query(
                f"SELECT pc.proposition_id, c.text, {_ACTORS} FROM proposition_claims pc JOIN claims c ON "
                "c.id = pc.claim_id "
                "JOIN documents d ON d.id = c.doc_id WHERE d.ingest_seq >= $low AND d.ingest_seq < $high "
                "ORDER BY d.ingest_seq, c.seq",
                {"low": low, "high": high},
            )
        )

    def relations(self, proposition_ids: Iterable[str]) -> list[StoredRelation]:
        """The stored relations of these propositions' members to their labels."""
        return [
            StoredRelation(**r)
            for r in self.store.query(
                "SELECT pc.proposition_id, p.label_claim_id, pc.claim_id, pc.relation, pc.relation_score, pc.reasons "
                "FROM proposition_claims pc JOIN propositions p ON p.id = pc.proposition_id "
                "WHERE pc.proposition_id IN (SELECT unnest(from_json($ids::JSON, '[\"VARCHAR\"]')))",
                {"ids": json.dumps(sorted(proposition_ids))},
            )
        ]

    def claim_texts(self, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
        """(claim_id, text, actors) of these claims, of canonical documents: what a claim vector is
        made of (link.disputes makes those of candidates the propositions step did not read)."""
        return _with_actor_lists(
            self.store.query(
                f"SELECT c.id AS claim_id, c.text, {_ACTORS} FROM claims c JOIN documents d ON d.id = c.doc_id "
                f"WHERE c.id IN {_IDS} AND d.duplicate_of IS NULL AND {current()}",
                {"ids": as_json(claim_ids)},
            )
        )

    # -- what the linker writes -----------------------------------------------------------------

    def clear(self, vector_mode_prefix: str) -> None:
        """Drop every proposition, member and the vectors of modes starting with ``vector_mode_prefix``."""
        with self.store.batch() as s:
            con = s._connection()
            con.execute("DELETE FROM proposition_claims")
            con.execute("DELETE FROM proposition_camps")
            con.execute("DELETE FROM propositions")
            con.execute("DELETE FROM sentence_embeddings WHERE starts_with(mode, $m)", {"m": vector_mode_prefix})

    def replace(
        self,
        proposition_ids: Iterable[str],
        propositions: list[dict[str, Any]],
        members: list[dict[str, Any]],
        vectors: Sequence[VectorRows],
        dropped_vectors: Sequence[str] = (),
        *,
        kept_members: Iterable[str] = (),
        similarities: Sequence[tuple[str, float]] = (),
        camps: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Rewrite these propositions in one transaction: their rows (``propositions``: the table's
        columns), their members' rows and their stored ``vectors``. The members of a proposition of
        ``kept_members`` stay (``members`` adds its new ones, ``similarities`` updates (claim id,
        similarity) of some): a proposition refreshed from its new members; the others' members are
        all rewritten. ``dropped_vectors``: the vector keys of propositions that are no more. ``camps``:
        ``proposition_camps`` rows (link/camp_edges.py) added beside the members, whose camp rows go
        and stay as their members do."""
        kept = set(kept_members)
        ids = json.dumps(sorted(proposition_ids))
        rewritten = json.dumps(sorted(set(proposition_ids) - kept))
        with self.store.batch() as s:
            con = s._connection()
            con.execute(
                "DELETE FROM proposition_claims WHERE proposition_id IN (SELECT unnest(from_json($ids::JSON, "
                "'[\"VARCHAR\"]')))",
                {"ids": rewritten},
            )
            con.execute(f"DELETE FROM proposition_camps WHERE proposition_id IN {_IDS}", {"ids": rewritten})
            con.execute(
                "DELETE FROM propositions WHERE id IN (SELECT unnest(from_json($ids::JSON, '[\"VARCHAR\"]')))",
                {"ids": ids},
            )
            con.execute(
                "INSERT INTO propositions SELECT r.id, r.mode, r.label_claim_id, r.label, r.claims, r.documents, "
                "r.sources, r.contested_score, r.updated_at::TIMESTAMP FROM (SELECT unnest(from_json($rows::JSON, "
                '\'[{"id": "VARCHAR", "mode": "VARCHAR", "label_claim_id": "VARCHAR", "label": "VARCHAR", '
                '"claims": "INTEGER", "documents": "INTEGER", "sources": "INTEGER", "contested_score": '
                '"DOUBLE", "updated_at": "VARCHAR"}]\'), recursive := true)) AS r',
                {"rows": json.dumps(propositions)},
            )
            con.execute(
                "INSERT INTO proposition_claims SELECT r.proposition_id, r.claim_id, r.doc_id, r.similarity, r.side, "
                "r.relation, r.relation_score, r.reasons FROM (SELECT unnest(from_json($rows::JSON, "
                '\'[{"proposition_id": '
                '"VARCHAR", "claim_id": "VARCHAR", "doc_id": "VARCHAR", "similarity": "DOUBLE", "side": '
                '"VARCHAR", "relation": "VARCHAR", "relation_score": "DOUBLE", "reasons": "VARCHAR[]"}]\'), '
                "recursive := true)) AS r",
                {"rows": json.dumps(members)},
            )
            if camps:
                con.execute(
                    "INSERT INTO proposition_camps SELECT r.proposition_id, r.claim_id, r.doc_id, r.answers, "
                    "r.similarity, r.side, r.reasons FROM (SELECT unnest(from_json($rows::JSON, "
                    '\'[{"proposition_id": "VARCHAR", "claim_id": "VARCHAR", "doc_id": "VARCHAR", "answers": '
                    '"VARCHAR", "similarity": "DOUBLE", "side": "VARCHAR", "reasons": "VARCHAR[]"}]\'), '
                    "recursive := true)) AS r",
                    {"rows": json.dumps(list(camps))},
                )
            if similarities:
                con.execute(
                    f"UPDATE proposition_claims SET similarity = u.similarity FROM (SELECT {unnest('ids')} "
                    f"AS claim_id, {unnest('sims', 'DOUBLE')} AS similarity) u "
                    "WHERE proposition_claims.claim_id = u.claim_id",
                    {"ids": as_json(c for c, _ in similarities), "sims": as_json(float(x) for _, x in similarities)},
                )
            for rows in vectors:
                write_vectors(con, rows.keys, rows.vectors, rows.mode, replace=True)
            if dropped_vectors:
                con.execute(f"DELETE FROM sentence_embeddings WHERE key IN {_IDS}", {"ids": as_json(dropped_vectors)})

    # -- refreshing a proposition from its new members (link/propositions_refresh.py) -------------

    def stored_rows(self, proposition_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> (label_claim_id, claims, documents, sources) of these propositions as stored."""
        return {
            r["id"]: r
            for r in self.store.query(
                f"SELECT id, label_claim_id, claims, documents, sources FROM propositions WHERE id IN {_IDS}",
                {"ids": as_json(sorted(proposition_ids))},
            )
        }

    def central_claims(self, proposition_ids: Sequence[str], margins: Sequence[float]) -> list[dict[str, Any]]:
        """The members of each proposition whose stored similarity is within its ``margins`` entry of
        the proposition's highest, and its label, as claims (``unplaced_claims``' columns) with their
        ``proposition_id`` and ``stored_similarity``, in document order: the members that can still be
        the label after its centroid moved a little (link/propositions_refresh.py)."""
        if not proposition_ids:
            return []
        return _with_actor_lists(
            self.store.query(
                f"WITH want AS (SELECT {unnest('ids')} AS id, {unnest('margins', 'DOUBLE')} AS margin), "
                "top AS (SELECT proposition_id, max(similarity) AS top FROM proposition_claims "
                "WHERE proposition_id IN (SELECT id FROM want) GROUP BY proposition_id), "
                "chosen AS (SELECT pc.proposition_id, pc.claim_id, pc.similarity FROM proposition_claims pc "
                "JOIN want w ON w.id = pc.proposition_id JOIN top t ON t.proposition_id = pc.proposition_id "
                "JOIN propositions p ON p.id = pc.proposition_id "
                "WHERE pc.similarity >= t.top - w.margin OR pc.claim_id = p.label_claim_id) "
                f"SELECT ch.proposition_id, ch.similarity AS stored_similarity, {_CLAIM_COLUMNS}, {_ACTORS} "
                "FROM chosen ch JOIN claims c ON c.id = ch.claim_id JOIN documents d ON d.id = c.doc_id "
                f"WHERE {current()} ORDER BY d.ingest_seq, c.seq",
                {"ids": as_json(proposition_ids), "margins": as_json(float(m) for m in margins)},
            )
        )

    def side_tallies(self, proposition_ids: Iterable[str] | None) -> list[dict[str, Any]]:
        """One row per proposition, side, source fields (site, author, source_path), whether its members
        are counted as accounts (``link/contested_sides.py``: side-taking, neither a fragment nor a
        generic speaker's, and of the first document holding their sentence on that side) and, for
        those, status and evidence; in the order of each group's first member, with its number of
        members (``n``) and the least and greatest sentence and speaker of the counted ones: what the
        contested score and the source count need of the members, without a row per member.
        ``proposition_ids`` None: of every contested proposition."""
        which = (
            "pc.proposition_id IN (SELECT id FROM propositions WHERE contested_score > 0)"
            if proposition_ids is None
            else f"pc.proposition_id IN {_IDS}"
        )
        return self.store.query(
            f"WITH m AS (SELECT pc.proposition_id, pc.side, d.site, d.author, d.source_path, c.status, c.evidence, "
            "d.ingest_seq, d.ingest_seq::BIGINT * 1000000 + c.seq AS pos, "
            f"{_ACCOUNT} AS account, coalesce(c.sentence_key, c.id) AS sentence, c.speaker_key "
            f"{_CONTEST_MEMBERS} WHERE {which} AND {current()}), "
            "k AS (SELECT *, account AND ingest_seq = min(ingest_seq) OVER "
            "(PARTITION BY proposition_id, side, account, sentence) AS counted FROM m) "
            "SELECT proposition_id, side, site, author, source_path, counted, "
            "CASE WHEN counted THEN status END AS status, CASE WHEN counted THEN evidence END AS evidence, "
            "min(sentence) FILTER (WHERE counted) AS sentence_min, "
            "max(sentence) FILTER (WHERE counted) AS sentence_max, "
            "min(speaker_key) FILTER (WHERE counted) AS speaker_min, "
            "max(speaker_key) FILTER (WHERE counted) AS speaker_max, count(*) AS n, min(pos) AS first "
            "FROM k GROUP BY ALL ORDER BY first, side, status, evidence",
            {} if proposition_ids is None else {"ids": as_json(sorted(proposition_ids))},
        )

    def counted_sentences(self, proposition_ids: Iterable[str], keys: Iterable[str]) -> set[tuple[str, str, str]]:
        """(proposition, side, sentence key) of the accounts among these propositions' members whose
        sentence is one of ``keys``: what a new member repeating a stored sentence repeats."""
        keys = sorted(set(keys))
        if not keys:
            return set()
        rows = self.store.query(
            f"SELECT DISTINCT pc.proposition_id, pc.side, c.sentence_key {_CONTEST_MEMBERS} "
            f"WHERE pc.proposition_id IN {_IDS} AND c.sentence_key IN {unnested('keys')} AND {_ACCOUNT} "
            f"AND {current()}",
            {"ids": as_json(sorted(proposition_ids)), "keys": as_json(keys)},
        )
        return {(r["proposition_id"], r["side"], r["sentence_key"]) for r in rows}

    # -- what the workbench reads ---------------------------------------------------------------

    def ranked(self) -> list[dict[str, Any]]:
        """Every proposition, most contested first, then the most widely reported."""
        return self.store.query(
            "SELECT * FROM propositions ORDER BY contested_score DESC, documents DESC, claims DESC, id"
        )

    def side_counts(self) -> dict[str, tuple[int, int]]:
        """(members for, members against) of each proposition."""
        rows = self.store.query(
            "SELECT proposition_id, count(*) FILTER (WHERE side = 'for') AS n_for, "
            "count(*) FILTER (WHERE side = 'against') AS n_against FROM proposition_claims "
            "GROUP BY proposition_id"
        )
        return {r["proposition_id"]: (r["n_for"], r["n_against"]) for r in rows}

    def get(self, proposition_id: str) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM propositions WHERE id = $id", {"id": proposition_id})
        return rows[0] if rows else None

    def of_claim(self, claim_id: str) -> str | None:
        rows = self.store.query("SELECT proposition_id FROM proposition_claims WHERE claim_id = $id", {"id": claim_id})
        return rows[0]["proposition_id"] if rows else None

    def members(self, proposition_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Members of these propositions with their claim and document fields, most central first."""
        return self.store.query(
            f"SELECT {_MEMBER_COLUMNS} {_MEMBERS} WHERE pc.proposition_id IN {_IDS} "
            "ORDER BY pc.similarity DESC, pc.claim_id",
            {"ids": as_json(proposition_ids)},
        )

    def contest_members(self, proposition_ids: Sequence[str]) -> list[dict[str, Any]]:
        """``members`` as these propositions' contests side them, with their guests (``_CONTEST``)."""
        return self.store.query(
            f"SELECT {_MEMBER_COLUMNS} {_CONTEST_MEMBERS} WHERE pc.proposition_id IN {_IDS} "
            "ORDER BY pc.similarity DESC, pc.claim_id",
            {"ids": as_json(proposition_ids)},
        )

    def camp_guests(self, proposition_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored guests of these propositions' contests (link/camp_edges.py) as claims
        (``unplaced_claims``' columns) of current documents, with ``proposition_id`` and ``answers``."""
        ids = sorted(proposition_ids)
        if not ids:
            return []
        return _with_actor_lists(
            self.store.query(
                f"SELECT k.proposition_id, k.answers, {_CLAIM_COLUMNS}, {_ACTORS} FROM proposition_camps k "
                "JOIN claims c ON c.id = k.claim_id JOIN documents d ON d.id = c.doc_id "
                f"WHERE k.proposition_id IN {_IDS} AND k.answers IS NOT NULL AND {current()} "
                "ORDER BY d.ingest_seq, c.seq",
                {"ids": as_json(ids)},
            )
        )

    def camp_hosts(self, claim_ids: Sequence[str]) -> set[str]:
        """The propositions whose contests hold these claims as guests."""
        if not claim_ids:
            return set()
        rows = self.store.query(
            f"SELECT DISTINCT proposition_id FROM proposition_camps WHERE claim_id IN {_IDS} AND answers IS NOT NULL",
            {"ids": as_json(sorted(set(claim_ids)))},
        )
        return {r["proposition_id"] for r in rows}

    def contested(self) -> list[dict[str, Any]]:
        """The contested propositions (score above 0), most strongly contested first."""
        return self.store.query(
            "SELECT id, label, label_claim_id, claims, documents, sources FROM propositions "
            # rounded as score_sides rounds the score it gives; ties by label (an id hashes a file path)
            "WHERE contested_score > 0 ORDER BY round(contested_score, 6) DESC, label, id"
        )

    def central_members(self, proposition_ids: Sequence[str] | None, per_side: int) -> list[dict[str, Any]]:
        """Members of these propositions (None: of each contested one), at most ``per_side`` on each
        side, most central first."""
        which = (
            "pc.proposition_id IN (SELECT id FROM propositions WHERE contested_score > 0)"
            if proposition_ids is None
            else f"pc.proposition_id IN {_IDS}"
        )
        return self.store.query(
            f"SELECT * EXCLUDE (rank) FROM (SELECT {_MEMBER_COLUMNS}, row_number() OVER "
            "(PARTITION BY pc.proposition_id, pc.side ORDER BY pc.similarity DESC, pc.claim_id) AS rank "
            f"{_CONTEST_MEMBERS} "
            f"WHERE {which}) WHERE rank <= $per_side ORDER BY similarity DESC, claim_id",
            {"per_side": per_side, **({} if proposition_ids is None else {"ids": as_json(proposition_ids)})},
        )

    def taken_sides(self) -> list[MemberSide]:
        """(proposition, document, side) of every member that takes a side (for or against)."""
        return [
            MemberSide(**r)
            for r in self.store.query(
                "SELECT proposition_id, doc_id, side FROM proposition_claims WHERE side IN ('for', 'against')"
            )
        ]
