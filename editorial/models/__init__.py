"""Editorial board models (docs/architecture.md §4): the step task, delegations, section
assignments, the board's back-office rules."""

from .assignments import SectionAssignment
from .delegation import DelegatedAction, Delegation
from .inbox import Contribution, ContributionFile, ContributionPage
from .quotas import SupplyingUnit, SupplyReminder
from .royalties import BaseSalary, BoardFee, RoyaltyKind, RoyaltyLine, RoyaltySheet, SheetStatus
from .settings import BoardSettings
from .tasks import EditorialTask
from .timeliness import DeadlineKind, DeadlineStatus, ItemDeadline
from .upward import UpwardFeedReceipt, UpwardProposal, UpwardState

__all__ = [
    "BaseSalary",
    "BoardFee",
    "BoardSettings",
    "Contribution",
    "ContributionFile",
    "ContributionPage",
    "DeadlineKind",
    "DeadlineStatus",
    "DelegatedAction",
    "Delegation",
    "EditorialTask",
    "ItemDeadline",
    "RoyaltyKind",
    "RoyaltyLine",
    "RoyaltySheet",
    "SectionAssignment",
    "SheetStatus",
    "SupplyReminder",
    "SupplyingUnit",
    "UpwardFeedReceipt",
    "UpwardProposal",
    "UpwardState",
]
