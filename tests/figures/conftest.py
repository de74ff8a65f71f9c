"""The session's fast-mode pipeline (tests/conftest.py) as the figures tests call it: a text, its date, url and name."""

import pytest

from claimgraph.model import Metadata, Source, new_document


@pytest.fixture(scope="package")
def run(fast_pipeline):
    pipe = fast_pipeline

    def run_text(text, date=None, url=None, name="story.txt"):
        return pipe(new_document(Source(name, "txt"), text, Metadata(date=date, url=url)))

    return run_text
