"""Elasticsearch 8 / OpenSearch 2: the index settings and mappings our code generates.

No Elasticsearch server can run on the development or CI machines; these tests check what
would be sent to one, never a live cluster (README, "Production differs")."""

import json
import re

import pytest

from congthongtin.nhuxuan_site.settings.environment import search_config
from congthongtin.search import elasticsearch
from congthongtin.search.elasticsearch import fuzzy_query_options, vietnamese_index_settings
from congthongtin.search.models import SearchDocument
from congthongtin.vietnam.fold import fold, fold_iy


@pytest.fixture(params=["elasticsearch8", "opensearch2"])
def backend(request):
    config = search_config({"SEARCH_BACKEND": request.param, "SEARCH_URL": "http://127.0.0.1:9"})
    params = {k: v for k, v in config["default"].items() if k != "BACKEND"}
    module = __import__(config["default"]["BACKEND"], fromlist=["SearchBackend"])
    return module.SearchBackend(params)


def test_settings__default_analyzer_folds_and_keeps_the_original(backend):
    analysis = backend.settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["filter"] == ["lowercase", "vi_fold_keep", "vi_iy"]
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


# Citizens' words (issue 25) -------------------------------------------------------------
def analysis():
    return vietnamese_index_settings()["settings"]["analysis"]


def rules():
    return analysis()["filter"]["vi_synonyms"]["synonyms"]


def rule_for(phrase):
    found = [rule for rule in rules() if rule.split(" => ")[0] == phrase]
    assert len(found) == 1, phrase
    return found[0]


def test_synonyms__a_search_time_graph_filter_only():
    analyzers = analysis()["analyzer"]
    assert analysis()["filter"]["vi_synonyms"]["type"] == "synonym_graph"
    assert analyzers["default_search"]["filter"][-1] == "vi_synonyms"
    for name, analyzer in analyzers.items():
        if name != "default_search":
            assert "vi_synonyms" not in analyzer["filter"], name


def test_synonyms__search_analyzer_folds_flat_before_the_rules():
    # synonym_graph cannot read stacked tokens: the original is not kept before it.
    search = analysis()["analyzer"]["default_search"]["filter"]
    assert search == ["lowercase", "vi_fold", "vi_iy", "vi_synonyms"]
    assert "vi_fold_keep" in analysis()["analyzer"]["vi_search_exact"]["filter"]


@pytest.mark.parametrize(
    "phrase, terms",
    [
        ("lam so do", ["giay chung nhan quyen su dung dat"]),
        ("ho khau", ["dang ki thuong tru", "cu tru"]),
        ("ubnd", ["uy ban nhan dan"]),
    ],
)
def test_synonyms__rules_of_the_shipped_lexicon(phrase, terms):
    rule = rule_for(phrase)
    _lhs, rhs = rule.split(" => ")
    added = rhs.split(", ")
    assert added[0] == phrase  # the typed words are kept
    for term in terms:
        assert term in added


def test_synonyms__rules_are_folded_keys():
    for rule in rules():
        assert rule == fold_iy(fold(rule)), rule
        assert rule.count(" => ") == 1


def java_replacement(replacement: str) -> str:
    """Java's "$1" as Python's "\\1" (the settings' replacement uses no other syntax)."""
    assert "\\" not in replacement
    return re.sub(r"\$(\d)", r"\\\1", replacement)


def iy(token: str) -> str:
    """What the ``vi_iy`` filter makes of one token: Java's Matcher.replaceAll on it. The
    pattern uses only what Java and Python read alike (anchors, a group of alternatives)."""
    spec = analysis()["filter"]["vi_iy"]
    assert spec["type"] == "pattern_replace"
    return re.sub(spec["pattern"], java_replacement(spec["replacement"]), token)


@pytest.mark.parametrize(
    "token, expected",
    [
        ("ky", "ki"),
        ("quy", "qui"),
        ("y", "i"),
        ("ly", "li"),
        ("my", "mi"),
        ("nghy", "nghi"),
        ("huy", "huy"),
        ("thuy", "thuy"),
        ("uy", "uy"),
        ("khuya", "khuya"),
        ("yen", "yen"),
        ("kyx", "kyx"),  # a Telex token keeps its tone letter
        ("kỹ", "kỹ"),  # the preserved original is never rewritten
        ("ki", "ki"),
    ],
)
def test_iy__pattern_on_tokens(token, expected):
    assert iy(token) == expected


@pytest.mark.parametrize("word", ["kỹ", "quý", "lý", "y", "huy", "thúy", "khuya", "mỹ", "kì"])
def test_iy__same_as_fold_iy_on_a_folded_syllable(word):
    assert iy(fold(word)) == fold_iy(fold(word))


def test_iy__at_index_and_search_time_after_folding():
    analyzers = analysis()["analyzer"]
    for name in ("default", "default_search", "vi_search_exact"):
        chain = analyzers[name]["filter"]
        assert chain.index("vi_iy") > max(
            chain.index(f) for f in ("vi_fold", "vi_fold_keep") if f in chain
        ), name
    # Autocomplete grams: "quy" may be the start of "quyết", left alone.
    assert "vi_iy" not in analyzers["edgengram_analyzer"]["filter"]
    assert "vi_iy" not in analyzers["vi_search"]["filter"]


def test_settings__json_serialisable_and_stable():
    first = json.dumps(vietnamese_index_settings(), sort_keys=True)
    assert json.loads(first) == vietnamese_index_settings()
    assert first == json.dumps(vietnamese_index_settings(), sort_keys=True)
    # The module's template is not changed by building the settings.
    assert (
        elasticsearch.VIETNAMESE_ANALYSIS["settings"]["analysis"]["filter"]["vi_synonyms"][
            "synonyms"
        ]
        == []
    )


def test_fuzzy_query_options():
    assert elasticsearch.FUZZINESS == "AUTO"
    assert fuzzy_query_options() == {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 50}


def test_backends__use_the_synonyms_and_iy(backend):
    analysis_ = backend.settings["settings"]["analysis"]
    assert analysis_["filter"]["vi_synonyms"]["synonyms"] == rules()
    assert analysis_["filter"]["vi_iy"] == analysis()["filter"]["vi_iy"]
    assert analysis_["analyzer"]["default_search"]["filter"][-1] == "vi_synonyms"
    assert "vi_iy" in analysis_["analyzer"]["default"]["filter"]
