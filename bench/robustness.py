"""Hostile inputs through `claimgraph run`: peak memory and time of each, and the line it printed.

    .venv/bin/python bench/robustness.py [--timeout 120] [--mode fast] [--text-mb 5] [--only zeros-warc,deep-json]

Builds the bombs of issue 18 in a temporary directory (deleted afterwards), each small on disk:
* ``zeros-warc``: a .warc.gz record declaring 4 GiB of zero bytes, which the file holds (4 MB);
* ``endless-header``: a .warc.gz whose WARC header line runs on for 4 GiB with no newline (4 MB);
* ``deep-json`` / ``deep-jsonl``: arrays nested 100k deep (a whole file; one line of three);
* ``deep-html``: 100k nested <div>s around the page's text;
* ``one-line-text``: one line of prose with no newline (--text-mb, default 5 MB): the per-document
  budget (``extract.max_chars``) bounds what the extraction stages see, the note says so;
* ``paragraph-text``: as many bytes of distinct short paragraphs (sentences drawn from a few word
  lists, seeded), so cleaning keeps them all and the language stage sees thousands of paragraphs;
* ``small-text``: an ordinary article, for the floor of a run's memory (models loaded).
Each runs as `python -m claimgraph run FILE --workers 1 --quiet` in its own child process with a
fresh store; its peak RSS comes from os.wait4 (that child's own rusage), its time is wall-clock.
The gzip bombs are written directly (a deflate block of zeros repeated after a full flush), so
building 4 GiB of content takes seconds, not a compression of 4 GiB.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GIB = 1 << 30
BLOCK = 16 << 20  # uncompressed bytes per repeated deflate block
ARTICLE = (
    "Officials in Kabul said on Monday that a convoy was attacked near the Salang tunnel, and the "
    "ministry of interior denied reports that forty people had been displaced from the district. "
)


PLACES = ("Kabul", "Kandahar", "Herat", "Jalalabad", "Kunduz", "Mazar-i-Sharif", "Ghazni", "Khost", "Bamyan")
SPEAKERS = ("Officials", "Residents", "A police spokesman", "The governor", "Witnesses", "Local elders")
WHAT = (
    "a convoy was attacked near the main road",
    "a market was shelled in the early morning",
    "two schools were closed after threats",
    "an aid warehouse was looted overnight",
    "a checkpoint came under fire at dusk",
    "forty families had been displaced from the district",
)
VERBS = ("said", "reported", "denied", "claimed", "confirmed")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def paragraphs(size: int) -> bytes:
    """Distinct paragraphs of two or three sentences, ``size`` bytes (seeded: the same every run)."""
    pick = random.Random(18).choice
    out, total = [], 0
    while total < size:
        sentences = [
            f"{pick(SPEAKERS)} in {pick(PLACES)} {pick(VERBS)} on {pick(DAYS)} that {pick(WHAT)}."
            for _ in range(pick((2, 3)))
        ]
        paragraph = " ".join(sentences) + "\n\n"
        out.append(paragraph)
        total += len(paragraph)
    return "".join(out).encode()[:size]


def gzip_of(head: bytes, fill: int, size: int) -> bytes:
    """One gzip member: ``head`` then ``size`` bytes of the byte ``fill``, built from one compressed
    block repeated (after a full flush a deflate block does not refer to what came before)."""
    block_data = bytes([fill]) * BLOCK
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(block_data) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(size // BLOCK):
        crc = zlib.crc32(block_data, crc)
    total = len(head) + size // BLOCK * BLOCK
    return (
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
        + first
        + block * (size // BLOCK)
        + end
        + struct.pack("<II", crc & 0xFFFFFFFF, total & 0xFFFFFFFF)
    )


def build(directory: Path, text_mb: int) -> dict[str, Path]:
    cases: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        path = directory / name
        path.write_bytes(data)
        cases[name.split(".")[0]] = path

    record = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        b"WARC-Target-URI: https://example.org/zeros.txt\r\nContent-Type: text/plain\r\n"
        b"Content-Length: %d\r\n\r\n" % (4 * GIB)
    )
    put("zeros-warc.warc.gz", gzip_of(record, 0, 4 * GIB))
    put("endless-header.warc.gz", gzip_of(b"WARC/1.0\r\nWARC-Type: resource\r\nX-Endless: ", ord("A"), 4 * GIB))
    put("deep-json.json", b"[" * 100_000 + b"]" * 100_000)
    good = b'{"text": "' + ARTICLE.encode() + b'"}\n'
    put("deep-jsonl.jsonl", good + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n" + good)
    put(
        "deep-html.html",
        b"<html><body>"
        + b"<div>" * 100_000
        + b"<p>"
        + ARTICLE.encode()
        + b"</p>"
        + b"</div>" * 100_000
        + b"</body></html>",
    )
    put("one-line-text.txt", (ARTICLE * (text_mb * (1 << 20) // len(ARTICLE) + 1)).encode()[: text_mb << 20])
    put("paragraph-text.txt", paragraphs(text_mb << 20))
    put("small-text.txt", (ARTICLE + "\n\n").encode() * 20)
    return cases


def run_one(path: Path, store: Path, mode: str, timeout: float) -> tuple[str, float, float, str]:
    """(exit status or 'timeout', seconds, peak RSS in MB, the last line the run printed)."""
    command = [
        sys.executable,
        "-m",
        "claimgraph",
        "run",
        str(path),
        "--db",
        str(store),
        "--workers",
        "1",
        "--quiet",
        "--mode",
        mode,
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        status = None
        while True:
            pid, code, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(code)
                status = str(child.returncode)
                break
            if time.perf_counter() - started > timeout:
                os.killpg(child.pid, signal.SIGKILL)
                _, code, usage = os.wait4(child.pid, 0)
                child.returncode = -9
                status = "timeout"
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        out.seek(0)
        lines = [line for line in out.read().decode("utf-8", "replace").splitlines() if line.strip()]
    return status, seconds, usage.ru_maxrss / 1024, (lines[-1] if lines else "(nothing printed)")[:150]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is killed")
    parser.add_argument("--mode", default="accurate", choices=["fast", "accurate"], help="as claimgraph run --mode")
    parser.add_argument("--text-mb", type=int, default=5, help="size of the one-line and the paragraph text")
    parser.add_argument("--only", default="", help="comma-separated case names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-robustness-") as tmp:
        directory = Path(tmp)
        started = time.perf_counter()
        cases = build(directory, args.text_mb)
        print(
            f"built {len(cases)} inputs in {time.perf_counter() - started:.1f} s ({args.mode} mode, "
            f"timeout {args.timeout:.0f} s)"
        )
        print(f"{'input':<16} {'on disk':>10} {'exit':>8} {'seconds':>8} {'peak MB':>8}  last line")
        wanted = set(filter(None, args.only.split(",")))
        for name, path in cases.items():
            if wanted and name not in wanted:
                continue
            status, seconds, peak, line = run_one(path, directory / f"{name}.duckdb", args.mode, args.timeout)
            line = line.replace(str(directory) + "/", "")
            print(
                f"{name:<16} {path.stat().st_size / (1 << 20):>7.1f} MB {status:>8} {seconds:>8.1f} "
                f"{peak:>8.0f}  {line}",
                flush=True,
            )


if __name__ == "__main__":
    main()
