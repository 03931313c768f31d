"""Registration only: the projects' open dataset (projects.datasets) and their endpoint of
the read-only JSON API (core.api)."""

from wagtail import hooks

from congthongtin.core.api import API_ENDPOINTS_HOOK
from congthongtin.core.opendata import OPEN_DATASETS_HOOK

from .datasets import datasets as open_datasets

hooks.register(OPEN_DATASETS_HOOK, open_datasets)
hooks.register(API_ENDPOINTS_HOOK, "congthongtin.projects.api.endpoints")
