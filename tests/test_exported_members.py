from __future__ import annotations

import newsprism


def test_all_public_names_resolve():
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None, name


def test_public_surface_is_what_we_document():
    expected = {
        "__version__",
        "Article",
        "Claim",
        "Comment",
        "Contradiction",
        "Dateline",
        "Entity",
        "Evidence",
        "Number",
        "Quote",
        "RawDocument",
        "Sentence",
        "Skip",
        "Source",
        "Story",
        "Voice",
        "Settings",
        "load_settings",
        "open_store",
        "Store",
        "extract",
        "extract_inputs",
        "ingest",
        "RunReport",
        "iter_documents",
        "detect_language",
        "Analyzer",
        "evaluate",
        "bench",
    }
    errors = {
        n
        for n in newsprism.__all__
        if n.endswith("Error") or n in ("UnsupportedInput", "RobotsDisallowed", "FetchTimeout")
    }
    assert set(newsprism.__all__) - errors == expected
    assert issubclass(newsprism.FetchTimeout, newsprism.NewsprismError)
