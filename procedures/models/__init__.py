"""Administrative procedures and online public services (R-PROC-1, R-PROC-2, R-ONLINE-1)."""

from .dossiers import DossierImport, DossierLookupPage, DossierStatus
from .index import ProcedureIndexPage
from .procedure import FORM_EXTENSIONS, ProcedureForm, ProcedurePage, site_scope_path

__all__ = [
    "FORM_EXTENSIONS",
    "DossierImport",
    "DossierLookupPage",
    "DossierStatus",
    "ProcedureForm",
    "ProcedureIndexPage",
    "ProcedurePage",
    "site_scope_path",
]
