"""One fast-mode pipeline for the figures tests (building it loads the ontology and gazetteer once)."""

import pytest

from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings


@pytest.fixture(scope="package")
def run():
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))

    def run_text(text, date=None, url=None, name="story.txt"):
        return pipe(new_document(Source(name, "txt"), text, Metadata(date=date, url=url)))

    return run_text
