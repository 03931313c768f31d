"""Demo content of the legal-document library: the real documents the seeds cite.

Numbers, dates, issuers and relations are those of the real documents (research note
regulations.md, the seeds themselves). Where a date or signer could not be checked against
the original it is left empty and the summary says so, rather than guessed. The full text
of QĐ 541/QĐ-UBND is the decision and the first chapter of its regulation, as in seed S0;
Luật Công nghệ thông tin has its first two articles. Idempotent: pages are found by slug,
relations by (document, target, type); the status update then runs, so the replaced and
repealed documents show their banners on the first run.
"""

from __future__ import annotations

import datetime
import html

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from congthongtin.core.models import Agency, AgencyLevel, Field
from congthongtin.legal.models import (
    DocumentType,
    EffectStatus,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from congthongtin.legal.pdf import text_pdf
from congthongtin.legal.status import apply_relation_status
from congthongtin.nhuxuan_site.demo.builder import ensure_child

D = datetime.date
UNCHECKED = "Ngày có hiệu lực chưa được đối chiếu với bản gốc."

AGENCIES = [
    # (key, name, short name, level, parent key)
    ("qh", "Quốc hội", "QH", AgencyLevel.CENTRAL, None),
    ("cp", "Chính phủ", "CP", AgencyLevel.CENTRAL, None),
    ("btttt", "Bộ Thông tin và Truyền thông", "BTTTT", AgencyLevel.CENTRAL, None),
    ("bkhcn", "Bộ Khoa học và Công nghệ", "BKHCN", AgencyLevel.CENTRAL, None),
    ("ubnd-tinh", "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND", AgencyLevel.PROVINCE, None),
    (
        "ubnd-huyen",
        "Ủy ban nhân dân huyện Như Xuân",
        "UBND",
        AgencyLevel.FORMER_DISTRICT,
        "ubnd-tinh",
    ),
]

FIELDS = {
    "cntt": "Công nghệ thông tin",
    "chinh-quyen": "Tổ chức chính quyền địa phương",
}

S0_EXCERPT = (
    "QUYẾT ĐỊNH",
    "Ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN NHƯ XUÂN",
    "Căn cứ Luật tổ chức HĐND và UBND, ngày 26/11/2003;",
    "Căn cứ Luật Công nghệ thông tin của Quốc hội, số 67/2006/QH11 ngày 29/6/2006;",
    "Căn cứ Nghị định 64/2007/NĐ-CP ngày 10/4/2007 của Thủ tướng Chính phủ về Ứng dụng công "
    "nghệ thông tin trong hoạt động của cơ quan nhà nước;",
    "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ quy về cung cấp thông tin "
    "và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc cổng thông tin điện tử của "
    "cơ quan nhà nước;",
    "Căn cứ công văn số 5724/UBND-CNTT ngày 29/8/2011 của UBND tỉnh Thanh Hóa về việc hoạt "
    "động của các trang thông tin điện tử, các dịch vụ công trực tuyến;",
    "Xét đề nghị của Chánh Văn phòng HĐND&UBND huyện,",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này “Quy chế hoạt động của Trang thông tin điện tử "
    "huyện Như Xuân” gồm 5 chương 22 điều (có bản Quy chế kèm theo).",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 3. Chánh Văn phòng HĐND&UBND, Trưởng Ban biên tập trang TTĐT huyện, Thủ Trưởng các "
    "cơ quan chuyên môn thuộc UBND huyện, các đơn vị và các cá nhân có liên quan chịu trách "
    "nhiệm thi hành Quyết định này./.",
    "CHỦ TỊCH",
    "Dương Văn Mạnh",
    "QUY CHẾ",
    "Hoạt động của Trang thông tin điện tử huyện Như Xuân",
    "(Ban hành kèm theo Quyết định số 541/QĐ-UBND ngày 12 tháng 3 năm 2012 của Chủ tịch UBND "
    "huyện Như Xuân)",
    "Chương I",
    "QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.",
    "1. Quy chế này quy định về hoạt động của Trang thông tin điện tử huyện Như Xuân (gọi tắt "
    "là Website Huyện) bao gồm: quản lý, cung cấp thông tin, cung cấp các dịch vụ công, công "
    "tác biên tập và cập nhật thông tin cho Website Huyện.",
    "2. Quy chế này áp dụng cho các cá nhân, đơn vị thuộc UBND huyện, UBND các xã, thị trấn và "
    "các doanh nghiệp, đơn vị, cá nhân tự nguyện tham gia khai thác và sử dụng dịch vụ của "
    "Website Huyện (gọi chung là các cá nhân, đơn vị).",
    "Điều 2. Giải thích từ ngữ.",
    "Trong Quy chế này, các thuật ngữ dưới đây được hiểu như sau:",
    "1. Website huyện: là nơi tập hợp, cung cấp và trao đổi thông tin phục vụ công tác trên môi "
    "trường mạng.",
    "2. Cơ sở dữ liệu: là tập hợp các dữ liệu được sắp xếp, tổ chức để truy cập, khai thác, "
    "quản lý và cập nhật thông qua phương tiện điện tử.",
    "3. Tích hợp dữ liệu: là quá trình thu thập, lưu trữ, liên kết các cơ sở dữ liệu tác nghiệp "
    "và điều hành; cung cấp và chia sẻ các thông tin chung; truyền tải các thông tin quản lý "
    "bao gồm các văn bản quy phạm pháp luật và các văn bản hành chính do các cơ quan có thẩm "
    "quyền ban hành.",
    "4. Dịch vụ hành chính công: là những dịch vụ liên quan đến hoạt động thực thi pháp luật, "
    "không nhằm mục tiêu lợi nhuận, do cơ quan nhà nước (hoặc tổ chức, doanh nghiệp được ủy "
    "quyền) có thẩm quyền cấp cho tổ chức, cá nhân dưới hình thức các loại giấy tờ có giá trị "
    "pháp lý trong các lĩnh vực mà cơ quan nhà nước đó quản lý.",
    "5. Dịch vụ hành chính công trực tuyến: là các dịch vụ hành chính công được thực hiện trên "
    "môi trường mạng Internet.",
    "Điều 3. Địa chỉ Website Huyện http://nhuxuan.thanhhoa.gov.vn",
    "Điều 4. Chức năng, nhiệm vụ của Website Huyện.",
    "1. Chức năng:",
    "+ Website Huyện Như Xuân là đơn vị thành viên thuộc Cổng thông tin điện tử tỉnh Thanh Hóa "
    "được Văn phòng UBND tỉnh hỗ trợ xây dựng.",
    "+ Cung cấp, trao đổi thông tin chính thức, công khai, theo đúng chức năng, nhiệm vụ của "
    "UBND huyện trên môi trường mạng.",
    "2. Nhiệm vụ:",
    "a) Cung cấp đầy đủ, chính xác và kịp thời các thông tin về chủ trương, chính sách của "
    "Đảng, pháp luật của Nhà nước, các quy định của UBND tỉnh Thanh Hoá về thông tin và truyền "
    "thông; tình hình hoạt động của chính quyền cấp huyện, cơ sở trên địa bàn huyện;",
    "b) Tuyên truyền, phổ biến các văn bản quy phạm pháp luật và các văn bản có liên quan về "
    "các lĩnh vực quản lý nhà nước;",
    "c) Hỗ trợ quá trình ra các quyết định quản lý và điều hành của UBND huyện;",
    "d) Cung cấp thông tin cho Cổng thông tin điện tử của tỉnh theo quy định; chia sẻ thông tin "
    "chung giữa UBND huyện với các cá nhân, đơn vị trong và ngoài huyện theo các quy định của "
    "pháp luật;",
    "đ) Xây dựng mối quan hệ trực tuyến giữa huyện với lãnh đạo tỉnh, các Sở, ban ngành cấp "
    "tỉnh, các cơ quan cấp huyện, các xã, thị trấn, các cá nhân, đơn vị trong và ngoài tỉnh theo "
    "quy định của pháp luật;",
    "e) Cung cấp các dịch vụ hành chính công về thủ tục hành chính.",
    "Điều 5. Nguồn cung cấp thông tin cho Website huyện.",
    "1. Các cá nhân, cơ quan chuyên môn, đơn vị sự nghiệp thuộc UBND huyện, các ngành cấp "
    "huyện, UBND các xã, thị trấn có trách nhiệm cung cấp nội dung thông tin theo qui định tại "
    "Điều 8 của Quy chế này.",
    "2. Cán bộ, công chức, viên chức thuộc UBND huyện có trách nhiệm gửi tin, bài về lĩnh vực "
    "QLNN và các thông tin khác phù hợp với nhiệm vụ chuyên môn.",
    "3. Các ngành hữu quan cấp huyện, UBND các xã, thị trấn có trách nhiệm cung cấp thông tin "
    "các hoạt động về các lĩnh vực KT-XH, quốc phòng, an ninh thuộc phạm vi quản lý.",
    "4. Khuyến khích các tổ chức, các doanh nghiệp trên địa bàn huyện cung cấp thông tin về "
    "hoạt động của đơn vị cho Website Huyện.",
    "Điều 6. Quản lý Website Huyện.",
    "1. Website Huyện hoạt động dưới sự chỉ đạo trực tiếp của một đồng chí Phó Chủ tịch UBND "
    "huyện (thường trực).",
    "2. Ban Biên tập Website Huyện (được quy định tại Chương III của Quy chế này), chịu trách "
    "nhiệm biên tập và quản lý nội dung thông tin đưa lên Website Huyện.",
    "3. Quản trị mạng UBND huyện, kiêm quản trị Website Huyện (phụ trách kỹ thuật) được qui "
    "định tại khoản 8 Điều 18 của Quy chế này: Đảm bảo các điều kiện kỹ thuật, an toàn, an ninh "
    "để Website hoạt động bình thường và nghiên cứu, thiết kế cải tiến để nâng cấp và mở rộng "
    "Website theo yêu cầu của Ban Biên tập.",
    "(Trích: Quyết định và Chương I của Quy chế; toàn văn gồm 5 chương 22 điều.)",
)

LAW_67_2006_EXCERPT = (
    "(Trích Chương I.)",
    "Điều 1. Phạm vi điều chỉnh",
    "Luật này quy định về hoạt động ứng dụng và phát triển công nghệ thông tin, các biện pháp "
    "bảo đảm ứng dụng và phát triển công nghệ thông tin, quyền và nghĩa vụ của cơ quan, tổ chức, "
    "cá nhân (sau đây gọi chung là tổ chức, cá nhân) tham gia hoạt động ứng dụng và phát triển "
    "công nghệ thông tin.",
    "Điều 2. Đối tượng áp dụng",
    "Luật này áp dụng đối với tổ chức, cá nhân Việt Nam, tổ chức, cá nhân nước ngoài tham gia "
    "hoạt động ứng dụng và phát triển công nghệ thông tin tại Việt Nam.",
)

DOCUMENTS = [
    {
        "key": "luat-11-2003",
        "slug": "luat-11-2003-qh11",
        "type": "Luật",
        "number": "11/2003/QH11",
        "title": "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân",
        "issuer": "qh",
        "issue_date": D(2003, 11, 26),
        "summary": "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân. " + UNCHECKED,
        "fields": ["chinh-quyen"],
    },
    {
        "key": "luat-77-2015",
        "slug": "luat-77-2015-qh13",
        "type": "Luật",
        "number": "77/2015/QH13",
        "title": "Luật Tổ chức chính quyền địa phương",
        "issuer": "qh",
        "issue_date": D(2015, 6, 19),
        "effective_date": D(2016, 1, 1),
        "summary": "Luật Tổ chức chính quyền địa phương.",
        "status": EffectStatus.EXPIRED,
        "status_note": (
            "Đã được thay thế bởi Luật Tổ chức chính quyền địa phương năm 2025; số hiệu và ngày "
            "hết hiệu lực chưa được đối chiếu với bản gốc."
        ),
        "fields": ["chinh-quyen"],
    },
    {
        "key": "luat-67-2006",
        "slug": "luat-67-2006-qh11",
        "type": "Luật",
        "number": "67/2006/QH11",
        "title": "Luật Công nghệ thông tin",
        "issuer": "qh",
        "issue_date": D(2006, 6, 29),
        "effective_date": D(2007, 1, 1),
        "signer": "Nguyễn Phú Trọng",
        "signer_position": "Chủ tịch Quốc hội",
        "place": "Hà Nội",
        "summary": "Luật Công nghệ thông tin.",
        "fields": ["cntt"],
        "full_text": LAW_67_2006_EXCERPT,
    },
    {
        "key": "nd-64-2007",
        "slug": "nghi-dinh-64-2007-nd-cp",
        "type": "Nghị định",
        "number": "64/2007/NĐ-CP",
        "title": "Nghị định về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước",
        "issuer": "cp",
        "issue_date": D(2007, 4, 10),
        "signer": "Nguyễn Tấn Dũng",
        "signer_position": "TM. Chính phủ – Thủ tướng",
        "place": "Hà Nội",
        "summary": (
            "Về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước. " + UNCHECKED
        ),
        "fields": ["cntt"],
    },
    {
        "key": "nd-43-2011",
        "slug": "nghi-dinh-43-2011-nd-cp",
        "type": "Nghị định",
        "number": "43/2011/NĐ-CP",
        "title": (
            "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang "
            "thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước"
        ),
        "issuer": "cp",
        "issue_date": D(2011, 6, 13),
        "signer": "Nguyễn Tấn Dũng",
        "signer_position": "TM. Chính phủ – Thủ tướng",
        "place": "Hà Nội",
        "summary": (
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin "
            "điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước. " + UNCHECKED
        ),
        "fields": ["cntt"],
    },
    {
        "key": "tt-26-2009",
        "slug": "thong-tu-26-2009-tt-btttt",
        "type": "Thông tư",
        "number": "26/2009/TT-BTTTT",
        "title": (
            "Thông tư quy định về việc cung cấp thông tin và đảm bảo khả năng truy cập thuận "
            "tiện đối với trang thông tin điện tử của cơ quan nhà nước"
        ),
        "issuer": "btttt",
        "issue_date": D(2009, 7, 31),
        "summary": (
            "Quy định về việc cung cấp thông tin và đảm bảo khả năng truy cập thuận tiện đối với "
            "trang thông tin điện tử của cơ quan nhà nước. " + UNCHECKED
        ),
        "fields": ["cntt"],
    },
    {
        "key": "cv-5724",
        "slug": "cong-van-5724-ubnd-cntt",
        "type": "Công văn",
        "number": "5724/UBND-CNTT",
        "title": (
            "Công văn về việc hoạt động của các trang thông tin điện tử, các dịch vụ công trực "
            "tuyến"
        ),
        "issuer": "ubnd-tinh",
        "issue_date": D(2011, 8, 29),
        "summary": (
            "Về việc hoạt động của các trang thông tin điện tử, các dịch vụ công trực tuyến "
            "(theo trích dẫn tại Quyết định 541/QĐ-UBND; chưa có bản gốc trong thư viện)."
        ),
        "fields": ["cntt"],
    },
    {
        "key": "qd-541",
        "slug": "quyet-dinh-541-qd-ubnd",
        "type": "Quyết định",
        "number": "541/QĐ-UBND",
        "title": (
            "Quyết định ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân"
        ),
        "issuer": "ubnd-huyen",
        "issue_date": D(2012, 3, 12),
        "effective_date": D(2012, 3, 12),
        "signer": "Dương Văn Mạnh",
        "signer_position": "Chủ tịch",
        "place": "Như Xuân",
        "summary": "Ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân.",
        "status_note": (
            "Văn bản của UBND huyện Như Xuân (cấp huyện kết thúc hoạt động từ 01/07/2025); tình "
            "trạng hiệu lực chưa được rà soát."
        ),
        "fields": ["cntt"],
        "full_text": S0_EXCERPT,
        "pdf": S0_EXCERPT,
    },
    {
        "key": "tt-32-2017",
        "slug": "thong-tu-32-2017-tt-btttt",
        "type": "Thông tư",
        "number": "32/2017/TT-BTTTT",
        "title": (
            "Thông tư quy định về việc cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy "
            "cập thuận tiện đối với trang thông tin điện tử hoặc cổng thông tin điện tử của cơ "
            "quan nhà nước"
        ),
        "issuer": "btttt",
        "effective_date": D(2018, 6, 1),
        "summary": (
            "Quy định về việc cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy cập "
            "thuận tiện đối với trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan "
            "nhà nước. Ngày ban hành chưa được đối chiếu với bản gốc."
        ),
        "fields": ["cntt"],
    },
    {
        "key": "nd-42-2022",
        "slug": "nghi-dinh-42-2022-nd-cp",
        "type": "Nghị định",
        "number": "42/2022/NĐ-CP",
        "title": (
            "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan "
            "nhà nước trên môi trường mạng"
        ),
        "issuer": "cp",
        "issue_date": D(2022, 6, 24),
        "effective_date": D(2022, 8, 15),
        "place": "Hà Nội",
        "summary": (
            "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
            "trên môi trường mạng."
        ),
        "fields": ["cntt"],
    },
    {
        "key": "luat-148-2025",
        "slug": "luat-148-2025-qh15",
        "type": "Luật",
        "number": "148/2025/QH15",
        "title": "Luật Chuyển đổi số",
        "issuer": "qh",
        "issue_date": D(2025, 12, 11),
        "effective_date": D(2026, 7, 1),
        "summary": "Luật Chuyển đổi số.",
        "fields": ["cntt"],
    },
    {
        "key": "nd-224-2026",
        "slug": "nghi-dinh-224-2026-nd-cp",
        "type": "Nghị định",
        "number": "224/2026/NĐ-CP",
        "title": "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Chuyển đổi số",
        "issuer": "cp",
        "issue_date": D(2026, 6, 24),
        "effective_date": D(2026, 7, 1),
        "place": "Hà Nội",
        "summary": "Quy định chi tiết một số điều và biện pháp thi hành Luật Chuyển đổi số.",
        "fields": ["cntt"],
    },
]

# (acting document, relation, target document, partial, note)
RELATIONS = [
    ("luat-77-2015", RelationType.REPLACES, "luat-11-2003", False, ""),
    ("nd-64-2007", RelationType.BASED_ON, "luat-67-2006", False, ""),
    ("nd-64-2007", RelationType.GUIDES, "luat-67-2006", False, ""),
    ("nd-43-2011", RelationType.BASED_ON, "luat-67-2006", False, ""),
    ("nd-43-2011", RelationType.GUIDES, "luat-67-2006", False, "Điều 28"),
    ("tt-26-2009", RelationType.BASED_ON, "luat-67-2006", False, ""),
    ("qd-541", RelationType.BASED_ON, "luat-11-2003", False, ""),
    ("qd-541", RelationType.BASED_ON, "luat-67-2006", False, ""),
    ("qd-541", RelationType.BASED_ON, "nd-64-2007", False, ""),
    ("qd-541", RelationType.BASED_ON, "nd-43-2011", False, ""),
    ("qd-541", RelationType.BASED_ON, "cv-5724", False, ""),
    ("tt-32-2017", RelationType.REPLACES, "tt-26-2009", False, "Điều 24 khoản 1"),
    ("nd-42-2022", RelationType.REPLACES, "nd-43-2011", False, ""),
    ("luat-148-2025", RelationType.REPEALS, "luat-67-2006", False, "Điều 47 khoản 2"),
    ("nd-224-2026", RelationType.BASED_ON, "luat-148-2025", False, ""),
    ("nd-224-2026", RelationType.GUIDES, "luat-148-2025", False, ""),
    ("nd-224-2026", RelationType.REPLACES, "nd-42-2022", False, "Điều 90 khoản 2 điểm b"),
    ("nd-224-2026", RelationType.REPEALS, "nd-64-2007", False, "Điều 90 khoản 2 điểm c"),
]


def _html(lines) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def ensure_agencies() -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for key, name, short, level, parent_key in AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "level": level,
                "parent": agencies.get(parent_key) if parent_key else None,
            },
        )
        agencies[key] = agency
    return agencies


def _pdf_document(lines, title: str, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(text_pdf(list(lines), title=title)), save=False)
        document._set_document_file_metadata()
        document.save()
    return document


def _complete(page: LegalDocumentPage, relations) -> None:
    """A page from an earlier run: add the relations it lacks (an editor's own additions
    and changes are kept)."""
    missing = [
        r
        for r in relations
        if not LegalDocumentRelation.objects.filter(
            page=page, target=r.target, relation_type=r.relation_type
        ).exists()
    ]
    if not missing:
        return
    order = LegalDocumentRelation.objects.filter(page=page).count()
    for offset, relation in enumerate(missing):
        relation.page = page
        relation.sort_order = order + offset
        relation.save()
    # The revision must hold the relations, or the next publish would drop them.
    LegalDocumentPage.objects.get(pk=page.pk).save_revision().publish()


def load(context) -> None:
    title, intro = context.sections.get("van-ban", ("Văn bản", ""))
    library, _created = ensure_child(
        context.home,
        LegalDocumentIndexPage,
        "van-ban",
        title=title,
        intro=intro,
        show_in_menus=True,
    )
    agencies = ensure_agencies()
    fields = {key: Field.objects.get_or_create(name=name)[0] for key, name in FIELDS.items()}
    types = {t.name: t for t in DocumentType.objects.all()}

    pages: dict[str, LegalDocumentPage] = {}
    relations_of: dict[str, list] = {}
    for source, relation_type, target, partial, note in RELATIONS:
        relations_of.setdefault(source, []).append((relation_type, target, partial, note))
    for data in DOCUMENTS:
        key = data["key"]
        # Documents come after the ones they cite, so a new page gets its relations and
        # files before its first publication: one revision, no republishing.
        relations = [
            LegalDocumentRelation(
                target=pages[target],
                relation_type=relation_type,
                partial=partial,
                note=note,
                sort_order=order,
            )
            for order, (relation_type, target, partial, note) in enumerate(
                relations_of.get(key, [])
            )
        ]
        attachments = []
        if data.get("pdf"):
            title = f"{data['type']} {data['number']}"
            document = _pdf_document(data["pdf"], title, data["slug"] + ".pdf")
            attachments.append(LegalDocumentAttachment(document=document, sort_order=0))
        page, created = ensure_child(
            library,
            LegalDocumentPage,
            data["slug"],
            title=data["title"],
            number_symbol=data["number"],
            document_type=types.get(data["type"]),
            issuing_body=agencies[data["issuer"]],
            issue_date=data.get("issue_date"),
            effective_date=data.get("effective_date"),
            signer=data.get("signer", ""),
            signer_position=data.get("signer_position", ""),
            place_of_issue=data.get("place", ""),
            summary=data["summary"],
            effect_status=data.get("status", EffectStatus.IN_FORCE),
            status_note=data.get("status_note", ""),
            full_text=_html(data["full_text"]) if data.get("full_text") else "",
            fields=[fields[k] for k in data.get("fields", [])],
            relations=relations,
            attachments=attachments,
            author_name="Ban biên tập",
        )
        pages[key] = page
        if not created:
            _complete(page, relations)

    changes = apply_relation_status()
    if context.stdout is not None:
        context.stdout.write(
            f"Văn bản: {len(pages)} văn bản, {len(changes)} thay đổi tình trạng hiệu lực."
        )
