"""Dossier look-up (Tra cứu hồ sơ, S3 Đ5.2): the status of dossiers handled by the
province's one-stop system, read from the status file its desk exports.

The one-stop system is outside the portal. ``adapters`` turns what it exports into
:class:`~.adapters.DossierRecord` rows (never the applicant's personal data);
``importing`` replaces a body's rows with one export; the page
(``procedures.models.DossierLookupPage``) answers ``?ma=CODE``.
"""
