"""The Spark engine: ingest → clean → extract on a cluster (or ``local[*]``), written to Parquet.

    claimgraph run --engine spark --master 'local[*]' INPUT... --out OUT_DIR
    spark-submit --master yarn --py-files claimgraph.zip -m claimgraph.engines.spark INPUT... --out OUT_DIR
    python -m claimgraph.engines.spark --master 'local[2]' INPUT... --out OUT_DIR
    claimgraph load OUT_DIR --db store.duckdb

Inputs are files or directories, as local paths or any Hadoop URI (hdfs://, s3a://, file://). Files
are read whole with ``binaryFiles`` and go through the same readers as the local engine (WARC via a
temporary file, since warcio streams from a file); each document then goes through
the ``pipeline.Pipeline`` inside ``mapPartitions``. The pipeline is built once per executor Python
process (a module-level cache, reused across tasks with ``spark.python.worker.reuse``).

Local paths become absolute ``file:`` URIs for Spark, and documents keep the absolute local path as
their source path: run the local engine on absolute paths for identical document ids. Hadoop skips
files whose names start with ``_`` or ``.``; the local engine skips only ``.``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from claimgraph.errors import ClaimgraphError, InputError, InputRejected
from claimgraph.ingest import ReaderOptions
from claimgraph.model import Document, Source, document_id
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings, add_arguments, flags_from_namespace, load_settings, specs

# Java 17 lives here on Debian/Ubuntu images; used only when JAVA_HOME is unset and `java` is not on PATH.
_DEBIAN_JAVA_HOMES = (
    "/usr/lib/jvm/java-17-openjdk-amd64",
    "/usr/lib/jvm/java-17-openjdk-arm64",
    "/usr/lib/jvm/default-java",
)

# Per executor Python process: Settings -> its pipeline (built with its rules, ontology, models).
# Module state because an executor's tasks get only the pickled options, not objects built in the driver.
_executor_pipelines: dict[Any, Any] = {}


@dataclass
class SparkReport:
    out: str
    documents: int = 0
    errors: list[InputError] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "out": self.out,
            "documents": self.documents,
            "errors": [{"path": e.path, "record": e.record, "reason": e.reason} for e in self.errors],
        }


def java_available() -> bool:
    return (
        bool(os.environ.get("JAVA_HOME"))
        or shutil.which("java") is not None
        or any(Path(p, "bin", "java").exists() for p in _DEBIAN_JAVA_HOMES)
    )


def _ensure_java() -> None:
    """PySpark starts the JVM with $JAVA_HOME/bin/java or `java` on PATH; fill JAVA_HOME in when neither is set."""
    if os.environ.get("JAVA_HOME") or shutil.which("java"):
        return
    for home in _DEBIAN_JAVA_HOMES:
        if Path(home, "bin", "java").exists():
            os.environ["JAVA_HOME"] = home
            return
    raise RuntimeError(
        "the Spark engine needs Java 17: install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    )


def session(master: str | None = None, app_name: str = "claimgraph"):
    """A SparkSession for the job (``master`` None: whatever spark-submit configured)."""
    _ensure_java()
    # Executors must run this interpreter (the one with claimgraph installed), not `python3` on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return (
        builder.config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")  # keeps each executor's loaded models across tasks
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true")
        .getOrCreate()
    )


def spark_uri(path: str) -> str:
    """A local path as an absolute file: URI; a URI with a scheme is left as it is."""
    if urlparse(path).scheme and not (len(path) > 1 and path[1] == ":"):  # not a Windows drive letter
        return path
    return Path(path).resolve().as_uri()


def document_path(uri: str) -> str:
    """The source path a document records: local files by their path (as the local engine does), others by URI."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        from urllib.request import url2pathname

        return url2pathname(parsed.path)
    return uri


# -- reading one file's bytes --------------------------------------------------------------------


def read_blob(path: str, data: bytes, options: ReaderOptions, named: bool) -> Iterator[Document | InputError]:
    """Documents in one file's bytes, exactly as ``ingest.read_file`` reads the file at ``path``.

    ``named``: the file was a PATHS argument itself (then an unknown extension is tried as text, as
    the local engine does) rather than found in a directory (then it is an error).
    """
    from claimgraph.ingest.options import over_limit_reason
    from claimgraph.ingest.paths import _suffix, file_format, read_format_bytes
    from claimgraph.plugins import registry

    fmt = file_format(path)
    reader = registry().readers.get(fmt)
    if fmt is None and not named:
        yield InputError(path, f"unsupported file type {_suffix(path)}")
        return
    try:
        if not data:
            raise InputRejected("empty file")
        if reader is not None and reader.read_file is not None:  # a reader of files, not bytes (WARC)
            yield from _read_file_bytes(reader.read_file, path, data, options)
            return
        if len(data) > options.max_bytes:
            raise InputRejected(over_limit_reason(len(data), options.max_bytes))
        yield from read_format_bytes(data, path, fmt, options)
    except InputRejected as exc:
        yield InputError(path, exc.reason)


def _read_file_bytes(read_file, path: str, data: bytes, options: ReaderOptions) -> Iterator[Document | InputError]:
    """A reader of files (warcio reads from a file): write the bytes to one with the same suffix, read
    it, and give everything back its real path."""
    name = os.path.basename(path).lower()
    suffix = ".warc.gz" if name.endswith(".warc.gz") else os.path.splitext(name)[1]
    with tempfile.TemporaryDirectory(prefix="claimgraph-input-") as tmp:
        local = os.path.join(tmp, "input" + suffix)
        with open(local, "wb") as fh:
            fh.write(data)
        for item in read_file(local, options):
            if isinstance(item, InputError):
                yield InputError(path, item.reason.replace(local, path), item.record)
            else:
                source = Source(path, item.source.format, item.source.record)
                yield item.replace(source=source, id=document_id(source, item.raw_text))


# -- the per-partition work ------------------------------------------------------------------------


def _stages(options):
    pipe = _executor_pipelines.get(options)
    if pipe is None:
        pipe = _executor_pipelines[options] = Pipeline.from_settings(options)
    return pipe.stream


def process_partition(files: Iterable[tuple[int, str, bytes, bool]], options) -> Iterator[tuple[str, tuple]]:
    """(input index, URI, bytes, named) per file → ("document", row) and ("error", row) tuples.
    ``options``: the run's ``Settings``."""
    from claimgraph.dedup import DuplicateIndex, content_hash
    from claimgraph.engines.parquet import ERROR_COLUMNS, row_converter

    stages = _stages(options)
    to_doc_row, to_error_row = row_converter(), row_converter(list(ERROR_COLUMNS))
    signer = DuplicateIndex()
    for input_index, uri, data, named in files:
        path = document_path(uri)
        for position, item in enumerate(stages(read_blob(path, data, options.reader, named))):
            where = {"input_index": input_index, "input_file": path, "position": position}
            if isinstance(item, InputError):
                yield "error", to_error_row({"path": item.path, "record": item.record, "reason": item.reason, **where})
                continue
            item = item.replace(content_hash=content_hash(item.clean_text))
            yield "document", to_doc_row({**item.to_dict(), "minhash": signer.signature(item), **where})


def run_spark(
    inputs: Iterable[str],
    out: str | Path,
    master: str | None = None,
    options=None,
    spark=None,
    partitions: int | None = None,
) -> SparkReport:
    """Read ``inputs``, run every per-document stage, and write OUT/documents and OUT/errors as Parquet
    (replacing an earlier output there). ``options``: the run's ``Settings`` (default: the shipped ones)."""
    from pyspark import StorageLevel

    from claimgraph.engines.parquet import DOCUMENTS_TABLE, ERROR_COLUMNS, ERRORS_TABLE, spark_schema

    options = _absolute_files(options or Settings.defaults())
    if spark is None:
        from pyspark.sql import SparkSession

        # stop the session at the end only if this call started it (not one a caller or test holds)
        own_session = SparkSession.getActiveSession() is None
        spark = session(master)
    else:
        own_session = False
    sc = spark.sparkContext
    out = str(out)
    report = SparkReport(out=out)
    try:
        files = None
        for index, path in enumerate(inputs):
            uri = spark_uri(path)
            missing = _missing_local(uri)
            if missing:
                report.errors.append(InputError(path, missing))
                continue
            rdd = sc.binaryFiles(uri, minPartitions=partitions).map(
                lambda kv, i=index, arg=uri: (i, kv[0], bytes(kv[1]), _same_uri(kv[0], arg))
            )
            files = rdd if files is None else files.union(rdd)
        if files is None:
            files = sc.emptyRDD()
        tagged = files.mapPartitions(lambda part: process_partition(part, options))
        # Two tables from one pass: keep the processed rows (spilling to disk) instead of processing twice.
        tagged.persist(StorageLevel.MEMORY_AND_DISK)
        documents = tagged.filter(lambda t: t[0] == "document").map(lambda t: t[1])
        errors = tagged.filter(lambda t: t[0] == "error").map(lambda t: t[1])
        spark.createDataFrame(documents, spark_schema()).write.mode("overwrite").parquet(_join(out, DOCUMENTS_TABLE))
        spark.createDataFrame(errors, spark_schema(list(ERROR_COLUMNS))).write.mode("overwrite").parquet(
            _join(out, ERRORS_TABLE)
        )
        report.documents = documents.count()
        report.errors.extend(InputError(path, reason, record) for path, record, reason, *_ in errors.collect())
        tagged.unpersist()
    finally:
        if own_session:
            spark.stop()
    return report


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _same_uri(a: str, b: str) -> bool:
    """binaryFiles writes file:/x where we passed file:///x: compare the paths."""
    return urlparse(a).path.rstrip("/") == urlparse(b).path.rstrip("/")


def _missing_local(uri: str) -> str | None:
    """A local input that does not exist gets the local engine's message (Spark would fail the job)."""
    parsed = urlparse(uri)
    if parsed.scheme == "file" and not os.path.exists(document_path(uri)):
        return "no such file or directory"
    return None


# -- the runner's engine --------------------------------------------------------------------------


class SparkEngine:
    """The runner's Spark strategy (``runner.Engine``): ``runner.run(..., engine=SparkEngine(spark))``.

    The driver reads the inputs (as the local engine does); each batch of ``batch`` documents goes
    through the pipeline on the executors and comes back in input order (``collect`` keeps the order
    of ``parallelize``'s slices), so the runner decides duplicates and stores exactly what it stores
    with the local engine. The driver holds at most one batch. For inputs the driver cannot read
    (HDFS, S3), ``run_spark`` reads them on the executors and writes Parquet for ``claimgraph load``.
    """

    def __init__(self, spark=None, master: str | None = None, batch: int = 2_000):
        self.spark = spark
        self.master = master
        self.batch = batch

    def process(self, items: Iterable, options, prepare=None) -> Iterator:
        options = _absolute_files(options)
        spark = self.spark if self.spark is not None else session(self.master)
        try:
            sc = spark.sparkContext
            stream = iter(items)
            while batch := list(itertools.islice(stream, self.batch)):
                slices = max(1, min(len(batch), sc.defaultParallelism))
                rdd = sc.parallelize(batch, slices)
                yield from rdd.mapPartitions(lambda part: _process_items(part, options, prepare)).collect()
        finally:
            if self.spark is None:  # stop only the session this call started
                spark.stop()


def _process_items(items: Iterable, options, prepare) -> Iterator:
    processed = _stages(options)(items)
    return processed if prepare is None else map(prepare, processed)


def _absolute_files(options: Settings) -> Settings:
    """Executors may run elsewhere: user rule and ontology files by absolute path (on a shared filesystem)."""
    return options.with_absolute_paths()


# -- spark-submit entry point --------------------------------------------------------------------

# the settings the job takes as flags: those of the per-document stages, and the partitions
# (--master is the job's own: by default the one spark-submit set, not the settings' local[*])
SPARK_SETTINGS = [s for s in specs("input", "clean", "extract", "run") if s.name not in ("workers", "master")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claimgraph.engines.spark",
        description="Run claimgraph's per-document stages on Spark and write Parquet "
        "(import it with `claimgraph load OUT`).",
    )
    parser.add_argument("inputs", nargs="+", help="files or directories: local paths or Hadoop URIs")
    parser.add_argument("--out", required=True, help="output directory (local path or Hadoop URI)")
    parser.add_argument("--master", default=None, help="Spark master (default: what spark-submit set)")
    parser.add_argument("--config", default=None, help="settings file (TOML) [default: ./claimgraph.toml if present]")
    add_arguments(parser, SPARK_SETTINGS)
    args = parser.parse_args(argv)
    try:
        options = load_settings(args.config, flags=flags_from_namespace(args, SPARK_SETTINGS))
    except ClaimgraphError as exc:
        parser.error(str(exc))
    partitions = options.run.partitions or None
    report = run_spark(args.inputs, args.out, args.master, options, partitions=partitions)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{report.documents} documents written to {report.out}, {len(report.errors)} failed")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
