"""Elasticsearch 8 / OpenSearch 2: the index settings and mappings our code generates.

No Elasticsearch server can run on the development or CI machines; these tests check what
would be sent to one, never a live cluster (README, "Production differs")."""

import pytest

from congthongtin.nhuxuan_site.settings.environment import search_config
from congthongtin.search.models import SearchDocument


@pytest.fixture(params=["elasticsearch8", "opensearch2"])
def backend(request):
    config = search_config({"SEARCH_BACKEND": request.param, "SEARCH_URL": "http://127.0.0.1:9"})
    params = {k: v for k, v in config["default"].items() if k != "BACKEND"}
    module = __import__(config["default"]["BACKEND"], fromlist=["SearchBackend"])
    return module.SearchBackend(params)


def test_settings__default_analyzer_folds_and_keeps_the_original(backend):
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == ["lowercase", "vi_fold_keep"]
    assert analysis["filter"]["vi_fold_keep"] == {"type": "asciifolding", "preserve_original": True}
    assert "vi_strip_marks" in default["char_filter"]
    assert analysis["char_filter"]["vi_strip_marks"]["pattern"] == "[\\u0300-\\u036f]"


def test_settings__wagtails_own_analyzers_kept(backend):
    analyzers = backend.settings["settings"]["analysis"]["analyzer"]
    assert "ngram_analyzer" in analyzers  # deep-merged, not replaced
    assert "vi_fold" in analyzers["edgengram_analyzer"]["filter"]


def test_mapping__autocomplete_searched_with_a_folding_analyzer(backend):
    mapping = backend.mapping_class(SearchDocument).get_mapping()["properties"]
    assert mapping["folded_title_edgengrams"]["search_analyzer"] == "vi_search"
    assert mapping["_edgengrams"]["search_analyzer"] == "vi_search"
    assert "vi_search" in backend.settings["settings"]["analysis"]["analyzer"]


def test_mapping__text_and_filter_fields(backend):
    mapping = backend.mapping_class(SearchDocument).get_mapping()["properties"]
    for name in ("title", "body", "folded", "telex", "numbers"):
        assert mapping[name]["type"] == "text"
    assert "_all_text_boost_6_0" in mapping["numbers"]["copy_to"]
    assert mapping["category_filter"]["type"] == "keyword"
