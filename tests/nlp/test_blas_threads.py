"""numpy's OpenBLAS held to one thread where the pipeline runs (nlp/blas_threads.py)."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.nlp.blas_threads import blas_threads, one_blas_thread, openblas_paths
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings


def test_building_a_pipeline_holds_numpys_openblas_to_one_thread():
    np.ones((2, 2)) @ np.ones((2, 2))  # numpy's BLAS loaded
    if not openblas_paths():
        pytest.skip("numpy's BLAS here is not OpenBLAS: nothing to hold")
    Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))
    assert blas_threads() and set(blas_threads()) == {1}
    assert one_blas_thread() is True
