"""Pipeline components, spaCy-style: each per-document stage is a registered component.

A component is described by a ``ComponentSpec``: its ``name``, the ``Document`` fields it
``requires`` (set by the reader or by an earlier component) and those it ``assigns``, and a
``factory`` that builds it ONCE from the run's ``Resources`` (its rules, ontology, mode, ...).
What the factory returns is called as ``component(doc) -> doc``, once per document.

The built-in components (clean, language, entities, events, claims) are registered by
``claimgraph.plugins.builtin`` through the ``claimgraph_components`` hook, like any plugin's;
``pipeline.Pipeline`` builds them in order and checks that what each requires is assigned first.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from claimgraph.claims import extract_claims
from claimgraph.claims.lexicon import ClaimLexicons
from claimgraph.clean import CleaningRules, clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities, load_tagger
from claimgraph.entities.ner import EntityTagger
from claimgraph.entities.ontology import Ontology
from claimgraph.entities.places import Gazetteer
from claimgraph.events import detect_events
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.mentions import FallbackMentions
from claimgraph.events.taxonomy import Taxonomy
from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.language import detect_language, load_identifier
from claimgraph.model import Document
from claimgraph.nlp.truecase import Truecaser

Component = Callable[[Document], Document]

# What a reader sets on every document: the fields a first component may require.
READER_FIELDS = ("id", "source", "raw_text", "meta")


@dataclass(frozen=True)
class ComponentSpec:
    """A registered component: ``factory(resources)`` builds it (see the module docstring).
    ``assigns`` names Document fields; ``annotations.KIND`` names one annotation kind. A ``budgeted``
    component's cost grows faster than the text: the pipeline gives it the first ``extract.max_chars``
    characters of a long document only, and skips it once the document took ``extract.max_seconds``
    (``pipeline.Budget``); it must read the text through ``clean_text``, ``sentences`` and ``paragraphs``."""

    name: str
    factory: Callable[[Resources], Component]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    budgeted: bool = False


class Resources:
    """What components are built from: the run's ``settings.Settings`` and the resources loaded
    from them, each loaded at most once, on first use, and shared by every component of one
    pipeline (so the entities, events and claims components see the same ontology, the user's
    actors included)."""

    def __init__(self, options):
        self.options = options

    @property
    def mode(self) -> str:
        return self.options.mode

    @cached_property
    def rules(self) -> CleaningRules:
        return load_rules(extra=self.options.rule_files)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load()

    @cached_property
    def tagger(self) -> EntityTagger:
        return load_tagger()

    @cached_property
    def ontology(self) -> Ontology:
        """The shipped ontology plus the user's files (an unusable file raises OntologyError, one line)."""
        return Ontology.load(tuple(str(p) for p in self.options.ontology_files))

    @cached_property
    def figures(self) -> FigureLexicon:
        """The figures lexicon: the events component reads tolls with it, the figures component figures."""
        return FigureLexicon.load()

    @cached_property
    def parses(self):
        """The pinned spaCy parser's sentence parses (events.parse.SentenceParses) of accurate mode,
        shared by the stages that read the parse (events, claims): each sentence is parsed once per
        document. Raises events.parse.ParserMissing where spaCy or its weights are not installed."""
        from claimgraph.events.parse import SentenceParses, shared_parser

        truecaser = Truecaser.load() if self.options.extract.truecase else None  # as the events read them
        return SentenceParses(shared_parser(), truecaser)

    @cached_property
    def entities(self) -> EntityExtractor:
        """The entity stage's resources: the ontology, gazetteer and tagger above and what is built from
        them; in accurate mode with ``extract.entity_tagger = "crf-parse"`` the parse-feature tagger too."""
        truecaser = Truecaser.load() if self.options.extract.truecase else None  # issue 14: all-caps text
        return EntityExtractor(
            self.ontology, self.gazetteer, self.tagger, truecaser=truecaser, parse_tagger=self.parse_tagger
        )

    @cached_property
    def parse_tagger(self):
        """Accurate mode's CRF over the spaCy parse (entities/parsed.py) or over MiniLM's token states
        (entities/contextual.py, "crf-minilm"), that CRF with MiniLM's fine-tuned top layers
        (entities/finetuned.py, "crf-minilm-tuned"), or None: fast mode, the setting "crf", or an install
        without the extra the tagger needs (then the CRF tags, as in fast mode)."""
        choice = self.options.extract.entity_tagger
        if self.mode != "accurate" or choice not in ("crf-parse", "crf-minilm", "crf-minilm-tuned"):
            return None
        if choice in ("crf-minilm", "crf-minilm-tuned"):
            from claimgraph.entities.contextual import MiniLMTagger
            from claimgraph.entities.finetuned import TunedMiniLMTagger
            from claimgraph.link.embeddings import EmbeddingUnavailable

            try:
                return (MiniLMTagger if choice == "crf-minilm" else TunedMiniLMTagger).load()
            except EmbeddingUnavailable as exc:
                logging.getLogger("claimgraph").warning("%s; entities use the word-feature CRF", exc)
                return None
        from claimgraph.entities.parsed import ParsedTagger
        from claimgraph.events.parse import ParserMissing, shared_parser

        try:
            shared_parser()  # fails here, once, rather than on the first document
        except ParserMissing as exc:  # the command warned once already (cli.base.check_resources)
            logging.getLogger("claimgraph").debug("%s; entities use the word-feature CRF", exc)
            return None
        return ParsedTagger.load()


def document_fields() -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(Document))


# --------------------------------------------------------------------------- the built-in components


def clean_component(resources: Resources) -> Component:
    rules = resources.rules
    return lambda doc: clean_document(doc, rules)


def language_component(resources: Resources) -> Component:
    identifier = load_identifier()
    return lambda doc: detect_language(doc, identifier)


def entities_component(resources: Resources) -> Component:
    extractor, mode = resources.entities, resources.mode
    return lambda doc: extract_entities(doc, extractor, mode=mode)


def events_component(resources: Resources) -> Component:
    fallback = FallbackMentions(resources.ontology, resources.gazetteer)
    taxonomy = Taxonomy.load()
    lexicon = TriggerLexicon.load(taxonomy)
    figures = resources.figures
    if resources.mode == "accurate":
        truecase = resources.options.extract.truecase
        return learned_events_component(fallback, taxonomy, lexicon, figures, truecase=truecase)
    return lambda doc: detect_events(doc, fallback=fallback, lexicon=lexicon, taxonomy=taxonomy, figures=figures)


def learned_events_component(
    fallback: FallbackMentions, taxonomy: Taxonomy, lexicon: TriggerLexicon, figures: FigureLexicon, *, truecase=True
) -> Component:
    """The accurate mode's events: the learned model (events/learned.py) over the rule path's slots."""
    from claimgraph.events.learned import EventModel  # spaCy is needed in the accurate mode only
    from claimgraph.events.learned_stage import detect_events_learned
    from claimgraph.events.parse import ParserMissing

    try:
        model = EventModel.load(lexicon, truecase=truecase)
    except ParserMissing as exc:  # an install without the `events` extra still runs, with the rule path
        # debug here: the command warned once already (cli.base.check_resources); each worker builds this
        logging.getLogger("claimgraph").debug("%s; events use the trigger lexicon", exc)
        return lambda doc: detect_events(doc, fallback=fallback, lexicon=lexicon, taxonomy=taxonomy, figures=figures)
    return lambda doc: detect_events_learned(doc, model, fallback=fallback, taxonomy=taxonomy, figures=figures)


def claims_component(resources: Resources) -> Component:
    # a rejection's slot values are read here, over the parse the worker holds, and stored: the disputes
    # step then never loads the parser (link/disputes/rejections.py)
    from claimgraph.claims.denied_events import mark_denied_events
    from claimgraph.claims.extract import claim_language
    from claimgraph.link.disputes.rejections import with_rejections

    ontology, lexicons = resources.ontology, ClaimLexicons()
    attribution = learned_attribution(resources)

    def claims(doc: Document) -> Document:
        doc = with_rejections(extract_claims(doc, ontology, lexicons, attribution=attribution))
        # an act the claims deny or call false is no report of it (issue 14/16.3): marked on the events here,
        # where both are at hand over one text
        language = claim_language(doc, lexicons.languages)
        return mark_denied_events(doc, lexicons(language).status if language else None)

    return claims


def learned_attribution(resources: Resources):
    """The accurate mode's learned attribution model (claims/attribution_model.py) over the shared
    parses, where ``extract.attribution`` is "learned"; None (the rules) in fast mode, with "rules",
    and where the parser or onnxruntime (the cue head reads MiniLM's token states) is not installed."""
    if resources.mode != "accurate" or resources.options.extract.attribution != "learned":
        return None
    from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
    from claimgraph.events.parse import ParserMissing
    from claimgraph.link.embeddings import EmbeddingUnavailable

    try:
        model = AttributionModel.load()
        model.encoder()  # fails here, once, rather than on the first document
        return LearnedAttribution(model, resources.parses)
    except ParserMissing as exc:  # warned once per command already (cli.base.check_resources)
        logging.getLogger("claimgraph").debug("%s; claims use the attribution rules", exc)
        return None
    except EmbeddingUnavailable as exc:
        logging.getLogger("claimgraph").warning(
            "the learned attribution's cue head reads MiniLM's token states on onnxruntime (%s); "
            "claims use the attribution rules",
            exc,
        )
        return None


BUILTIN_COMPONENTS = (
    ComponentSpec(
        "clean", clean_component, requires=("raw_text", "source"), assigns=("clean_text", "removals", "offsets", "meta")
    ),
    ComponentSpec(
        "language", language_component, requires=("clean_text",), assigns=("language", "language_score", "paragraphs")
    ),
    ComponentSpec(
        "entities", entities_component, requires=("clean_text", "language"), assigns=("entities",), budgeted=True
    ),
    # events and claims use the entities where that component ran, and look names up themselves where not
    ComponentSpec("events", events_component, requires=("clean_text", "meta"), assigns=("events",), budgeted=True),
    # claims also mark the events their denials reject (claims/denied_events.py)
    ComponentSpec(
        "claims", claims_component, requires=("clean_text", "language"), assigns=("claims", "events"), budgeted=True
    ),
)


# ----------------------------------------------------------------------- figures (issue 14.4, 16.2)


def figures_component(resources: Resources) -> Component:
    from claimgraph.figures.extract import make_figures

    return make_figures(resources.figures)


# tolls per victim group and quantity claims, with their speakers: after events and claims
FIGURES_COMPONENTS = (
    ComponentSpec(
        "figures",
        figures_component,
        requires=("clean_text", "events", "claims"),
        assigns=("annotations.figures",),
        budgeted=True,
    ),
)
