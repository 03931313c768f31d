"""Editorial board models (docs/architecture.md §4): the step task, delegations, section
assignments."""

from .assignments import SectionAssignment
from .delegation import DelegatedAction, Delegation
from .tasks import EditorialTask

__all__ = ["DelegatedAction", "Delegation", "EditorialTask", "SectionAssignment"]
