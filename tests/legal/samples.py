"""Document texts shared by the importer tests."""

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_FILES = {
    "S0": SEEDS / "000_f6d39295c916973a.txt",
    "S1": SEEDS / "001_844b02761caa15dd.txt",
    "S2": SEEDS / "002_3deb7e29846352d7.txt",
    "S3": SEEDS / "003_05c6e9be080bfd7a.txt",
    "S4": SEEDS / "004_1ce4547bdd6e6a29.txt",
}

#: The header of a decision as it sits in the two-column table of a Word file.
HEADER_ROWS = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("XÃ NHƯ XUÂN", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 15/QĐ-UBND", "Như Xuân, ngày 05 tháng 3 năm 2026"),
]
DECISION = [
    "QUYẾT ĐỊNH",
    "Về việc kiện toàn Ban biên tập Trang thông tin điện tử xã Như Xuân",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NHƯ XUÂN",
    "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp "
    "thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;",
    "Căn cứ Quyết định số 541/QĐ-UBND ngày 12/3/2012 của Chủ tịch UBND huyện Như Xuân;",
    "Căn cứ Thông tư số 99/2099/TT-BKHCN ngày 01/01/2099 của Bộ Khoa học và Công nghệ;",
    "Theo đề nghị của Văn phòng HĐND và UBND xã.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Kiện toàn Ban biên tập Trang thông tin điện tử xã Như Xuân.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    "Nơi nhận:",
    "- Như Điều 2;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Lê Văn Cường",
]
DECISION_TEXT = "\n".join([line for row in HEADER_ROWS for line in row] + DECISION)
