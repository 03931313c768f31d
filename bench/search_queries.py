"""Citizen-style queries over the demo portal (``manage.py load_demo``) for bench/search_eval.py.

Each entry: (query as a citizen types it, intended page, kind). The intended page is named
by the last segment of its URL (its slug) or by its exact title; the harness resolves it
among the site's whole-page search rows and reports "missing target" when the demo did not
create it (an app whose demo content is not loaded), never a miss.

Kinds:
- ``unaccented``: typed without diacritics (the common case on a phone keyboard).
- ``tone``: the old tone placement ("hoà", "thuỷ", "khoá", "Uỷ") where the page has the new
  one ("hòa", "thủy", "khóa", "Ủy"), or the reverse.
- ``accented``: typed exactly as written on the page.
- ``number-d``: a document number with D or d for Đ, or a type name and number/year.
- ``number``: a document number without Đ.
- ``code``: a procedure code of the national procedures database.
"""

from __future__ import annotations

QUERIES: list[tuple[str, str, str]] = [
    # Unaccented -----------------------------------------------------------------------
    ("dang ky ket hon", "dang-ky-ket-hon", "unaccented"),
    ("giay phep xay dung", "cap-giay-phep-xay-dung-moi-doi-voi-1-013225", "unaccented"),
    ("hoa giai", "cong-nhan-hoa-giai-vien", "unaccented"),
    ("dang ky khai sinh", "dang-ky-khai-sinh", "unaccented"),
    ("khai tu", "dang-ky-khai-tu", "unaccented"),
    ("dang ky tam tru", "dang-ky-tam-tru", "unaccented"),
    ("thuong tru", "dang-ky-thuong-tru", "unaccented"),
    ("ly lich tu phap", "cap-phieu-ly-lich-tu-phap-cho-cong-3-000333", "unaccented"),
    ("chung thuc chu ky", "chung-thuc-chu-ky-trong-cac-giay-to-2-000884", "unaccented"),
    (
        "chung thuc ban sao tu ban chinh",
        "chung-thuc-ban-sao-tu-ban-chinh-giay-2-000815",
        "unaccented",
    ),
    ("xac nhan tinh trang hon nhan", "cap-giay-xac-nhan-tinh-trang-hon-nhan", "unaccented"),
    ("trich luc ho tich", "cap-ban-sao-trich-luc-ho-tich", "unaccented"),
    ("thanh lap ho kinh doanh", "dang-ky-thanh-lap-ho-kinh-doanh", "unaccented"),
    ("doanh nghiep tu nhan", "dang-ky-thanh-lap-doanh-nghiep-tu-nhan", "unaccented"),
    ("tiem chung tre em", "tiem-chung-mo-rong-thang-11", "unaccented"),
    ("dau gia quyen su dung dat", "dau-gia-quyen-su-dung-dat-thon-xuan-thinh", "unaccented"),
    ("tuyen dung vien chuc", "tuyen-dung-vien-chuc-tram-y-te-2026", "unaccented"),
    ("tuyen sinh lop 1", "tuyen-sinh-lop-1-nam-hoc-2026-2027", "unaccented"),
    ("luat chuyen doi so", "luat-148-2025-qh15", "unaccented"),
    ("so ket nong thon moi", "hoi-nghi-so-ket-5-nam-xay-dung-nong-thon-moi-2026", "unaccented"),
    ("lich tiep cong dan", "lich-tiep-cong-dan", "unaccented"),
    ("day nghe det tho cam", "khai-giang-lop-day-nghe-det-tho-cam", "unaccented"),
    ("kenh muong noi dong", "kien-co-hoa-kenh-muong-noi-dong-thon-dong-tam", "unaccented"),
    ("bao cao kinh te xa hoi quy III", "bao-cao-kt-xh-quy-3-2026", "unaccented"),
    ("trong rung keo", "trong-rung-vu-thu-2026", "unaccented"),
    # Not loaded by the demo unless the consultation app is installed: "missing target".
    ("dat dai", "Hồ sơ cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "unaccented"),
    ("du thao quy che hoi dap", "du-thao-quy-che-hoi-dap", "unaccented"),
    ("thoi han dang ky khai sinh cho con", "Thời hạn đăng ký khai sinh cho con", "unaccented"),
    # Tone placement -------------------------------------------------------------------
    ("hoà giải viên", "cong-nhan-hoa-giai-vien", "tone"),
    ("hòa giải viên", "cong-nhan-hoa-giai-vien", "tone"),
    ("thuỷ lợi", "thon-ban", "tone"),
    ("thủy lợi", "thon-ban", "tone"),
    ("kiên cố hoá kênh mương", "kien-co-hoa-kenh-muong-noi-dong-thon-dong-tam", "tone"),
    ("Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân", "luat-11-2003-qh11", "tone"),
    ("lịch sử truyền thống và văn hoá", "lich-su", "tone"),
    ("kỳ họp thứ 11 khoá I", "ky-hop-thu-11-hdnd-xa-khoa-i", "tone"),
    # Accented, as written ------------------------------------------------------------
    ("tiêm chủng mở rộng", "tiem-chung-mo-rong-thang-11", "accented"),
    (
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "cap-giay-phep-xay-dung-moi-doi-voi-1-013225",
        "accented",
    ),
    ("Đăng ký thành lập hộ kinh doanh", "dang-ky-thanh-lap-ho-kinh-doanh", "accented"),
    ("đấu giá đất thôn Xuân Thịnh", "dau-gia-quyen-su-dung-dat-thon-xuan-thinh", "accented"),
    # Document numbers typed with D (or d) for Đ ---------------------------------------
    ("42/2022/ND-CP", "nghi-dinh-42-2022-nd-cp", "number-d"),
    ("42/2022/nd-cp", "nghi-dinh-42-2022-nd-cp", "number-d"),
    ("nghi dinh 42/2022", "nghi-dinh-42-2022-nd-cp", "number-d"),
    ("NĐ 42/2022", "nghi-dinh-42-2022-nd-cp", "number-d"),
    ("541/QD-UBND", "quyet-dinh-541-qd-ubnd", "number-d"),
    ("so 541/qd-ubnd", "quyet-dinh-541-qd-ubnd", "number-d"),
    ("224/2026/ND-CP", "nghi-dinh-224-2026-nd-cp", "number-d"),
    ("64/2007/nd-cp", "nghi-dinh-64-2007-nd-cp", "number-d"),
    ("nghi dinh 43/2011", "nghi-dinh-43-2011-nd-cp", "number-d"),
    # Other document numbers ---------------------------------------------------------
    ("thong tu 32/2017", "thong-tu-32-2017-tt-btttt", "number"),
    ("5724/UBND-CNTT", "cong-van-5724-ubnd-cntt", "number"),
    ("luat 77/2015/QH13", "luat-77-2015-qh13", "number"),
    # Procedure codes ------------------------------------------------------------------
    ("1.000894", "dang-ky-ket-hon", "code"),
    ("thu tuc 1.001193", "dang-ky-khai-sinh", "code"),
    ("2.000635", "cap-ban-sao-trich-luc-ho-tich", "code"),
    ("1.004222", "dang-ky-thuong-tru", "code"),
]
