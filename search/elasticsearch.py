"""Index settings that make Elasticsearch 8 / OpenSearch 2 Vietnamese-aware.

Without them every text field uses the ``standard`` analyzer, which lower-cases but never
folds: "dang ky" misses "đăng ký", and autocomplete folds indexed grams but not the query.
Here the default analyzer folds with ``asciifolding`` (which maps đ → d and every precomposed
Vietnamese letter) and keeps the original token too (``preserve_original``), so an exactly
accented match scores above a folded one; ``nfc`` is a char filter so decomposed input (NFD,
from macOS or PDF text) folds the same way. No plugin is needed; with the ICU plugin an
operator may swap in ``icu_folding``. No Elasticsearch runs on the development machines:
the tests check the settings and mappings this module produces, not a live cluster.
"""

from __future__ import annotations

import copy

VIETNAMESE_ANALYSIS = {
    "settings": {
        "analysis": {
            "char_filter": {
                # asciifolding folds precomposed letters only; decomposed input (NFD) keeps
                # its combining marks, which this removes first.
                "vi_strip_marks": {
                    "type": "pattern_replace",
                    "pattern": "[\\u0300-\\u036f]",
                    "replacement": "",
                },
            },
            "filter": {
                "vi_fold_keep": {"type": "asciifolding", "preserve_original": True},
                "vi_fold": {"type": "asciifolding", "preserve_original": False},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold_keep"],
                },
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold_keep"],
                },
                # Wagtail's autocomplete fields: folded grams, searched with a folding
                # analyzer so "thủ" and "thu" find the same titles.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold", "edgengram"],
                },
                "vi_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold"],
                },
            },
        }
    }
}


def vietnamese_index_settings() -> dict:
    return copy.deepcopy(VIETNAMESE_ANALYSIS)
