"""Disputes: where independent sources disagree about figures, facts and each other (issue 16).

Three kinds, each computed in the linking step after a run for the blocks the run's documents
touch, and stored (``store.disputes``):

- ``figures``: within an event cluster, each source's deaths and injured (per victim group); and,
  beyond events, numbers about a named actor grouped by (actor, measure): a group's strength in
  fighters, camps, cells, compared where their reports are of one period (or undated).
  Disjoint intervals from different sources conflict; a later, higher figure of the same voice or side,
  or one another source's words call a revision ("has risen to") where that source is no party or the
  earlier figure's own side, is an update (``figures.compare``).
- ``facts``: within an event cluster, the perpetrator, date and place each source gives; and,
  beyond events, claims about one subject that give values of one slot that cannot both be true
  (a person dead / alive, someone's son / nephew: ``facts``, slots in data/models/fact_slots.yaml).
- ``claims``: within a proposition, sources that affirm against sources that deny
  (``denials``).

Duplicates never count (their documents are not read), and a source is counted once however many
of its documents give a value. ``values.event_values`` is where the values of events come from.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ...entities.ontology import Ontology
from ...entities.places import Gazetteer
from ...errors import BadInput, NotFound
from ...nlp.dates import parse_iso
from ...store.schema import utc_now
from ..propositions import ClaimVectors, PropositionConfig
from ..propositions import load_config as load_proposition_config
from .acts import by_act
from .acts import label as act_label
from .ages import age_values, same_person
from .config import DisputeConfig, load_config
from .denials import denial_values, stance
from .denials import score as denial_score
from .facts import fact_disputes, fact_values
from .figures import SIDE_LABELS, categorical, compare, conflicting, same_period, split_primary, victim_sides
from .figures import accounts as figure_accounts
from .perpetrators import TEXT, same_doer
from .tallies import SUFFIX as TALLY_SUFFIX
from .tallies import tally_disputes, tally_values
from .unclustered import unclustered_counts, unclustered_disputes, unclustered_values
from .values import INF, Value, cluster_documents, event_values, quantity_values

KINDS = ("figures", "facts", "claims")


def dispute_id(kind: str, block: str, measure: str) -> str:
    return "d" + hashlib.sha1(f"{kind}\x00{block}\x00{measure}".encode()).hexdigest()[:12]


def update_disputes(
    store,
    doc_ids: Sequence[str],
    *,
    clusters: Iterable[str] = (),
    config: DisputeConfig | None = None,
    weights: PropositionConfig | None = None,
    vectors: ClaimVectors | None = None,
    gazetteer: Callable[[], Gazetteer] | None = None,
) -> dict[str, int]:
    """Recompute the disputes of every block the documents ``doc_ids`` (just linked) touch: their
    event clusters (and ``clusters``: those event clustering changed), their quantity keys and their
    propositions. ``vectors``: the claim vectors the propositions step kept (``update_propositions``'
    ``keep``), so that they are not made again. ``gazetteer``: called for the gazetteer when a place
    value first needs it (the linking step's, built once for all its steps; None: one built here then).
    Returns how many blocks of each kind were recomputed."""
    config = config or load_config()
    weights = weights or load_proposition_config()
    gazetteer = gazetteer or functools.cache(Gazetteer.load)
    doc_ids = list(doc_ids)
    cluster_ids = sorted(set(store.disputes.clusters_of(doc_ids)) | set(clusters))
    docs = cluster_documents(store, cluster_ids)
    # one read of the figures of the clusters' documents and of the run's own (its quantities)
    figure_rows = store.figures.in_context(sorted(set(docs) | set(doc_ids)))
    ontology = _actors(store)
    figures, facts = event_values(
        store, cluster_ids, config, weights, docs=docs, figure_rows=figure_rows, ontology=ontology
    )
    new = quantity_values(store, doc_ids, config, weights, figure_rows=figure_rows, ontology=ontology)
    blocks = sorted({v.block for v in new})
    fresh = set(doc_ids)
    old = [_stored(r) for r in store.disputes.values_of_blocks("figures", blocks) if r["doc_id"] not in fresh]
    # tallies over a period (tallies.py): a measure of their own, by country and the report's year
    tallies = tally_values(figure_rows, doc_ids, config, weights)
    tally_blocks = sorted({v.block for v in tallies})
    tallies += [
        _stored(r) for r in store.disputes.values_of_blocks("figures", tally_blocks) if r["doc_id"] not in fresh
    ]
    # counts no event cluster joins (undated reports, counts tied to no event): the run's documents with a
    # clustered event are among ``docs``, and their tolls count for its cluster
    counts = unclustered_counts(figure_rows, doc_ids, set(docs), config, weights)
    loose_blocks, loose_new = unclustered_values(store, counts, config, weights)
    loose_old = [
        _stored(r) for r in store.disputes.values_of_blocks("figures", loose_blocks) if r["doc_id"] not in fresh
    ]
    run_claims = store.disputes.polar_claims(doc_ids, sorted(config.affirm_statuses), sorted(config.deny_statuses))
    for c in run_claims:
        c["stance"] = stance(c, config)
    propositions, matched = denial_values(store, doc_ids, config, weights, vectors, run_claims=run_claims)
    found = {key: (vs, denial_score(vs, sim, config.one_outlet_weight)) for key, (vs, sim) in matched.items()}
    age_blocks, age_new = age_values(store, run_claims, weights)
    age_old = [_stored(r) for r in store.disputes.values_of_blocks("figures", age_blocks) if r["doc_id"] not in fresh]
    fact_blocks, fact_new = fact_values(store, run_claims, config, weights)
    fresh_claims = {v.claim_id for v in fact_new}
    fact_old = [
        _stored(r) for r in store.disputes.values_of_blocks("facts", fact_blocks) if r["claim_id"] not in fresh_claims
    ]
    store.disputes.replace(
        [
            _rows("figures", cluster_ids, _tolls(figures, ontology)),
            _rows("facts", cluster_ids, _facts(facts, ontology, gazetteer)),
            _rows("figures", blocks, _quantities(old + new, config.quantity_span_days)),
            _rows("figures", tally_blocks, tally_disputes(tallies, config)),
            _rows("figures", loose_blocks, unclustered_disputes(store, loose_old + loose_new, config, weights)),
            _rows("claims", propositions, found),
            _rows("figures", age_blocks, _ages(age_old + age_new)),
            _rows("facts", fact_blocks, fact_disputes(store, fact_old + fact_new, config, weights)),
        ]
    )
    return {
        "clusters": len(cluster_ids),
        "quantity_keys": len(blocks),
        "tally_keys": len(tally_blocks),
        "unclustered_counts": len(loose_blocks),
        "propositions": len(propositions),
        "fact_subjects": len(fact_blocks),
        "age_subjects": len(age_blocks),
    }


def _ages(values: Iterable[Value]) -> dict[tuple[str, str], tuple[list[Value], dict[str, Any]]]:
    """Ages of one name: a person's age is no count that grows as it is known (no updates), and two
    names of one block are compared only when they can be one person."""
    return {key: (vs, compare(vs, updates_allowed=False, related=same_person)) for key, vs in _grouped(values).items()}


def _grouped(values: Iterable[Value]) -> dict[tuple[str, str], list[Value]]:
    out: dict[tuple[str, str], list[Value]] = defaultdict(list)
    for v in values:
        v.role = "value"
        out[(v.block, v.measure)].append(v)
    return out


def _quantities(values: Iterable[Value], span_days: int) -> dict[tuple[str, str], tuple[list[Value], dict[str, Any]]]:
    """A subject's measure (a group's strength): no count that only grows as it is known (no updates), and two
    values are compared only when they can hold at one time (``figures.same_period``)."""
    related = same_period(span_days)
    return {key: (vs, compare(vs, updates_allowed=False, related=related)) for key, vs in _grouped(values).items()}


def _tolls(values: Iterable[Value], ontology: Ontology | None = None) -> dict[tuple, tuple[list[Value], dict]]:
    """An event cluster's tolls, one dispute per measure and victim side (``figures.victim_sides``): the attackers
    killed ("more than 50 terrorists neutralised") are never values of the soldiers' or the civilians' toll.
    The side the totals join keeps the key (block, measure); another side's key adds the side."""
    out = {}
    for (block, measure), vs in _grouped(values).items():
        split = victim_sides(vs, lambda group: _actor_type(group, ontology))
        primary = split_primary(split)
        for side, members in split.items():
            key = (block, measure) if side == primary else (block, measure, side)
            if side != primary:
                for v in members:
                    v.label = f"{v.label} ({SIDE_LABELS.get(side, side)})"
            # the attackers' dead beside their victims': an official count is a party's, no update of the group's
            # own count (figures._is_update: a party revises only its own side's count)
            out[key] = (members, compare(members, updates_allowed=True))
    return out


def _actor_type(group: str, ontology: Ontology | None) -> str | None:
    """The ontology type of a victim group that is an actor id ("armed_group": its fighters are militants);
    None for a nationality. An armed group allied with a state (a state-armed auxiliary: the VDP, the
    Civilian JTF) fights on the forces' side: "state_auxiliary"."""
    actor = ontology.get(group) if ontology is not None else None
    if actor is None:
        return None
    if actor.type == "armed_group" and ontology.armed_side(group) == "forces":
        return "state_auxiliary"
    return actor.type


def _places_compatible(
    a: Value,
    b: Value,
    together: set[frozenset[str]] = frozenset(),
    country: str | None = None,
    gazetteer: Callable[[], Gazetteer] = Gazetteer.load,
) -> bool:
    """Two places that can both be where an event happened: one inside the other or not known to be
    apart (another country, or another province where both provinces are known); or two one source
    gives, whichever sentence and speaker (``together``: a village and the town it is near, which the
    gazetteer may put in two provinces; one outlet is not on two sides of where). A village the gazetteer
    cannot place (no entry: read under its container's id, which may be a namesake's) or cannot nest (no
    province) says only that it lies somewhere: it is compatible with any place of the event cluster's
    ``country`` (the one most of its places lie in) and with any place of its own country. ``gazetteer``:
    called for the gazetteer when a village's name must be looked up."""
    if a.source == b.source or frozenset((a.key, b.key)) in together:
        return True
    # qualifier holds "country|admin1" for a place value (values._facts_of)
    ca, aa = (a.qualifier or "|").split("|", 1)
    cb, ab = (b.qualifier or "|").split("|", 1)
    if not (ca and cb and ca != cb) and not (aa and ab and aa != ab):
        return True
    # apart as read: unless one is a village whose reading says only that it lies somewhere
    return any(
        (other == own or (country is not None and other == country)) and _loose_village(loose, gazetteer)
        for loose, own, other in ((a, ca, cb), (b, cb, ca))
    )


def _days_compatible(a: Value, b: Value) -> bool:
    """Two event days that can both be right: one day apart, the earlier said late in its day and the later
    early in its own ("Friday night" / "the early hours of Saturday"); qualifier holds the part of the day
    (values.part_of_day)."""
    da, db = parse_iso(a.key), parse_iso(b.key)
    if da is None or db is None or abs((da - db).days) != 1:
        return False
    first, then = (a, b) if da < db else (b, a)
    return "late" in (first.qualifier or "").split() and "early" in (then.qualifier or "").split()


def _loose_village(v: Value, gazetteer: Callable[[], Gazetteer] = Gazetteer.load) -> bool:
    """A place value the gazetteer does not place by its own name: a town with no province, or a name it
    does not know read as the division or country around it ("Masiani" under a province's id)."""
    country, admin1 = (v.qualifier or "|").split("|", 1)
    key = v.key or ""
    if key.startswith("country:") or (admin1 and key == admin1):
        return bool(v.value) and v.value != key and not gazetteer().knows(v.value)
    return bool(country) and not admin1


def _cluster_country(values: Sequence[Value]) -> str | None:
    """The country most of an event cluster's place values lie in (None on a tie)."""
    counts = Counter((v.qualifier or "|").split("|", 1)[0] for v in values if v.measure == "place")
    counts.pop("", None)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _given_together(values: Sequence[Value]) -> set[frozenset[str]]:
    """The pairs of places some one source gives for one event."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for v in values:
        if v.measure == "place" and v.key:
            by_source[v.source].add(v.key)
    return {frozenset((x, y)) for keys in by_source.values() for x in keys for y in keys if x != y}


def _actors(store) -> Ontology:
    """The actors doers are compared by: the shipped ontology and the user's actor files of the store's
    latest run, so that a user's group and its parent, or its aliases, are one doer (the workbench's
    loader and policy: ``link.network.store_ontology``)."""
    from ..network import store_ontology

    return store_ontology(store)


def _doers_compatible(a: Value, b: Value, ontology: Ontology | None = None) -> bool:
    """One doer (``perpetrators.same_doer``: aliases, a group's province or outlet), or two unlinked
    phrases: "Pakistani troops" and "Pakistani forces" may be one doer, and no ontology tells them apart;
    an unlinked phrase opposes a name ("criminals" against a group)."""
    ka, kb = a.key or "", b.key or ""
    if (ka.startswith(TEXT) and kb.startswith(TEXT)) or same_doer(ka, kb, ontology):
        return True
    # a report naming a coalition ("FARDC-FDLR attacked") is no rival of one naming one of its members
    return any(same_doer(x, kb, ontology) for x in a.allies) or any(same_doer(x, ka, ontology) for x in b.allies)


def _facts(
    values: Iterable[Value], ontology: Ontology | None = None, gazetteer: Callable[[], Gazetteer] | None = None
) -> dict[tuple[str, str], tuple[list[Value], dict[str, Any]]]:
    gazetteer = gazetteer or functools.cache(Gazetteer.load)  # built when a village is first looked up
    out = {}
    for key, vs in _by_act(_grouped(values), ontology).items():
        together, country = _given_together(vs), _cluster_country(vs)

        def compatible(a: Value, b: Value, together=together, country=country) -> bool:
            if a.measure == "perpetrator":
                return _doers_compatible(a, b, ontology)
            if a.measure == "date":
                return _days_compatible(a, b)
            return _places_compatible(a, b, together, country, gazetteer) if a.measure == "place" else False

        summary = categorical(vs, compatible)
        if key[1] in ("perpetrator", "place") and summary["conflict"]:
            summary["why"] = _accounts_shown(vs, summary["why"], compatible)
        out[key] = (vs, summary)
    return out


def _by_act(grouped: dict[tuple, list[Value]], ontology: Ontology | None) -> dict[tuple, list[Value]]:
    """Each cluster's perpetrator values split into the acts they are doers of (``acts.by_act``): the army's
    counter-attack and the attackers' raid are two acts, each a dispute of its own. The cluster's main act keeps
    the key (block, "perpetrator"); another act's key adds its name, and its label says it."""
    out: dict[tuple, list[Value]] = {}
    for key, vs in grouped.items():
        if key[1] != "perpetrator":
            out[key] = vs
            continue
        split, main = by_act(vs, ontology or _actors_shipped())
        for i, (name, members) in enumerate(split):
            if i == main:
                out[key] = members
                continue
            sub = (*key, name)
            while sub in out:  # two acts of one name: victims on one side, kept apart by their doers
                sub = (*sub[:-1], f"{sub[-1]}+")
            for v in members:
                v.label = f"{v.label} ({act_label(name)})"
            out[sub] = members
    return out


def _actors_shipped() -> Ontology:
    from ...entities.ontology import load_cached

    return load_cached()


def _accounts_shown(values: Sequence[Value], why: str, compatible) -> str:
    """The why of a perpetrator or place dispute with the values listed by account, each account's
    names and sources together ("ISKP, Amaq: Kabul Ledger, Pamir Herald"), so that the accounts counted
    are the accounts shown: several names of one doer read as several accounts otherwise."""
    pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1 :] if conflicting(a, b, compatible)]
    accounts = figure_accounts(values, compatible, pairs)  # as ``categorical`` counts them
    listed = [(", ".join(sorted({v.value for v in a})), ", ".join(sorted({v.source for v in a}))) for a in accounts]
    shown = "; ".join(sorted(f"{names}: {sources}" for names, sources in listed))
    score = why.partition("); score = ")[2]
    n = len({v.source for a in accounts for v in a})
    return f"{n} independent sources give {len(accounts)} accounts that cannot all be true ({shown}); score = {score}"


def _stored(row: dict[str, Any]) -> Value:
    """A value as ``dispute_values`` keeps it (with its dispute's block, label, measure, group)."""
    fields = {k: row[k] for k in Value.__dataclass_fields__ if k in row and k not in ("group",)}
    fields["group"] = row["grp"]
    if fields.get("low") is not None and fields.get("high") is None:
        fields["high"] = INF
    return Value(**fields)


_MEASURE_WORDS = {"killed": "deaths", "proposition": "affirmed and denied"}


def _value_order(v: Value) -> tuple:
    """A dispute's values by date, source and number, then by what and where they say it: a tie left
    to the input's order followed the claims' ids, which hash the documents' paths."""
    low = v.low if v.low is not None else 0
    return (v.date or "", v.source, low, v.text or "", v.sentence_start or 0, v.value or "", v.role, v.speaker or "")


def measure_words(measure: str) -> str:
    """A measure as people read it: "killed" is deaths, a tally's "killed_cumulative" deaths over a period."""
    if measure.endswith(TALLY_SUFFIX):
        return f"{measure_words(measure[: -len(TALLY_SUFFIX)])} over a period"
    return _MEASURE_WORDS.get(measure, measure)


def _rows(kind: str, blocks: Sequence[str], found: dict[tuple[str, str], tuple[list[Value], dict]]) -> tuple:
    """(kind, blocks, dispute rows, value rows) as ``store.disputes.replace`` writes them."""
    now = utc_now().isoformat(sep=" ")
    disputes, values = [], []
    for key, (vs, summary) in sorted(found.items()):
        block, measure = key[0], key[1]
        # a victim side other than the totals' (``_tolls``) is a dispute of its own under the same block
        did = dispute_id(kind, block, measure) if len(key) == 2 else dispute_id(kind, block, f"{measure}\x00{key[2]}")
        groups = sorted({v.group for v in vs if v.group})
        disputes.append(
            {
                "id": did,
                "kind": kind,
                "block": block,
                "label": vs[0].label,
                "measure": measure,
                "grp": ",".join(groups) or None,
                "n_values": len(vs),
                "updated_at": now,
                **summary,
            }
        )
        ordered = sorted(vs, key=_value_order)
        for seq, v in enumerate(ordered):
            row = v.row()
            values.append(
                {
                    "dispute_id": did,
                    "seq": seq,
                    **{k: row[k] for k in row if k not in ("block", "label", "measure", "group", "key")},
                }
            )
    return kind, blocks, disputes, values


# -- reading --------------------------------------------------------------------------------------


# How a source gives a perpetrator (the value's qualifier: ``values._role``), as the listings say it: a group's
# own claim of the act, an accusation by the speaker, or the report's own words.
RESPONSIBILITY = {"claimed": "claimed by {}", "blamed": "blamed on {}", "stated": "{} (stated)"}


def _with_responsibility(row: dict[str, Any]) -> dict[str, Any]:
    """``row``'s values with ``responsibility`` (claimed, blamed or stated, for a perpetrator; else None) and
    ``value_label``, the value as the listings show it ("claimed by JNIM", "blamed on the army")."""
    for v in row.get("values", ()):
        role = v.get("qualifier") if row.get("measure") == "perpetrator" else None
        v["responsibility"] = role if role in RESPONSIBILITY else None
        v["value_label"] = RESPONSIBILITY[role].format(v["value"]) if v["responsibility"] else v["value"]
    return row


def list_disputes(
    store, kind: str | None = None, *, limit: int | None = None, with_values: bool = True
) -> list[dict[str, Any]]:
    """Disputes with sources on more than one side, most divergent and firmest first; each with its
    values (source, speaker, value, date, status, sentence offsets)."""
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown dispute kind {kind!r} (expected one of {', '.join(KINDS)})")
    rows = [_shown(r) for r in store.disputes.ranked(kind)]
    rows = rows if limit is None else rows[:limit]
    if with_values:
        values = store.disputes.values([r["id"] for r in rows])
        for r in rows:
            r["values"] = values[r["id"]]
            _with_responsibility(r)
    return rows


def get_dispute(store, dispute_id_: str) -> dict[str, Any]:
    row = store.disputes.get(dispute_id_)
    if row is None:
        raise NotFound(f"no dispute {dispute_id_!r}")
    row["values"] = store.disputes.values([dispute_id_])[dispute_id_]
    return _shown(_with_responsibility(row))


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """The dispute with its label as people read it: the measure first ("deaths: suicide bomb in
    Mastung, 2024-09-14"); a claims dispute's label is its claim (its "measure" is its first claim id)."""
    if row["kind"] != "claims":
        row["label"] = f"{measure_words(row['measure'])}: {row['label']}"
    return row


def figure_leans(store, claim_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """claim id -> (+1 or -1, why) for a claim whose figure of a group's strength (fighters, members,
    camps, cells) lies wholly above (+1) or below (-1) another source's figure in a conflicting
    dispute: ACH reads it as the claim's lean on the strength axis ("fewer than 1,000 members"
    against "4,000 to 6,000 fighters" cuts against growth)."""
    by_dispute: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.disputes.conflicting_figures_of(list(claim_ids)):
        by_dispute[r["dispute_id"]].append(r)
    wanted, out = set(claim_ids), {}
    for values in by_dispute.values():
        for v in values:
            if v["claim_id"] not in wanted:
                continue
            high = INF if v["high"] is None else v["high"]
            others = [o for o in values if o["source"] != v["source"]]
            below = [o for o in others if high < o["low"]]
            above = [o for o in others if o["high"] is not None and v["low"] > o["high"]]
            if bool(below) != bool(above):
                lean, other = (-1, below[0]) if below else (1, above[0])
                out[v["claim_id"]] = (
                    lean,
                    f"its figure ({v['value']}) is {'below' if lean < 0 else 'above'} what {other['source']} "
                    f"gives ({other['value']}) for the same {v['measure']}",
                )
    return out


# The columns of a flat listing (CSV): one row per value, its dispute's fields first.
RECORD_COLUMNS = (
    "rank",
    "dispute_id",
    "kind",
    "label",
    "score",
    "sources",
    "why",
    "role",
    "source",
    "speaker",
    "speaker_actor",
    "official",
    "value",
    "responsibility",
    "low",
    "high",
    "date",
    "status",
    "polarity",
    "doc_id",
    "claim_id",
    "event_id",
    "sentence_start",
    "sentence_end",
    "text",
)


def dispute_records(disputes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``list_disputes``' disputes flattened to one record per value (``RECORD_COLUMNS``)."""
    out = []
    for rank, d in enumerate(disputes, 1):
        for v in d["values"]:
            row = {**v, **{k: d[k] for k in ("kind", "label", "score", "sources", "why")}}
            row.update(rank=rank, dispute_id=d["id"])
            out.append({k: row.get(k) for k in RECORD_COLUMNS})
    return out
