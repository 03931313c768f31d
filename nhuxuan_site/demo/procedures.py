"""Demo administrative procedures of xã Như Xuân (R-PROC-1, R-PROC-2, R-ONLINE-1).

Real procedures with the codes of the national procedure database (CSDL quốc gia về thủ
tục hành chính, dichvucong.gov.vn), their steps, time limits and fees as the law states
them. Where a value could not be checked against the national database while writing this
file, a ``# VERIFY:`` comment says so: check it there before relying on it. The months in
which online services started are illustrative: the province's records give the real ones.
Handling officers come from the demo directory (``content.UNITS``).

Forms are small Word files generated here with python-docx (the fields of the real form),
stored as Wagtail documents; found again by title, so the loader is idempotent.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.core.files import File
from wagtail.documents import get_document_model

from congthongtin.core.models import Agency, AgencyLevel, ContentOrigin, Field
from congthongtin.nhuxuan_site.demo.builder import ensure_child
from congthongtin.procedures.dossiers.importing import Source, import_status
from congthongtin.procedures.models import (
    DossierLookupPage,
    DossierStatus,
    ProcedureForm,
    ProcedureIndexPage,
    ProcedurePage,
)

DVC = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc="
DVC_BCA = "https://dichvucong.bocongan.gov.vn/"
HKD_PORTAL = "https://hokinhdoanh.dkkd.gov.vn/"
DN_PORTAL = "https://dangkyquamang.dkkd.gov.vn/"

CENTRE = (
    "Trung tâm Phục vụ hành chính công xã Như Xuân (tầng 1, trụ sở Ủy ban nhân dân xã, "
    "thôn Xuân Thịnh, xã Như Xuân, tỉnh Thanh Hóa)"
)
POLICE = "Công an xã Như Xuân (thôn Đồng Tâm, xã Như Xuân, tỉnh Thanh Hóa)"
HOURS = "Giờ hành chính các ngày làm việc, từ thứ Hai đến thứ Sáu"
SAME_DAY = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
    "được ngay thì trả kết quả trong ngày làm việc tiếp theo."
)

#: Agencies by key: (name, short name, level).
AGENCIES = {
    "ubnd": ("Ủy ban nhân dân xã Như Xuân", "UBND xã", AgencyLevel.COMMUNE),
    "hcc": ("Trung tâm Phục vụ hành chính công xã Như Xuân", "TTPVHCC xã", AgencyLevel.COMMUNE),
    "congan": ("Công an xã Như Xuân", "CA xã", AgencyLevel.COMMUNE),
    "catinh": ("Công an tỉnh Thanh Hóa", "CA tỉnh", AgencyLevel.PROVINCE),
    "sotc": ("Sở Tài chính tỉnh Thanh Hóa", "STC", AgencyLevel.PROVINCIAL_DEPARTMENT),
}

#: Fields not in the default list (core migration 0003), with their display order.
EXTRA_FIELDS = {
    "Đăng ký, quản lý cư trú": 175,
    "Lý lịch tư pháp": 55,
    "Hòa giải ở cơ sở": 56,
}

# Common legal bases: (number and symbol, summary, date of issue, issuing body).
LUAT_HO_TICH = ("60/2014/QH13", "Luật Hộ tịch", dt.date(2014, 11, 20), "Quốc hội")
ND_123_2015 = (
    "123/2015/NĐ-CP",
    "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    dt.date(2015, 11, 15),
    "Chính phủ",
)
TT_04_2020 = (
    "04/2020/TT-BTP",
    "Quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP",
    dt.date(2020, 5, 28),
    "Bộ Tư pháp",
)
TT_85_2019 = (
    "85/2019/TT-BTC",
    "Hướng dẫn về các khoản phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân "
    "tỉnh, thành phố trực thuộc Trung ương",
    dt.date(2019, 11, 29),
    "Bộ Tài chính",
)
TT_281_2016 = (
    "281/2016/TT-BTC",
    "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin "
    "trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người "
    "gốc Việt Nam, lệ phí quốc tịch",
    dt.date(2016, 11, 14),
    "Bộ Tài chính",
)
ND_23_2015 = (
    "23/2015/NĐ-CP",
    "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng "
    "thực hợp đồng, giao dịch",
    dt.date(2015, 2, 16),
    "Chính phủ",
)
TT_01_2020 = (
    "01/2020/TT-BTP",
    "Quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP",
    dt.date(2020, 3, 3),
    "Bộ Tư pháp",
)
TT_226_2016 = (
    "226/2016/TT-BTC",
    "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
    dt.date(2016, 11, 11),
    "Bộ Tài chính",
)
LUAT_CU_TRU = ("68/2020/QH14", "Luật Cư trú", dt.date(2020, 11, 13), "Quốc hội")
# VERIFY: number and date of the decree detailing the Law on Residence in force in 2026.
ND_154_2024 = (
    "154/2024/NĐ-CP",
    "Quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú",
    dt.date(2024, 11, 26),
    "Chính phủ",
)
# VERIFY: residence fee circular and its amounts (20.000 đ / 15.000 đ in person).
TT_75_2022 = (
    "75/2022/TT-BTC",
    "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ phí đăng ký cư trú",
    dt.date(2022, 12, 22),
    "Bộ Tài chính",
)
LUAT_XAY_DUNG = ("50/2014/QH13", "Luật Xây dựng", dt.date(2014, 6, 18), "Quốc hội")
LUAT_XAY_DUNG_SUA = (
    "62/2020/QH14",
    "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng",
    dt.date(2020, 6, 17),
    "Quốc hội",
)
# VERIFY: the decree on construction permits in force (NĐ 175/2024 replaced NĐ 15/2021).
ND_175_2024 = (
    "175/2024/NĐ-CP",
    "Quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động "
    "xây dựng",
    dt.date(2024, 12, 30),
    "Chính phủ",
)
LUAT_DOANH_NGHIEP = ("59/2020/QH14", "Luật Doanh nghiệp", dt.date(2020, 6, 17), "Quốc hội")
# VERIFY: NĐ 168/2025/NĐ-CP on business registration (replaced NĐ 01/2021 from 01/07/2025).
ND_168_2025 = ("168/2025/NĐ-CP", "Về đăng ký doanh nghiệp", dt.date(2025, 6, 30), "Chính phủ")
LUAT_LLTP = ("28/2009/QH12", "Luật Lý lịch tư pháp", dt.date(2009, 6, 17), "Quốc hội")
TT_244_2016 = (
    "244/2016/TT-BTC",
    "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp",
    dt.date(2016, 11, 11),
    "Bộ Tài chính",
)
LUAT_HOA_GIAI = ("35/2013/QH13", "Luật Hòa giải ở cơ sở", dt.date(2013, 6, 20), "Quốc hội")
ND_15_2014 = (
    "15/2014/NĐ-CP",
    "Quy định chi tiết một số điều và biện pháp thi hành Luật Hòa giải ở cơ sở",
    dt.date(2014, 2, 27),
    "Chính phủ",
)

# ---------------------------------------------------------------------------------------
# Forms: (title, code, purpose, recipient, [lines of the form])
# ---------------------------------------------------------------------------------------
_PERSON = [
    "Họ, chữ đệm, tên người yêu cầu: …",
    "Nơi cư trú: …",
    "Giấy tờ tùy thân (loại, số, ngày cấp, nơi cấp): …",
]
_SIGN = [
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
    "pháp luật về cam đoan của mình.",
    "Làm tại: …, ngày … tháng … năm …",
    "NGƯỜI YÊU CẦU (Ký, ghi rõ họ, chữ đệm, tên)",
]

FORMS = {
    "khai-sinh": (
        "Tờ khai đăng ký khai sinh",
        "TK-KS",
        "Người yêu cầu khai các thông tin của người được đăng ký khai sinh và của cha, mẹ.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            *_PERSON,
            "Quan hệ với người được khai sinh: …",
            "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:",
            "Họ, chữ đệm, tên: …",
            "Ngày, tháng, năm sinh: …/ …/ …  ghi bằng chữ: …",
            "Giới tính: … Dân tộc: … Quốc tịch: …",
            "Nơi sinh: …",
            "Quê quán: …",
            "Họ, chữ đệm, tên người mẹ: … Năm sinh: … Dân tộc: … Quốc tịch: …",
            "Nơi cư trú của người mẹ: …",
            "Họ, chữ đệm, tên người cha: … Năm sinh: … Dân tộc: … Quốc tịch: .....",
            "Nơi cư trú của người cha: …",
            *_SIGN,
        ],
    ),
    "ket-hon": (
        "Tờ khai đăng ký kết hôn",
        "TK-KH",
        "Hai bên nam, nữ khai thông tin của mình để đăng ký kết hôn.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            "Thông tin – Bên nữ / Bên nam:",
            "Họ, chữ đệm, tên: … / …",
            "Ngày, tháng, năm sinh: … / …",
            "Dân tộc: … / … Quốc tịch: … / …",
            "Nơi cư trú: … / …",
            "Giấy tờ tùy thân: … / …",
            "Kết hôn lần thứ mấy: … / …",
            "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của "
            "chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình "
            "Việt Nam.",
            "Làm tại: …, ngày … tháng … năm …",
            "BÊN NỮ (Ký, ghi rõ họ, chữ đệm, tên)        BÊN NAM (Ký, ghi rõ họ, chữ đệm, tên)",
        ],
    ),
    "khai-tu": (
        "Tờ khai đăng ký khai tử",
        "TK-KT",
        "Người thân hoặc người có trách nhiệm khai các thông tin về người đã chết.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            *_PERSON,
            "Quan hệ với người đã chết: …",
            "Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:",
            "Họ, chữ đệm, tên: …",
            "Ngày, tháng, năm sinh: … Giới tính: … Dân tộc: … Quốc tịch: …",
            "Số định danh cá nhân: …",
            "Nơi cư trú cuối cùng: …",
            "Đã chết vào lúc: … giờ … phút, ngày … tháng … năm …",
            "Nơi chết: …",
            "Nguyên nhân chết: …",
            "Giấy báo tử/Giấy tờ thay thế Giấy báo tử số: … do … cấp ngày …",
            *_SIGN,
        ],
    ),
    "tinh-trang-hon-nhan": (
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        "TK-XNHN",
        "Người yêu cầu khai tình trạng hôn nhân và mục đích sử dụng Giấy xác nhận.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            *_PERSON,
            "Quan hệ với người được cấp Giấy xác nhận: …",
            "Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới đây:",
            "Họ, chữ đệm, tên: …",
            "Ngày, tháng, năm sinh: … Giới tính: … Dân tộc: … Quốc tịch: …",
            "Nơi cư trú: …",
            "Tình trạng hôn nhân: …",
            "Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân: …",
            *_SIGN,
        ],
    ),
    "trich-luc": (
        "Tờ khai cấp bản sao trích lục hộ tịch",
        "TK-TLHT",
        "Người yêu cầu ghi rõ loại trích lục và số bản sao cần cấp.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            *_PERSON,
            "Quan hệ với người được cấp bản sao trích lục hộ tịch: …",
            "Đề nghị cấp bản sao trích lục … cho người có tên dưới đây:",
            "Họ, chữ đệm, tên: …",
            "Ngày, tháng, năm sinh: … Nơi cư trú: …",
            "Đã đăng ký tại: … ngày … tháng … năm …",
            "Số lượng bản sao đề nghị cấp: … bản",
            *_SIGN,
        ],
    ),
    "giay-phep-xay-dung": (
        "Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)",
        # VERIFY: form number in the annex of NĐ 175/2024/NĐ-CP.
        "Mẫu số 01",
        "Chủ đầu tư đề nghị cấp giấy phép xây dựng mới nhà ở riêng lẻ.",
        "Ủy ban nhân dân xã Như Xuân",
        [
            "1. Thông tin về chủ đầu tư:",
            "Tên chủ đầu tư: …",
            "Người đại diện: … Chức vụ (nếu có): …",
            "Địa chỉ liên hệ: …",
            "Số điện thoại: …",
            "2. Thông tin công trình:",
            "Địa điểm xây dựng: Lô đất số … Diện tích … m²; tại …",
            "3. Nội dung đề nghị cấp phép: Loại công trình … Cấp công trình …",
            "Diện tích xây dựng tầng 1: … m²; Tổng diện tích sàn: … m²",
            "Chiều cao công trình: … m; Số tầng: …",
            "4. Đơn vị hoặc người chủ nhiệm thiết kế: …",
            "5. Dự kiến thời gian hoàn thành công trình: … tháng",
            "6. Cam kết: tôi xin cam đoan làm theo đúng giấy phép được cấp, nếu sai tôi xin hoàn "
            "toàn chịu trách nhiệm và bị xử lý theo quy định của pháp luật.",
            "Làm tại: …, ngày … tháng … năm …",
            "NGƯỜI LÀM ĐƠN (Ký, ghi rõ họ tên)",
        ],
    ),
    "ho-kinh-doanh": (
        "Giấy đề nghị đăng ký hộ kinh doanh",
        # VERIFY: annex number of the form under the business-registration rules of 2025.
        "Phụ lục III-1",
        "Chủ hộ kinh doanh đề nghị đăng ký thành lập hộ kinh doanh.",
        "Ủy ban nhân dân xã Như Xuân (Phòng Kinh tế)",
        [
            "Tôi là (ghi họ tên bằng chữ in hoa): …",
            "Ngày sinh: … Giới tính: … Số định danh cá nhân: …",
            "Địa chỉ liên lạc: …",
            "Đăng ký hộ kinh doanh với các nội dung sau:",
            "1. Tên hộ kinh doanh (ghi bằng chữ in hoa): …",
            "2. Địa chỉ trụ sở hộ kinh doanh: …",
            "Điện thoại: … Thư điện tử (nếu có): …",
            "3. Ngành, nghề kinh doanh: …",
            "4. Vốn kinh doanh: … đồng",
            "5. Số lượng lao động (dự kiến): … người",
            "Tôi cam kết về tính hợp pháp, chính xác, trung thực của nội dung đăng ký trên.",
            "CHỦ HỘ KINH DOANH (Ký và ghi họ tên)",
        ],
    ),
    "cu-tru": (
        "Tờ khai thay đổi thông tin cư trú",
        # VERIFY: form code CT01 of the Ministry of Public Security circular in force.
        "CT01",
        "Dùng khi đăng ký thường trú, đăng ký tạm trú và các thay đổi thông tin cư trú khác.",
        "Công an xã Như Xuân",
        [
            "1. Họ, chữ đệm và tên: …",
            "2. Ngày, tháng, năm sinh: … 3. Giới tính: …",
            "4. Số định danh cá nhân: …",
            "5. Số điện thoại liên hệ: … 6. Email: …",
            "7. Họ, chữ đệm và tên chủ hộ: … 8. Mối quan hệ với chủ hộ: …",
            "9. Số định danh cá nhân của chủ hộ: …",
            "10. Nội dung đề nghị: …",
            "11. Những thành viên trong hộ gia đình cùng thay đổi: …",
            "Ý KIẾN CỦA CHỦ HỘ        Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP        NGƯỜI KÊ KHAI",
        ],
    ),
    "ly-lich-tu-phap": (
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        "Mẫu số 03/2024/LLTP",
        "Cá nhân yêu cầu cấp Phiếu lý lịch tư pháp số 1 hoặc số 2 cho bản thân.",
        "Công an tỉnh Thanh Hóa",
        [
            "1. Họ và tên: … 2. Giới tính: … 3. Ngày, tháng, năm sinh: …",
            "4. Nơi sinh: … 5. Quốc tịch: … 6. Số định danh cá nhân: …",
            "7. Nơi cư trú: …",
            "8. Họ tên cha: … Họ tên mẹ: … Họ tên vợ/chồng: …",
            "9. Quá trình cư trú của bản thân (từ đủ 14 tuổi): …",
            "10. Yêu cầu cấp Phiếu lý lịch tư pháp: số 1 [ ]  số 2 [ ]",
            "11. Mục đích sử dụng Phiếu: … 12. Số lượng Phiếu yêu cầu cấp: … Phiếu",
            *_SIGN,
        ],
    ),
    "doanh-nghiep-tu-nhan": (
        "Giấy đề nghị đăng ký doanh nghiệp tư nhân",
        # VERIFY: annex number of the form under the business-registration rules of 2025.
        "Phụ lục I-1",
        "Chủ doanh nghiệp tư nhân đề nghị đăng ký thành lập doanh nghiệp.",
        "Phòng Đăng ký kinh doanh – Sở Tài chính tỉnh Thanh Hóa",
        [
            "Tôi là (ghi họ tên bằng chữ in hoa): …",
            "Đăng ký doanh nghiệp tư nhân do tôi là chủ doanh nghiệp với các nội dung sau:",
            "1. Tình trạng thành lập: Thành lập mới [ ]",
            "2. Tên doanh nghiệp viết bằng tiếng Việt: …",
            "3. Địa chỉ trụ sở chính: …",
            "4. Ngành, nghề kinh doanh (mã ngành cấp 4): …",
            "5. Vốn đầu tư: … đồng",
            "6. Thông tin đăng ký thuế: …",
            "Tôi cam kết là người có đầy đủ năng lực hành vi dân sự, không thuộc diện bị cấm "
            "thành lập doanh nghiệp; chịu trách nhiệm trước pháp luật về tính hợp pháp, chính "
            "xác, trung thực của nội dung đăng ký.",
            "CHỦ DOANH NGHIỆP (Ký và ghi họ tên)",
        ],
    ),
}

# ---------------------------------------------------------------------------------------
# Procedures
# ---------------------------------------------------------------------------------------
_IN_PERSON = ("truc-tiep", CENTRE, HOURS, "")
_POST = ("buu-chinh", CENTRE, "", "Gửi hồ sơ qua dịch vụ bưu chính công ích.")


def _online(url: str) -> tuple:
    return ("truc-tuyen", "Cổng Dịch vụ công quốc gia", "", url, "")


PROCEDURES = [
    {
        "code": "1.001193",
        "title": "Đăng ký khai sinh",
        "level": "xa",
        "field": "Hộ tịch",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": (
            "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có cha, mẹ là công dân Việt Nam "
            "cư trú trong nước; cấp Giấy khai sinh và số định danh cá nhân."
        ),
        "steps": [
            "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã hoặc nộp trực "
            "tuyến trên Cổng Dịch vụ công quốc gia.",
            "Công chức Tư pháp – Hộ tịch kiểm tra hồ sơ; nếu hồ sơ chưa đầy đủ thì hướng dẫn "
            "bổ sung ngay một lần.",
            "Hồ sơ đầy đủ, hợp lệ: công chức ghi nội dung khai sinh vào Sổ hộ tịch, cập nhật "
            "Cơ sở dữ liệu hộ tịch điện tử và lấy số định danh cá nhân cho trẻ.",
            "Chủ tịch Ủy ban nhân dân xã ký Giấy khai sinh; người yêu cầu kiểm tra nội dung "
            "và ký vào Sổ hộ tịch, nhận Giấy khai sinh.",
        ],
        "channels": [_IN_PERSON, _POST, _online(DVC + "1.001193")],
        "dossier": [
            ("Tờ khai đăng ký khai sinh theo mẫu", 1, 0, "TK-KS", ""),
            (
                "Giấy chứng sinh hoặc giấy tờ thay thế (văn bản của người làm chứng xác nhận "
                "việc sinh; nếu không có người làm chứng thì giấy cam đoan về việc sinh)",
                1,
                0,
                "",
                "",
            ),
            (
                "Văn bản ủy quyền có chứng thực, nếu người đi đăng ký được ủy quyền",
                1,
                0,
                "",
                "Không phải chứng thực nếu người được ủy quyền là ông, bà, anh, chị, em ruột.",
            ),
            ("#", "Giấy tờ phải xuất trình"),
            (
                "Hộ chiếu, thẻ Căn cước hoặc giấy tờ có ảnh còn giá trị sử dụng của người yêu cầu",
                0,
                0,
                "",
                "Xuất trình để đối chiếu; không phải nộp.",
            ),
        ],
        "days": None,
        "time_text": SAME_DAY,
        "fees": [
            (
                "Lệ phí đăng ký khai sinh đúng hạn",
                0,
                "Miễn lệ phí (Luật Hộ tịch, Điều 11).",
            ),
            (
                "Lệ phí đăng ký khai sinh quá hạn",
                None,
                "Theo mức thu do Hội đồng nhân dân tỉnh Thanh Hóa quyết định; miễn cho người "
                "thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật.",
            ),
        ],
        "result": "Giấy khai sinh (bản chính); bản sao Giấy khai sinh nếu có yêu cầu.",
        "conditions": "Không.",
        "legal": [LUAT_HO_TICH, ND_123_2015, TT_04_2020, TT_85_2019],
        "officer": "emhv",
        "online": "toan-trinh",
        "online_url": DVC + "1.001193",
        "online_since": (2024, 7),
        "forms": ["khai-sinh"],
    },
    {
        "code": "1.000894",
        "title": "Đăng ký kết hôn",
        "level": "xa",
        "field": "Hộ tịch",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": "Đăng ký kết hôn giữa công dân Việt Nam với nhau cư trú ở trong nước.",
        "steps": [
            "Hai bên nam, nữ nộp Tờ khai đăng ký kết hôn tại Trung tâm Phục vụ hành chính công "
            "xã nơi một trong hai bên cư trú, hoặc nộp trực tuyến.",
            "Công chức Tư pháp – Hộ tịch kiểm tra hồ sơ và điều kiện kết hôn.",
            "Đủ điều kiện: công chức ghi việc kết hôn vào Sổ hộ tịch; hai bên nam, nữ cùng ký "
            "vào Sổ hộ tịch và Giấy chứng nhận kết hôn.",
            "Chủ tịch Ủy ban nhân dân xã tổ chức trao Giấy chứng nhận kết hôn cho hai bên.",
        ],
        "channels": [_IN_PERSON, _online(DVC + "1.000894")],
        "dossier": [
            ("Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung)", 1, 0, "TK-KH", ""),
            (
                "Giấy xác nhận tình trạng hôn nhân, nếu đăng ký kết hôn tại xã không phải nơi "
                "thường trú",
                1,
                0,
                "",
                "",
            ),
            ("#", "Giấy tờ phải xuất trình"),
            ("Hộ chiếu, thẻ Căn cước hoặc giấy tờ có ảnh của hai bên", 0, 0, "", ""),
        ],
        "days": None,
        "time_text": (
            "Ngay sau khi nhận đủ giấy tờ; trường hợp cần xác minh điều kiện kết hôn thì không "
            "quá 05 ngày làm việc."
        ),
        "fees": [
            (
                "Lệ phí đăng ký kết hôn",
                0,
                "Miễn lệ phí đối với công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch, "
                "Điều 11).",
            )
        ],
        "result": "Giấy chứng nhận kết hôn (01 bản chính cho mỗi bên).",
        "conditions": (
            "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện quyết "
            "định; không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết "
            "hôn (Luật Hôn nhân và gia đình 2014, Điều 8)."
        ),
        "legal": [LUAT_HO_TICH, ND_123_2015, TT_04_2020],
        "officer": "emhv",
        "online": "mot-phan",
        "online_url": DVC + "1.000894",
        "online_since": (2023, 1),
        "reason_kind": "co-mat",
        "reason": (
            "Hai bên nam, nữ phải có mặt khi đăng ký kết hôn để ký vào Sổ hộ tịch và Giấy "
            "chứng nhận kết hôn (Luật Hộ tịch, Điều 18 khoản 2)."
        ),
        "forms": ["ket-hon"],
    },
    {
        "code": "1.000656",
        "title": "Đăng ký khai tử",
        "level": "xa",
        "field": "Hộ tịch",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": "Đăng ký việc một người đã chết; cấp Trích lục khai tử.",
        "steps": [
            "Người thân thích hoặc cá nhân, tổ chức có liên quan nộp hồ sơ trong thời hạn 15 "
            "ngày kể từ ngày có người chết.",
            "Công chức Tư pháp – Hộ tịch kiểm tra hồ sơ; ghi việc khai tử vào Sổ hộ tịch và "
            "cập nhật Cơ sở dữ liệu hộ tịch điện tử.",
            "Chủ tịch Ủy ban nhân dân xã cấp Trích lục khai tử cho người đi khai tử.",
        ],
        "channels": [_IN_PERSON, _POST, _online(DVC + "1.000656")],
        "dossier": [
            ("Tờ khai đăng ký khai tử theo mẫu", 1, 0, "TK-KT", ""),
            (
                "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp",
                1,
                0,
                "",
                "",
            ),
        ],
        "days": None,
        "time_text": (
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày "
            "làm việc."
        ),
        "fees": [
            ("Lệ phí đăng ký khai tử đúng hạn", 0, "Miễn lệ phí (Luật Hộ tịch, Điều 11)."),
        ],
        "result": "Trích lục khai tử (bản chính).",
        "conditions": "",
        "legal": [LUAT_HO_TICH, ND_123_2015, TT_04_2020],
        "officer": "emhv",
        "online": "toan-trinh",
        "online_url": DVC + "1.000656",
        "online_since": (2024, 7),
        "forms": ["khai-tu"],
    },
    {
        "code": "1.004873",
        "title": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "level": "xa",
        "field": "Hộ tịch",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": (
            "Xác nhận tình trạng hôn nhân của công dân Việt Nam cư trú trên địa bàn xã để kết "
            "hôn hoặc dùng vào mục đích khác."
        ),
        "steps": [
            "Người yêu cầu nộp Tờ khai tại Trung tâm Phục vụ hành chính công xã hoặc trực tuyến.",
            "Công chức Tư pháp – Hộ tịch kiểm tra, xác minh tình trạng hôn nhân trong Cơ sở dữ "
            "liệu hộ tịch điện tử.",
            "Chủ tịch Ủy ban nhân dân xã ký cấp Giấy xác nhận tình trạng hôn nhân.",
        ],
        "channels": [_IN_PERSON, _POST, _online(DVC + "1.004873")],
        "dossier": [
            ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu", 1, 0, "TK-XNHN", ""),
            (
                "Bản án, quyết định ly hôn đã có hiệu lực hoặc bản sao giấy chứng tử của vợ/chồng, "
                "nếu đã có vợ/chồng nhưng đã ly hôn hoặc người kia đã chết",
                0,
                1,
                "",
                "",
            ),
        ],
        "days": 3,
        "time_text": "Trường hợp phải xác minh thì thời hạn được kéo dài theo quy định.",
        "fees": [
            (
                "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân",
                None,
                # VERIFY: the amount set by the Thanh Hóa People's Council resolution.
                "Theo mức thu do Hội đồng nhân dân tỉnh Thanh Hóa quyết định.",
            )
        ],
        "result": "Giấy xác nhận tình trạng hôn nhân (bản chính).",
        "conditions": "",
        "legal": [LUAT_HO_TICH, ND_123_2015, TT_04_2020, TT_85_2019],
        "officer": "emhv",
        "online": "toan-trinh",
        "online_url": DVC + "1.004873",
        "online_since": (2024, 7),
        "forms": ["tinh-trang-hon-nhan"],
    },
    {
        "code": "2.000635",
        "title": "Cấp bản sao Trích lục hộ tịch",
        "level": "xa",
        "field": "Hộ tịch",
        "agency": "ubnd",
        "audience": ["cong-dan", "to-chuc"],
        "summary": "Cấp bản sao trích lục các sự kiện hộ tịch đã đăng ký tại xã.",
        "steps": [
            "Người yêu cầu nộp Tờ khai tại Trung tâm Phục vụ hành chính công xã hoặc trực tuyến.",
            "Công chức Tư pháp – Hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử.",
            "Chủ tịch Ủy ban nhân dân xã ký cấp bản sao trích lục hộ tịch.",
        ],
        "channels": [_IN_PERSON, _POST, _online(DVC + "2.000635")],
        "dossier": [("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu", 1, 0, "TK-TLHT", "")],
        "days": None,
        "time_text": SAME_DAY,
        "fees": [
            (
                "Phí cấp bản sao trích lục hộ tịch",
                8000,
                "Mỗi bản sao trích lục của một sự kiện hộ tịch (Thông tư 281/2016/TT-BTC).",
            )
        ],
        "result": "Bản sao Trích lục hộ tịch.",
        "conditions": "",
        "legal": [LUAT_HO_TICH, ND_123_2015, TT_281_2016],
        "officer": "emhv",
        "online": "toan-trinh",
        "online_url": DVC + "2.000635",
        "online_since": (2024, 7),
        "forms": ["trich-luc"],
    },
    {
        "code": "2.000815",
        "title": (
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm "
            "quyền của Việt Nam cấp hoặc chứng nhận"
        ),
        "level": "xa",
        "field": "Chứng thực",
        "agency": "ubnd",
        "audience": ["cong-dan", "viet-kieu", "nguoi-nuoc-ngoai"],
        "summary": "Chứng thực bản sao đúng với bản chính của giấy tờ, văn bản tiếng Việt.",
        "steps": [
            "Người yêu cầu xuất trình bản chính và bản sao cần chứng thực tại Trung tâm Phục vụ "
            "hành chính công xã.",
            "Người thực hiện chứng thực đối chiếu bản sao với bản chính; nếu đúng thì ghi lời "
            "chứng, ký, ghi rõ họ tên và đóng dấu.",
            "Ghi vào sổ chứng thực và trả bản sao đã chứng thực.",
        ],
        "channels": [_IN_PERSON],
        "dossier": [
            ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", 1, 0, "", ""),
            (
                "Bản sao cần chứng thực",
                0,
                1,
                "",
                "Nếu không có bản sao, người yêu cầu đề nghị cơ quan chụp từ bản chính.",
            ),
        ],
        "days": None,
        "time_text": SAME_DAY,
        "fees": [
            (
                "Phí chứng thực bản sao từ bản chính",
                2000,
                "Đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá "
                "200.000 đồng/bản (Thông tư 226/2016/TT-BTC).",
            )
        ],
        "result": "Bản sao được chứng thực từ bản chính.",
        "conditions": (
            "Không chứng thực bản sao từ bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung "
            "không hợp lệ; bản chính bị hư hỏng, cũ nát không xác định được nội dung; bản chính "
            "đóng dấu mật (Nghị định 23/2015/NĐ-CP, Điều 22)."
        ),
        "legal": [ND_23_2015, TT_01_2020, TT_226_2016],
        "officer": "emhv",
        "online": "khong",
        "forms": [],
    },
    {
        "code": "2.000884",
        "title": (
            "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng "
            "thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm "
            "chỉ được)"
        ),
        "level": "xa",
        "field": "Chứng thực",
        "agency": "ubnd",
        "audience": ["cong-dan", "viet-kieu", "nguoi-nuoc-ngoai"],
        "summary": "Chứng thực chữ ký của người yêu cầu trong giấy tờ, văn bản.",
        "steps": [
            "Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ, văn bản cần chứng thực chữ "
            "ký tại Trung tâm Phục vụ hành chính công xã.",
            "Người yêu cầu ký trước mặt người thực hiện chứng thực.",
            "Người thực hiện chứng thực ghi lời chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào "
            "sổ chứng thực.",
        ],
        "channels": [_IN_PERSON],
        "dossier": [
            (
                "Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng của "
                "người yêu cầu",
                1,
                0,
                "",
                "Xuất trình.",
            ),
            ("Giấy tờ, văn bản mà mình sẽ ký", 1, 0, "", ""),
        ],
        "days": None,
        "time_text": SAME_DAY,
        "fees": [("Phí chứng thực chữ ký", 10000, "Đồng/trường hợp (Thông tư 226/2016/TT-BTC).")],
        "result": "Giấy tờ, văn bản được chứng thực chữ ký.",
        "conditions": (
            "Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực; không "
            "chứng thực chữ ký trong các trường hợp của Nghị định 23/2015/NĐ-CP, Điều 25."
        ),
        "legal": [ND_23_2015, TT_01_2020, TT_226_2016],
        "officer": "emhv",
        "online": "khong",
        "forms": [],
    },
    {
        "code": "1.002211",
        "title": "Công nhận hòa giải viên",
        "level": "xa",
        "field": "Hòa giải ở cơ sở",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": "Chủ tịch Ủy ban nhân dân xã công nhận hòa giải viên ở thôn, bản.",
        "steps": [
            "Trưởng ban công tác Mặt trận ở thôn chủ trì, phối hợp với trưởng thôn lựa chọn "
            "người được đề nghị công nhận là hòa giải viên.",
            "Trưởng ban công tác Mặt trận gửi văn bản đề nghị đến Chủ tịch Ủy ban nhân dân xã.",
            "Chủ tịch Ủy ban nhân dân xã ra quyết định công nhận hòa giải viên.",
        ],
        "channels": [_IN_PERSON],
        "dossier": [
            (
                "Văn bản đề nghị công nhận hòa giải viên của Trưởng ban công tác Mặt trận",
                1,
                0,
                "",
                "",
            ),
            ("Danh sách người được đề nghị công nhận là hòa giải viên", 1, 0, "", ""),
        ],
        "days": 5,
        "time_text": "Kể từ ngày nhận được văn bản đề nghị.",
        "fees": [],
        "result": "Quyết định công nhận hòa giải viên.",
        "conditions": (
            "Công dân Việt Nam thường trú ở cơ sở, tự nguyện tham gia hoạt động hòa giải; có "
            "phẩm chất đạo đức tốt, uy tín trong cộng đồng; có khả năng thuyết phục, vận động "
            "nhân dân; có hiểu biết pháp luật (Luật Hòa giải ở cơ sở, Điều 7)."
        ),
        "legal": [LUAT_HOA_GIAI, ND_15_2014],
        "officer": "emhv",
        "online": "khong",
        "forms": [],
    },
    {
        # VERIFY: the code and exact name of the commune-level permit procedure published
        # after the 2025 reform (1.013225–1.013228 are new, adjust, extend, reissue).
        "code": "1.013225",
        "title": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "level": "xa",
        "field": "Xây dựng",
        "agency": "ubnd",
        "audience": ["cong-dan", "to-chuc"],
        "summary": (
            "Cấp giấy phép xây dựng nhà ở riêng lẻ trên địa bàn xã cho hộ gia đình, cá nhân "
            "trước khi khởi công xây dựng."
        ),
        "steps": [
            "Chủ đầu tư nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã hoặc trực tuyến.",
            "Công chức Địa chính – Xây dựng kiểm tra hồ sơ; trong 07 ngày làm việc kiểm tra "
            "thực địa và thông báo nếu cần bổ sung.",
            "Đối chiếu điều kiện cấp giấy phép theo quy hoạch và quy định của pháp luật.",
            "Chủ tịch Ủy ban nhân dân xã cấp giấy phép xây dựng; chủ đầu tư nhận giấy phép kèm "
            "bản vẽ thiết kế có đóng dấu.",
        ],
        "channels": [_IN_PERSON, _POST, _online(DVC + "1.013225")],
        "dossier": [
            ("Đơn đề nghị cấp giấy phép xây dựng theo mẫu", 1, 0, "Mẫu số 01", ""),
            (
                "Giấy tờ hợp pháp về quyền sử dụng đất",
                0,
                1,
                "",
                "Bản sao hoặc tệp tin chứa bản chụp chính.",
            ),
            (
                "Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, "
                "mặt đứng, mặt cắt chính, mặt bằng móng và đấu nối hạ tầng kỹ thuật",
                2,
                0,
                "",
                "",
            ),
        ],
        "days": None,
        "time_text": "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "fees": [
            (
                "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ",
                # VERIFY: the amount in the Thanh Hóa People's Council resolution.
                75000,
                "Mức thu theo Nghị quyết của Hội đồng nhân dân tỉnh Thanh Hóa.",
            )
        ],
        "result": "Giấy phép xây dựng kèm bản vẽ thiết kế được đóng dấu.",
        "conditions": (
            "Phù hợp với mục đích sử dụng đất theo quy hoạch; bảo đảm an toàn cho công trình "
            "và công trình lân cận; thiết kế tuân thủ quy chuẩn, tiêu chuẩn kỹ thuật."
        ),
        "legal": [LUAT_XAY_DUNG, LUAT_XAY_DUNG_SUA, ND_175_2024],
        "officer": "haidv",
        "online": "mot-phan",
        "online_url": DVC + "1.013225",
        "online_since": (2025, 7),
        "reason_kind": "xac-minh",
        "reason": (
            "Cơ quan cấp phép phải kiểm tra thực địa khu đất xây dựng trước khi cấp giấy phép; "
            "bản vẽ thiết kế được đóng dấu trả cùng giấy phép bản giấy."
        ),
        "forms": ["giay-phep-xay-dung"],
    },
    {
        "code": "1.001612",
        "title": "Đăng ký thành lập hộ kinh doanh",
        "level": "xa",
        "field": "Thành lập và hoạt động của doanh nghiệp, hộ kinh doanh",
        "agency": "ubnd",
        "audience": ["cong-dan"],
        "summary": "Đăng ký thành lập hộ kinh doanh; cấp Giấy chứng nhận đăng ký hộ kinh doanh.",
        "steps": [
            "Chủ hộ kinh doanh nộp hồ sơ tại Trung tâm Phục vụ hành chính công xã hoặc trên Hệ "
            "thống thông tin quốc gia về đăng ký hộ kinh doanh.",
            "Phòng Kinh tế xã tiếp nhận, cấp Giấy biên nhận và kiểm tra tính hợp lệ của hồ sơ.",
            "Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký hộ kinh doanh; chưa hợp lệ: thông báo "
            "bằng văn bản nội dung cần sửa đổi, bổ sung.",
        ],
        "channels": [_IN_PERSON, _POST, _online(HKD_PORTAL)],
        "dossier": [
            ("Giấy đề nghị đăng ký hộ kinh doanh", 1, 0, "Phụ lục III-1", ""),
            (
                "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh, nếu các "
                "thành viên hộ gia đình cùng đăng ký",
                0,
                1,
                "",
                "",
            ),
            (
                "Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh, nếu có",
                0,
                1,
                "",
                "",
            ),
        ],
        "days": 3,
        "time_text": "",
        "fees": [
            (
                "Lệ phí đăng ký hộ kinh doanh",
                None,
                # VERIFY: the amount in the Thanh Hóa People's Council resolution.
                "Theo mức thu do Hội đồng nhân dân tỉnh Thanh Hóa quyết định; nộp khi nộp hồ sơ.",
            )
        ],
        "result": "Giấy chứng nhận đăng ký hộ kinh doanh.",
        "conditions": (
            "Tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi xã; "
            "ngành, nghề kinh doanh không bị cấm; nộp đủ lệ phí đăng ký."
        ),
        "legal": [LUAT_DOANH_NGHIEP, ND_168_2025, TT_85_2019],
        "officer": "tuanld",
        "online": "toan-trinh",
        "online_url": HKD_PORTAL,
        "online_since": (2025, 7),
        "forms": ["ho-kinh-doanh"],
    },
    {
        "code": "1.004222",
        "title": "Đăng ký thường trú",
        "level": "xa",
        "field": "Đăng ký, quản lý cư trú",
        "agency": "congan",
        "audience": ["cong-dan"],
        "summary": "Đăng ký nơi thường trú của công dân tại chỗ ở hợp pháp trên địa bàn xã.",
        "steps": [
            "Công dân nộp hồ sơ tại Công an xã hoặc trực tuyến qua Cổng Dịch vụ công Bộ Công an, "
            "ứng dụng VNeID.",
            "Công an xã kiểm tra hồ sơ, cấp phiếu tiếp nhận; hướng dẫn bổ sung nếu hồ sơ chưa "
            "đầy đủ.",
            "Công an xã thẩm định, cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo "
            "kết quả cho người đăng ký.",
        ],
        "channels": [
            ("truc-tiep", POLICE, HOURS, ""),
            ("truc-tuyen", "Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID", "", DVC_BCA, ""),
        ],
        "dossier": [
            ("Tờ khai thay đổi thông tin cư trú (CT01)", 1, 0, "CT01", ""),
            (
                "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
                0,
                1,
                "",
                "Không phải nộp nếu thông tin đã có trong cơ sở dữ liệu quốc gia, chuyên ngành.",
            ),
        ],
        "days": 7,
        "time_text": "",
        "fees": [
            # VERIFY: residence fee amounts (Thông tư 75/2022/TT-BTC).
            ("Lệ phí đăng ký thường trú", 20000, "Miễn cho các trường hợp luật định."),
        ],
        "result": "Thông tin về nơi thường trú mới được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "conditions": "Có chỗ ở hợp pháp thuộc quyền sở hữu hoặc được chủ sở hữu đồng ý.",
        "legal": [LUAT_CU_TRU, ND_154_2024, TT_75_2022],
        "officer": "tienpm",
        "online": "toan-trinh",
        "online_url": DVC_BCA,
        "online_since": (2023, 1),
        "provider": "congan",
        "forms": ["cu-tru"],
    },
    {
        "code": "1.004194",
        "title": "Đăng ký tạm trú",
        "level": "xa",
        "field": "Đăng ký, quản lý cư trú",
        "agency": "congan",
        "audience": ["cong-dan"],
        "summary": (
            "Đăng ký tạm trú khi đến sinh sống tại chỗ ở hợp pháp ngoài nơi thường trú từ 30 "
            "ngày trở lên."
        ),
        "steps": [
            "Công dân nộp hồ sơ tại Công an xã hoặc trực tuyến.",
            "Công an xã kiểm tra hồ sơ, cấp phiếu tiếp nhận.",
            "Công an xã thẩm định, cập nhật thông tin tạm trú vào Cơ sở dữ liệu về cư trú.",
        ],
        "channels": [
            ("truc-tiep", POLICE, HOURS, ""),
            ("truc-tuyen", "Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID", "", DVC_BCA, ""),
        ],
        "dossier": [
            ("Tờ khai thay đổi thông tin cư trú (CT01)", 1, 0, "CT01", ""),
            ("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", 0, 1, "", ""),
        ],
        "days": 3,
        "time_text": "",
        "fees": [
            # VERIFY: residence fee amounts (Thông tư 75/2022/TT-BTC).
            ("Lệ phí đăng ký tạm trú", 15000, "Miễn cho các trường hợp luật định."),
        ],
        "result": "Thông tin về nơi tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú.",
        "conditions": "",
        "legal": [LUAT_CU_TRU, ND_154_2024, TT_75_2022],
        "officer": "tienpm",
        "online": "toan-trinh",
        "online_url": DVC_BCA,
        "online_since": (2023, 1),
        "provider": "congan",
        "forms": ["cu-tru"],
    },
    {
        # VERIFY: code 3.000333 is the Ministry of Public Security's 2026 listing.
        "code": "3.000333",
        "title": (
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại "
            "Việt Nam"
        ),
        "level": "tinh",
        "field": "Lý lịch tư pháp",
        "agency": "catinh",
        "audience": ["cong-dan", "nguoi-nuoc-ngoai"],
        "summary": (
            "Cấp Phiếu lý lịch tư pháp số 1 hoặc số 2. Người dân có thể nộp tại Trung tâm Phục "
            "vụ hành chính công xã hoặc trực tuyến trên ứng dụng VNeID."
        ),
        "steps": [
            "Người yêu cầu nộp Tờ khai và giấy tờ kèm theo trực tuyến (VNeID, Cổng Dịch vụ công) "
            "hoặc trực tiếp.",
            "Công an tỉnh tra cứu, xác minh thông tin lý lịch tư pháp.",
            "Công an tỉnh cấp Phiếu lý lịch tư pháp (bản điện tử hoặc bản giấy).",
        ],
        "channels": [
            ("truc-tiep", "Công an tỉnh Thanh Hóa hoặc " + CENTRE, HOURS, ""),
            _POST,
            _online(DVC + "3.000333"),
        ],
        "dossier": [
            ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0, "Mẫu số 03/2024/LLTP", ""),
            ("Giấy tờ tùy thân của người yêu cầu", 0, 1, "", ""),
        ],
        "days": 10,
        "time_text": "Trường hợp phải xác minh thì không quá 15 ngày.",
        "fees": [
            ("Phí cung cấp thông tin lý lịch tư pháp", 200000, "Đồng/lần/người."),
            (
                "Phí đối với sinh viên, người có công với cách mạng, thân nhân liệt sĩ",
                100000,
                "Trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo được miễn "
                "(Thông tư 244/2016/TT-BTC).",
            ),
        ],
        "result": "Phiếu lý lịch tư pháp số 1 hoặc số 2.",
        "conditions": "",
        "legal": [LUAT_LLTP, TT_244_2016],
        "officer": "thuynt",
        "online": "toan-trinh",
        "online_url": DVC + "3.000333",
        "online_since": (2024, 3),
        "provider": "catinh",
        "forms": ["ly-lich-tu-phap"],
    },
    {
        "code": "2.001610",
        "title": "Đăng ký thành lập doanh nghiệp tư nhân",
        "level": "tinh",
        "field": "Thành lập và hoạt động của doanh nghiệp, hộ kinh doanh",
        "agency": "sotc",
        "audience": ["cong-dan"],
        "summary": "Đăng ký thành lập doanh nghiệp tư nhân tại Phòng Đăng ký kinh doanh cấp tỉnh.",
        "steps": [
            "Người thành lập doanh nghiệp nộp hồ sơ trên Hệ thống thông tin quốc gia về đăng ký "
            "doanh nghiệp hoặc trực tiếp tại Phòng Đăng ký kinh doanh.",
            "Phòng Đăng ký kinh doanh xem xét tính hợp lệ của hồ sơ.",
            "Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký doanh nghiệp; chưa hợp lệ: thông báo "
            "nội dung cần sửa đổi, bổ sung.",
        ],
        "channels": [
            (
                "truc-tiep",
                "Phòng Đăng ký kinh doanh – Sở Tài chính tỉnh Thanh Hóa",
                HOURS,
                "",
            ),
            _online(DN_PORTAL),
        ],
        "dossier": [
            ("Giấy đề nghị đăng ký doanh nghiệp tư nhân", 1, 0, "Phụ lục I-1", ""),
            ("Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân", 0, 1, "", ""),
        ],
        "days": 3,
        "time_text": "",
        "fees": [
            # VERIFY: the fee amounts and the online exemption in force.
            (
                "Lệ phí đăng ký doanh nghiệp",
                50000,
                "Miễn lệ phí khi đăng ký qua mạng điện tử theo quy định.",
            ),
            ("Phí công bố nội dung đăng ký doanh nghiệp", 100000, ""),
        ],
        "result": "Giấy chứng nhận đăng ký doanh nghiệp.",
        "conditions": (
            "Ngành, nghề đăng ký kinh doanh không bị cấm; tên doanh nghiệp đặt đúng quy định; "
            "hồ sơ hợp lệ; nộp đủ lệ phí."
        ),
        "legal": [LUAT_DOANH_NGHIEP, ND_168_2025],
        "officer": "thuynt",
        "online": "toan-trinh",
        "online_url": DN_PORTAL,
        "online_since": (2021, 4),
        "provider": "sotc",
        "forms": ["doanh-nghiep-tu-nhan"],
    },
]


# ---------------------------------------------------------------------------------------
# Loader
# ---------------------------------------------------------------------------------------
def form_docx(title: str, code: str, recipient: str, lines: list[str]) -> bytes:
    """A small Word form with the national motto, the title, the addressee and the fields."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = WordDocument()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    if code:
        note = word.add_paragraph(code)
        note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, bold in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập – Tự do – Hạnh phúc", True),
        ("", False),
        (title.upper(), True),
        (f"Kính gửi: {recipient}", False),
    ):
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
    for line in lines:
        word.add_paragraph(_dot_leaders(line))
    word.core_properties.title = title
    word.core_properties.language = "vi-VN"
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _dot_leaders(line: str, width: int = 86) -> str:
    """ "Họ, tên: …" → "Họ, tên: ......." filled to the line's width, as printed forms do."""
    if line.endswith("…"):
        line = line[:-1] + "." * max(8, width - len(line))
    return line.replace("…", "." * 12)


def ensure_form_document(key: str):
    title, code, _purpose, recipient, lines = FORMS[key]
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        data = form_docx(title, code, recipient, lines)
        document.file = File(io.BytesIO(data), name=f"{key}.docx")
        document._set_document_file_metadata()
        document.save()
    return document


def _agencies() -> dict[str, Agency]:
    found = {}
    for key, (name, short_name, level) in AGENCIES.items():
        agency, _ = Agency.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "level": level}
        )
        found[key] = agency
    return found


def _field(name: str) -> Field:
    field = Field.objects.filter(name=name).first()
    if field is None:
        field = Field.objects.create(name=name, sort_order=EXTRA_FIELDS.get(name, 500))
    return field


def _stream_values(data: dict) -> dict:
    dossier = []
    for item in data["dossier"]:
        if item[0] == "#":
            dossier.append(("case", item[1]))
            continue
        name, originals, copies, form_code, note = item
        dossier.append(
            (
                "item",
                {
                    "name": name,
                    "originals": originals or None,
                    "copies": copies or None,
                    "form_code": form_code,
                    "note": note,
                },
            )
        )
    channels = []
    for channel in data["channels"]:
        if len(channel) == 5:
            kind, place, hours, url, note = channel
        else:
            (kind, place, hours, note), url = channel, ""
        channels.append(
            (
                "channel",
                {"channel": kind, "place": place, "url": url, "hours": hours, "note": note},
            )
        )
    return {
        "steps": [("step", {"title": "", "text": text}) for text in data["steps"]],
        "submission": channels,
        "dossier": dossier,
        "fees": [
            ("fee", {"name": name, "amount": amount, "note": note})
            for name, amount, note in data["fees"]
        ],
        "legal_basis": [
            (
                "citation",
                {"number": number, "title": title, "issued_on": date, "issuer": issuer, "url": ""},
            )
            for number, title, date, issuer in data["legal"]
        ],
    }


def load(context) -> None:
    slug = "thu-tuc-hanh-chinh"
    title, intro = context.sections[slug]
    index, _ = ensure_child(
        context.home,
        ProcedureIndexPage,
        slug,
        title=title,
        intro=intro,
        online_intro=(
            "Danh mục dịch vụ công trực tuyến do Ủy ban nhân dân xã Như Xuân và các cơ quan "
            "cấp tỉnh cung cấp cho người dân trên địa bàn, theo mức độ toàn trình hoặc một phần "
            "(Nghị định 224/2026/NĐ-CP, Điều 14)."
        ),
        show_in_menus=True,
        author_name="Ban biên tập",
    )
    agencies = _agencies()
    created = 0
    for data in PROCEDURES:
        if ProcedurePage.objects.filter(code=data["code"]).descendant_of(index).exists():
            continue
        forms = []
        for order, key in enumerate(data["forms"]):
            form_title, code, purpose, _recipient, _lines = FORMS[key]
            forms.append(
                ProcedureForm(
                    sort_order=order,
                    code=code,
                    name=form_title,
                    purpose=purpose,
                    document=ensure_form_document(key),
                )
            )
        year_month = data.get("online_since")
        _page, was_created = ensure_child(
            index,
            ProcedurePage,
            _slug_for(data),
            title=data["title"],
            code=data["code"],
            summary=data["summary"],
            level=data["level"],
            field=_field(data["field"]),
            agency=agencies[data["agency"]],
            audience=data["audience"],
            processing_days=data["days"],
            processing_time_text=data["time_text"],
            result=data["result"],
            conditions=data["conditions"],
            handling_officer=context.officials.get(data.get("officer") or ""),
            online_level=data["online"],
            online_url=data.get("online_url", ""),
            online_since=dt.date(*year_month, 1) if year_month else None,
            online_partial_reason_kind=data.get("reason_kind", ""),
            online_partial_reason=data.get("reason", ""),
            online_provider=agencies.get(data.get("provider") or ""),
            author_name="Ban biên tập",
            author_address="Trung tâm Phục vụ hành chính công xã Như Xuân",
            origin=ContentOrigin.COLLECTED,
            source="Cơ sở dữ liệu quốc gia về thủ tục hành chính",
            source_url=DVC + data["code"],
            forms=forms,
            **_stream_values(data),
        )
        created += int(was_created)
    if context.stdout is not None:
        context.stdout.write(f"Procedures: {created} created under /{slug}/.")
    load_dossier_lookup(context)


#: Six dossiers as the one-stop desk exports them (codes listed in README.md).
DOSSIER_SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "procedures"
    / "import_samples"
    / "trang_thai_ho_so_mau.csv"
)


def load_dossier_lookup(context) -> None:
    """Tra cứu hồ sơ (S3 Đ5.2) at /tra-cuu-ho-so/ and the statuses of the sample export.

    The sample carries the columns a real export has, the applicant's (made-up) name and
    phone included: the import drops them. It is imported as of now, not as of the file's
    modification time (the checkout's), so the demo's data is not called out of date; the
    page's "whom to contact" is left empty so that it shows the portal's phone."""
    ensure_child(
        context.home,
        DossierLookupPage,
        "tra-cuu-ho-so",
        title="Tra cứu hồ sơ",
        intro=(
            "Nhập mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả để xem hồ sơ đang "
            "được giải quyết đến đâu và ngày hẹn trả kết quả. Dữ liệu do Trung tâm Phục vụ hành "
            "chính công xã cập nhật hằng giờ; trang không hiển thị thông tin cá nhân của người nộp."
        ),
        author_name="Ban biên tập",
    )
    if not DossierStatus.objects.filter(site=context.site).exists():
        source = Source(name=DOSSIER_SAMPLE.name, data=DOSSIER_SAMPLE.read_bytes())
        import_status(context.site, source, "csv")
    if context.stdout is not None:
        context.stdout.write(f"Dossier look-up: /tra-cuu-ho-so/ with {DOSSIER_SAMPLE.name}.")


def _slug_for(data: dict) -> str:
    from congthongtin.vietnam.fold import slugify

    # Long legal names make unwieldy addresses: the first words are enough with the code.
    words = slugify(data["title"]).split("-")
    base = "-".join(words[:8])
    return base if len(words) <= 8 else f"{base}-{data['code'].replace('.', '-')}"
