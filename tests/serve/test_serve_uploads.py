"""Uploads are streamed to disk with their limits applied while the body arrives: many large
files never sit in the server's memory, and an upload past a limit leaves nothing behind."""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc
from collections.abc import Iterator

from fastapi.testclient import TestClient
from workbench_store import TEST_HOSTS

from claimgraph.serve import create_app
from claimgraph.serve.jobs import MAX_FILES

LINE = b"Officials in Kabul said the convoy was attacked near the bridge on Monday.\n"


def _multipart(files: list[tuple[str, int]], boundary: bytes) -> Iterator[bytes]:
    """A multipart body of ``files`` (name, size in MiB of zero bytes), made a chunk at a time."""
    for name, mib in files:
        yield (
            b"--"
            + boundary
            + b'\r\nContent-Disposition: form-data; name="files"; filename="'
            + name.encode()
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        for _ in range(mib * 16):
            yield bytes(64 * 1024)
        yield b"\r\n"
    yield b"--" + boundary + b"--\r\n"


async def _post_stream(app, path: str, chunks: Iterator[bytes], boundary: bytes) -> tuple[int, bytes]:
    """POST a body to the ASGI app as a server would pass it on: chunk by chunk, never whole."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"multipart/form-data; boundary=" + boundary)],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    pending = iter(chunks)
    response: dict = {"body": b""}

    async def receive():
        chunk = next(pending, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    async def send(message):
        if message["type"] == "http.response.start":
            response["status"] = message["status"]
        elif message["type"] == "http.response.body":
            response["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return response["status"], response["body"]


def test_large_uploads_stream_to_disk(store_copy, tmp_path):
    # 12 files of 4 MB: read whole, as before, they sat in memory together (~48 MB of bytes)
    files = [(f"blob-{i}.bin", 4) for i in range(12)]
    app = create_app(store_copy, data_dir=tmp_path / "data", max_upload_bytes=5 << 20)
    tracemalloc.start()
    try:
        status, body = asyncio.run(_post_stream(app, "/api/ingest", _multipart(files, b"b0undary"), b"b0undary"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 202, body
    assert peak < 12 << 20, peak
    saved = sorted((tmp_path / "data" / "uploads").rglob("*.bin"))
    assert [p.name for p in saved] == sorted(name for name, _ in files)
    assert all(p.stat().st_size == 4 << 20 for p in saved)
    job = app.state.bench.jobs.get(json.loads(body)["id"])
    deadline = time.monotonic() + 60
    while job.state in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert job.state == "done" and len(job.errors) == 12  # .bin is not a format we read: one line each


def test_a_file_over_the_limit_stops_the_upload_and_nothing_is_kept(store_copy, tmp_path):
    app = create_app(store_copy, data_dir=tmp_path / "data", allowed_hosts=TEST_HOSTS, max_upload_bytes=1000)
    with TestClient(app) as c:
        r = c.post(
            "/api/ingest",
            files=[
                ("files", ("ok.txt", LINE, "text/plain")),
                ("files", ("big.txt", b"x" * 1001, "text/plain")),
                ("files", ("after.txt", LINE, "text/plain")),
            ],
        )
        assert r.status_code == 413 and r.json()["detail"] == "big.txt: over the upload limit of 1000 bytes"
        assert not any((tmp_path / "data").rglob("*.txt"))
        too_many = [("files", (f"f{i}.txt", LINE, "text/plain")) for i in range(MAX_FILES + 1)]
        r = c.post("/api/ingest", files=too_many)
        assert r.status_code == 400 and "Too many files" in r.json()["detail"]
        page = c.post("/ingest", files=[("files", ("big.txt", b"x" * 1001, "text/plain"))])
        assert page.status_code == 413 and "over the upload limit" in page.text
        assert not any((tmp_path / "data").rglob("*.txt"))
