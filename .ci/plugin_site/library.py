"""Stage "library" of .ci/plugin_site.sh, run by the host site's ``manage.py shell``.

Under the host's own home page (its ``home.HomePage`` from ``wagtail start``): a legal
document library with one document and a procedure catalogue with one procedure, published
as an editor would (a revision, then publish: the publishing signals index them). Then, with
Django's test client, the public pages answer 200 with their content in Vietnamese: the
library's listing with a filter in the query string, the document, the procedure, and the
search page with a query typed without accents.
"""

import datetime
import time

from django.test import Client
from django.utils import translation
from wagtail.models import Site

from congthongtin.core.models import Agency, Field
from congthongtin.legal.models import DocumentType, LegalDocumentIndexPage, LegalDocumentPage
from congthongtin.procedures.models import ProcedureIndexPage, ProcedurePage

DOCUMENT_TITLE = "Quyết định về việc công bố danh mục thủ tục hành chính lĩnh vực hộ tịch"
PROCEDURE_TITLE = "Đăng ký khai sinh"


def fail(message, response=None):
    body = response.content.decode(errors="replace")[:4000] if response is not None else ""
    raise SystemExit(f"FAILED: {message}\n{body}")


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get(client, url, *expected):
    started = time.monotonic()
    response = client.get(url, follow=False)
    took = time.monotonic() - started
    if response.status_code != 200:
        fail(f"GET {url} answered {response.status_code}", response)
    text = response.content.decode()
    for snippet in expected:
        if snippet not in text:
            fail(f"GET {url}: 200 but {snippet!r} is not in the page", response)
    print(f"  GET {url} → 200 ({took:.2f}s)")
    return text


site = Site.objects.get(is_default_site=True)
home = site.root_page.specific
kind = f"{type(home).__module__}.{type(home).__name__}"
if kind != "home.models.HomePage":
    fail(f"the default site's root is a {kind}, not the host's home.HomePage")
print(f"  host home page: {home.title!r} ({kind})")

field, _ = Field.objects.get_or_create(name="Hộ tịch")
agency, _ = Agency.objects.get_or_create(name="Ủy ban nhân dân tỉnh Thanh Hóa")
doctype, _ = DocumentType.objects.get_or_create(name="Quyết định")

library = publish(home, LegalDocumentIndexPage(title="Văn bản pháp luật", slug="van-ban"))
document = publish(
    library,
    LegalDocumentPage(
        title=DOCUMENT_TITLE,
        number_symbol="1234/QĐ-UBND",
        document_type=doctype,
        issuing_body=agency,
        issue_date=datetime.date(2025, 3, 14),
        effective_date=datetime.date(2025, 3, 14),
        summary="Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch cấp xã.",
    ),
)
document.fields.add(field)
document.save_revision().publish()
catalogue = publish(home, ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc"))
procedure = publish(
    catalogue,
    ProcedurePage(
        title=PROCEDURE_TITLE,
        code="1.001193",
        field=field,
        agency=agency,
        summary="Đăng ký khai sinh cho trẻ em sinh ra trên địa bàn xã.",
        processing_days=1,
    ),
)
print(f"  created {library.url}, {document.url}, {catalogue.url}, {procedure.url}")

with translation.override("vi"):
    keyword_label = translation.gettext("Keyword or number")
if keyword_label == "Keyword or number":
    fail("the legal app's Vietnamese catalogue was not found (no translation of a msgid)")

client = Client()
get(
    client,
    f"{library.url}?loai={doctype.slug}&linh_vuc={field.slug}&q=ho+tich",
    keyword_label,
    "1234/QĐ-UBND",
)
get(client, document.url, DOCUMENT_TITLE, "1234/QĐ-UBND")
get(client, procedure.url, PROCEDURE_TITLE, "1.001193")
get(client, "/tim-kiem/?q=cong+bo+danh+muc+thu+tuc+ho+tich", document.url)
