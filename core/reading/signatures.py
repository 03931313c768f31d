"""Digital signatures (ký số) of a PDF: who signed, when, whether the signed bytes are
intact, whether the file was changed after signing, and whether the signer's certificate
chains to a trusted root (Law on Electronic Transactions 20/2023/QH15 Điều 22-23; Decree
130/2018/NĐ-CP Điều 9: a signature is secure when it was made with a valid certificate and
the data signed is unchanged since).

Pure Python, no Django: any app's PDFs may be signed, and the reading runs in the bounded
worker (``congthongtin.core.limits.run_bounded``) so that a hostile file cannot hang the
server. Messages are written directly in Vietnamese, like the other readers here.

No network: the certificate chain is checked against the roots given (the technical
administrator's trust anchors) and nothing is fetched (``allow_fetching=False``: no OCSP,
no CRL, no AIA look-up); revocation is therefore not known and not claimed. With no roots
configured, the trust is "not checked", said honestly.

``read_signatures(data, roots)`` returns JSON-serialisable data::

    {"signatures": [{...}, ...], "refused": None}   # or {"signatures": [], "refused": "…"}

Each signature: ``index`` (signing order, from 1), ``field``, ``signer`` (common name),
``organisation`` (O / OU of the signer's subject), ``signed_at`` (ISO 8601, the timestamp
token's time if there is one, else the signer's signingTime attribute),
``time_source`` ("timestamp", "signer" or None), ``issuer``, ``serial`` (hex),
``valid_from``/``valid_to``, ``intact`` (the digest of the signed bytes matches),
``valid`` (the cryptographic signature checks), ``coverage`` ("entire_file",
"entire_revision", "contiguous" or "unclear"), ``modification`` (what was changed after
signing: "none", "lta" — validation data or document timestamps only, "form_filling" —
other signatures or form fields, "annotations" — notes added, every page's content and
resources as signed, "other" — content changes), ``trust`` ("trusted", "untrusted",
"not_checked"), ``trusted_at_signing`` (the chain validates only at the time of a trusted
timestamp: the certificate has expired since), ``problem`` (Vietnamese, why the signature cannot be
relied on, or "").
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import json
import logging
import struct

#: More signatures than a real document carries (author, approvers, the issuing body's
#: seal, a few timestamps): a file with more is refused, not validated one by one.
MAX_SIGNATURES = 30
#: Signature fields (filled or not) looked at before giving up: an AcroForm with
#: thousands of fields is not a signed administrative document.
MAX_FIELDS = 500
#: The CMS object of a signature: a certificate chain with a timestamp is 10-30 KB; a
#: /Contents larger than this is not a signature (Adobe reserves at most a few hundred KB).
MAX_CONTENTS_BYTES = 512 * 1024

NOT_PDF = "Tệp không phải PDF: không có chữ ký số để kiểm tra."
BROKEN = "Không đọc được tệp PDF để kiểm tra chữ ký số: tệp hỏng ({error})."
ENCRYPTED = "Tệp PDF được mã hóa: không kiểm tra được chữ ký số."
TOO_MANY = (
    "Tệp có hơn {limit} chữ ký: đây không phải văn bản ký số thông thường (có thể là tệp "
    "độc hại), chữ ký không được kiểm tra."
)
TOO_MANY_FIELDS = (
    "Tệp có hơn {limit} trường chữ ký: đây không phải văn bản ký số thông thường (có thể là "
    "tệp độc hại), chữ ký không được kiểm tra."
)
INVALID = "Chữ ký không hợp lệ: {reason}."
HUGE_CONTENTS = (
    "Chữ ký không hợp lệ: phần chứa chữ ký (/Contents) lớn bất thường (có thể là tệp độc "
    "hại), tệp không được kiểm tra."
)
NOT_CHECKED = "chưa đối chiếu với chứng thư gốc tin cậy"

COVERAGE = {0: "unclear", 1: "contiguous", 2: "entire_revision", 3: "entire_file"}
MODIFICATION = {0: "none", 1: "lta", 2: "form_filling", 3: "annotations", 4: "other"}
#: Changes after signing that leave what was signed as it was (ISO 32000-2 12.8.2.2,
#: PAdES): more signatures, validation data, document timestamps, form fields.
HARMLESS_MODIFICATIONS = ("none", "lta", "form_filling")


class CertificateError(ValueError):
    """A trust anchor that is not an X.509 CA certificate; the message is Vietnamese."""


# Packing the worker's input -----------------------------------------------------------
def pack(data: bytes, roots=()) -> bytes:
    """The PDF and the trust roots as one input for ``read_packed`` (the roots go with the
    data, not on the command line: a list of national roots can outgrow an argument)."""
    header = json.dumps([base64.b64encode(bytes(root)).decode("ascii") for root in roots])
    encoded = header.encode("ascii")
    return struct.pack(">I", len(encoded)) + encoded + data


def read_packed(packed: bytes) -> dict:
    """Entry point of the bounded worker: ``read_signatures`` of what ``pack`` made."""
    try:
        (length,) = struct.unpack(">I", packed[:4])
        roots = [base64.b64decode(item) for item in json.loads(packed[4 : 4 + length])]
    except (struct.error, ValueError, TypeError):
        return {"signatures": [], "refused": BROKEN.format(error="dữ liệu vào sai")}
    return read_signatures(packed[4 + length :], roots)


# Certificates ---------------------------------------------------------------------------
def _name_parts(name) -> dict:
    """An asn1crypto Name as {common_name, organization_name, organizational_unit_name}."""
    try:
        native = name.native
    except Exception:
        return {}
    parts = {}
    for key in ("common_name", "organization_name", "organizational_unit_name"):
        value = native.get(key)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value:
            parts[key] = str(value)[:255]
    return parts


def _organisation(parts: dict) -> str:
    return " / ".join(
        parts[key] for key in ("organization_name", "organizational_unit_name") if key in parts
    )


def _iso(moment) -> str | None:
    if not isinstance(moment, datetime.datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.isoformat()


def _certificate_facts(cert) -> dict:
    facts = {"signer": "", "organisation": "", "issuer": "", "serial": ""}
    facts.update({"valid_from": None, "valid_to": None})
    if cert is None:
        return facts
    subject = _name_parts(cert.subject)
    issuer = _name_parts(cert.issuer)
    facts["signer"] = subject.get("common_name", "")
    facts["organisation"] = _organisation(subject)
    facts["issuer"] = issuer.get("common_name") or _organisation(issuer)
    try:
        facts["serial"] = format(cert.serial_number, "X")[:128]
        validity = cert["tbs_certificate"]["validity"]
        facts["valid_from"] = _iso(validity["not_before"].native)
        facts["valid_to"] = _iso(validity["not_after"].native)
    except Exception:
        pass
    return facts


def _load_certificate(data: bytes):
    """A ``cryptography`` certificate from PEM or DER bytes, or None."""
    from cryptography import x509

    data = bytes(data)
    text = data.strip()
    try:
        if text.startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(text)
        # DER is binary: its last bytes may be any value, spaces and newlines included, so
        # it is never stripped (a stripped DER root failed to load in about 2% of keys).
        return x509.load_der_x509_certificate(data)
    except ValueError:
        return None


def describe_certificate(data: bytes) -> dict:
    """Subject, issuer, fingerprint (SHA-256), validity and DER of a trust anchor given as
    PEM or DER; raises ``CertificateError`` unless it is an X.509 CA certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    if not data or not data.strip():
        raise CertificateError("Chưa có chứng thư số: hãy tải tệp lên hoặc dán nội dung PEM.")
    if len(data) > 64 * 1024:
        raise CertificateError("Tệp quá lớn để là một chứng thư số (quá 64 KB).")
    if bytes(data).count(b"-----BEGIN CERTIFICATE-----") > 1:
        raise CertificateError("Tệp chứa nhiều chứng thư số: hãy thêm từng chứng thư gốc một lần.")
    cert = _load_certificate(data)
    if cert is None:
        raise CertificateError(
            "Không đọc được chứng thư số: nội dung không phải chứng thư X.509 dạng PEM hoặc DER."
        )
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        # Version 1 roots have no extensions: a self-signed one is a root.
        is_ca = cert.version == x509.Version.v1 and cert.issuer == cert.subject
    except ValueError as error:
        raise CertificateError(f"Chứng thư số có phần mở rộng hỏng ({error}).") from error
    if not is_ca:
        raise CertificateError(
            "Đây là chứng thư số của người ký, không phải của tổ chức cung cấp dịch vụ chứng "
            "thực (CA): chỉ thêm chứng thư gốc hoặc chứng thư trung gian của CA."
        )

    def name(value) -> str:
        try:
            return value.rfc4514_string()[:500]
        except ValueError:
            return ""

    der = cert.public_bytes(serialization.Encoding.DER)
    return {
        "der": der,
        "subject": name(cert.subject),
        "issuer": name(cert.issuer),
        "fingerprint": cert.fingerprint(hashes.SHA256()).hex(":").upper(),
        "serial": format(cert.serial_number, "X"),
        "valid_from": cert.not_valid_before_utc,
        "valid_to": cert.not_valid_after_utc,
        "self_signed": cert.issuer == cert.subject,
    }


# Signatures -----------------------------------------------------------------------------
def _check_byte_range(sig_object, size: int) -> str | None:
    """Why the signature dictionary's /ByteRange and /Contents cannot be right, or None.
    Checked before pyHanko hashes anything: a range outside the file, or a /Contents of
    megabytes, is a forged or hostile signature."""
    from pyhanko.pdf_utils import generic

    try:
        byte_range = sig_object.raw_get("/ByteRange")
        if isinstance(byte_range, generic.IndirectObject):
            byte_range = byte_range.get_object()
        values = [int(value) for value in byte_range]
    except (KeyError, TypeError, ValueError):
        return "không có vùng dữ liệu được ký (/ByteRange)"
    except Exception:
        return "vùng dữ liệu được ký (/ByteRange) không đọc được"
    if len(values) != 4 or any(value < 0 for value in values):
        return "vùng dữ liệu được ký (/ByteRange) sai cấu trúc"
    start, first, second_start, second = values
    if start != 0 or second_start < first or second_start + second > size:
        return "vùng dữ liệu được ký (/ByteRange) nằm ngoài tệp hoặc chồng lên nhau"
    if second_start - first > 2 * MAX_CONTENTS_BYTES + 2:
        return "phần chứa chữ ký (/Contents) lớn bất thường"
    try:
        contents = sig_object.raw_get("/Contents")
        if isinstance(contents, generic.IndirectObject):
            return "phần chứa chữ ký (/Contents) không nằm trong từ điển chữ ký"
        length = len(contents.original_bytes)
    except KeyError:
        return "không có phần chứa chữ ký (/Contents)"
    except Exception:
        return "phần chứa chữ ký (/Contents) không đọc được"
    if length > MAX_CONTENTS_BYTES:
        return "phần chứa chữ ký (/Contents) lớn bất thường"
    return None


def _signing_time(status) -> tuple[datetime.datetime | None, str | None]:
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None and getattr(timestamp, "timestamp", None) and timestamp.intact:
        return timestamp.timestamp, "timestamp"
    reported = getattr(status, "signer_reported_dt", None)
    if reported is not None:
        return reported, "signer"
    return None, None


def _validate(embedded, roots, moment=None):
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(
        trust_roots=list(roots), allow_fetching=False, revocation_mode="soft-fail", moment=moment
    )
    return validate_pdf_signature(embedded, context)


def _enum_name(value, table) -> str | None:
    return None if value is None else table.get(int(value.value), "unclear")


def _read_one(reader, field_name, field, roots, index: int, size: int) -> dict:
    from pyhanko.sign.validation import EmbeddedPdfSignature

    result = {
        "index": index,
        "field": str(field_name)[:255],
        "signed_at": None,
        "time_source": None,
        "intact": False,
        "valid": False,
        "coverage": None,
        "modification": None,
        "trust": "not_checked",
        "trusted_at_signing": False,
        "problem": "",
        **_certificate_facts(None),
    }
    try:
        sig_object = field.get_object()["/V"].get_object()
    except Exception:
        result["problem"] = INVALID.format(reason="không đọc được từ điển chữ ký")
        return result
    reason = _check_byte_range(sig_object, size)
    if reason:
        result["problem"] = INVALID.format(reason=reason)
        return result
    try:
        embedded = EmbeddedPdfSignature(reader, field, field_name)
    except Exception as error:
        result["problem"] = INVALID.format(
            reason=f"không đọc được dữ liệu chữ ký ({type(error).__name__})"
        )
        return result
    with contextlib.suppress(Exception):
        result.update(_certificate_facts(embedded.signer_cert))
    try:
        status = _validate(embedded, roots)
    except Exception as error:
        result["problem"] = INVALID.format(
            reason=f"không kiểm tra được chữ ký ({type(error).__name__}: {str(error)[:120]})"
        )
        return result
    moment, source = _signing_time(status)
    result["signed_at"], result["time_source"] = _iso(moment), source
    result.update(_certificate_facts(status.signing_cert))
    result["intact"] = bool(status.intact)
    result["valid"] = bool(status.valid)
    result["coverage"] = _enum_name(status.coverage, COVERAGE)
    result["modification"] = _enum_name(status.modification_level, MODIFICATION)
    if result["modification"] is None and result["coverage"] != "entire_file":
        result["modification"] = "other"
    if (
        result["modification"] == "other"
        and result["coverage"] == "entire_revision"
        and status.intact
        and _only_annotations_after(reader, embedded.signed_revision)
    ):
        # pyHanko's standard policy has no rule for annotations: it calls every later
        # change "other". Said more precisely when the later revisions only add notes.
        result["modification"] = "annotations"
    if roots:
        trusted = bool(status.trusted)
        stamped = source == "timestamp" and bool(status.timestamp_validity.trusted)
        if not trusted and stamped and status.intact and status.valid:
            # A certificate valid when the document was signed but expired since: the
            # chain is checked at the signing time — only a trusted timestamp authority's
            # time, never the signer's own clock (an expired or stolen key could claim
            # any date).
            try:
                trusted = bool(_validate(embedded, roots, moment=moment).trusted)
            except Exception:
                trusted = False
            result["trusted_at_signing"] = trusted
        result["trust"] = "trusted" if trusted else "untrusted"
    if not status.intact:
        result["problem"] = (
            "Nội dung đã bị thay đổi sau khi ký: dữ liệu được ký không còn khớp với chữ ký."
        )
    elif not status.valid:
        result["problem"] = INVALID.format(reason="chữ ký không khớp với chứng thư số")
    elif result["modification"] == "annotations":
        result["problem"] = (
            "Tệp đã được thêm chú thích (ghi chú, đánh dấu) sau khi ký: nội dung được ký "
            "không đổi, nhưng chú thích có thể che một phần nội dung."
        )
    elif result["modification"] not in HARMLESS_MODIFICATIONS:
        result["problem"] = (
            "Tệp đã bị sửa sau khi ký (nội dung hoặc cấu trúc tệp bị thay đổi): bản này không "
            "còn nguyên vẹn như lúc ký."
        )
    return result


def read_signatures(data: bytes, roots=()) -> dict:
    """Every signature of the PDF ``data``, checked against ``roots`` (DER or PEM bytes of
    trusted root certificates; none: trust "not checked"). Never raises on a bad file: a
    refusal of the whole file is ``{"refused": reason}``, a bad signature has a
    ``problem``."""
    if not data.startswith(b"%PDF-"):
        return {"signatures": [], "refused": NOT_PDF}
    if b"/ByteRange" not in data:
        # A signature's /ByteRange and /Contents are in the file's bytes, never in a
        # compressed object stream (their offsets are what is signed): without the word,
        # nothing was signed, and pyHanko need not parse the file.
        return {"signatures": [], "refused": None}
    if _huge_contents(data):
        return {"signatures": [], "refused": HUGE_CONTENTS}
    import io

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    certificates = []
    for root in roots:
        loaded = _load_root(root)
        if loaded is not None:
            certificates.append(loaded)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            return {"signatures": [], "refused": ENCRYPTED}
        fields = []
        for count, (name, value, field) in enumerate(
            enumerate_sig_fields(reader, filled_status=None), start=1
        ):
            if count > MAX_FIELDS:
                return {"signatures": [], "refused": TOO_MANY_FIELDS.format(limit=MAX_FIELDS)}
            if value is not None:
                fields.append((name, field))
            if len(fields) > MAX_SIGNATURES:
                return {"signatures": [], "refused": TOO_MANY.format(limit=MAX_SIGNATURES)}
    except MemoryError:
        raise  # the worker reports it as the memory bound
    except RecursionError:
        return {"signatures": [], "refused": BROKEN.format(error="cấu trúc lồng nhau quá sâu")}
    except (PdfError, Exception) as error:  # pyHanko raises many kinds on broken files
        return {"signatures": [], "refused": BROKEN.format(error=str(error)[:200])}
    ordered = []
    for name, field in fields:
        if _is_document_timestamp(field):
            continue
        ordered.append((_revision_of(reader, field), name, field))
    ordered.sort(key=lambda item: item[0])
    signatures = [
        _read_one(reader, name, field, certificates, index, len(data))
        for index, (_revision, name, field) in enumerate(ordered, start=1)
    ]
    return {"signatures": signatures, "refused": None}


def _huge_contents(data: bytes) -> bool:
    """Does a signature's hex /Contents run past the bound? Measured in the raw bytes,
    before pyHanko parses it: a 2 MB hex string took pyHanko 4 s and 250 MB to read
    (bench/signatures.py)."""
    import re

    limit = 2 * MAX_CONTENTS_BYTES + 2
    for match in re.finditer(rb"/Contents\s*<", data):
        end = data.find(b">", match.end(), match.end() + limit + 1)
        if end == -1 and len(data) - match.end() > limit:
            return True
    return False


def _load_root(data: bytes):
    """An asn1crypto certificate of a trust root (PEM or DER), or None."""
    cert = _load_certificate(data)
    if cert is None:
        return None
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


#: Objects a revision may hold besides annotations without touching what was signed: the
#: containers of the update itself and the document information dictionary (ModDate).
_CONTAINER_TYPES = ("/XRef", "/ObjStm")
#: Keys a page or the catalog may change in a later revision that only adds notes: a page's
#: list of annotations; the catalog's PDF version, extensions and XMP metadata (what a PDF
#: editor rewrites when it saves).
_FREE_KEYS = {
    "/Page": {"/Annots"},
    "/Catalog": {"/Version", "/Extensions", "/Metadata"},
}
#: Later-revision objects looked at before giving up (the answer is then "other").
MAX_CHANGED_OBJECTS = 2000


def _only_annotations_after(reader, signed_revision: int) -> bool:
    """Do the revisions after ``signed_revision`` only add or change annotations (and
    their appearance streams), leaving every page's content and resources as signed?"""
    from pyhanko.pdf_utils import generic

    try:
        total = reader.xrefs.total_revisions
        signed = reader.get_historical_resolver(signed_revision)
        info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
        info_ref = info.reference if isinstance(info, generic.IndirectObject) else None
        seen = 0
        annotation_seen = False
        for revision in range(signed_revision + 1, total):
            current = reader.get_historical_resolver(revision)
            for ref in reader.xrefs.explicit_refs_in_revision(revision):
                seen += 1
                if seen > MAX_CHANGED_OBJECTS:
                    return False
                if ref == info_ref:
                    continue
                obj = current.get_object(ref)
                if isinstance(obj, generic.StreamObject):
                    kind = obj.get("/Type")
                    if kind in _CONTAINER_TYPES or kind == "/Metadata":
                        continue
                    if obj.get("/Subtype") == "/Form" and _is_new(reader, ref, signed_revision):
                        continue  # a new annotation's appearance
                    return False
                if not isinstance(obj, generic.DictionaryObject):
                    return False
                if obj.get("/Type") == "/Annot" or ("/Subtype" in obj and "/Rect" in obj):
                    if obj.get("/Subtype") == "/Widget":
                        return False  # a form field's widget: not a note
                    annotation_seen = True
                    continue
                kind = obj.get("/Type")
                free = _FREE_KEYS.get(kind)
                if free is not None and not _is_new(reader, ref, signed_revision):
                    before = signed.get_object(ref)
                    keys = (set(obj.keys()) | set(before.keys())) - free
                    if all(
                        k in obj and k in before and _same(obj.raw_get(k), before.raw_get(k))
                        for k in keys
                    ):
                        continue
                return False
        return annotation_seen
    except Exception:
        return False


def _is_new(reader, ref, signed_revision: int) -> bool:
    try:
        return reader.xrefs.get_introducing_revision(ref) > signed_revision
    except Exception:
        return False


def _same(left, right) -> bool:
    """The same value, an indirect reference compared by its number."""
    from pyhanko.pdf_utils import generic

    if isinstance(left, generic.IndirectObject) or isinstance(right, generic.IndirectObject):
        return (
            isinstance(left, generic.IndirectObject)
            and isinstance(right, generic.IndirectObject)
            and left.reference == right.reference
        )
    return left == right


def _is_document_timestamp(field) -> bool:
    try:
        return field.get_object()["/V"].get_object().get("/Type") == "/DocTimeStamp"
    except Exception:
        return False


def _revision_of(reader, field) -> int:
    """The revision that added the signature (its signing order); unknown ones last."""
    try:
        reference = field.get_object().raw_get("/V")
        return reader.xrefs.get_last_change(reference.reference)
    except Exception:
        return 1 << 30


def summary(result: dict) -> str:
    """One line per signature, Vietnamese (for the command line and logs)."""
    if result.get("refused"):
        return result["refused"]
    lines = []
    for item in result.get("signatures", []):
        trust = {
            "trusted": "đã đối chiếu với chứng thư gốc tin cậy",
            "untrusted": "chứng thư số không thuộc chứng thư gốc tin cậy nào",
            "not_checked": NOT_CHECKED,
        }[item["trust"]]
        state = item["problem"] or "nội dung không bị thay đổi sau khi ký"
        lines.append(f"{item['index']}. {item['signer'] or '?'}: {state}; {trust}.")
    return "\n".join(lines) or "Tệp không có chữ ký số."
