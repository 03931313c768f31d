"""Registration only: the projects' open dataset (projects.datasets)."""

from wagtail import hooks

from congthongtin.core.opendata import OPEN_DATASETS_HOOK

from .datasets import datasets as open_datasets

hooks.register(OPEN_DATASETS_HOOK, open_datasets)
