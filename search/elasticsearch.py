"""Index settings that make Elasticsearch 8 / OpenSearch 2 Vietnamese-aware.

Without them every text field uses the ``standard`` analyzer, which lower-cases but never
folds: "dang ky" misses "đăng ký", and autocomplete folds indexed grams but not the query.
Here the default analyzer folds with ``asciifolding`` (which maps đ → d and every precomposed
Vietnamese letter) and keeps the original token too (``preserve_original``), so an exactly
accented match scores above a folded one; ``nfc`` is a char filter so decomposed input (NFD,
from macOS or PDF text) folds the same way. No plugin is needed; with the ICU plugin an
operator may swap in ``icu_folding``. No Elasticsearch runs on the development machines:
the tests check the settings and mappings this module produces, not a live cluster.

Citizens' words (issue 25):

- **i/y** (``vi_iy``): "kỹ"/"kĩ", "lý"/"lí", "quý"/"quí" are two spellings of one syllable
  (``vietnam.fold.fold_iy``). A ``pattern_replace`` token filter rewrites a folded token
  made of an initial consonant (or none) and a lone "y" into "i": ``ky`` → ``ki``, ``quy``
  → ``qui``, ``y`` → ``i``; ``huy``, ``thuy``, ``khuya`` stay. It runs after folding, at
  index and search time, so both sides meet on ``ki``. The tokenizer cuts syllables, so
  the pattern is anchored on the whole token (``^…$``, where fold_iy's is ``\\b…\\b`` on a
  text). With ``preserve_original`` the index keeps the accented original ("kỹ") next to the
  folded token: the pattern matches ASCII only, so the original is never rewritten and
  an exactly accented query still finds it (``vi_search_exact``).
- **Synonyms** (``vi_synonyms``, search time only, in ``default_search``): the shipped
  lexicon (``vietnam.everyday.synonym_rules(SHIPPED)``) as ``synonym_graph`` rules on search
  keys, "lam so do => lam so do, giay chung nhan quyen su dung dat, …": the typed words are
  kept and the administrative terms added. The index analyzer is unchanged (no reindex when
  the list changes; a new list needs only the index settings' update, which Wagtail's
  ``update_index`` makes when it rebuilds the index). The rules are keys, so the search
  analyzer folds **without** keeping the original before them: ``synonym_graph`` cannot
  read stacked tokens (an accented "làm sổ đỏ" with its originals would be "lam làm so sổ
  do đỏ" to it and never match), and a ``match`` query ignores ``fuzziness`` on stacked
  tokens too. The exact-accent boost that the stacked original gave is kept by the telex
  field (``SearchDocument.telex``) and by the ``vi_search_exact`` analyzer (the old
  ``default_search`` plus i/y) for a clause that wants it.
- **A body's own entries** (``search.models.LexiconEntry``) cannot be index settings: one
  index serves every body and an analyzer knows no site. They are applied by the search
  app's query expansion (``search.lexicon.lexicon_for(site)``), like the shipped list on the
  database backends.
- **Corrections**: :func:`fuzzy_query_options` are the options of a ``match`` query that
  forgives a typo (``fuzziness: AUTO``: none for 1–2 letters, one edit for 3–5, two beyond;
  the first letter must be right). Fuzziness does not reach the terms a synonym adds (an
  Elasticsearch restriction), which is what is wanted: the phrase was recognised.
"""

from __future__ import annotations

import copy

from congthongtin.vietnam.everyday import SHIPPED, synonym_rules

#: ``vietnam.fold._IY`` on one token: the initial consonants, then a lone "y". The empty
#: alternative keeps group 1 always set ("y" → "i"), so "$1" never meets an unmatched group
#: (Java and Python treat those differently).
IY_INITIALS = "b|ch|d|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x"
IY_PATTERN = f"^({IY_INITIALS}|)y$"
IY_REPLACEMENT = "$1i"

#: Options of a ``match`` / ``multi_match`` query that corrects a typo.
FUZZINESS = "AUTO"
PREFIX_LENGTH = 1
MAX_EXPANSIONS = 50


def fuzzy_query_options() -> dict:
    """What the search app adds to a ``match`` query to forgive a typo."""
    return {
        "fuzziness": FUZZINESS,
        "prefix_length": PREFIX_LENGTH,
        "max_expansions": MAX_EXPANSIONS,
    }


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
                "vi_iy": {
                    "type": "pattern_replace",
                    "pattern": IY_PATTERN,
                    "replacement": IY_REPLACEMENT,
                },
                # Filled by vietnamese_index_settings() from the shipped lexicon.
                "vi_synonyms": {"type": "synonym_graph", "synonyms": []},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold_keep", "vi_iy"],
                },
                # Flat (no stacked original) so that the synonyms can match: see above.
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold", "vi_iy", "vi_synonyms"],
                },
                # The exact accents too, for a clause that ranks them first.
                "vi_search_exact": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "char_filter": ["vi_strip_marks"],
                    "filter": ["lowercase", "vi_fold_keep", "vi_iy"],
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
    """The index settings, with the shipped lexicon's synonym rules (JSON-serialisable)."""
    settings = copy.deepcopy(VIETNAMESE_ANALYSIS)
    synonyms = settings["settings"]["analysis"]["filter"]["vi_synonyms"]
    synonyms["synonyms"] = synonym_rules(SHIPPED)
    return settings
