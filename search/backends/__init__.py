"""Wagtail search backends with Vietnamese-aware Elasticsearch/OpenSearch mappings."""
