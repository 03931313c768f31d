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
    PERSONAL_FIELDS,
    AskerType,
    Question,
    QuestionEvent,
    QuestionIndexPage,
    QuestionState,
    RefusalReason,
)
from .settings import QASettings

__all__ = [
    "DISCLAIMER",
    "PERSONAL_FIELDS",
    "Answer",
    "AskerType",
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
    "QASettings",
    "Question",
    "QuestionEvent",
    "QuestionIndexPage",
    "QuestionState",
    "RefusalReason",
    "SatisfactionLevel",
    "ServiceRating",
    "initials",
]
