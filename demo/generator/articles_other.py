from datetime import datetime
from fmt import Art


def other_articles():
    out = []
    a = Art("le-chan-doi-thoai-doanh-nghiep-cai-cach-hanh-chinh", "Lê Chân",
            "Lê Chân đối thoại với doanh nghiệp về cải cách thủ tục hành chính",
            datetime(2023, 3, 15, 14, 20), "portal",
            "Sáng 15/3, UBND quận Lê Chân tổ chức hội nghị đối thoại với doanh nghiệp, hộ kinh doanh về cải cách thủ tục hành chính và chuyển đổi số.",
            "/images/hoi-nghi.svg", "Đại diện doanh nghiệp phát biểu tại hội nghị. Ảnh: Quang Vinh")
    a.p("Tham dự hội nghị có lãnh đạo các phòng, ban chuyên môn của quận, Chi cục Thuế khu vực và gần 120 đại biểu đại diện doanh nghiệp, hộ kinh doanh trên địa bàn.")
    a.p("Các ý kiến tập trung vào thời gian cấp giấy phép xây dựng, thủ tục đăng ký hộ kinh doanh, việc kết nối dữ liệu giữa bộ phận một cửa của quận với cơ quan thuế và việc thanh toán lệ phí không dùng tiền mặt. Nhiều doanh nghiệp đề nghị quận công khai rõ hơn quy trình và thời hạn giải quyết từng loại hồ sơ.")
    a.p("Lãnh đạo UBND quận đã trực tiếp trả lời, làm rõ từng kiến nghị; giao Văn phòng HĐND và UBND quận tổng hợp các vướng mắc vượt thẩm quyền để báo cáo thành phố. Quận cam kết tiếp tục rút ngắn thời gian giải quyết thủ tục, mở rộng dịch vụ công trực tuyến toàn trình và tổ chức đối thoại định kỳ với cộng đồng doanh nghiệp.")
    out.append(a)

    a = Art("kien-an-giai-chay-vi-nui-thien-van-xanh", "Kiến An",
            "Hơn 1.500 vận động viên dự giải chạy “Vì núi Thiên Văn xanh” tại Kiến An",
            datetime(2023, 4, 16, 19, 5), "news",
            "Sáng 16/4, giải chạy “Vì núi Thiên Văn xanh” do quận Kiến An tổ chức đã thu hút đông đảo vận động viên chuyên và không chuyên tham gia.",
            "/images/giai-chay.svg", "Các vận động viên xuất phát tại cự ly 10 km.",
            byline="Đức Anh", source="Báo Kinh tế Đô thị (mẫu)")
    a.p("(Báo Kinh tế Đô thị) – Giải gồm ba cự ly 5 km, 10 km và 21 km, đường chạy vòng quanh chân núi Thiên Văn và các tuyến phố trung tâm quận. Ban tổ chức bố trí 12 trạm tiếp nước, 4 điểm y tế và lực lượng đảm bảo an toàn giao thông trên toàn tuyến.")
    a.p("Tổng giá trị giải thưởng 150 triệu đồng; toàn bộ lệ phí đăng ký được ban tổ chức dành để trồng cây xanh tại khu vực núi Thiên Văn và hỗ trợ học sinh có hoàn cảnh khó khăn.")
    a.p("Vận động viên Nguyễn Văn Khải (phường Bắc Sơn) về nhất cự ly 21 km nam; ở nội dung nữ, chiến thắng thuộc về vận động viên Trần Thị Lan (quận Lê Chân).")
    out.append(a)

    a = Art("le-chan-ruc-ro-sac-phuong-do", "Lê Chân",
            "Rực rỡ sắc phượng đỏ trên các tuyến phố Lê Chân",
            datetime(2023, 5, 12, 21, 10), "news",
            "Những ngày này, hưởng ứng Lễ hội Hoa Phượng Đỏ, nhiều tuyến phố của quận Lê Chân được trang hoàng rực rỡ, thu hút người dân và du khách.",
            "/images/hoa-phuong.svg", "Hoa phượng nở đỏ trên phố Hai Bà Trưng.",
            byline="Thanh Tâm", source="Báo Kinh tế Đô thị (mẫu)")
    a.p("(Báo Kinh tế Đô thị) – Dọc các tuyến phố Hai Bà Trưng, Tô Hiệu, Nguyễn Văn Linh, cờ hoa và đèn trang trí được lắp đặt đồng bộ. Tại khu vực hồ Tiên Nga, các phường tổ chức không gian triển lãm ảnh, biểu diễn nghệ thuật đường phố vào tối cuối tuần.")
    a.p("Nhiều hộ kinh doanh ăn uống, cà phê trên địa bàn cho biết lượng khách tăng rõ rệt so với những ngày thường; các điểm check-in với hoa phượng luôn đông người, nhất là các bạn trẻ.")
    a.p("Quận Lê Chân đã bố trí lực lượng trật tự đô thị, công an phường túc trực tại các khu vực đông người, bảo đảm vệ sinh môi trường và an toàn giao thông trong suốt thời gian diễn ra lễ hội.")
    out.append(a)

    a = Art("le-chan-giao-ban-trat-tu-do-thi-thang-6-2023", "Lê Chân",
            "Lê Chân: Giao ban công tác trật tự đô thị tháng 6/2023",
            datetime(2023, 6, 20, 11, 25), "portal",
            "UBND quận Lê Chân vừa tổ chức giao ban chuyên đề về công tác quản lý trật tự đô thị, trật tự xây dựng trên địa bàn.",
            "/images/pho-le-chan.svg", "Lực lượng chức năng ra quân lập lại trật tự vỉa hè. Ảnh: Quang Vinh")
    a.p("Tại buổi giao ban, lãnh đạo các phường đã báo cáo tình hình lấn chiếm vỉa hè, lòng đường để kinh doanh, trông giữ xe và quảng cáo rao vặt trái phép. Một số tuyến phố sau khi ra quân đã tái diễn tình trạng vi phạm vào buổi tối.")
    a.p("Chủ tịch UBND quận yêu cầu Đội Quản lý trật tự đô thị phối hợp Công an quận duy trì kiểm tra cả ngoài giờ hành chính; chủ tịch UBND các phường chịu trách nhiệm trước quận nếu để vi phạm kéo dài. Các trường hợp xây dựng sai phép phải được lập biên bản, đình chỉ thi công ngay từ khi mới phát sinh.")
    a.p("Quận cũng giao phòng Quản lý đô thị rà soát, đề xuất phương án bố trí điểm trông giữ xe tạm thời tại các khu vực chợ, trường học, bệnh viện để giảm áp lực cho vỉa hè.")
    out.append(a)
    return out
