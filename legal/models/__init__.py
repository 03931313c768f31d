"""Models of the legal-document library (R-LEGAL-1), one module per page type."""

from .batch import ImportBatch, ImportBatchItem
from .document import (
    ATTACHMENT_EXTENSIONS,
    LegalDocumentAttachment,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalDocumentTag,
    RelationGroup,
)
from .index import LegalDocumentIndexPage
from .signatures import DocumentSignature, Modification, SignatureCheck, TrustStatus
from .taxonomy import (
    ENDING_RELATIONS,
    INVERSE_LABELS,
    STATUS_RANK,
    DocumentType,
    EffectStatus,
    RelationType,
)

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "ENDING_RELATIONS",
    "INVERSE_LABELS",
    "STATUS_RANK",
    "DocumentSignature",
    "DocumentType",
    "EffectStatus",
    "ImportBatch",
    "ImportBatchItem",
    "LegalDocumentAttachment",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentRelation",
    "LegalDocumentTag",
    "Modification",
    "RelationGroup",
    "RelationType",
    "SignatureCheck",
    "TrustStatus",
]
