"""Mapping mix-in: autocomplete queries are folded like the indexed grams.

modelsearch maps autocomplete fields with ``search_analyzer: standard``, which does not
fold: the grams of "thủ tục" are indexed folded, a query "thủ" is not, and nothing
matches. Queries go through ``vi_search`` (defined in ``search.elasticsearch``) instead.
"""

EDGENGRAM_CONFIG = {"analyzer": "edgengram_analyzer", "search_analyzer": "vi_search"}
