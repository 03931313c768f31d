"""The digital signatures of a legal document's file are checked when the file is attached
and saved with the page, and again when the file itself is replaced (legal.signatures)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from .models import LegalDocumentAttachment, SignatureCheck
from .signatures import check_signatures, ensure_checked


@receiver(post_save, sender=LegalDocumentAttachment)
def _attachment_saved(sender, instance, raw=False, **kwargs):
    """A file attached to a document page (the page created, or published with it):
    checked once, unless its current file was already checked (the importer checks it
    before the page is saved)."""
    if raw or not instance.document_id:
        return
    ensure_checked(instance.document)


@receiver(post_save, sender=get_document_model())
def _document_saved(sender, instance, raw=False, created=False, **kwargs):
    """A file already checked (attached to a document) replaced in the documents library:
    checked again. Other documents are not looked at."""
    if raw or created:
        return
    check = SignatureCheck.objects.filter(document=instance).only("file_hash").first()
    if check is not None and check.file_hash != (instance.file_hash or ""):
        check_signatures(instance)
