"""Common Vietnamese syllables (hand-written list), used to break ties at legacy-run edges.

Some TCVN3 words are also well-formed Unicode syllables: ``cã`` is TCVN3 for "có" and
``mét`` for "một", yet both are spelled like Vietnamese. Inside a legacy run such a word
is converted with its neighbours; at the edge of a run, next to genuine Unicode text, the
detector only takes it in when its decoding is a common syllable and its raw reading is
not. This list is that notion of "common": everyday and administrative vocabulary,
lower case, NFC, tone marks on the main vowel (``hóa``, ``thủy``).
"""

from __future__ import annotations

_TEXT = """
a à á ả ạ ác ách ai ái ải am án ang anh ánh ảnh ao áo ảo áp át ăn ắt âm ẩm ân ấn ấp ất âu ấu ầy
ấy ba bà bá bả bã bác bạc bách bạch bài bãi bại ban bàn bán bản bạn bang bàng báng bảng banh
bánh bao bào báo bảo bão bạo bát bay bày bảy bắc bằng bắt bậc bầu bây bấy bé bè bên bến bệnh
bể bị bí bì bìa biên biến biển biết biếu biểu bình bít bỏ bò bó bọ bóng bông bốn bộ bồi bổ bổn
bột bơi bởi bớt bú bụ bùa bục bùn buộc buổi buôn bút bước bưu ca cà cá cả các cách cạch cái cải
cam cảm can cán cản cạn cang càng cảng canh cành cánh cảnh cao cáo cạo cát cau cày cắt căn cằm
cặp cấm cần cân cấp cập cất câu cấu cầu cây cấy cha chả chai chàm chán chánh chào chạy chăm chắc
chăn chặn chấm chân chấp chất chậm chậu che chè chế chết chỉ chị chia chín chính chính chịu chiếc
chiến chiều chiếu cho chó chọn chỗ chốc chối chồng chống chợ chơi chú chủ chua chúa chùa chung
chúng chủng chuyên chuyển chuyện chức chưa chứa chữa chức chừng chứng chương chưởng có cò cỏ
con cõi cọc còn cô cổ cố cộ cốc công cống cộng cơ cờ cớ cở cởi cơm cơn cũ cụ của cúc cùng cung
cúng cũng cuộc cuối cuốn cư cử cứ cự cửa cực cứu cương cường cướp da dài dám dàn dán dạng danh
dành dao dạo dạy dăm dân dần dẫn dấu dầu dây dậy dễ dịch diện diễn diệt dinh dính dịp do dò dọc
doanh dõi dòng dọn dồn dù dụ dục dùng dũng dung duy duyệt dư dữ dự dừng dựa dưới dương dưỡng
đa đà đá đã đại đảm đàn đáng đảng đánh đào đạo đáp đặc đăng đặt đầm đâm đầu đẩy đấy đây đất đấu
đầy đậu đe đè đem đen đèn đẹp để đề đế đệ đêm đếm đến đền đều đi đì đỉ đĩa địa điểm điện điều
đình định đó đỏ đọc đói đón đóng đô đồ đổ độ đốc đội đổi đối đồi đông đồng đống động đốt đơn
đợt đủ đúc đùa đúng đưa đứa đức đừng đứng được đường đương ga gà gác gái gan gạo gắn gặp gấp gần
gây ghế ghi ghép gì giá già giả giai giải giám giảm gian giàn giản giang giảng giao giáo giáp
giày giặt giấy giấc giận giây giết giỏi giới giờ giữ giữa giúp gỗ góc gói góp gốc gồm gửi gương
ha hà hạ hai hải hại hàm hạn hàng hãng hạng hành hạnh hát hay hãy hắn hằng hấp hậu hầu hè hẹn
hệ hết hiểm hiện hiến hiểu hiệu hình hò họ hỏa hóa hoá hoa hòa hoà hoài hoại hoàn hoàng hoạch
hoạt học hỏi hôm hồ hổ hộ hội hồi hông hồng hơn hợp hợi hủy huấn huế hùng hưng hướng hương hưởng
hữu hỷ im ít kém kèm kế kể kết kêu khá khác khách khai khái khán kháng khảo khắc khăn khẩn khẩu
khi khí khía khiến khiếu kho khó khỏe khoa khoán khoản khóa khoáng khoảng khoẻ khôi khối không
khu khúc khuyến khuôn khuyết khứ kia kịp kiểm kiến kiện kiêm kiệm kiểu kim kinh kính kỳ kỹ kí
ký kỷ kỉ la là lá lạ lạc lai lại làm lãi lãm lan làng lãng lãnh lạnh lao lão lạp lắm lắng lặp
lâm lần lấy lập lâu lây lẽ lên lệ lệch lệnh lễ lịch liên liền liệt liệu linh lĩnh lo lò loa lọc
loại lòng lô lỗ lối lỗi lộ lớn lớp lời lợi lũ lúa lúc lục luận luân luật lũy lương lượng lưu lửa
lực lưới lược lượt ly lý mà má mã mạch mai mái mại màn mãn mạng mang mạnh mát mau màu may máy mắt
mặc mặt mấy mất mẫu mầm mẹ mềm mệnh mét mọi món mong mỏ mô mồ mỗi mối một mở mới mời mua mùa
mục muốn mức mười mưa mươi mượn mỹ mĩ na nào nam nạn nan năm năng nắng nắm nặng nấu nâng nếu
nền nên nêu nêm nga ngà ngã ngạch ngại ngay ngày ngành ngân ngắn ngập ngoài ngoại ngọc ngõ ngôn
ngồi ngủ nguồn nguyên nguyện nguyễn người ngược ngừng nghe nghề nghệ nghị nghỉ nghĩ nghĩa nghiên
nghiệm nghiệp nhà nhạc nhai nhãn nhanh nhau nhân nhận nhất nhật nhằm nhắc nhẹ nhiệm nhiên nhiều
nhiệt nhìn nhỏ nhóm nhô nhớ nhờ nhu nhũ nhuận nhưng những như nhượng ni nịnh no nó nói nóng nổi
nội nông nơi nợ nuôi núi nữ nửa nước nương ô ổ ông ở ơn phá phạm phán phản phái phải phạt phần
phân phẩm phận phát phép phê phí phía phiếu phó phòng phong phóng phổ phố phối phong phú phục
phụ phúc phủ phương phường phút qua quá quan quán quản quang quảng quân quần quận quy quý quỹ
quyết quyền quyển quốc ra rà rác rất rằng rẻ riêng rõ rồi rộng rời rút rừng sa sách sạch sai sản
sang sáng sao sau sáu sắc sắp sắt sâu sẽ sinh số sổ sở sông sống sơ sớm sử sự sửa sức sương
sưu ta tác tài tái tại tải tám tạm tàn tăng tầm tân tấn tận tập tất tầng tây tế tên tết thác
thái tham thảm thanh thành thánh tháng thao thảo thắng thẳng thân thần thẩm thấp thất thấy thầy
thế thể thêm thệ thì thi thị thích thiên thiện thiết thiếu thiệu thịt thoại thoát thói thông
thống thời thơ thu thú thủ thua thuận thuật thuế thúc thuộc thuốc thủy thuỷ thư thứ thử thức
thực thước thương thường thưởng tích tiến tiếng tiền tiện tiếp tiêu tiểu tin tình tính tỉnh
tịch to tò tỏ tóm toà tòa toán toàn tô tố tổ tộc tối tôi tốt tổng tốc tới tờ từ tù tuần tục tuổi
tuy tùy tuyên tuyến tuyển tư tử tứ tự tức từng tương tướng tưởng tượng uống ủy uỷ ứng ước ưu va
vai vài vàng vào vay văn vẫn vận vấn vật vẻ về vệ vi vì ví việc viên viết viện việt vinh vị vòng
võ vô vốn vợ vội vụ vui vùng vượt vườn vừa vững vực vương xa xã xác xanh xảy xây xăng xem xét xe
xếp xin xong xuân xuất xuống xử xưa xứng ý yên yêu yếu
"""

COMMON_SYLLABLES: frozenset[str] = frozenset(_TEXT.split())
