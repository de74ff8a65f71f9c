"""Disputes in the store (``store.disputes``): what link/disputes reads to find them (the events,
claims and speakers of the documents a run touched, blocked by event cluster, quantity key or
proposition) and the disputes it writes back (``disputes``, ``dispute_values``: migration 012).

Every read is limited to a block of candidates (the documents of some event clusters, the claims
of some propositions, the stored values of some quantity keys): never a pass over the store."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .params import as_json, unnested
from .versions import current

if TYPE_CHECKING:
    from .store import Store

_IDS = unnested("ids")
_DOCS = unnested("docs")
# the document fields every value carries: who published it and when
_DOC_COLUMNS = "d.site, d.author, d.source_path, d.date AS doc_date, d.title AS doc_title"
_CANONICAL = f"d.duplicate_of IS NULL AND {current()}"
# the documents of $docs, filtered before a join: a join with the whole table builds its hash table
# from every stored document (a cost that grows with the store) where a few hundred are wanted
_DOCUMENTS_OF_DOCS = f"(SELECT * FROM documents WHERE id IN {_DOCS})"

_DISPUTE_COLUMNS = {
    "id": "VARCHAR",
    "kind": "VARCHAR",
    "block": "VARCHAR",
    "label": "VARCHAR",
    "measure": "VARCHAR",
    "grp": "VARCHAR",
    "sources": "INTEGER",
    "n_values": "INTEGER",
    "low": "DOUBLE",
    "high": "DOUBLE",
    "divergence": "DOUBLE",
    "firmness": "DOUBLE",
    "score": "DOUBLE",
    "conflict": "BOOLEAN",
    "updates": "INTEGER",
    "why": "VARCHAR",
    "updated_at": "VARCHAR",
}
_VALUE_COLUMNS = {
    "dispute_id": "VARCHAR",
    "seq": "INTEGER",
    "role": "VARCHAR",
    "doc_id": "VARCHAR",
    "claim_id": "VARCHAR",
    "event_id": "VARCHAR",
    "source": "VARCHAR",
    "speaker": "VARCHAR",
    "speaker_actor": "VARCHAR",
    "official": "BOOLEAN",
    "cue": "VARCHAR",
    "sentence_start": "BIGINT",
    "sentence_end": "BIGINT",
    "text": "VARCHAR",
    "value": "VARCHAR",
    "low": "DOUBLE",
    "high": "DOUBLE",
    "qualifier": "VARCHAR",
    "date": "VARCHAR",
    "status": "VARCHAR",
    "polarity": "VARCHAR",
    "firmness": "DOUBLE",
}


def _json_rows(columns: dict[str, str]) -> str:
    """SQL that reads ``$rows`` (a JSON list of objects with ``columns``) as a table, columns in order."""
    spec = json.dumps([columns])
    select = ", ".join(f"r.{name}::TIMESTAMP" if name == "updated_at" else f'r."{name}"' for name in columns)
    return f"SELECT {select} FROM (SELECT unnest(from_json($rows::JSON, '{spec}'), recursive := true)) AS r"


class DisputeRepository:
    """The candidates of disputes, blocked, and the disputes found."""

    def __init__(self, store: Store):
        self.store = store

    # -- candidates -------------------------------------------------------------------------------

    def cluster_documents(self, cluster_ids: Sequence[str]) -> dict[str, list[str]]:
        """cluster id -> the canonical documents reporting one of its events."""
        out: dict[str, list[str]] = {}
        for r in self.store.query(
            f"SELECT DISTINCT e.cluster_id, e.doc_id FROM events e JOIN documents d ON d.id = e.doc_id "
            f"WHERE e.cluster_id IN {_IDS} AND {_CANONICAL} ORDER BY 1, d.ingest_seq",
            {"ids": as_json(cluster_ids)},
        ):
            out.setdefault(r["cluster_id"], []).append(r["doc_id"])
        return out

    def clusters_of(self, doc_ids: Sequence[str]) -> list[str]:
        """The event clusters the events of these documents are in."""
        return [
            r["cluster_id"]
            for r in self.store.query(
                f"SELECT DISTINCT cluster_id FROM events WHERE doc_id IN {_DOCS} AND cluster_id IS NOT NULL ORDER BY 1",
                {"docs": as_json(doc_ids)},
            )
        ]

    def events(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Every event of these (canonical) documents, in text order, with its sentence and document fields."""
        return self.store.query(
            "SELECT e.id AS event_id, e.doc_id, e.type, e.event_type, e.cluster_id, e.sentence_start, "
            "e.sentence_end, e.trigger_start, e.place_id, e.location, e.admin1, e.country, e.date_start, "
            "e.date_end, e.date_precision, e.date_text, e.actor1, e.actor1_text, e.actor2, e.actor2_text, "
            "e.fatalities, e.fatalities_qualifier, e.injured, e.injured_qualifier, e.claimed, e.claims_event, "
            "e.negated, e.modality, "
            "substr(d.clean_text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
            f"{_DOC_COLUMNS} FROM events e JOIN {_DOCUMENTS_OF_DOCS} d ON d.id = e.doc_id "
            f"WHERE e.doc_id IN {_DOCS} AND {_CANONICAL} ORDER BY d.ingest_seq, e.seq",
            {"docs": as_json(doc_ids)},
        )

    def claims(self, doc_ids: Sequence[str], *, with_quantities: bool = False) -> list[dict[str, Any]]:
        """The claims of these (canonical) documents (``_claim_rows``); ``with_quantities``: only
        claims that hold a number."""
        where = " AND c.quantities IS NOT NULL AND json_array_length(c.quantities) > 0" if with_quantities else ""
        return self._claim_rows(f"c.doc_id IN {_DOCS}{where}", {"docs": as_json(doc_ids)}, _DOCUMENTS_OF_DOCS)

    def claims_by_id(self, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
        documents = f"(SELECT * FROM documents WHERE id IN (SELECT doc_id FROM claims WHERE id IN {_IDS}))"
        return self._claim_rows(f"c.id IN {_IDS}", {"ids": as_json(claim_ids)}, documents)

    def speakers_by_id(self, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
        """(claim id, linked speaker, speaker's text) of the claims of canonical documents among
        ``claim_ids``: who says each, which is all that telling two voices apart reads
        (link.disputes.denials), without the document fields and entities ``claims_by_id`` adds."""
        # the claims' documents filtered before the join, as claims_by_id does (not the whole table)
        documents = f"(SELECT * FROM documents WHERE id IN (SELECT doc_id FROM claims WHERE id IN {_IDS}))"
        return self.store.query(
            "SELECT c.id AS claim_id, c.speaker_actor, c.speaker_text, c.speaker_name "
            f"FROM claims c JOIN {documents} d ON d.id = c.doc_id WHERE c.id IN {_IDS} AND {_CANONICAL}",
            {"ids": as_json(claim_ids)},
        )

    def _claim_rows(self, where: str, params: dict[str, Any], documents: str) -> list[dict[str, Any]]:
        """Claims of canonical documents with their document fields, their speaker's actor type (where
        the speaker is linked) and the actors named inside each besides its speaker and besides states
        (a country in a sentence is mostly where something happens, not what is counted). The
        entities are read for the claims' documents only, in a second query."""
        rows = self.store.query(
            'SELECT c.id AS claim_id, c.doc_id, c.start, c."end", c.text, c.speaker_text, c.speaker_actor, '
            "c.speaker_start, c.speaker_end, c.speaker_kind, c.speaker_name, c.cue, c.status, c.evidence, c.polarity, "
            "c.quantities, c.rejected_values, c.content_start, c.content_end, "
            f"{_DOC_COLUMNS} FROM claims c JOIN {documents} d ON d.id = c.doc_id "
            f"WHERE {where} AND {_CANONICAL} ORDER BY d.ingest_seq, c.seq",
            params,
        )
        entities: dict[str, list[dict[str, Any]]] = {}
        for e in self.store.query(
            'SELECT doc_id, actor_id, actor_type, start, "end" FROM entities '
            f"WHERE doc_id IN {_DOCS} AND actor_id IS NOT NULL ORDER BY doc_id, start",
            {"docs": as_json(sorted({r["doc_id"] for r in rows}))},
        ):
            entities.setdefault(e["doc_id"], []).append(e)
        for r in rows:
            r["quantities"] = json.loads(r["quantities"]) if isinstance(r["quantities"], str) else r["quantities"]
            r["quantities"] = r["quantities"] or []
            if isinstance(r["rejected_values"], str):  # NULL (not read when stored) stays None
                r["rejected_values"] = json.loads(r["rejected_values"])
            found = entities.get(r["doc_id"], [])
            r["speaker_actor_type"] = next(
                (e["actor_type"] for e in found if r["speaker_actor"] and e["actor_id"] == r["speaker_actor"]), None
            )
            inside = [e for e in found if r["start"] <= e["start"] and e["end"] <= r["end"]]
            r["actors"] = sorted(
                {
                    e["actor_id"]
                    for e in inside
                    if (e["actor_type"] or "") != "state"
                    and (r["speaker_start"] is None or not r["speaker_start"] <= e["start"] < r["speaker_end"])
                }
            )
            # every actor inside, as store.propositions reads a claim's: what its claim vector is made of
            r["topic_actors"] = sorted({e["actor_id"] for e in inside})
        return rows

    def propositions_of_documents(self, doc_ids: Sequence[str]) -> list[str]:
        """The propositions these documents' claims are members of."""
        return [
            r["proposition_id"]
            for r in self.store.query(
                f"SELECT DISTINCT proposition_id FROM proposition_claims WHERE doc_id IN {_DOCS} ORDER BY 1",
                {"docs": as_json(doc_ids)},
            )
        ]

    def polar_candidates(
        self, doc_ids: Sequence[str], affirm: Sequence[str], deny: Sequence[str], per_side: int
    ) -> list[dict[str, Any]]:
        """The claims of these documents that affirm (positive, with a status of ``affirm``) or deny
        (negative with a status of ``affirm``, or a status of ``deny``), with their proposition,
        side, stance, status, polarity and source fields (``new`` true), and, for each proposition
        and stance one of them takes, the ``per_side`` most central earlier members of the opposite
        stance (``new`` false): what the new claims are compared with, bounded however large a
        proposition grows. Propositions where neither stance meets the other are left out."""
        return self.store.query(
            """
            WITH m AS (
                SELECT pc.proposition_id, pc.claim_id, pc.side, pc.similarity, c.status, c.polarity,
                       d.site, d.author, d.source_path, d.ingest_seq, c.seq,
                       pc.doc_id IN """
            + _DOCS
            + """ AS new,
                       CASE WHEN c.status IN """
            + unnested("deny")
            + """ THEN 'denies'
                            WHEN c.status IN """
            + unnested("affirm")
            + """ AND c.polarity = 'negative'
                                 THEN 'denies'
                            WHEN c.status IN """
            + unnested("affirm")
            + """ THEN 'affirms' END AS stance
                FROM proposition_claims pc JOIN claims c ON c.id = pc.claim_id JOIN documents d ON d.id = pc.doc_id
                WHERE pc.proposition_id IN (
                    SELECT proposition_id FROM proposition_claims WHERE doc_id IN """
            + _DOCS
            + """
                ) AND """
            + _CANONICAL
            + """
            ), wanted AS (
                SELECT DISTINCT proposition_id, CASE stance WHEN 'affirms' THEN 'denies' ELSE 'affirms' END AS stance
                FROM m WHERE new AND stance IS NOT NULL
            ), ranked AS (
                SELECT m.*, row_number() OVER (
                    PARTITION BY m.proposition_id, m.stance ORDER BY m.similarity DESC, m.ingest_seq, m.seq
                ) AS rank
                FROM m JOIN wanted w ON w.proposition_id = m.proposition_id AND w.stance = m.stance
                WHERE NOT m.new
            ), chosen AS (
                SELECT proposition_id, claim_id, side, stance, new, status, polarity, site, author, source_path,
                       ingest_seq, seq
                FROM m WHERE new AND stance IS NOT NULL
                UNION ALL
                SELECT proposition_id, claim_id, side, stance, new, status, polarity, site, author, source_path,
                       ingest_seq, seq
                FROM ranked WHERE rank <= $per_side
            ), both_stances AS (  -- a proposition where no claim could meet its opposite is left out
                SELECT proposition_id FROM chosen GROUP BY proposition_id HAVING count(DISTINCT stance) = 2
            )
            SELECT * EXCLUDE (ingest_seq, seq) FROM chosen
            WHERE proposition_id IN (SELECT proposition_id FROM both_stances)
            ORDER BY proposition_id, ingest_seq, seq""",
            {"docs": as_json(doc_ids), "affirm": as_json(affirm), "deny": as_json(deny), "per_side": per_side},
        )

    def values_of_blocks(self, kind: str, blocks: Iterable[str]) -> list[dict[str, Any]]:
        """The stored values of the disputes of ``kind`` in these blocks, each with its dispute's
        measure and group: a block's values from earlier runs, read instead of their documents."""
        return self.store.query(
            "SELECT x.block, x.label, x.measure, x.grp, v.* FROM dispute_values v "
            "JOIN disputes x ON x.id = v.dispute_id JOIN documents d ON d.id = v.doc_id "
            f"WHERE x.kind = $kind AND x.block IN {_IDS} AND {_CANONICAL} "
            "ORDER BY v.dispute_id, v.seq",
            {"kind": kind, "ids": as_json(sorted(set(blocks)))},
        )

    # -- writing ----------------------------------------------------------------------------------

    def replace(self, writes: Sequence[tuple[str, Sequence[str], list[dict], list[dict]]]) -> None:
        """Rewrite, in one transaction, the disputes of each (kind, blocks, dispute rows, value rows)
        of ``writes`` (their rows and values), then drop the event disputes whose cluster is no more
        (merged into another, or left by a superseded document; only the clusters disputes name are
        looked up)."""
        with self.store.batch() as s:
            con = s._connection()
            for kind, blocks, disputes, values in writes:
                ids = {"kind": kind, "ids": as_json(sorted(set(blocks)))}
                con.execute(
                    "DELETE FROM dispute_values WHERE dispute_id IN (SELECT id FROM disputes WHERE kind = $kind "
                    f"AND block IN {_IDS})",
                    ids,
                )
                con.execute(f"DELETE FROM disputes WHERE kind = $kind AND block IN {_IDS}", ids)
                if disputes:
                    con.execute(f"INSERT INTO disputes {_json_rows(_DISPUTE_COLUMNS)}", {"rows": json.dumps(disputes)})
                if values:
                    con.execute(
                        f"INSERT INTO dispute_values {_json_rows(_VALUE_COLUMNS)}", {"rows": json.dumps(values)}
                    )
            gone = (
                "SELECT id FROM disputes WHERE kind IN ('figures', 'facts') AND block LIKE 'c:%' "
                "AND block NOT IN (SELECT DISTINCT cluster_id FROM events "
                "WHERE cluster_id IN (SELECT block FROM disputes))"
            )
            con.execute(f"DELETE FROM dispute_values WHERE dispute_id IN ({gone})")
            con.execute(f"DELETE FROM disputes WHERE id IN ({gone})")

    # -- reading ----------------------------------------------------------------------------------

    def ranked(
        self, kind: str | None = None, *, conflicts_only: bool = True, min_sources: int = 2
    ) -> list[dict[str, Any]]:
        """Disputes, highest score first, then most sources, then by what they say (kind, label,
        measure, group): never first by id, which hashes a cluster's or proposition's documents' paths."""
        where, params = "sources >= $min_sources", {"min_sources": min_sources}
        if kind is not None:
            where += " AND kind = $kind"
            params["kind"] = kind
        if conflicts_only:
            where += " AND conflict"
        return self.store.query(
            f"SELECT * EXCLUDE (updated_at), updated_at::VARCHAR AS updated_at FROM disputes WHERE {where} "
            "ORDER BY score DESC, sources DESC, n_values DESC, kind, label, measure, grp, id",
            params,
        )

    def get(self, dispute_id: str) -> dict[str, Any] | None:
        rows = self.store.query(
            "SELECT * EXCLUDE (updated_at), updated_at::VARCHAR AS updated_at FROM disputes WHERE id = $id",
            {"id": dispute_id},
        )
        return rows[0] if rows else None

    def values(self, dispute_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Each dispute's values in order, with their document's title and address."""
        out: dict[str, list[dict[str, Any]]] = {i: [] for i in dispute_ids}
        for r in self.store.query(
            "SELECT v.*, d.title AS doc_title, d.url, d.source_path FROM dispute_values v "
            f"JOIN documents d ON d.id = v.doc_id WHERE v.dispute_id IN {_IDS} ORDER BY v.dispute_id, v.seq",
            {"ids": as_json(dispute_ids)},
        ):
            out[r["dispute_id"]].append(r)
        return out

    def conflicting_figures_of(self, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The values of the conflicting disputes of measured quantities (not event tolls) that one of
        these claims gives a value of, with every other value of those disputes."""
        return self.store.query(
            "SELECT v.dispute_id, v.claim_id, v.source, v.value, v.low, v.high, x.measure FROM dispute_values v "
            "JOIN disputes x ON x.id = v.dispute_id WHERE x.kind = 'figures' AND x.conflict AND x.block LIKE 'q:%' "
            f"AND v.dispute_id IN (SELECT dispute_id FROM dispute_values WHERE claim_id IN {_IDS}) "
            "ORDER BY v.dispute_id, v.seq",
            {"ids": as_json(claim_ids)},
        )

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM disputes WHERE conflict AND sources >= 2")[0]["n"]

    def stories_of_claims(self, claim_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Claim id -> what tells the story and the incident it belongs to (link.disputes.denials blocks
        claims disputes by it): ``doc_id``; ``date``, its document's date; ``clusters``, the event
        clusters of its document's events; ``countries``, the countries of its document's places and
        events (``event_countries``: its events' alone; ``country_mentions``: country -> how many of its
        entity mentions lie there); ``names``, the linked actors and places inside its sentence; ``places``, the place
        mentions inside its sentence (resolved or not: ``text``, ``place_id``, ``admin1``, ``country``;
        ``first``: it opens the sentence);
        ``events``, the events of its sentence (``cluster_id``, ``date_start``, ``date_precision``);
        ``figures``, the figures its sentence gives (``measure``, ``low``, ``high``). Sets and lists,
        empty where the stages found nothing."""
        rows = self.store.query(
            'SELECT c.id AS claim_id, c.doc_id, c.start, c."end", d.date AS doc_date '
            f"FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id IN {_IDS}",
            {"ids": as_json(claim_ids)},
        )
        docs = sorted({r["doc_id"] for r in rows})
        clusters: dict[str, set[str]] = {d: set() for d in docs}
        countries: dict[str, set[str]] = {d: set() for d in docs}
        event_countries: dict[str, set[str]] = {d: set() for d in docs}
        mentions: dict[str, Counter[str]] = {d: Counter() for d in docs}
        events: dict[str, list[dict[str, Any]]] = {d: [] for d in docs}
        entities: dict[str, list[dict[str, Any]]] = {d: [] for d in docs}
        for r in self.store.query(
            "SELECT doc_id, cluster_id, country, sentence_start, sentence_end, date_start, date_precision "
            f"FROM events WHERE doc_id IN {_DOCS}",
            {"docs": as_json(docs)},
        ):
            events[r["doc_id"]].append(r)
            if r["cluster_id"]:
                clusters[r["doc_id"]].add(r["cluster_id"])
            if r["country"]:
                countries[r["doc_id"]].add(r["country"])
                event_countries[r["doc_id"]].add(r["country"])
        for r in self.store.query(
            'SELECT doc_id, start, "end", text, type, actor_id, place_id, admin1, country FROM entities '
            f"WHERE doc_id IN {_DOCS} AND (actor_id IS NOT NULL OR place_id IS NOT NULL OR country IS NOT NULL "
            "OR type = 'Location')",
            {"docs": as_json(docs)},
        ):
            entities[r["doc_id"]].append(r)
            if r["country"]:
                countries[r["doc_id"]].add(r["country"])
                mentions[r["doc_id"]][r["country"]] += 1
        figures: dict[str, list[Any]] = {d: [] for d in docs}
        for f in self.store.figures.sentence_values(docs):
            figures[f["doc_id"]].append(f)
        out = {}
        for r in rows:
            inside = [n for n in entities[r["doc_id"]] if n["start"] >= r["start"] and n["end"] <= r["end"]]
            out[r["claim_id"]] = {
                "doc_id": r["doc_id"],
                "date": r["doc_date"],
                "clusters": clusters[r["doc_id"]],
                "countries": countries[r["doc_id"]],
                "event_countries": event_countries[r["doc_id"]],
                "country_mentions": mentions[r["doc_id"]],
                "names": {n["actor_id"] for n in inside if n["actor_id"]}
                | {"place:" + n["place_id"] for n in inside if n["place_id"]},
                "places": [
                    {**{k: n[k] for k in ("text", "place_id", "admin1", "country")}, "first": n["start"] == r["start"]}
                    for n in inside
                    if n["place_id"] or n["type"] == "Location"
                ],
                "events": [
                    {k: e[k] for k in ("cluster_id", "date_start", "date_precision")}
                    for e in events[r["doc_id"]]
                    if e["sentence_start"] is not None
                    and e["sentence_start"] < r["end"]
                    and e["sentence_end"] > r["start"]
                ],
                "figures": [
                    {k: f[k] for k in ("measure", "low", "high")}
                    for f in figures[r["doc_id"]]
                    if f["sentence_start"] < r["end"] and f["sentence_end"] > r["start"]
                ],
            }
        return out

    # -- added by the disputes quality work (issue 16.3): a claim's proposition, many at once ------

    def propositions_of(self, claim_ids: Sequence[str]) -> dict[str, str]:
        """claim id -> the proposition it is a member of, for those of ``claim_ids`` placed in one."""
        return {
            r["claim_id"]: r["proposition_id"]
            for r in self.store.query(
                f"SELECT claim_id, proposition_id FROM proposition_claims WHERE claim_id IN {_IDS}",
                {"ids": as_json(sorted(set(claim_ids)))},
            )
        }

    def persons_in(self, doc_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Document id -> its Person mentions (``start``, ``end``, ``text``, ``actor_id``), in order
        (link.disputes.ages reads the age written beside a named person)."""
        out: dict[str, list[dict[str, Any]]] = {d: [] for d in doc_ids}
        for r in self.store.query(
            'SELECT doc_id, start, "end", text, actor_id FROM entities '
            f"WHERE doc_id IN {_DOCS} AND type = 'Person' ORDER BY doc_id, start",
            {"docs": as_json(sorted(set(doc_ids)))},
        ):
            out[r["doc_id"]].append(r)
        return out

    def polar_claims(self, doc_ids: Sequence[str], affirm: Sequence[str], deny: Sequence[str]) -> list[dict[str, Any]]:
        """The claims of these documents that can affirm or deny (a status of ``affirm`` or ``deny``),
        as ``_claim_rows``: what matching across propositions reads of a run."""
        return self._claim_rows(
            f"c.doc_id IN {_DOCS} AND c.status IN {unnested('statuses')}",
            {"docs": as_json(doc_ids), "statuses": as_json(sorted(set(affirm) | set(deny)))},
            _DOCUMENTS_OF_DOCS,
        )
