"""Build examples/corpus/crawl.warc.gz from examples/warc_pages/, or check the example corpus.

    .venv/bin/python examples/make_warc.py           # (re)write crawl.warc.gz
    .venv/bin/python examples/make_warc.py --check   # read it back and check the whole corpus

The WARC is committed, so the demo needs no network; record ids and dates come from
warc_pages/pages.yaml so that rebuilding gives the same bytes.

``--check`` reads the WARC back with warcio and checks every corpus file (UTF-8, the synthetic
marker on the first line, JSON/JSONL fields, sizes) and that every sentence quoted in
scenario.yaml occurs in the document it is attributed to. It prints one line per problem and
exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import yaml
from lxml import html as lxml_html
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

EXAMPLES = Path(__file__).resolve().parent
CORPUS = EXAMPLES / "corpus"
PAGES = EXAMPLES / "warc_pages"
MANIFEST = PAGES / "pages.yaml"
SCENARIO = EXAMPLES / "scenario.yaml"
WARC_PATH = CORPUS / "crawl.warc.gz"

MARKER = "[SYNTHETIC EXAMPLE — written for claimgraph's demo corpus; not real reporting]"
FEED_FIELDS = ("text", "title", "url", "date", "author", "site")
MAX_WARC_BYTES = 40 * 1024
MAX_CORPUS_BYTES = 200 * 1024
# Fixed, so a rebuild is byte-identical.
WARCINFO_ID = "<urn:uuid:5b0e4d1a-0c1f-4b2e-9a61-1d2e3f4a5b00>"
WARCINFO_DATE = "2025-03-25T00:00:00Z"


def load_manifest() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def build_warc(out_path: Path = WARC_PATH) -> int:
    """Write one warcinfo record and one response record per manifest page; return the byte size."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.0")
    info = (
        "software: claimgraph examples/make_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        f"description: {MARKER} Three HTML pages for claimgraph's demo corpus.\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_headers_dict={
                "WARC-Record-ID": WARCINFO_ID,
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": out_path.name,
                "Content-Type": "application/warc-fields",
            },
        )
    )
    for page in load_manifest():
        body = (PAGES / page["file"]).read_bytes()
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                page["target_uri"],
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Record-ID": page["record_id"], "WARC-Date": page["warc_date"]},
            )
        )
    out_path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


# --- checks -----------------------------------------------------------------------------------


def read_warc_pages(path: Path = WARC_PATH) -> dict[str, tuple[str, bytes]]:
    """Record id -> (target URI, HTML payload) for every response record in the WARC."""
    pages = {}
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                pages[record.rec_headers.get_header("WARC-Record-ID")] = (
                    record.rec_headers.get_header("WARC-Target-URI"),
                    record.content_stream().read(),
                )
    return pages


def html_visible_text(markup: str) -> str:
    doc = lxml_html.document_fromstring(markup)
    return doc.body.text_content()


def html_marker_problems(where: str, markup: str) -> list[str]:
    lines = markup.split("\n")
    problems = []
    if lines[0] != f"<!-- {MARKER} -->":
        problems.append(f"{where}: line 1 is not the synthetic-example HTML comment")
    try:
        after_body = lines[lines.index("<body>") + 1]
    except (ValueError, IndexError):
        after_body = ""
    if not (after_body.startswith("<p") and after_body.endswith(f">{MARKER}</p>")):
        problems.append(f"{where}: first line inside <body> is not a visible <p> with the synthetic marker")
    return problems


def feed_record_problems(where: str, record: object) -> list[str]:
    if not isinstance(record, dict):
        return [f"{where}: not a JSON object"]
    problems = [f"{where}: missing field {name!r}" for name in FEED_FIELDS if not record.get(name)]
    if not str(record.get("text", "")).startswith(MARKER):
        problems.append(f"{where}: text does not start with the synthetic marker")
    return problems


def check_warc() -> list[str]:
    problems = []
    size = WARC_PATH.stat().st_size
    if size >= MAX_WARC_BYTES:
        problems.append(f"{WARC_PATH.name}: {size} bytes, over the {MAX_WARC_BYTES} limit")
    try:
        pages = read_warc_pages()
    except Exception as exc:  # any read error is the finding
        return problems + [f"{WARC_PATH.name}: does not read back with warcio: {exc}"]
    for page in load_manifest():
        where = f"{WARC_PATH.name}#{page['record_id']}"
        if page["record_id"] not in pages:
            problems.append(f"{where}: record missing")
            continue
        uri, payload = pages[page["record_id"]]
        if uri != page["target_uri"]:
            problems.append(f"{where}: target URI {uri!r}, expected {page['target_uri']!r}")
        if payload != (PAGES / page["file"]).read_bytes():
            problems.append(f"{where}: payload differs from warc_pages/{page['file']} (rebuild the WARC)")
        try:
            problems += html_marker_problems(where, payload.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(f"{where}: payload is not UTF-8: {exc}")
    return problems


def check_corpus_files() -> list[str]:
    problems = []
    total = 0
    for path in sorted(CORPUS.iterdir()):
        total += path.stat().st_size
        if path.name.endswith(".warc.gz"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{path.name}: not UTF-8: {exc}")
            continue
        if path.suffix in (".txt", ".md"):
            if text.split("\n", 1)[0] != MARKER:
                problems.append(f"{path.name}: first line is not the synthetic marker")
        elif path.suffix == ".html":
            problems += html_marker_problems(path.name, text)
        elif path.suffix == ".json":
            try:
                problems += feed_record_problems(path.name, json.loads(text))
            except json.JSONDecodeError as exc:
                problems.append(f"{path.name}: invalid JSON: {exc}")
        elif path.suffix == ".jsonl":
            for number, line in enumerate(text.splitlines(), start=1):
                try:
                    problems += feed_record_problems(f"{path.name}#{number}", json.loads(line))
                except json.JSONDecodeError as exc:
                    problems.append(f"{path.name}#{number}: invalid JSON line: {exc}")
        else:
            problems.append(f"{path.name}: unexpected file type in the example corpus")
    if total >= MAX_CORPUS_BYTES:
        problems.append(f"corpus: {total} bytes, over the {MAX_CORPUS_BYTES} limit")
    return problems


def document_text(entry: dict, warc_pages: dict[str, tuple[str, bytes]]) -> str:
    """The readable text of one scenario document, whitespace collapsed."""
    path = CORPUS / entry["file"]
    if path.name.endswith(".warc.gz"):
        text = html_visible_text(warc_pages[entry["record"]][1].decode("utf-8"))
    elif path.suffix == ".html":
        text = html_visible_text(path.read_text(encoding="utf-8"))
    elif path.suffix == ".json":
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
    elif path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        text = json.loads(lines[int(entry["record"]) - 1])["text"]
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())


def scenario_quotes(node: object):
    """Yield every {doc, text} pair anywhere in the scenario."""
    if isinstance(node, dict):
        if "doc" in node and "text" in node:
            yield node
        for value in node.values():
            yield from scenario_quotes(value)
    elif isinstance(node, list):
        for value in node:
            yield from scenario_quotes(value)


def check_scenario() -> list[str]:
    scenario = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    warc_pages = read_warc_pages()
    docs = {entry["id"]: entry for entry in scenario["documents"]}
    problems = []
    texts = {}
    for doc_id, entry in docs.items():
        if not (CORPUS / entry["file"]).is_file():
            problems.append(f"scenario.yaml: document {doc_id}: no file {entry['file']}")
            continue
        texts[doc_id] = document_text(entry, warc_pages)
    covered = {entry["file"] for entry in docs.values()}
    for path in CORPUS.iterdir():
        if path.name not in covered:
            problems.append(f"scenario.yaml: corpus file {path.name} has no document entry")
    for event in scenario["events"]:
        for report in event["reports"]:
            if report["doc"] not in docs:
                problems.append(f"scenario.yaml: event {event['id']}: unknown document {report['doc']}")
    for hypothesis in scenario["hypotheses"]:
        for doc_id in hypothesis["supported_by"]:
            if doc_id not in docs:
                problems.append(f"scenario.yaml: {hypothesis['id']}: unknown document {doc_id}")
    # The duplicate pair must stay exact (whitespace aside) and the near-duplicate pair must not,
    # or duplicate detection has nothing to tell apart.
    for doc_id, entry in docs.items():
        for key, same in (("exact_duplicate_of", True), ("near_duplicate_of", False)):
            other = entry.get(key)
            if other and doc_id in texts and other in texts and (texts[doc_id] == texts[other]) != same:
                problems.append(
                    f"scenario.yaml: {doc_id} is {key} {other}, but its text {'differs' if same else 'is identical'}"
                )
    for quote in scenario_quotes(scenario):
        if quote["doc"] not in texts:
            problems.append(f"scenario.yaml: quote from unknown document {quote['doc']}")
        elif " ".join(quote["text"].split()) not in texts[quote["doc"]]:
            problems.append(f"scenario.yaml: not found in {quote['doc']}: {quote['text'][:70]!r}")
    return problems


def word_counts() -> list[tuple[str, int]]:
    """Words per document, without the marker (a figure to eyeball, not a rule)."""
    scenario = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    warc_pages = read_warc_pages()
    return [
        (entry["id"], len(document_text(entry, warc_pages).replace(MARKER, "").split()))
        for entry in scenario["documents"]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="read the WARC back and check the corpus and scenario.yaml instead of building",
    )
    args = parser.parse_args(argv)
    if not args.check:
        size = build_warc()
        print(f"wrote {WARC_PATH.relative_to(EXAMPLES.parent)} ({size} bytes)")
        return 0
    problems = check_warc() + check_corpus_files() + check_scenario()
    for problem in problems:
        print(problem)
    if problems:
        return 1
    for doc_id, words in word_counts():
        print(f"{words:5d} words  {doc_id}")
    print(f"ok: {len(read_warc_pages())} WARC pages, corpus and scenario.yaml consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
