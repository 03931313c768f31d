"""python manage.py verify_signatures [--site HOST]

Check again the digital signatures of every PDF attached to a legal document, against the
trusted root certificates configured now (core.models.TrustAnchor): run it after the
technical administrator adds, replaces or withdraws a root certificate, or nightly from
cron (a certificate expires, a root is withdrawn). ``--site`` limits it to one body's
documents. Each file is read in the bounded worker (legal.signatures).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from congthongtin.core.management.sites import find_site
from congthongtin.legal.models import TrustStatus
from congthongtin.legal.signatures import recheck


class Command(BaseCommand):
    help = "Check again the digital signatures of legal documents' PDF files."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="Only this body's documents (host or host:port).")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            site = find_site(options["site"]) if options["site"] else None
            labels = dict(TrustStatus.choices)
            files = signed = 0
            for document, check in recheck(site):
                files += 1
                if check is None:
                    self.stdout.write(
                        _("%(file)s: could not be checked (see the log).")
                        % {"file": document.title}
                    )
                    continue
                if check.refused:
                    self.stdout.write(f"{document.title}: {check.refused}")
                for sig in document.signatures.order_by("index"):
                    signed += 1
                    state = sig.problem or _("intact")
                    self.stdout.write(
                        f"{document.title} #{sig.index} {sig.signer_label or '?'}: {state}; "
                        f"{labels.get(sig.trust, sig.trust)}"
                    )
            self.stdout.write(
                _("Checked %(files)s PDF files, %(signatures)s signatures.")
                % {"files": files, "signatures": signed}
            )
