"""The ingest stage: files, directories, stdin and WARCs in; ``Document`` objects out.

    for item in read_paths(["corpus/", "page.html", "-"]):
        if isinstance(item, InputError): report(item)      # bad input never stops the run
        else: documents.append(item)

Readers by extension: .txt/.text, .md/.markdown, .html/.htm/.xhtml, .json, .jsonl/.ndjson,
.warc/.warc.gz, feeds (.rss/.atom/.xml) and an X archive's tweets.js; Telegram and Mastodon exports
are found by sniffing .json files (``exports``). A document's ``raw_text`` is the decoded,
newline-normalised text (for HTML, the page's visible text; for a feed item or a post, its
content's) and is what every offset refers to.
"""

from claimgraph.errors import InputError
from claimgraph.ingest.encoding import decode
from claimgraph.ingest.html import html_document, looks_like_html
from claimgraph.ingest.jsonfile import record_document
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.paths import file_format, read_bytes, read_file, read_path, read_paths, read_stdin
from claimgraph.ingest.text import text_document

__all__ = [
    "InputError",
    "ReaderOptions",
    "decode",
    "file_format",
    "html_document",
    "looks_like_html",
    "read_bytes",
    "read_file",
    "read_path",
    "read_paths",
    "read_stdin",
    "record_document",
    "text_document",
]
