"""Models of the citizens' voice, one module per page type or family."""

from .answers import DISCLAIMER, Answer
from .consultation import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationNotice,
    ConsultationPage,
    ConsultationStatus,
    ConsultationSubscriber,
    initials,
)
from .contact import ContactMessage, ContactPage
from .exchanges import (
    ExchangeIndexPage,
    ExchangePage,
    ExchangeQuestion,
    ExchangeQuestionState,
    ExchangeStatus,
)
from .feedback import PageFeedback, SatisfactionLevel, ServiceRating
from .questions import (
    ACCEPTANCE_KINDS,
    PERSONAL_FIELDS,
    AskerType,
    ComplaintIndexPage,
    Complexity,
    PetitionIndexPage,
    Question,
    QuestionEvent,
    QuestionIndexPage,
    QuestionState,
    RefusalReason,
    RequestKind,
)
from .settings import QASettings

__all__ = [
    "ACCEPTANCE_KINDS",
    "DISCLAIMER",
    "PERSONAL_FIELDS",
    "Answer",
    "AskerType",
    "ComplaintIndexPage",
    "Complexity",
    "ConsultationComment",
    "ConsultationIndexPage",
    "ConsultationNotice",
    "ConsultationPage",
    "ConsultationStatus",
    "ConsultationSubscriber",
    "ContactMessage",
    "ContactPage",
    "ExchangeIndexPage",
    "ExchangePage",
    "ExchangeQuestion",
    "ExchangeQuestionState",
    "ExchangeStatus",
    "PageFeedback",
    "PetitionIndexPage",
    "QASettings",
    "Question",
    "QuestionEvent",
    "QuestionIndexPage",
    "QuestionState",
    "RefusalReason",
    "RequestKind",
    "SatisfactionLevel",
    "ServiceRating",
    "initials",
]
