"""Signed PDFs made at test time: a CA and signers generated with ``cryptography``, PDFs
written by ``legal.pdf.text_pdf`` and signed with pyHanko, the way a body's office signs a
document with its USB token (PAdES, an incremental update per signature)."""

from __future__ import annotations

import datetime
import functools
import io
import re
import warnings
from dataclasses import dataclass

from congthongtin.legal.pdf import text_pdf

LINES = [
    "ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN",
    "Số: 12/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Về việc ban hành Quy chế quản lý cổng thông tin điện tử",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cổng thông tin điện tử.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
]


@dataclass
class Authority:
    """A certificate with its key: a CA or a signer."""

    key: object
    cert: object

    @property
    def der(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str | None = None, unit: str | None = None):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _key_usage(*, ca: bool):
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_ca(common_name: str, organisation: str = "Ban Cơ yếu Chính phủ") -> Authority:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    now = datetime.datetime.now(datetime.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organisation)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, cert)


def make_signer(
    ca: Authority,
    common_name: str,
    organisation: str,
    unit: str = "",
    *,
    days: tuple[int, int] = (-1, 365),
    timestamping: bool = False,
) -> Authority:
    """A certificate issued by ``ca``, valid from ``days[0]`` to ``days[1]`` days from now;
    ``timestamping``: a timestamp authority's (extended key usage timeStamping)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID

    now = datetime.datetime.now(datetime.UTC)
    if timestamping:  # pyHanko's test TSA signs with RSA only
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, unit or None))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + datetime.timedelta(days=days[0]))
        .not_valid_after(now + datetime.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    if timestamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return Authority(key, builder.sign(ca.key, hashes.SHA256()))


@dataclass
class Keys:
    ca: Authority
    other_ca: Authority
    author: Authority
    approver: Authority
    #: A timestamp authority under ``ca``.
    tsa: Authority
    #: Valid from 400 to 30 days ago: expired now.
    expired: Authority


@functools.cache
def make_keys() -> Keys:
    """Made once per test process (key generation is the slow part)."""
    ca = make_ca("Cơ quan chứng thực chữ ký số thử nghiệm")
    return Keys(
        ca=ca,
        other_ca=make_ca("CA khác không tin cậy", organisation="Công ty Chứng thực Khác"),
        author=make_signer(ca, "Nguyễn Văn An", "UBND xã Như Xuân", "Văn phòng"),
        approver=make_signer(ca, "Trần Thị Bình", "UBND xã Như Xuân"),
        tsa=make_signer(
            ca, "Dịch vụ cấp dấu thời gian thử", "CA thử", timestamping=True, days=(-500, 3000)
        ),
        expired=make_signer(ca, "Lê Văn Cũ", "UBND xã Như Xuân", days=(-400, -30)),
    )


@functools.cache
def plain_pdf(lines=tuple(LINES)) -> bytes:
    return text_pdf(list(lines), title="Quyết định 12/QĐ-UBND")


def _asn1_key(authority: Authority):
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization

    return asn1_keys.PrivateKeyInfo.load(
        authority.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def timestamper(tsa: Authority, at: datetime.datetime | None = None):
    """A timestamp authority answering in the process (pyHanko's test TSA), its clock
    showing ``at`` when given."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.der), tsa_key=_asn1_key(tsa), fixed_dt=at
    )


def sign(
    data: bytes, signer: Authority, ca: Authority, field: str = "ChuKy1", *, stamper=None
) -> bytes:
    """``data`` with one more signature of ``signer`` (an incremental update), with a
    timestamp token from ``stamper`` when given."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    simple = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer.der),
        signing_key=asn1_keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(ca.der)]),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        pdf_signer = signers.PdfSigner(
            signers.PdfSignatureMetadata(field_name=field), signer=simple, timestamper=stamper
        )
        return pdf_signer.sign_pdf(writer).getvalue()


def flip_signed_byte(data: bytes) -> bytes:
    """The signed file with one byte inside the signed range changed (a letter of the
    page text): what a forger editing the file in a hex editor leaves."""
    position = data.index(b"stream") + 200
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


def change_content_after_signing(data: bytes) -> bytes:
    """An incremental update replacing the page's content stream after signing: the
    signed revision is intact, the file shows other text."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        text = b"BT /F1 12 Tf 72 700 Td (Noi dung gia mao) Tj ET"
        stream = generic.StreamObject(stream_data=text)
        page["/Contents"] = writer.add_object(stream)
        writer.update_container(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()


def add_annotation_after_signing(data: bytes) -> bytes:
    """An incremental update adding a text note (annotation) to the page after signing."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        note = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (100, 100, 120, 120)]
                ),
                generic.pdf_name("/Contents"): generic.TextStringObject("Ghi chú thêm"),
            }
        )
        annotations = page.get("/Annots")
        annotations = generic.ArrayObject(list(annotations) if annotations else [])
        annotations.append(writer.add_object(note))
        page["/Annots"] = annotations
        writer.update_container(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()


def byte_range_outside(data: bytes) -> bytes:
    """The signature dictionary's /ByteRange pointing past the end of the file (same
    length, so the file's cross-reference offsets still hold)."""
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match
    original = match.group(0)
    forged = b"/ByteRange [0 %d 99999999 %d]" % (int(match.group(2)), int(match.group(4)))
    forged = forged.ljust(len(original))[: len(original)]
    if len(forged) < len(original) or not forged.rstrip().endswith(b"]"):
        forged = (b"/ByteRange [0 1 9999999 9]").ljust(len(original))
    return data[: match.start()] + forged + data[match.end() :]


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct cross-reference
    table: for hostile structures no library would write."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def forged_signatures(count: int = 1, contents: bytes = b"\x30\x00", filled: bool = True):
    """A one-page PDF whose form has ``count`` signature fields, all pointing at one
    signature dictionary with ``contents`` as its /Contents (not a real signature)."""
    fields = 4 + count
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
        + b"] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
        b"/ByteRange [0 10 20 10] /Contents <" + contents.hex().encode() + b"> >>",
    ]
    value = b" /V 4 0 R" if filled else b""
    for i in range(count):
        objects.append(b"<< /FT /Sig /T (ChuKy%d)%s >>" % (i, value))
    assert len(objects) == fields
    return raw_pdf(objects)


def nested_fields(depth: int) -> bytes:
    """A form whose field tree is ``depth`` levels deep (each field the only kid of the
    one above), with a signature at the bottom: a stack-exhausting structure."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Type /Sig /ByteRange [0 10 20 10] /Contents <3000> >>",
    ]
    for level in range(depth):
        number = 5 + level
        if level < depth - 1:
            objects.append(b"<< /T (N%d) /Kids [%d 0 R] >>" % (level, number + 1))
        else:
            objects.append(b"<< /FT /Sig /T (N%d) /V 4 0 R >>" % level)
    return raw_pdf(objects)
