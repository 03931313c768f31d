from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping, Elasticsearch8SearchBackend

from .mapping import EDGENGRAM_CONFIG


class PortalElasticsearch8Mapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = EDGENGRAM_CONFIG


class PortalElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    mapping_class = PortalElasticsearch8Mapping


SearchBackend = PortalElasticsearch8SearchBackend
