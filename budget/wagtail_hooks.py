"""Registration only: the budget disclosures' open dataset (budget.datasets)."""

from wagtail import hooks

from congthongtin.core.opendata import OPEN_DATASETS_HOOK

from .datasets import datasets as open_datasets

hooks.register(OPEN_DATASETS_HOOK, open_datasets)
