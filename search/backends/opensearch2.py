from modelsearch.backends.opensearch2 import OpenSearch2Mapping, OpenSearch2SearchBackend

from .mapping import EDGENGRAM_CONFIG


class PortalOpenSearch2Mapping(OpenSearch2Mapping):
    edgengram_analyzer_config = EDGENGRAM_CONFIG


class PortalOpenSearch2SearchBackend(OpenSearch2SearchBackend):
    mapping_class = PortalOpenSearch2Mapping


SearchBackend = PortalOpenSearch2SearchBackend
