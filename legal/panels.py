"""Editor panels of the legal document page."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel


class OcrWarningPanel(HelpPanel):
    """A warning above the full text of a document whose text was recognised from a scan
    (``LegalDocumentPage.text_from_ocr``): OCR makes mistakes (a wrong diacritic, a
    digit read as a letter) that an editor must correct against the original file before
    the document is submitted for approval. Shown only while the flag is set."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = format_html(
                '<p class="help-block help-warning">{}<br>{}</p>',
                _(
                    "Text recognised from a scan (OCR): proofread it before submitting it "
                    "for approval."
                ),
                _(
                    "Compare the full text, the number, the dates and the names with the "
                    "original file (the download), then untick “text recognised from a scan "
                    "(OCR)”."
                ),
            )

        def is_shown(self):
            return bool(getattr(self.instance, "text_from_ocr", False))
