"""Admin forms of the legal-document library."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congthongtin.core.forms import PUBLISHING_ACTIONS, PortalPageForm

#: What Decree 43/2011/NĐ-CP Điều 10e asks every published document to state.
REQUIRED_TO_PUBLISH = ("number_symbol", "document_type", "issuing_body", "issue_date", "summary")

#: Upload limit of the admin import (R-SUB-1).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class LegalDocumentPageForm(PortalPageForm):
    """Metadata required on publish or submit; one number per issuer and year per library."""

    def clean(self):
        cleaned = super().clean()
        wants_public = any(key in self.data for key in PUBLISHING_ACTIONS)
        if wants_public:
            for name in REQUIRED_TO_PUBLISH:
                if name in self.fields and not cleaned.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "Required before the document is published (Decree 43/2011/NĐ-CP "
                            "Điều 10e, R-LEGAL-1)."
                        ),
                    )
        self._check_duplicate(cleaned)
        return cleaned

    def _check_duplicate(self, cleaned) -> None:
        from .models import LegalDocumentPage
        from .models.document import canonical_number

        parent = getattr(self, "parent_page", None)
        try:
            _canonical, key = canonical_number(cleaned.get("number_symbol") or "")
        except ValueError:
            return
        if not key or parent is None:
            return
        same = LegalDocumentPage.objects.child_of(parent).filter(number_key=key)
        if cleaned.get("issuing_body"):
            same = same.filter(issuing_body=cleaned["issuing_body"])
        if cleaned.get("issue_date"):
            # Numbers restart every year (Decree 30/2020 Điều 15).
            same = same.filter(issue_date__year=cleaned["issue_date"].year)
        if self.instance.pk:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            self.add_error(
                "number_symbol",
                _("This library already has a document with this number from this issuer."),
            )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    """Upload of Word, PDF or text files that become draft document pages (R-SUB-1)."""

    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "Word (.docx, .doc), OpenDocument (.odt), PDF or text (.txt) files, up to 20 MB each."
        ),
    )
    parent = forms.ModelChoiceField(
        queryset=None, label=_("Library"), empty_label=None, to_field_name="pk"
    )
    dry_run = forms.BooleanField(label=_("Only check the files; create nothing"), required=False)
    batch = forms.BooleanField(
        label=_("Import in the background, as a batch"),
        required=False,
        help_text=_(
            "For many files: they are read one by one in the background and you follow the "
            "progress on the batch's page. A .zip of documents is always imported as a batch."
        ),
    )

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LegalDocumentIndexPage

        self.fields["parent"].queryset = LegalDocumentIndexPage.objects.filter(
            pk__in=[p.pk for p in parents]
        )

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        archives = [f for f in files if f.name.lower().endswith(".zip")]
        if archives:
            cleaned["batch"] = True
            if len(files) > 1:
                self.add_error(
                    "files",
                    _("Upload either one .zip file or several documents, not both."),
                )
        if cleaned.get("batch") and cleaned.get("dry_run"):
            self.add_error(
                "dry_run",
                _("A batch cannot be only checked: upload the files without the batch option."),
            )
        if archives and len(files) == 1:
            self._check_archive(archives[0])
        elif cleaned.get("batch"):
            from congthongtin.core.conf import app_settings

            limit = app_settings.IMPORT_BATCH_MAX_UPLOAD_BYTES
            if sum(f.size for f in files) > limit:
                self.add_error(
                    "files",
                    _("The files of one batch may not exceed %(size)s MB in all.")
                    % {"size": limit // (1024 * 1024)},
                )
        return cleaned

    def _check_archive(self, upload) -> None:
        """The cheap checks, before anything is stored: the size, and the archive's
        directory (names and declared sizes, nothing inflated; the batch measures the
        rest before reading a file)."""
        import zipfile

        from congthongtin.core.conf import app_settings

        limit = app_settings.IMPORT_BATCH_MAX_UPLOAD_BYTES
        if upload.size > limit:
            self.add_error(
                "files",
                _("The .zip file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            )
            return
        try:
            with zipfile.ZipFile(upload) as archive:
                count = sum(1 for info in archive.infolist() if not info.is_dir())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            self.add_error("files", _("The .zip file is damaged or is not a ZIP archive."))
            return
        finally:
            upload.seek(0)
        if count > app_settings.IMPORT_BATCH_MAX_FILES:
            self.add_error(
                "files",
                _("The .zip file holds %(count)s files, more than the %(limit)s of one batch.")
                % {"count": count, "limit": app_settings.IMPORT_BATCH_MAX_FILES},
            )
