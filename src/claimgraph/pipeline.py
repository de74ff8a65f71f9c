"""The per-document chain: the registered components, in order, applied to one document.

    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))
    doc = pipe(doc)                       # every component, in order; pure
    for item in pipe.stream(items): ...   # a failing document becomes an InputError

Components marked ``budgeted`` (entities, events, claims) see at most the first ``extract.max_chars``
characters of a document, and none starts after ``extract.max_seconds`` on it (``budget``).

What needs the whole corpus (duplicates against the store, batched writes, linking) is in
``runner``; the engines (``engines.local``, ``engines.spark``) run this chain at scale.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence

from claimgraph.budget import Budget, head, noted, put_back
from claimgraph.components import READER_FIELDS, Component, ComponentSpec, Resources, document_fields
from claimgraph.errors import ClaimgraphError, InputError
from claimgraph.model import Document
from claimgraph.nlp.blas_threads import one_blas_thread
from claimgraph.plugins import registered_components
from claimgraph.settings import Settings

logger = logging.getLogger(__name__)


class PipelineError(ClaimgraphError):
    """Components that cannot run in the order given (one line: which component lacks what)."""


class Pipeline:
    """Components built once, called in order on each document."""

    def __init__(self, components: Sequence[tuple[ComponentSpec, Component]], budget: Budget | None = None):
        check_order([spec for spec, _ in components])
        self.components = tuple(components)
        self.budget = budget if budget is not None else Budget()

    @classmethod
    def from_settings(cls, settings: Settings, specs: Sequence[ComponentSpec] | None = None) -> Pipeline:
        """Every registered component (or ``specs``), built from one ``Resources`` of ``settings``. The
        process's BLAS is held to one thread: the stages' products are small (nlp/blas_threads.py)."""
        one_blas_thread()
        resources = Resources(settings)
        specs = registered_components() if specs is None else specs
        check_order(specs)
        return cls([(spec, spec.factory(resources)) for spec in specs], Budget.of(settings))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec, _ in self.components)

    def __call__(self, doc: Document) -> Document:
        """Every component, in order, within the document's budget (``budget``): a budgeted component
        sees the first ``max_chars`` characters only, and none runs once ``max_seconds`` are spent;
        the document gets a note for either. Pure, unless a document runs out of time."""
        started = time.monotonic()
        cut, ran, skipped = None, [], []  # ran, skipped: the budgeted components
        for spec, component in self.components:
            if not spec.budgeted:
                doc = component(doc)
            elif self.budget.out_of_time(started):
                skipped.append(spec.name)
            else:
                cut = cut if ran else self.budget.cut(doc)  # the clean text is final before a budgeted one
                ran.append(spec.name)
                doc = component(doc) if cut is None else put_back(doc, component(head(doc, cut)), spec.assigns)
        return noted(doc, ran, cut, skipped, self.budget.max_seconds)

    def stream(self, items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
        """Apply the pipeline to a stream; a document that fails becomes an InputError whose reason
        is one line for the user, its traceback logged at debug level."""
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield self(item)
            except Exception as exc:  # one bad document must not end the run
                logger.debug("processing %s failed", item.source.locator, exc_info=True)
                yield InputError(
                    item.source.path, f"processing failed: {type(exc).__name__}: {exc}", item.source.record
                )


def check_order(specs: Sequence[ComponentSpec]) -> None:
    """Raise PipelineError unless every component's ``requires`` is set by the reader or assigned by an
    earlier component, and every ``assigns`` names a Document field (``annotations.KIND``: a kind)."""
    fields = document_fields()
    available = set(READER_FIELDS)
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise PipelineError(f"component {spec.name!r} is registered twice")
        seen.add(spec.name)
        missing = [name for name in spec.requires if name not in available]
        if missing:
            raise PipelineError(
                f"component {spec.name!r} requires {', '.join(missing)}, which no component before it assigns"
            )
        unknown = [name for name in spec.assigns if name.split(".", 1)[0] not in fields]
        if unknown:
            raise PipelineError(f"component {spec.name!r} assigns {', '.join(unknown)}: not Document fields")
        available.update(spec.assigns)
