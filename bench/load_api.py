"""Workbench load: p50/p99 latency and errors of the JSON API on a 10,000-document store.

    .venv/bin/python bench/load_api.py --db /tmp/load10k.duckdb [--documents 10000] [--clients 8]
        [--requests 400] [--seconds 60] [--shared ../shared] [--json results.json]

1. The store (cached at --db; built only when it holds fewer than --documents documents): a few
   hundred real documents go through the whole pipeline once (examples/corpus, the two seeds,
   and the first --fnc1 article bodies of FNC-1 when ../shared is present), then varied copies of
   them (new ids, sources, sites and dates; same text and annotations with re-keyed event and
   claim ids) are written with Store.add_document until the store holds --documents documents, so
   the documents, entities, events and claims tables are full size. Each copied claim joins its
   original's proposition on the same side (link.propositions.update_propositions over 100k+
   claims would take hours on a shared machine: 12k claims took 788 s), so the proposition
   tables are full size too; each proposition's sources and contested score are then computed
   again from its members (rescore_propositions).
2. The server: `claimgraph serve --read-only` on a free loopback port, in a subprocess (real HTTP,
   uvicorn as users run it).
3. The load: for each endpoint, --clients threads (one keep-alive connection each) send
   --requests requests in total with varied parameters (pages, filters, queries), stopping early
   after --seconds. The first request of each endpoint (building a search index, a cold cache) is
   made and timed apart, and not counted in p50/p99.

Prints one row per endpoint: requests, errors (non-2xx or failed), p50, p99, max (ms) and the
first request's time. The list endpoints' goal: p99 < 200 ms, zero errors.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph import runner  # noqa: E402
from claimgraph.model import Document, Metadata, Source  # noqa: E402
from claimgraph.store import Store  # noqa: E402

EXAMPLES = REPO / "examples" / "corpus"
SITES = [
    "Kabul Ledger",
    "Khyber Dispatch",
    "Pamir Herald",
    "Eastern Horizon",
    "Hindu Kush Observer",
    "Meridian Review",
    "Balkh Tribune",
    "Regional Peace Watch",
    "AT News",
    "Kabul Morning Post",
    "Dushanbe Courier",
    "Frontier Post Digest",
    "Nangarhar Voice",
    "Herat Times",
    "Quetta Wire",
    "Central Asia Monitor",
    "Doha Brief",
    "Peshawar Record",
    "Kunduz Daily",
    "Border Watch",
]
QUERIES = [
    "ISKP attack",
    "Taliban denied",
    "drone strike Kunar",
    "suicide bombing mosque",
    "Doha agreement",
    "arrested recruits",
    "Amaq claimed",
    "civilians killed",
    "border clash Torkham",
    "al-Qaeda presence",
]
MEANINGS = [
    "the Taliban killed senior ISKP leaders",
    "Islamic State is growing stronger in Afghanistan",
    "a bomber attacked worshippers",
    "Al-Qaeda kept a low profile after the Doha deal",
]
LIST_ENDPOINTS = ("documents", "claims", "events", "actors", "search", "propositions", "contested")


# -- the store ------------------------------------------------------------------------------------


def real_inputs(shared: Path, fnc1: int, workdir: Path) -> list[str]:
    inputs = [str(EXAMPLES)]
    seeds = shared / "corpus" / "seeds"
    if seeds.is_dir():
        inputs += [str(p) for p in sorted(seeds.glob("*.txt"))]
    bodies = shared / "datasets" / "fnc1" / "train_bodies.csv"
    if bodies.is_file() and fnc1:
        out = workdir / "fnc1_bodies.jsonl"
        csv.field_size_limit(10**8)
        with bodies.open(encoding="utf-8", newline="") as f, out.open("w", encoding="utf-8") as w:
            for i, row in enumerate(csv.DictReader(f)):
                if i >= fnc1:
                    break
                w.write(
                    json.dumps(
                        {"text": row["articleBody"], "title": f"FNC-1 body {row['Body ID']}"}, ensure_ascii=False
                    )
                    + "\n"
                )
        inputs.append(str(out))
    return inputs


def rekey(doc: Document, copy: int, rng: random.Random) -> Document:
    """A copy of ``doc`` as another source's document: new id, source, site and date; the same
    text and annotations, with event and claim ids (and references between them) re-keyed."""
    new_id = hashlib.sha256(f"load-copy\x00{copy}\x00{doc.id}".encode()).hexdigest()[:16]

    def key(value: str | None) -> str | None:
        return value.replace(doc.id, new_id, 1) if value and value.startswith(doc.id) else value

    year, month, day = rng.choice((2023, 2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
    meta = Metadata(
        title=(doc.meta.title or "Untitled") + f" ({copy})",
        author=doc.meta.author,
        date=f"{year}-{month:02d}-{day:02d}",
        site=rng.choice(SITES),
        url=f"https://example.org/load/{copy}/{doc.id}",
    )
    source = Source(f"load-copies/{copy:05d}/{Path(doc.source.path).name}", doc.source.format, doc.source.record)
    events = tuple(replace(e, id=key(e.id), claims_event=key(e.claims_event), cluster_id=None) for e in doc.events)
    claims = tuple(replace(c, id=key(c.id), parent=key(c.parent)) for c in doc.claims)
    return replace(
        doc,
        id=new_id,
        source=source,
        meta=meta,
        duplicate_of=None,
        duplicate_kind=None,
        duplicate_similarity=None,
        content_hash=hashlib.sha256(f"{new_id}".encode()).hexdigest(),
        events=events,
        claims=claims,
    )


def build_store(path: Path, documents: int, shared: Path, fnc1: int) -> None:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Store(path) as store:
        if store.documents.counts()["documents"] == 0:
            inputs = real_inputs(shared, fnc1, Path(tmp))
            print(f"pipeline over {', '.join(Path(p).name for p in inputs)} ...", file=sys.stderr)
            report = runner.run(inputs, store, workers=max(1, min(2, os.cpu_count() or 1)))
            print(f"  {len(report.added)} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        base = [r["id"] for r in store.query("SELECT id FROM documents WHERE duplicate_of IS NULL ORDER BY ingest_seq")]
        originals = [store.documents.get(i) for i in base]
        have = store.documents.counts()["documents"]
        rng = random.Random(7)
        copy = 0
        members: list[dict] = []  # copied claim -> its original, to copy proposition membership
        t0 = time.perf_counter()
        while have < documents:
            with store.batch():
                for _ in range(min(200, documents - have)):
                    doc = originals[copy % len(originals)]
                    twin = rekey(doc, copy, rng)
                    if store.add_document(twin):
                        have += 1
                        members += [
                            {"claim": a.id, "copy": b.id, "doc": twin.id} for a, b in zip(doc.claims, twin.claims)
                        ]
                    copy += 1
            print(f"  copies: {have}/{documents} documents", file=sys.stderr, flush=True)
        print(f"  copies written in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        copy_memberships(store, members)
    print(f"store ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def copy_memberships(store: Store, members: list[dict]) -> None:
    """Each copied claim joins its original's proposition, on the same side; counts follow."""
    if not members:
        return
    with store.batch() as s:
        con = s._connection()  # a bench-only bulk write: the Store has no writer for link tables
        con.execute(
            """
            INSERT OR IGNORE INTO proposition_claims
            SELECT pc.proposition_id, m.copy, m.doc, pc.similarity, pc.side, pc.relation, pc.relation_score, pc.reasons
            FROM (SELECT unnest(from_json($rows::JSON, '[{"claim": "VARCHAR", "copy": "VARCHAR", "doc": "VARCHAR"}]'),
                                recursive := true)) AS m
            JOIN proposition_claims pc ON pc.claim_id = m.claim""",
            {"rows": json.dumps(members)},
        )
        con.execute("""
            UPDATE propositions SET claims = n.claims, documents = n.documents
            FROM (SELECT proposition_id, count(*) AS claims, count(DISTINCT doc_id) AS documents
                  FROM proposition_claims GROUP BY proposition_id) AS n
            WHERE propositions.id = n.proposition_id""")
    rescore_propositions(store)


def rescore_propositions(store: Store) -> None:
    """Each proposition's sources and contested score from its members, copies included, as
    update_propositions computes them (the contested list ranks by the stored score)."""
    from claimgraph.link.contested import score_sides
    from claimgraph.link.propositions import load_config, proposition_members

    ids = [r["id"] for r in store.query("SELECT id FROM propositions")]
    members = proposition_members(store, ids)
    config = load_config()
    rows = [
        {
            "id": pid,
            "sources": len({m["source"] for m in members.get(pid, [])}),
            "score": score_sides(members.get(pid, []), config)["score"],
        }
        for pid in ids
    ]
    with store.batch() as s:
        s._connection().execute(
            """
            UPDATE propositions SET sources = r.sources, contested_score = r.score
            FROM (SELECT unnest(from_json($rows::JSON, '[{"id": "VARCHAR", "sources": "INTEGER", "score": "DOUBLE"}]'),
                                recursive := true)) AS r
            WHERE propositions.id = r.id""",
            {"rows": json.dumps(rows)},
        )


def table_sizes(path: Path) -> dict[str, int]:
    with Store(path, read_only=True) as store:
        return {
            t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
            for t in (
                "documents",
                "entities",
                "events",
                "claims",
                "propositions",
                "proposition_claims",
                "sentence_embeddings",
            )
        }


# -- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-c",
        "from claimgraph.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--read-only",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/summary")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("server did not answer within 120 s")


# -- the load -------------------------------------------------------------------------------------


def endpoint_paths(name: str, rng: random.Random, facts: dict) -> str:
    """One request path of endpoint ``name`` with varied parameters."""
    # mostly first pages, and one request in seven anywhere in the list: pages asked for again are
    # kept per state of the store (Listing, store/listing.py), so without these the figures would be of kept pages only
    page = lambda n: rng.choice([0, 0, 50, 100, 500, max(0, n - 50), rng.randrange(max(1, n))])  # noqa: E731
    if name == "documents":
        params = rng.choice(
            [{}, {"source": rng.choice(SITES)}, {"language": "en"}, {"date_from": "2024-01", "date_to": "2024-06-30"}]
        )
        return "/api/documents?" + urlencode({**params, "limit": 50, "offset": page(facts["documents"])})
    if name == "claims":
        params = rng.choice([{}, {}, {"status": "reported"}, {"status": "disputed"}])
        return "/api/claims?" + urlencode({**params, "limit": 100, "offset": page(facts["claims"])})
    if name == "events":
        return "/api/events?" + urlencode({"limit": 100, "offset": page(facts["events"])})
    if name == "actors":
        return "/api/actors?" + urlencode({"limit": 100, "offset": rng.choice([0, 0, 100])})
    if name == "search":
        return "/api/search?" + urlencode({"q": rng.choice(QUERIES), "limit": 20, "offset": rng.choice([0, 0, 20])})
    if name == "search-semantic":
        return "/api/search?" + urlencode({"q": rng.choice(MEANINGS), "mode": "semantic", "limit": 20})
    if name == "propositions":
        return "/api/propositions?" + urlencode({"limit": 100, "offset": rng.choice([0, 0, 100])})
    if name == "contested":
        return "/api/contested?" + urlencode({"limit": 20})
    if name == "sources":
        return "/api/sources?" + urlencode({"limit": 50})
    if name == "network":
        return "/api/network" + rng.choice(["", "?actor=iskp", "?actor=taliban"])
    raise ValueError(name)


def one_request(conn: http.client.HTTPConnection, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - start) * 1000, response.status


def drive(port: int, name: str, clients: int, requests: int, seconds: float, facts: dict) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    first_ms, first_status = one_request(conn, endpoint_paths(name, random.Random(0), facts))
    conn.close()
    if first_status == 404:
        return {"endpoint": name, "absent": True}
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            path = endpoint_paths(name, rng, facts)
            try:
                ms, status = one_request(conn, path)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            with lock:
                latencies.append(ms)
                if status >= 300:
                    errors.append(f"{path}: HTTP {status}")
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "endpoint": name,
        "requests": len(latencies) + sum(1 for e in errors if "HTTP" not in e),
        "errors": len(errors),
        "error_examples": errors[:3],
        "first_ms": round(first_ms, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "per_second": round(len(latencies) / wall, 1) if wall else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the store to build or reuse")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--fnc1", type=int, default=300, help="FNC-1 article bodies through the pipeline")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long per endpoint")
    parser.add_argument("--endpoints", default=",".join(LIST_ENDPOINTS + ("search-semantic", "sources", "network")))
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()

    have = table_sizes(args.db)["documents"] if args.db.exists() else 0
    if have < args.documents:
        build_store(args.db, args.documents, args.shared, args.fnc1)
    sizes = table_sizes(args.db)
    print("store: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    port = free_port()
    server = start_server(args.db, port)
    results = []
    try:
        for name in args.endpoints.split(","):
            result = drive(port, name, args.clients, args.requests, args.seconds, sizes)
            results.append(result)
            if result.get("absent"):
                print(f"{name:16} not served (404)")
                continue
            flag = (
                ""
                if name not in LIST_ENDPOINTS
                else ("  ok" if result["errors"] == 0 and (result["p99_ms"] or 0) < 200 else "  MISSES GOAL")
            )
            print(
                f"{name:16} n={result['requests']:4d} errors={result['errors']:3d} p50={result['p50_ms']:8.1f} "
                f"p99={result['p99_ms']:8.1f} max={result['max_ms']:8.1f} ms  first={result['first_ms']:9.1f} ms"
                f"  {result['per_second']:6.1f}/s{flag}",
                flush=True,
            )
            for example in result["error_examples"]:
                print(f"    {example}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.json:
        args.json.write_text(json.dumps({"store": sizes, "clients": args.clients, "results": results}, indent=2))


if __name__ == "__main__":
    main()
