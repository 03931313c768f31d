"""Editorial board models (docs/architecture.md §4): the step task, delegations, section
assignments, the board's back-office rules."""

from .assignments import SectionAssignment
from .delegation import DelegatedAction, Delegation
from .inbox import Contribution, ContributionFile, ContributionPage
from .settings import BoardSettings
from .tasks import EditorialTask

__all__ = [
    "BoardSettings",
    "Contribution",
    "ContributionFile",
    "ContributionPage",
    "DelegatedAction",
    "Delegation",
    "EditorialTask",
    "SectionAssignment",
]
