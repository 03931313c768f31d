"""Demo content of the reference deployment: the portal of xã Như Xuân, tỉnh Thanh Hóa.

Pure data (no Django imports), all text Unicode NFC Vietnamese. Person names, phone numbers,
villages, businesses and figures are invented for demonstration; they do not describe real
people or official statistics.

Body format of the pages: a list of ``("heading", text)``, ``("paragraph", html)`` and
``("table", {"first_row_is_header": True, "data": [[...], ...]})`` tuples.
"""


def _j(*parts: str) -> str:
    return " ".join(parts)


def _p(*parts: str) -> str:
    return f"<p>{_j(*parts)}</p>"


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


# ---------------------------------------------------------------------------------------------
# Portal settings and home page
# ---------------------------------------------------------------------------------------------

PORTAL = {
    "name": "Trang thông tin điện tử xã Như Xuân",
    "short_name": "Xã Như Xuân",
    "managing_body": "Ủy ban nhân dân xã Như Xuân",
    "administrative_level": "commune",
    "web_address": "http://nhuxuan.thanhhoa.gov.vn",
    "address": "Trụ sở Ủy ban nhân dân xã, thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa",
    "phone": "0237 3868 101",
    "email": "nhuxuan@thanhhoa.gov.vn",
    "editorial_email": "nhuxuan@thanhhoa.gov.vn",
    "parent_portal_name": "Cổng thông tin điện tử tỉnh Thanh Hóa",
    "parent_portal_url": "https://thanhhoa.gov.vn",
    "responsible_person": "Trưởng Ban biên tập: Nguyễn Văn An",
    "licence": _j(
        "Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện Như Xuân (cũ)",
        "ban hành Quy chế hoạt động của Trang thông tin điện tử huyện Như Xuân",
    ),
    "reuse_notice": _j(
        "Thông tin trên Trang thông tin điện tử xã Như Xuân được cung cấp công khai để phục vụ",
        "người dân, tổ chức và doanh nghiệp. Cơ quan báo chí, trang thông tin điện tử và các",
        "phương tiện thông tin khác khi phát hành lại thông tin từ trang này phải được sự đồng ý",
        "của Ban biên tập và ghi rõ nguồn “Trang thông tin điện tử xã Như Xuân",
        "(nhuxuan.thanhhoa.gov.vn)”.",
    ),
}

HOME_INTRO_HTML = _p(
    "Chào mừng bạn đến với <b>Trang thông tin điện tử xã Như Xuân</b> – kênh thông tin chính",
    "thức của Ủy ban nhân dân xã Như Xuân, tỉnh Thanh Hóa. Trang cung cấp tin tức, văn bản,",
    "thủ tục hành chính và tiếp nhận ý kiến, kiến nghị của người dân, doanh nghiệp.",
)

SECTIONS = [
    (
        "gioi-thieu",
        "Giới thiệu",
        _j(
            "Tổ chức bộ máy, lãnh đạo, chức năng nhiệm vụ, lịch sử, điều kiện tự nhiên,",
            "danh lam thắng cảnh và các thôn, bản của xã Như Xuân.",
        ),
    ),
    (
        "tin-tuc",
        "Tin tức – Sự kiện",
        _j(
            "Tin tức, sự kiện chính trị, kinh tế, văn hóa, xã hội, quốc phòng – an ninh",
            "diễn ra trên địa bàn xã.",
        ),
    ),
    (
        "thong-bao",
        "Thông báo",
        _j(
            "Thông báo, thông cáo báo chí, lịch công tác và thông tin chỉ đạo, điều hành",
            "của Ủy ban nhân dân xã.",
        ),
    ),
    (
        "van-ban",
        "Văn bản",
        _j(
            "Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành của Trung ương, của",
            "tỉnh Thanh Hóa và của xã; tra cứu theo số, ký hiệu, lĩnh vực, cơ quan và",
            "ngày ban hành.",
        ),
    ),
    (
        "thu-tuc-hanh-chinh",
        "Thủ tục hành chính",
        _j(
            "Thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã: trình tự, hồ sơ,",
            "thời hạn, phí, lệ phí, biểu mẫu và liên kết tới Cổng Dịch vụ công.",
        ),
    ),
    (
        "du-an",
        "Dự án – Đấu thầu",
        _j(
            "Quy hoạch, kế hoạch, chương trình, dự án đầu tư công, mua sắm công và kết quả",
            "lựa chọn nhà thầu trên địa bàn xã.",
        ),
    ),
    (
        "hoi-nghi",
        "Hội nghị – Hội thảo",
        _j(
            "Các hội nghị, hội thảo, tọa đàm do xã tổ chức hoặc chủ trì: thời gian, địa điểm,",
            "nội dung và kết quả.",
        ),
    ),
    (
        "kinh-te-xa-hoi",
        "Kinh tế – Xã hội",
        _j(
            "Báo cáo tình hình kinh tế – xã hội, thu chi ngân sách, sản xuất nông, lâm nghiệp",
            "và các số liệu thống kê định kỳ của xã.",
        ),
    ),
    (
        "bai-viet",
        "Bài viết chuyên đề",
        _j(
            "Bài viết tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
            "và gương người tốt, việc tốt trên địa bàn.",
        ),
    ),
    (
        "du-thao",
        "Lấy ý kiến dự thảo",
        _j(
            "Dự thảo văn bản, chủ trương, chính sách cần lấy ý kiến nhân dân; người dân,",
            "tổ chức gửi góp ý trực tuyến trong thời hạn lấy ý kiến.",
        ),
    ),
    (
        "hoi-dap",
        "Hỏi đáp",
        _j(
            "Người dân, tổ chức gửi câu hỏi, kiến nghị; câu trả lời của cơ quan có thẩm quyền",
            "được công khai tại chuyên mục này.",
        ),
    ),
    (
        "lien-he",
        "Liên hệ",
        _j(
            "Địa chỉ, điện thoại, thư điện tử của Ủy ban nhân dân xã và Ban biên tập;",
            "gửi ý kiến, tin bài cho Trang thông tin điện tử.",
        ),
    ),
]

# ---------------------------------------------------------------------------------------------
# Directory (R-DIR-1): units and officials
# ---------------------------------------------------------------------------------------------

_SEAT = "Trụ sở Ủy ban nhân dân xã, thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa"
_DOMAIN = "thanhhoa.gov.vn"


def _mail(local: str) -> str:
    return f"{local}.nhuxuan@{_DOMAIN}"


def _o(key: str, full_name: str, position: str, phone: str) -> dict:
    return {
        "key": key,
        "full_name": full_name,
        "position": position,
        "phone": phone,
        "email": _mail(key),
    }


UNITS = [
    {
        "key": "ubnd",
        "name": "Ủy ban nhân dân xã Như Xuân",
        "parent_key": None,
        "address": _SEAT,
        "phone": "0237 3868 100",
        "email": _mail("ubnd"),
        "website": "http://nhuxuan.thanhhoa.gov.vn",
        "officials": [
            _o(
                "annv",
                "Nguyễn Văn An",
                "Chủ tịch Ủy ban nhân dân xã, Trưởng Ban biên tập",
                "0912 468 201",
            ),
            _o(
                "binhtt",
                "Trần Thị Bình",
                "Phó Chủ tịch Ủy ban nhân dân xã, Phó Trưởng Ban biên tập",
                "0915 372 418",
            ),
            _o(
                "thanglv",
                "Lương Văn Thắng",
                _j(
                    "Phó Chủ tịch Ủy ban nhân dân xã, kiêm Giám đốc Trung tâm Phục vụ",
                    "hành chính công xã",
                ),
                "0983 215 637",
            ),
        ],
    },
    {
        "key": "hdnd",
        "name": "Thường trực Hội đồng nhân dân xã Như Xuân",
        "parent_key": None,
        "address": _SEAT,
        "phone": "0237 3868 104",
        "email": _mail("hdnd"),
        "website": "",
        "officials": [
            _o(
                "khanhdv",
                "Đinh Văn Khánh",
                "Bí thư Đảng ủy xã, Chủ tịch Hội đồng nhân dân xã",
                "0913 527 346",
            ),
            _o("lanht", "Hà Thị Lan", "Phó Chủ tịch Hội đồng nhân dân xã", "0946 183 592"),
        ],
    },
    {
        "key": "vanphong",
        "name": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
        "parent_key": "ubnd",
        "address": _j("Tầng 2,", _SEAT),
        "phone": "0237 3868 101",
        "email": _mail("vanphong"),
        "website": "",
        "officials": [
            _o("hoant", "Nguyễn Thị Hoa", "Chánh Văn phòng HĐND và UBND xã", "0936 514 728"),
            _o("hanhlt", "Lê Thị Hạnh", "Phó Chánh Văn phòng HĐND và UBND xã", "0977 406 135"),
            _o(
                "cuonglv",
                "Lê Văn Cường",
                "Công chức Văn phòng – Thống kê, biên tập viên Trang thông tin điện tử",
                "0904 328 519",
            ),
            _o("emhv", "Hoàng Văn Em", "Công chức Tư pháp – Hộ tịch", "0968 742 103"),
        ],
    },
    {
        "key": "kinhte",
        "name": "Phòng Kinh tế",
        "parent_key": "ubnd",
        "address": _j("Tầng 3,", _SEAT),
        "phone": "0237 3868 102",
        "email": _mail("kinhte"),
        "website": "",
        "officials": [
            _o("tuanld", "Lê Đình Tuấn", "Trưởng phòng Kinh tế", "0919 257 864"),
            _o(
                "maiqt",
                "Quách Thị Mai",
                "Phó Trưởng phòng Kinh tế, phụ trách Tài chính – Kế hoạch",
                "0948 631 270",
            ),
            _o(
                "haidv",
                "Đỗ Văn Hải",
                _j(
                    "Công chức Địa chính – Xây dựng, cán bộ đầu mối cung cấp thông tin",
                    "cho Trang thông tin điện tử",
                ),
                "0986 174 352",
            ),
        ],
    },
    {
        "key": "vhxh",
        "name": "Phòng Văn hóa – Xã hội",
        "parent_key": "ubnd",
        "address": _j("Tầng 3,", _SEAT),
        "phone": "0237 3868 103",
        "email": _mail("vhxh"),
        "website": "",
        "officials": [
            _o("huonglt", "Lò Thị Hương", "Trưởng phòng Văn hóa – Xã hội", "0916 482 357"),
            _o(
                "dungpt",
                "Phạm Thị Dung",
                "Công chức Văn hóa – Xã hội, cộng tác viên Trang thông tin điện tử",
                "0975 219 846",
            ),
            _o(
                "toancv",
                "Cầm Văn Toàn",
                "Công chức Lao động, Người có công và Xã hội",
                "0944 705 318",
            ),
        ],
    },
    {
        "key": "hcc",
        "name": "Trung tâm Phục vụ hành chính công xã Như Xuân",
        "parent_key": "ubnd",
        "address": _j("Tầng 1,", _SEAT),
        "phone": "0237 3868 105",
        "email": _mail("hcc"),
        "website": "",
        "officials": [
            _o(
                "ngocbt",
                "Bùi Thị Ngọc",
                "Phó Giám đốc Trung tâm Phục vụ hành chính công xã",
                "0917 836 420",
            ),
            _o(
                "giangvt",
                "Vũ Thị Giang",
                _j(
                    "Viên chức công nghệ thông tin, quản trị kỹ thuật",
                    "Trang thông tin điện tử",
                ),
                "0965 318 742",
            ),
            _o(
                "thuynt",
                "Ngân Thị Thủy",
                "Viên chức tiếp nhận và trả kết quả hồ sơ",
                "0389 527 614",
            ),
        ],
    },
    {
        "key": "quansu",
        "name": "Ban Chỉ huy Quân sự xã Như Xuân",
        "parent_key": "ubnd",
        "address": _j("Nhà làm việc Ban Chỉ huy Quân sự,", "thôn Xuân Thịnh, xã Như Xuân"),
        "phone": "0237 3868 106",
        "email": _mail("quansu"),
        "website": "",
        "officials": [
            _o("sonlv", "Lê Văn Sơn", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", "0982 640 157"),
            _o("hungvv", "Vi Văn Hùng", "Chỉ huy phó Ban Chỉ huy Quân sự xã", "0397 215 806"),
        ],
    },
    {
        "key": "congan",
        "name": "Công an xã Như Xuân",
        "parent_key": None,
        "address": "Thôn Đồng Tâm, xã Như Xuân, tỉnh Thanh Hóa",
        "phone": "0237 3868 113",
        "email": "",
        "website": "",
        "officials": [
            _o("longdv", "Đặng Văn Long", "Trưởng Công an xã", "0918 354 672"),
            _o("tienpm", "Phạm Minh Tiến", "Phó Trưởng Công an xã", "0973 482 195"),
        ],
    },
]

_OFFICIALS = {o["key"]: o for unit in UNITS for o in unit["officials"]}
_UNITS = {u["key"]: u for u in UNITS}


# ---------------------------------------------------------------------------------------------
# Leaders (Decree 224/2026/NĐ-CP Điều 9.1b)
# ---------------------------------------------------------------------------------------------

LEADERS_INTRO = _j(
    "Thông tin về Thường trực Đảng ủy, Thường trực Hội đồng nhân dân và lãnh đạo Ủy ban nhân",
    "dân xã Như Xuân: tóm tắt tiểu sử, nhiệm vụ được phân công và thông tin liên hệ công vụ.",
    "Người dân, tổ chức liên hệ công việc qua số điện thoại và thư điện tử công vụ dưới đây",
    "hoặc qua Trung tâm Phục vụ hành chính công xã.",
)

LEADERS = [
    {
        "official_key": "khanhdv",
        "full_name": "Đinh Văn Khánh",
        "position": "Bí thư Đảng ủy xã, Chủ tịch Hội đồng nhân dân xã",
        "biography_html": _p(
            "Sinh năm 1974; dân tộc Mường; quê quán: xã Như Xuân, tỉnh Thanh Hóa.",
            "Trình độ chuyên môn: Cử nhân Luật; lý luận chính trị: Cao cấp.",
        )
        + _p(
            "Nhiều năm công tác tại các cơ quan Đảng, chính quyền cấp huyện và cấp xã trên địa",
            "bàn huyện Như Xuân (cũ); được bầu giữ chức Bí thư Đảng ủy xã khi thực hiện mô hình",
            "chính quyền địa phương hai cấp từ ngày 01/7/2025.",
        ),
        "duties_html": _ul(
            "Lãnh đạo toàn diện công tác của Đảng bộ xã; chịu trách nhiệm trước Ban Thường vụ"
            " Tỉnh ủy về mọi mặt công tác của địa phương.",
            "Chủ trì các kỳ họp và chỉ đạo hoạt động của Hội đồng nhân dân xã; giám sát việc"
            " thi hành nghị quyết của Hội đồng nhân dân.",
            "Trực tiếp phụ trách công tác tổ chức cán bộ, nội chính, phòng, chống tham nhũng,"
            " lãng phí.",
            "Tiếp công dân định kỳ theo quy định của Đảng và của pháp luật.",
        ),
    },
    {
        "official_key": "annv",
        "full_name": "Nguyễn Văn An",
        "position": "Chủ tịch Ủy ban nhân dân xã",
        "biography_html": _p(
            "Sinh năm 1978; dân tộc Kinh; quê quán: xã Như Xuân, tỉnh Thanh Hóa.",
            "Trình độ chuyên môn: Thạc sĩ Quản lý kinh tế; lý luận chính trị: Cao cấp.",
        )
        + _p(
            "Từng công tác tại các phòng chuyên môn thuộc Ủy ban nhân dân huyện Như Xuân (cũ);",
            "được bầu giữ chức Chủ tịch Ủy ban nhân dân xã Như Xuân từ khi xã đi vào hoạt động",
            "theo mô hình chính quyền địa phương hai cấp.",
        ),
        "duties_html": _ul(
            "Lãnh đạo, điều hành toàn diện hoạt động của Ủy ban nhân dân xã; chịu trách nhiệm"
            " trước Hội đồng nhân dân xã và Ủy ban nhân dân tỉnh.",
            "Trực tiếp phụ trách công tác nội vụ, tài chính – ngân sách, quốc phòng, an ninh,"
            " thanh tra, tiếp công dân và giải quyết khiếu nại, tố cáo.",
            "Chỉ đạo công tác cải cách hành chính, chuyển đổi số và hoạt động của Trung tâm"
            " Phục vụ hành chính công xã.",
            "Trưởng Ban biên tập Trang thông tin điện tử xã: duyệt và chịu trách nhiệm về nội"
            " dung thông tin đăng tải.",
        ),
    },
    {
        "official_key": "binhtt",
        "full_name": "Trần Thị Bình",
        "position": "Phó Chủ tịch Ủy ban nhân dân xã",
        "biography_html": _p(
            "Sinh năm 1982; dân tộc Kinh; quê quán: xã Như Xuân, tỉnh Thanh Hóa.",
            "Trình độ chuyên môn: Cử nhân Sư phạm, Cử nhân Hành chính; lý luận chính trị:",
            "Trung cấp.",
        )
        + _p(
            "Nguyên là giáo viên trung học cơ sở, sau đó công tác trong lĩnh vực văn hóa – xã",
            "hội ở cấp huyện và cấp xã; được bầu giữ chức Phó Chủ tịch Ủy ban nhân dân xã",
            "Như Xuân năm 2025.",
        ),
        "duties_html": _ul(
            "Giúp Chủ tịch Ủy ban nhân dân xã chỉ đạo các lĩnh vực văn hóa, thông tin, thể thao,"
            " du lịch, giáo dục, y tế, lao động, người có công, xã hội, dân tộc, tôn giáo.",
            "Phụ trách Phòng Văn hóa – Xã hội; chỉ đạo thực hiện các chương trình mục tiêu"
            " quốc gia về giảm nghèo bền vững và phát triển kinh tế – xã hội vùng đồng bào"
            " dân tộc thiểu số và miền núi.",
            "Phó Trưởng Ban biên tập Trang thông tin điện tử xã: xác thực, biên tập tin, bài"
            " theo phân công.",
        ),
    },
    {
        "official_key": "thanglv",
        "full_name": "Lương Văn Thắng",
        "position": "Phó Chủ tịch Ủy ban nhân dân xã",
        "biography_html": _p(
            "Sinh năm 1980; dân tộc Thái; quê quán: xã Như Xuân, tỉnh Thanh Hóa.",
            "Trình độ chuyên môn: Kỹ sư Lâm nghiệp; lý luận chính trị: Trung cấp.",
        )
        + _p(
            "Từng công tác tại cơ quan quản lý nông nghiệp, lâm nghiệp cấp huyện và giữ chức",
            "Phó Chủ tịch Ủy ban nhân dân xã trước khi sắp xếp đơn vị hành chính năm 2025.",
        ),
        "duties_html": _ul(
            "Giúp Chủ tịch Ủy ban nhân dân xã chỉ đạo các lĩnh vực nông nghiệp, lâm nghiệp,"
            " tài nguyên và môi trường, xây dựng, giao thông, công thương, đầu tư công.",
            "Phụ trách Phòng Kinh tế; chỉ đạo công tác quản lý, bảo vệ và phát triển rừng,"
            " phòng, chống thiên tai và tìm kiếm cứu nạn.",
            "Giám đốc Trung tâm Phục vụ hành chính công xã: chỉ đạo việc tiếp nhận, giải quyết"
            " và trả kết quả thủ tục hành chính theo cơ chế một cửa, một cửa liên thông.",
        ),
    },
    {
        "official_key": "lanht",
        "full_name": "Hà Thị Lan",
        "position": "Phó Chủ tịch Hội đồng nhân dân xã",
        "biography_html": _p(
            "Sinh năm 1985; dân tộc Thổ; quê quán: xã Như Xuân, tỉnh Thanh Hóa.",
            "Trình độ chuyên môn: Cử nhân Kinh tế; lý luận chính trị: Trung cấp.",
        )
        + _p(
            "Từng công tác tại Hội Liên hiệp Phụ nữ và Văn phòng Hội đồng nhân dân, Ủy ban nhân",
            "dân cấp xã; được bầu giữ chức Phó Chủ tịch Hội đồng nhân dân xã năm 2025.",
        ),
        "duties_html": _ul(
            "Giúp Chủ tịch Hội đồng nhân dân xã điều hòa, phối hợp hoạt động của các Ban"
            " Hội đồng nhân dân; chuẩn bị nội dung các kỳ họp.",
            "Tổ chức tiếp xúc cử tri, tổng hợp ý kiến, kiến nghị của cử tri và theo dõi việc"
            " giải quyết.",
            "Chỉ đạo hoạt động giám sát chuyên đề của Hội đồng nhân dân xã.",
        ),
    },
]

# ---------------------------------------------------------------------------------------------
# Villages (shared by the boundary map, the villages page and the map drawing)
# ---------------------------------------------------------------------------------------------

_VILLAGES = [
    # name, area km², population, note
    (
        "Thôn Xuân Thịnh",
        6.85,
        2140,
        "Trung tâm xã; trụ sở Đảng ủy, HĐND, UBND, Trung tâm Phục vụ hành chính công, chợ xã.",
    ),
    ("Thôn Đồng Tâm", 9.20, 1780, "Cánh đồng lúa nước tập trung; trụ sở Công an xã."),
    ("Thôn Tân Sơn", 12.40, 1520, "Vùng đồi trồng keo, mía nguyên liệu và cây ăn quả."),
    ("Thôn Quyết Thắng", 10.75, 1630, "Trường trung học cơ sở; làng nghề đan lát mây tre."),
    ("Bản Khe Rồng", 18.30, 1190, "Bản người Thái; nhà sàn truyền thống, du lịch cộng đồng."),
    ("Bản Na Hiếu", 15.60, 1260, "Bản người Thái; tổ hợp tác dệt thổ cẩm."),
    ("Thôn Hợp Thành", 8.95, 1870, "Trạm y tế xã; các cơ sở chế biến nông, lâm sản."),
    ("Thôn Thanh Bình", 11.20, 1450, "Vùng chăn nuôi bò, dê; trang trại tổng hợp."),
    ("Bản Bù Đồn", 21.80, 980, "Bản người Thổ và người Mường, giáp vùng rừng phòng hộ."),
    ("Thôn Đồng Lườn", 13.55, 1340, "Hồ chứa thủy lợi nhỏ; vùng trồng lúa, ngô, sắn."),
]

_AREA_KM2 = round(sum(v[1] for v in _VILLAGES), 2)  # 128.6
_POPULATION = sum(v[2] for v in _VILLAGES)  # 15160

# ---------------------------------------------------------------------------------------------
# Organisation and locality pages under "gioi-thieu" (R-ORG-1..4)
# ---------------------------------------------------------------------------------------------


def _unit_table() -> dict:
    rows = [["Đơn vị", "Người đứng đầu", "Địa chỉ", "Điện thoại", "Thư điện tử"]]
    for unit in UNITS:
        head = unit["officials"][0]
        rows.append(
            [
                unit["name"],
                f"{head['full_name']} – {head['position']}",
                unit["address"],
                unit["phone"],
                unit["email"] or "—",
            ]
        )
    return {"first_row_is_header": True, "data": rows}


def _board_table() -> dict:
    members = [
        ("annv", "Trưởng Ban biên tập"),
        ("binhtt", "Phó Trưởng Ban biên tập"),
        ("cuonglv", "Thành viên, biên tập viên (thư ký nội dung)"),
        ("giangvt", "Thành viên, quản trị kỹ thuật (thư ký kỹ thuật)"),
        ("dungpt", "Cộng tác viên"),
        ("emhv", "Cộng tác viên lĩnh vực tư pháp, hộ tịch"),
        ("haidv", "Cán bộ đầu mối cung cấp thông tin"),
    ]
    rows = [["Họ và tên", "Nhiệm vụ trong Ban biên tập", "Chức vụ"]]
    for key, role in members:
        official = _OFFICIALS[key]
        rows.append([official["full_name"], role, official["position"]])
    return {"first_row_is_header": True, "data": rows}


def _reception_table() -> dict:
    staff = [
        ("annv", "Tiếp công dân định kỳ sáng thứ Năm hằng tuần"),
        ("hoant", "Tổ chức, phục vụ việc tiếp công dân; theo dõi, đôn đốc giải quyết"),
        ("emhv", "Tiếp công dân thường xuyên; pháp luật, hộ tịch, hòa giải"),
        ("haidv", "Tiếp công dân thường xuyên; đất đai, xây dựng, môi trường"),
        ("toancv", "Tiếp công dân thường xuyên; chính sách xã hội, người có công"),
    ]
    rows = [["Họ và tên", "Chức vụ", "Nhiệm vụ tiếp công dân", "Điện thoại"]]
    for key, duty in staff:
        official = _OFFICIALS[key]
        rows.append([official["full_name"], official["position"], duty, official["phone"]])
    return {"first_row_is_header": True, "data": rows}


ORGANISATION_PAGES = [
    {
        "slug": "co-cau-to-chuc",
        "title": "Cơ cấu tổ chức",
        "intro": _j(
            "Sơ đồ tổ chức bộ máy chính quyền xã Như Xuân theo mô hình chính quyền địa phương",
            "hai cấp và danh sách các cơ quan, đơn vị trực thuộc.",
        ),
        "body": [
            ("heading", "Tổng quan"),
            (
                "paragraph",
                _p(
                    "Từ ngày 01/7/2025, xã Như Xuân tổ chức chính quyền địa phương theo mô hình",
                    "hai cấp (tỉnh, xã) theo Luật Tổ chức chính quyền địa phương số 72/2025/QH15.",
                    "Chính quyền địa phương ở xã gồm <b>Hội đồng nhân dân xã</b> và <b>Ủy ban",
                    "nhân dân xã</b>, chịu sự chỉ đạo trực tiếp của chính quyền tỉnh Thanh Hóa.",
                ),
            ),
            ("heading", "Sơ đồ tổ chức"),
            (
                "paragraph",
                _ul(
                    "<b>Hội đồng nhân dân xã</b>: Thường trực Hội đồng nhân dân (Chủ tịch, Phó Chủ"
                    " tịch) và các Ban của Hội đồng nhân dân (Ban Kinh tế – Ngân sách, Ban Văn hóa"
                    " – Xã hội).",
                    "<b>Ủy ban nhân dân xã</b>: Chủ tịch, các Phó Chủ tịch và các Ủy viên.",
                    "<b>Cơ quan chuyên môn thuộc Ủy ban nhân dân xã</b>: Văn phòng Hội đồng nhân"
                    " dân và Ủy ban nhân dân xã; Phòng Kinh tế; Phòng Văn hóa – Xã hội.",
                    "<b>Đơn vị sự nghiệp</b>: Trung tâm Phục vụ hành chính công xã.",
                    "<b>Lực lượng vũ trang</b>: Ban Chỉ huy Quân sự xã (thuộc Ủy ban nhân dân xã);"
                    " Công an xã (thuộc Công an tỉnh Thanh Hóa, phối hợp chặt chẽ với chính quyền"
                    " xã trong bảo đảm an ninh, trật tự).",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Hoạt động của chính quyền xã đặt dưới sự lãnh đạo của Đảng ủy xã; Ủy ban Mặt",
                    "trận Tổ quốc Việt Nam xã và các tổ chức chính trị – xã hội tham gia giám sát,",
                    "phản biện xã hội theo quy định. Ở mỗi thôn, bản có Trưởng thôn (bản), Bí thư",
                    "chi bộ và Trưởng ban công tác Mặt trận.",
                ),
            ),
            ("heading", "Các cơ quan, đơn vị"),
            ("table", _unit_table()),
            (
                "paragraph",
                _p(
                    "Danh bạ đầy đủ cán bộ, công chức có thẩm quyền kèm số điện thoại và thư điện",
                    "tử công vụ được công khai tại mục <i>Danh bạ</i> của Trang thông tin điện tử.",
                ),
            ),
        ],
    },
    {
        "slug": "chuc-nang-nhiem-vu",
        "title": "Chức năng, nhiệm vụ, quyền hạn",
        "intro": _j(
            "Chức năng, nhiệm vụ, quyền hạn của Ủy ban nhân dân xã Như Xuân và các cơ quan",
            "chuyên môn, đơn vị sự nghiệp trực thuộc.",
        ),
        "body": [
            ("heading", "Ủy ban nhân dân xã"),
            (
                "paragraph",
                _p(
                    "Ủy ban nhân dân xã do Hội đồng nhân dân xã bầu, là cơ quan chấp hành của Hội",
                    "đồng nhân dân, cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm",
                    "trước Nhân dân địa phương, Hội đồng nhân dân xã và cơ quan hành chính nhà",
                    "nước cấp trên. Theo Luật Tổ chức chính quyền địa phương năm 2025, Ủy ban nhân",
                    "dân xã có các nhiệm vụ, quyền hạn chủ yếu sau:",
                )
                + _ul(
                    "Xây dựng, trình Hội đồng nhân dân xã quyết định các nội dung thuộc thẩm quyền"
                    " và tổ chức thực hiện nghị quyết của Hội đồng nhân dân xã;",
                    "Tổ chức thi hành Hiến pháp, pháp luật, văn bản của cơ quan nhà nước cấp trên"
                    " trên địa bàn xã;",
                    "Quản lý nhà nước về kinh tế, ngân sách, đất đai, tài nguyên, môi trường, xây"
                    " dựng, văn hóa, giáo dục, y tế, xã hội, dân tộc, tôn giáo trên địa bàn;",
                    "Bảo đảm quốc phòng, an ninh, trật tự, an toàn xã hội; phòng, chống thiên tai;",
                    "Giải quyết thủ tục hành chính, tiếp công dân, giải quyết khiếu nại, tố cáo,"
                    " kiến nghị, phản ánh theo thẩm quyền;",
                    "Thực hiện các nhiệm vụ, quyền hạn được phân quyền, phân cấp, ủy quyền theo"
                    " quy định của pháp luật.",
                ),
            ),
            ("heading", "Chủ tịch Ủy ban nhân dân xã"),
            (
                "paragraph",
                _p(
                    "Chủ tịch Ủy ban nhân dân xã là người đứng đầu Ủy ban nhân dân, lãnh đạo và",
                    "điều hành công việc của Ủy ban nhân dân; chỉ đạo các cơ quan chuyên môn, đơn",
                    "vị trực thuộc; chịu trách nhiệm cá nhân về việc thực hiện nhiệm vụ, quyền hạn",
                    "của mình. Các Phó Chủ tịch giúp Chủ tịch theo lĩnh vực được phân công.",
                ),
            ),
            ("heading", "Các cơ quan chuyên môn và đơn vị sự nghiệp"),
            (
                "paragraph",
                _ul(
                    "<b>Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã</b>: tham mưu tổng hợp;"
                    " phục vụ hoạt động của Hội đồng nhân dân, Ủy ban nhân dân; văn thư, lưu trữ,"
                    " thống kê; tư pháp, hộ tịch, kiểm soát thủ tục hành chính; quản lý Trang"
                    " thông tin điện tử của xã.",
                    "<b>Phòng Kinh tế</b>: tham mưu quản lý nhà nước về nông nghiệp, lâm nghiệp,"
                    " tài nguyên và môi trường, xây dựng, giao thông, công thương, tài chính, kế"
                    " hoạch và đầu tư trên địa bàn.",
                    "<b>Phòng Văn hóa – Xã hội</b>: tham mưu quản lý nhà nước về văn hóa, thông"
                    " tin, thể thao, du lịch, giáo dục, y tế, nội vụ, lao động, người có công,"
                    " bảo trợ xã hội, dân tộc, tôn giáo.",
                    "<b>Trung tâm Phục vụ hành chính công xã</b>: tiếp nhận, hướng dẫn, trả kết"
                    " quả giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông;"
                    " hỗ trợ người dân sử dụng dịch vụ công trực tuyến.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Chức năng, nhiệm vụ cụ thể của từng cơ quan, đơn vị được quy định tại quyết",
                    "định của Ủy ban nhân dân xã; các quyết định này được đăng tải tại chuyên mục",
                    "<i>Văn bản</i>.",
                ),
            ),
        ],
    },
    {
        "slug": "quyet-dinh-thanh-lap",
        "title": "Quyết định thành lập và quy chế hoạt động",
        "intro": _j(
            "Quyết định số 541/QĐ-UBND ngày 12/3/2012 ban hành Quy chế hoạt động của Trang",
            "thông tin điện tử và cơ sở pháp lý hoạt động hiện nay của Trang.",
        ),
        "body": [
            ("heading", "Quyết định số 541/QĐ-UBND ngày 12/3/2012"),
            (
                "paragraph",
                _p(
                    "Trang thông tin điện tử tại địa chỉ <b>http://nhuxuan.thanhhoa.gov.vn</b>",
                    "được xây dựng từ thời huyện Như Xuân (cũ). Ngày 12/3/2012, Chủ tịch Ủy ban",
                    "nhân dân huyện Như Xuân ban hành Quyết định số 541/QĐ-UBND kèm theo “Quy chế",
                    "hoạt động của Trang thông tin điện tử huyện Như Xuân” gồm 5 chương, 22 điều;",
                    "quyết định có hiệu lực kể từ ngày ký.",
                ),
            ),
            (
                "paragraph",
                _p("Nội dung chính của Quy chế:")
                + _ul(
                    "Trang là đơn vị thành viên của Cổng thông tin điện tử tỉnh Thanh Hóa; cung"
                    " cấp, trao đổi thông tin chính thức, công khai theo chức năng, nhiệm vụ của cơ"
                    " quan trên môi trường mạng.",
                    "Nhiệm vụ: cung cấp đầy đủ, chính xác, kịp thời thông tin về chủ trương, chính"
                    " sách, pháp luật; tuyên truyền, phổ biến văn bản; cung cấp thông tin cho Cổng"
                    " thông tin điện tử của tỉnh; cung cấp dịch vụ hành chính công.",
                    "Nguồn tin do các cơ quan, đơn vị, cán bộ, công chức cung cấp; khuyến khích tổ"
                    " chức, doanh nghiệp trên địa bàn cung cấp thông tin về hoạt động của mình.",
                    "Ban biên tập do Chủ tịch Ủy ban nhân dân quyết định thành lập, gồm Trưởng ban,"
                    " các Phó Trưởng ban, các thành viên, thư ký kỹ thuật và thư ký nội dung, làm"
                    " việc theo chế độ kiêm nhiệm.",
                    "Quy trình đăng tin gồm 3 bước: tổng hợp và biên tập; xác thực thông tin; duyệt"
                    " và đăng tải.",
                ),
            ),
            ("heading", "Hoạt động theo mô hình chính quyền địa phương hai cấp"),
            (
                "paragraph",
                _p(
                    "Thực hiện sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp",
                    "từ ngày 01/7/2025, Trang được Ủy ban nhân dân xã Như Xuân tiếp nhận, quản lý",
                    "với tên gọi <b>Trang thông tin điện tử xã Như Xuân</b>, giữ nguyên địa chỉ",
                    "http://nhuxuan.thanhhoa.gov.vn, phù hợp dạng tên miền",
                    "<i>tenphuongxa.tentinhthanh.gov.vn</i> quy định tại điểm c khoản 4 Điều 11",
                    "Nghị định số 224/2026/NĐ-CP của Chính phủ.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Trang hoạt động theo Nghị định số 224/2026/NĐ-CP và các quy định hiện hành về",
                    "cung cấp thông tin trên môi trường mạng của cơ quan nhà nước; Quyết định số",
                    "541/QĐ-UBND được giới thiệu tại đây như văn bản gốc về việc thiết lập Trang.",
                    "Địa chỉ thư điện tử của Ban biên tập: <b>nhuxuan@thanhhoa.gov.vn</b>.",
                ),
            ),
            ("heading", "Thành phần Ban biên tập"),
            ("table", _board_table()),
        ],
    },
    {
        "slug": "lich-su",
        "title": "Lịch sử, truyền thống và văn hóa",
        "intro": _j(
            "Khái quát quá trình hình thành, truyền thống cách mạng và bản sắc văn hóa của",
            "đồng bào các dân tộc trên quê hương Như Xuân.",
        ),
        "body": [
            ("heading", "Vùng đất và con người"),
            (
                "paragraph",
                _p(
                    "Như Xuân là vùng đất miền núi phía tây tỉnh Thanh Hóa, nơi đồng bào các dân",
                    "tộc Kinh, Thái, Mường, Thổ cùng chung sống lâu đời. Qua nhiều thế hệ, Nhân",
                    "dân các dân tộc đã khai hoang, lập bản, mở ruộng nương dọc các thung lũng và",
                    "ven khe suối, hình thành nên những thôn, bản gắn bó đoàn kết như ngày nay.",
                ),
            ),
            ("heading", "Truyền thống cách mạng"),
            (
                "paragraph",
                _p(
                    "Trong các cuộc kháng chiến bảo vệ Tổ quốc, Nhân dân Như Xuân luôn một lòng",
                    "theo Đảng, tích cực tham gia sản xuất, đóng góp sức người, sức của cho tiền",
                    "tuyến; nhiều người con của quê hương đã anh dũng hy sinh. Trong thời kỳ đổi",
                    "mới, Đảng bộ và Nhân dân địa phương phát huy truyền thống, vượt qua khó khăn",
                    "của vùng miền núi để xây dựng nông thôn mới, giữ vững quốc phòng, an ninh.",
                ),
            ),
            ("heading", "Quá trình tổ chức đơn vị hành chính"),
            (
                "paragraph",
                _p(
                    "Địa bàn xã Như Xuân hiện nay trước đây thuộc huyện Như Xuân (cũ). Thực hiện",
                    "chủ trương sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai",
                    "cấp theo Luật Tổ chức chính quyền địa phương số 72/2025/QH15, từ ngày",
                    "01/7/2025 cấp huyện kết thúc hoạt động; xã Như Xuân được tổ chức lại trên cơ",
                    "sở sắp xếp các đơn vị hành chính cấp xã của huyện cũ và trực thuộc tỉnh",
                    "Thanh Hóa.",
                ),
            ),
            ("heading", "Bản sắc văn hóa các dân tộc"),
            (
                "paragraph",
                _ul(
                    "<b>Người Thái</b>: nhà sàn truyền thống, nghề dệt thổ cẩm, các làn điệu khắp,"
                    " múa xòe và ẩm thực đặc trưng như cơm lam, cá nướng, rau rừng.",
                    "<b>Người Mường</b>: cồng chiêng, các làn điệu dân ca, tục ngữ, truyện cổ và"
                    " nghi lễ gắn với chu kỳ sản xuất nông nghiệp.",
                    "<b>Người Thổ</b>: các trò diễn dân gian, hát đối đáp trong dịp lễ, Tết và nghề"
                    " đan lát mây tre.",
                    "<b>Người Kinh</b>: tục thờ cúng tổ tiên, lễ hội làng, nghề trồng lúa nước và"
                    " buôn bán nhỏ ở khu trung tâm.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Hằng năm, xã tổ chức ngày hội văn hóa, thể thao các dân tộc, duy trì các câu",
                    "lạc bộ văn nghệ dân gian ở thôn, bản, góp phần giữ gìn và phát huy giá trị",
                    "văn hóa truyền thống gắn với phát triển du lịch cộng đồng.",
                ),
            ),
        ],
    },
    {
        "slug": "danh-lam-thang-canh",
        "title": "Danh lam, thắng cảnh",
        "intro": _j(
            "Giới thiệu cảnh quan thiên nhiên, rừng núi, khe suối và các điểm du lịch sinh thái,",
            "du lịch cộng đồng trên địa bàn và vùng phụ cận.",
        ),
        "body": [
            ("heading", "Khu vực Vườn quốc gia Bến En"),
            (
                "paragraph",
                _p(
                    "Vườn quốc gia Bến En nằm trên địa bàn các huyện Như Thanh, Như Xuân (cũ), là",
                    "khu rừng đặc dụng có hệ sinh thái rừng nhiệt đới và hồ nước rộng với nhiều",
                    "đảo lớn nhỏ. Vùng phụ cận Bến En có cảnh quan núi rừng, mặt hồ phù hợp với",
                    "tham quan, nghiên cứu, giáo dục môi trường và du lịch sinh thái.",
                ),
            ),
            ("heading", "Khe suối, thác nước và hang động"),
            (
                "paragraph",
                _p(
                    "Địa hình đồi núi chia cắt tạo nên nhiều khe suối, thác nước nhỏ chảy qua các",
                    "cánh rừng; một số khu vực núi đá có hang động tự nhiên. Mùa hè, các khe suối",
                    "trong rừng là điểm dã ngoại được người dân và du khách yêu thích.",
                )
                + _p(
                    "<i>Lưu ý</i>: khi tham quan khe suối, thác nước và hang động, du khách cần đi",
                    "theo hướng dẫn của người dân địa phương, không vào rừng khi có mưa lớn, lũ",
                    "quét và tuân thủ quy định về bảo vệ rừng, phòng cháy, chữa cháy rừng.",
                ),
            ),
            ("heading", "Du lịch cộng đồng ở các bản"),
            (
                "paragraph",
                _p(
                    "Các bản người Thái như Bản Khe Rồng, Bản Na Hiếu còn giữ được nhiều nếp nhà",
                    "sàn truyền thống, nghề dệt thổ cẩm và ẩm thực đặc sắc. Một số hộ gia đình đã",
                    "làm dịch vụ lưu trú tại nhà dân (homestay), biểu diễn văn nghệ dân gian,",
                    "hướng dẫn khách trải nghiệm sản xuất cùng người dân.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Thông tin về điểm đến, dịch vụ lưu trú và lịch các hoạt động văn hóa được cập",
                    "nhật tại chuyên mục <i>Tin tức – Sự kiện</i>; du khách có thể liên hệ Phòng",
                    "Văn hóa – Xã hội xã để được hướng dẫn.",
                ),
            ),
        ],
    },
    {
        "slug": "dieu-kien-tu-nhien",
        "title": "Điều kiện tự nhiên, kinh tế – xã hội",
        "intro": _j(
            "Vị trí địa lý, địa hình, khí hậu, tài nguyên và khái quát tình hình kinh tế – xã hội",
            "của xã Như Xuân.",
        ),
        "body": [
            ("heading", "Vị trí địa lý và địa hình"),
            (
                "paragraph",
                _p(
                    "Xã Như Xuân thuộc vùng miền núi phía tây tỉnh Thanh Hóa. Địa hình chủ yếu là",
                    "đồi núi thấp và trung bình, xen kẽ các thung lũng hẹp và cánh đồng nhỏ ven",
                    "khe suối; độ dốc lớn ở phía tây và tây nam, thoải dần về phía đông. Ranh giới",
                    "hành chính của xã được thể hiện tại trang <i>Bản đồ địa giới hành chính</i>.",
                ),
            ),
            ("heading", "Khí hậu"),
            (
                "paragraph",
                _p(
                    "Khí hậu nhiệt đới gió mùa, chia hai mùa rõ rệt: mùa hè nóng ẩm, mưa nhiều,",
                    "đầu mùa thường chịu ảnh hưởng của gió tây khô nóng; mùa đông lạnh, ít mưa, có",
                    "thời kỳ sương muối ở vùng cao. Mưa lớn tập trung từ tháng 7 đến tháng 10, có",
                    "nguy cơ lũ ống, lũ quét và sạt lở đất ở các khu vực ven đồi, ven suối.",
                ),
            ),
            ("heading", "Tài nguyên"),
            (
                "paragraph",
                _p(
                    "Đất đai chủ yếu là đất feralit đồi núi, thích hợp trồng rừng, cây công nghiệp",
                    "và cây ăn quả; đất phù sa ven suối thích hợp trồng lúa, rau màu. Diện tích",
                    "rừng lớn, gồm rừng phòng hộ, rừng sản xuất và vùng giáp rừng đặc dụng, là",
                    "nguồn tài nguyên quan trọng cần được quản lý, bảo vệ.",
                ),
            ),
            ("heading", "Kinh tế – xã hội"),
            (
                "paragraph",
                _p(
                    "Nông, lâm nghiệp giữ vai trò chủ đạo với các sản phẩm chính: gỗ rừng trồng",
                    "(keo), mía, sắn, lúa, ngô, cây ăn quả và chăn nuôi bò, dê, lợn, gia cầm. Tiểu",
                    "thủ công nghiệp gồm chế biến lâm sản, vật liệu xây dựng, mây tre đan, dệt thổ",
                    "cẩm; thương mại, dịch vụ tập trung ở khu trung tâm xã.",
                )
                + _p(
                    "Mạng lưới trường học, trạm y tế, nhà văn hóa thôn, bản từng bước được đầu tư.",
                    "Xã tập trung thực hiện các chương trình mục tiêu quốc gia về xây dựng nông",
                    "thôn mới, giảm nghèo bền vững và phát triển kinh tế – xã hội vùng đồng bào",
                    "dân tộc thiểu số và miền núi. Số liệu cụ thể được cập nhật định kỳ tại chuyên",
                    "mục <i>Kinh tế – Xã hội</i>.",
                ),
            ),
        ],
    },
    {
        "slug": "thon-ban",
        "title": "Các thôn, bản",
        "intro": _j(
            f"Xã Như Xuân có {len(_VILLAGES)} thôn, bản; danh sách và thông tin tóm tắt",
            "về từng thôn, bản.",
        ),
        "body": [
            ("heading", "Tổ chức thôn, bản"),
            (
                "paragraph",
                _p(
                    "Thôn, bản là tổ chức tự quản của cộng đồng dân cư trên địa bàn xã. Mỗi thôn,",
                    "bản có Trưởng thôn (bản), Phó Trưởng thôn (nếu có), chi bộ và ban công tác",
                    "Mặt trận cùng các chi hội đoàn thể. Hội nghị thôn, bản là nơi người dân bàn",
                    "và quyết định các công việc của cộng đồng theo quy định về thực hiện dân chủ",
                    "ở cơ sở.",
                ),
            ),
            ("heading", "Danh sách thôn, bản"),
            (
                "table",
                {
                    "first_row_is_header": True,
                    "data": [["Thôn, bản", "Ghi chú"]] + [[v[0], v[3]] for v in _VILLAGES],
                },
            ),
            (
                "paragraph",
                _p(
                    "Diện tích, dân số của từng thôn, bản được công bố tại trang <i>Bản đồ địa",
                    "giới hành chính</i>. Thông tin liên hệ Trưởng thôn, bản được niêm yết tại nhà",
                    "văn hóa của mỗi thôn, bản và tại trụ sở Ủy ban nhân dân xã.",
                ),
            ),
        ],
    },
    {
        "slug": "doanh-nghiep",
        "title": "Doanh nghiệp, cơ sở sản xuất",
        "intro": _j(
            "Giới thiệu các doanh nghiệp, hợp tác xã và cơ sở sản xuất, kinh doanh tiêu biểu",
            "trên địa bàn xã.",
        ),
        "body": [
            ("heading", "Khái quát"),
            (
                "paragraph",
                _p(
                    "Trên địa bàn xã có các doanh nghiệp nhỏ và vừa, hợp tác xã, tổ hợp tác và hộ",
                    "kinh doanh hoạt động chủ yếu trong các lĩnh vực chế biến nông, lâm sản, vật",
                    "liệu xây dựng, dịch vụ nông nghiệp, thương mại và du lịch cộng đồng. Ủy ban",
                    "nhân dân xã khuyến khích doanh nghiệp cung cấp thông tin về hoạt động của",
                    "mình để giới thiệu trên Trang thông tin điện tử.",
                ),
            ),
            ("heading", "Danh sách tiêu biểu"),
            (
                "table",
                {
                    "first_row_is_header": True,
                    "data": [
                        ["Tên doanh nghiệp, cơ sở", "Lĩnh vực", "Địa chỉ"],
                        [
                            "Công ty TNHH Chế biến lâm sản Xuân Thịnh",
                            "Chế biến gỗ rừng trồng, sản xuất ván ghép",
                            "Thôn Xuân Thịnh, xã Như Xuân",
                        ],
                        [
                            "Hợp tác xã Nông nghiệp Đồng Tâm",
                            "Dịch vụ làm đất, giống, vật tư nông nghiệp; tiêu thụ nông sản",
                            "Thôn Đồng Tâm, xã Như Xuân",
                        ],
                        [
                            "Công ty TNHH MTV Vật liệu xây dựng Tân Sơn",
                            "Sản xuất gạch không nung, bê tông đúc sẵn",
                            "Thôn Tân Sơn, xã Như Xuân",
                        ],
                        [
                            "Hợp tác xã Du lịch cộng đồng Khe Rồng",
                            "Lưu trú tại nhà dân, ẩm thực, biểu diễn văn nghệ dân gian",
                            "Bản Khe Rồng, xã Như Xuân",
                        ],
                        [
                            "Tổ hợp tác Dệt thổ cẩm Na Hiếu",
                            "Dệt thổ cẩm, may trang phục dân tộc, đồ lưu niệm",
                            "Bản Na Hiếu, xã Như Xuân",
                        ],
                        [
                            "Cơ sở Mây tre đan Quyết Thắng",
                            "Sản xuất hàng mây tre đan gia dụng và mỹ nghệ",
                            "Thôn Quyết Thắng, xã Như Xuân",
                        ],
                        [
                            "Cơ sở Chế biến nông sản Hợp Thành",
                            "Sơ chế, chế biến sắn lát, tinh bột sắn, măng khô",
                            "Thôn Hợp Thành, xã Như Xuân",
                        ],
                        [
                            "Trang trại chăn nuôi tổng hợp Thanh Bình",
                            "Chăn nuôi bò, dê; trồng cỏ và cây ăn quả",
                            "Thôn Thanh Bình, xã Như Xuân",
                        ],
                    ],
                },
            ),
            (
                "paragraph",
                _p(
                    "Doanh nghiệp, cơ sở sản xuất muốn được giới thiệu hoặc cập nhật thông tin xin",
                    "liên hệ Phòng Kinh tế xã (điện thoại 0237 3868 102, thư điện tử",
                    f"{_mail('kinhte')}) hoặc gửi về Ban biên tập qua địa chỉ",
                    "nhuxuan@thanhhoa.gov.vn.",
                ),
            ),
            (
                "paragraph",
                _p(
                    "Thông tin về chính sách hỗ trợ doanh nghiệp, thu hút đầu tư, thủ tục đăng ký",
                    "hộ kinh doanh được đăng tải tại các chuyên mục <i>Thủ tục hành chính</i> và",
                    "<i>Dự án – Đấu thầu</i>.",
                ),
            ),
        ],
    },
    {
        "slug": "tiep-cong-dan",
        "title": "Tiếp công dân",
        "intro": _j(
            "Địa điểm, lịch tiếp công dân, nội quy và danh sách cán bộ, công chức làm nhiệm vụ",
            "tiếp công dân của Ủy ban nhân dân xã Như Xuân.",
        ),
        "body": [
            ("heading", "Địa điểm tiếp công dân"),
            (
                "paragraph",
                _p(
                    "<b>Phòng Tiếp công dân xã Như Xuân</b>, tầng 1, trụ sở Ủy ban nhân dân xã,",
                    "thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa. Điện thoại: 0237 3868 101;",
                    f"thư điện tử: {_mail('vanphong')}.",
                ),
            ),
            ("heading", "Lịch tiếp công dân"),
            (
                "paragraph",
                _ul(
                    "<b>Tiếp định kỳ</b>: Chủ tịch Ủy ban nhân dân xã tiếp công dân vào sáng thứ"
                    " Năm hằng tuần (từ 7 giờ 30 đến 11 giờ 30); nếu trùng ngày nghỉ lễ, Tết thì"
                    " chuyển sang ngày làm việc kế tiếp và được thông báo trên Trang thông tin"
                    " điện tử.",
                    "<b>Tiếp thường xuyên</b>: công chức được phân công tiếp công dân tất cả các"
                    " ngày làm việc trong tuần, sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30"
                    " đến 17 giờ 00.",
                    "<b>Tiếp đột xuất</b>: Chủ tịch Ủy ban nhân dân xã tiếp công dân đột xuất trong"
                    " các trường hợp vụ việc phức tạp, cấp bách theo quy định của Luật Tiếp công"
                    " dân.",
                ),
            ),
            ("heading", "Tóm tắt nội quy tiếp công dân"),
            (
                "paragraph",
                _ol(
                    "Công dân đến khiếu nại, tố cáo, kiến nghị, phản ánh phải xuất trình giấy tờ"
                    " tùy thân; trường hợp được ủy quyền phải có giấy ủy quyền hợp pháp.",
                    "Trình bày trung thực sự việc, cung cấp thông tin, tài liệu liên quan và ký"
                    " xác nhận nội dung đã trình bày.",
                    "Giữ trật tự, có thái độ đúng mực; không mang vũ khí, chất cháy nổ, không lôi"
                    " kéo, kích động người khác gây mất trật tự tại nơi tiếp công dân.",
                    "Trường hợp nhiều người cùng khiếu nại, tố cáo, kiến nghị về một nội dung thì"
                    " cử người đại diện để trình bày.",
                    "Cán bộ tiếp công dân phải mặc trang phục chỉnh tề, đeo thẻ công chức, có thái"
                    " độ tôn trọng, hướng dẫn, giải thích rõ ràng cho công dân.",
                ),
            ),
            ("heading", "Cán bộ, công chức làm nhiệm vụ tiếp công dân"),
            ("table", _reception_table()),
            (
                "paragraph",
                _p(
                    "Công dân cũng có thể gửi kiến nghị, phản ánh qua chuyên mục <i>Hỏi đáp</i>",
                    "hoặc qua thư điện tử của Ban biên tập nhuxuan@thanhhoa.gov.vn; kết quả trả",
                    "lời được công khai theo quy định.",
                ),
            ),
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Administrative boundary map (Decree 224/2026/NĐ-CP Điều 9.1c)
# ---------------------------------------------------------------------------------------------

BOUNDARY_MAP = {
    "title": "Bản đồ địa giới hành chính",
    "map_description": _j(
        "Theo bản đồ minh họa, xã Như Xuân có hình dạng không đều, trải dài theo hướng tây –",
        "đông. Phía bắc và phía đông giáp các xã lân cận của tỉnh Thanh Hóa; phía tây và tây nam",
        "là vùng đồi núi cao, giáp khu vực rừng phòng hộ; phía nam giáp các xã lân cận qua các",
        "dải đồi thấp. Khu trung tâm xã (Thôn Xuân Thịnh) nằm ở giữa địa bàn; các bản người",
        "Thái (Bản Khe Rồng, Bản Na Hiếu) và Bản Bù Đồn nằm ở phía tây; các thôn Đồng Tâm,",
        "Hợp Thành, Thanh Bình nằm ở phía đông, nơi địa hình thấp và bằng hơn. Một số khe",
        "suối chảy từ vùng núi phía tây về phía đông qua địa bàn xã.",
    ),
    "area_km2": _AREA_KM2,
    "population": _POPULATION,
    "population_year": 2025,
    "subdivisions": [
        {"name": name, "area_km2": area, "population": population}
        for name, area, population, _note in _VILLAGES
    ],
    "body": [
        ("heading", "Về bản đồ"),
        (
            "paragraph",
            _p(
                "Bản đồ trên trang này là <b>bản đồ minh họa</b>, thể hiện sơ đồ ranh giới xã",
                "và vị trí tương đối của các thôn, bản; không theo tỷ lệ và không dùng làm căn cứ",
                "pháp lý để xác định địa giới hành chính, mốc giới hay ranh giới thửa đất.",
            ),
        ),
        (
            "paragraph",
            _p(
                "Hồ sơ, bản đồ địa giới hành chính chính thức được lưu trữ theo quy định tại Ủy",
                "ban nhân dân xã và cơ quan có thẩm quyền của tỉnh. Tổ chức, cá nhân có nhu cầu",
                "tra cứu xin liên hệ Phòng Kinh tế xã (công chức Địa chính – Xây dựng).",
            ),
        ),
        ("heading", "Số liệu"),
        (
            "paragraph",
            _p(
                "Diện tích tự nhiên, dân số toàn xã và của từng thôn, bản trên trang này là số",
                "liệu minh họa phục vụ trình diễn hệ thống; số liệu thống kê chính thức được công",
                "bố tại chuyên mục <i>Kinh tế – Xã hội</i>.",
            ),
        ),
        ("heading", "Các thôn, bản (theo số thứ tự ghi trên bản đồ)"),
        (
            "paragraph",
            _ol(*(name for name, _area, _population, _note in _VILLAGES)),
        ),
    ],
}
