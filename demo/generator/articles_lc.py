from datetime import datetime
from fmt import Art, vn_int, ty_text

IO, RS, AF = "industrial_output", "retail_sales", "accommodation_food_revenue"
BR, BE = "budget_revenue", "budget_expenditure"
LC = "Lê Chân"


def S(label):
    return f"<strong>{label}</strong>"


def lc_articles():
    out = []

    # ---------------------------------------------------------------- January (+ annual targets)
    a = Art("le-chan-thang-1-2023", LC,
            "Lê Chân: Kết quả thực hiện nhiệm vụ kinh tế - xã hội tháng 1/2023",
            datetime(2023, 2, 2, 8, 30), "portal",
            "UBND quận Lê Chân vừa ban hành báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh tháng đầu tiên của năm 2023.",
            "/images/pho-le-chan.svg", "Tuyến phố Tô Hiệu (quận Lê Chân) dịp đầu xuân. Ảnh: Quang Vinh")
    a.p(f"Năm 2023, quận Lê Chân được thành phố giao kế hoạch giá trị sản xuất công nghiệp {a.target(IO)}; tổng mức bán lẻ hàng hóa {a.target(RS)}; doanh thu dịch vụ lưu trú và ăn uống {a.target(AF)}; thu ngân sách nhà nước trên địa bàn {a.target(BR)}; chi ngân sách địa phương {a.target(BE)}.")
    a.p(f"Trong tháng 1, giá trị sản xuất công nghiệp của quận ước thực hiện {a.act(IO, 1, 1, True)}, đạt {a.plan(IO, 1, 1, True)} kế hoạch, {a.yoy(IO, 1, 1, True, 'tăng', 3.6)}. "
        f"Tổng mức bán lẻ hàng hóa ước thực hiện {a.act(RS, 1, 1, True)}, đạt {a.plan(RS, 1, 1, True)} kế hoạch, {a.yoy(RS, 1, 1, True, 'tăng', 15.2)}. "
        f"Doanh thu dịch vụ lưu trú và ăn uống ước thực hiện {a.act(AF, 1, 1, True)}, đạt {a.plan(AF, 1, 1, True)} kế hoạch, {a.yoy(AF, 1, 1, True, 'tăng', 18.4)}.")
    a.p(f"Thu ngân sách nhà nước trên địa bàn tháng 1 ước đạt {a.act(BR, 1, 1, True)}, bằng {a.plan(BR, 1, 1, True)} dự toán thành phố giao, {a.yoy(BR, 1, 1, True, 'bằng', 97.5)}; chi ngân sách địa phương tháng 1 ước đạt {a.act(BE, 1, 1, True)}, bằng {a.plan(BE, 1, 1, True)} dự toán.")
    a.p("Công tác chăm lo Tết cho người có công, hộ nghèo, hộ cận nghèo được thực hiện chu đáo, đúng đối tượng. Quận duy trì nghiêm chế độ trực chỉ huy, trực sẵn sàng chiến đấu; bảo đảm an toàn tuyệt đối các hoạt động mừng Đảng, mừng Xuân trên địa bàn.")
    out.append(a)

    # ---------------------------------------------------------------- February
    a = Art("le-chan-thang-2-va-2-thang-2023", LC,
            "Quận Lê Chân: Kinh tế - xã hội tháng 2 và 2 tháng đầu năm 2023",
            datetime(2023, 2, 28, 17, 10), "portal",
            "Hoạt động thương mại, dịch vụ tiếp tục là điểm sáng trong bức tranh kinh tế của quận Lê Chân hai tháng đầu năm.",
            "/images/trung-tam-thuong-mai.svg", "Khách mua sắm tại một trung tâm thương mại trên địa bàn quận. Ảnh: Quang Vinh")
    a.p("Theo UBND quận Lê Chân, sau kỳ nghỉ Tết Nguyên đán, các doanh nghiệp trên địa bàn đã nhanh chóng trở lại sản xuất, kinh doanh; thị trường hàng hóa ổn định, không có hiện tượng tăng giá đột biến.")
    a.p(f"{S('Giá trị sản xuất công nghiệp:')} tháng 2 ước thực hiện {a.act(IO, 2, 2, True)}; 2 tháng ước thực hiện {a.act(IO, 1, 2, True)}, đạt {a.plan(IO, 1, 2, True)} kế hoạch, {a.yoy(IO, 1, 2, True, 'tăng', 3.9)}.")
    a.p(f"{S('Tổng mức bán lẻ hàng hóa:')} tháng 2 ước thực hiện {a.act(RS, 2, 2, True)}; 2 tháng ước thực hiện {a.act(RS, 1, 2, True)}, đạt {a.plan(RS, 1, 2, True)} kế hoạch, {a.yoy(RS, 1, 2, True, 'tăng', 14.7)}.")
    a.p(f"{S('Doanh thu dịch vụ lưu trú và ăn uống:')} tháng 2 ước thực hiện {a.act(AF, 2, 2, True)}; 2 tháng ước thực hiện {a.act(AF, 1, 2, True)}, đạt {a.plan(AF, 1, 2, True)} kế hoạch, {a.yoy(AF, 1, 2, True, 'tăng', 17.9)}.")
    a.p(f"{S('Thu ngân sách nhà nước trên địa bàn:')} tháng 2 ước thực hiện {a.act(BR, 2, 2, True)}; 2 tháng ước thực hiện {a.act(BR, 1, 2, True)}, đạt {a.plan(BR, 1, 2, True)} dự toán, {a.yoy(BR, 1, 2, True, 'bằng', 94.1)}. "
        f"{S('Chi ngân sách địa phương:')} tháng 2 ước thực hiện {a.act(BE, 2, 2, True)}; 2 tháng ước thực hiện {a.act(BE, 1, 2, True)}, đạt {a.plan(BE, 1, 2, True)} dự toán.")
    a.p("Quận đã tổ chức Lễ ra quân huấn luyện và hoàn thành giao 100% chỉ tiêu quân nhân nhập ngũ; phát động Tết trồng cây đời đời nhớ ơn Bác Hồ tại các phường.")
    out.append(a)

    # ---------------------------------------------------------------- March and Q1 (some in tỷ)
    a = Art("le-chan-quy-i-2023", LC,
            "Quận Lê Chân: Kinh tế - xã hội quý I/2023 đạt nhiều kết quả tích cực",
            datetime(2023, 3, 31, 10, 40), "portal",
            "Chiều 30/3, UBND quận Lê Chân tổ chức hội nghị sơ kết công tác quý I, triển khai nhiệm vụ trọng tâm quý II năm 2023.",
            "/images/hoi-nghi.svg", "Lãnh đạo quận Lê Chân chủ trì hội nghị. Ảnh: Quang Vinh")
    a.p("Theo báo cáo của UBND quận, quý I các chỉ tiêu kinh tế chủ yếu đều đạt và vượt tiến độ kế hoạch; công tác quản lý đô thị có chuyển biến rõ nét, nhiều tuyến phố được lập lại trật tự vỉa hè.")
    a.p(f"Cụ thể, giá trị sản xuất công nghiệp tháng 3 ước thực hiện {a.act(IO, 3, 3, True)}, quý I ước thực hiện {a.act(IO, 1, 3, True, unit='ty')}, đạt {a.plan(IO, 1, 3, True)} kế hoạch, {a.yoy(IO, 1, 3, True, 'tăng', 4.1)}.")
    a.p(f"Tổng mức bán lẻ hàng hóa tháng 3 ước thực hiện {a.act(RS, 3, 3, True, unit='ty')}, quý I ước thực hiện {a.act(RS, 1, 3, True, unit='ty')}, đạt {a.plan(RS, 1, 3, True)} kế hoạch, {a.yoy(RS, 1, 3, True, 'tăng', 14.3)}. "
        f"Doanh thu dịch vụ lưu trú và ăn uống tháng 3 ước thực hiện {a.act(AF, 3, 3, True)}, quý I ước thực hiện {a.act(AF, 1, 3, True, unit='ty')}, đạt {a.plan(AF, 1, 3, True)} kế hoạch, {a.yoy(AF, 1, 3, True, 'tăng', 17.5)}.")
    a.p(f"Thu ngân sách nhà nước trên địa bàn tháng 3 ước thực hiện {a.act(BR, 3, 3, True)}, quý I ước thực hiện {a.act(BR, 1, 3, True)}, đạt {a.plan(BR, 1, 3, True)} dự toán thành phố giao, {a.yoy(BR, 1, 3, True, 'bằng', 96.8)}. "
        f"Chi ngân sách địa phương quý I ước thực hiện {a.act(BE, 1, 3, True)}, đạt {a.plan(BE, 1, 3, True)} dự toán; riêng tháng 3 ước thực hiện {a.act(BE, 3, 3, True)}.")
    a.p("Kết luận hội nghị, Chủ tịch UBND quận yêu cầu các đơn vị tập trung cho công tác giải phóng mặt bằng dự án cải tạo khu vực ven sông Lạch Tray, tăng cường chống thất thu thuế đối với hộ kinh doanh và hoạt động thương mại điện tử.")
    out.append(a)

    # ---------------------------------------------------------------- April
    a = Art("le-chan-thang-4-va-4-thang-2023", LC,
            "Lê Chân ước thực hiện nhiệm vụ kinh tế - xã hội tháng 4 và 4 tháng năm 2023",
            datetime(2023, 5, 3, 15, 30), "portal",
            "Sức mua tăng mạnh trong dịp nghỉ lễ Giỗ Tổ Hùng Vương và 30/4 - 1/5 giúp thương mại, dịch vụ của quận Lê Chân tiếp tục tăng trưởng.",
            "/images/pho-le-chan.svg", "Phố đi bộ trên địa bàn quận Lê Chân thu hút đông người dân dịp nghỉ lễ. Ảnh: Quang Vinh")
    a.p(f"{S('Tổng mức bán lẻ hàng hóa:')} tháng 4 ước thực hiện {a.act(RS, 4, 4, True)}, {a.mom(RS, 4, True, 'tăng', 1.3)}; 4 tháng ước thực hiện {a.act(RS, 1, 4, True)}, đạt {a.plan(RS, 1, 4, True)} kế hoạch, {a.yoy(RS, 1, 4, True, 'tăng', 13.9)}.")
    a.p(f"{S('Doanh thu dịch vụ lưu trú và ăn uống:')} tháng 4 ước thực hiện {a.act(AF, 4, 4, True)}; 4 tháng ước thực hiện {a.act(AF, 1, 4, True)}, đạt {a.plan(AF, 1, 4, True)} kế hoạch, {a.yoy(AF, 1, 4, True, 'tăng', 16.8)}.")
    a.p(f"{S('Giá trị sản xuất công nghiệp:')} tháng 4 ước thực hiện {a.act(IO, 4, 4, True)}; 4 tháng ước thực hiện {a.act(IO, 1, 4, True)}, đạt {a.plan(IO, 1, 4, True)} kế hoạch, {a.yoy(IO, 1, 4, True, 'tăng', 4.4)}.")
    a.p(f"{S('Thu ngân sách nhà nước trên địa bàn:')} tháng 4 ước thực hiện {a.act(BR, 4, 4, True)}; 4 tháng ước thực hiện {a.act(BR, 1, 4, True)}, đạt {a.plan(BR, 1, 4, True)} dự toán, {a.yoy(BR, 1, 4, True, 'bằng', 98.2)}.")
    a.p(f"{S('Chi ngân sách địa phương:')} tháng 4 ước thực hiện {a.act(BE, 4, 4, True)}; 4 tháng ước thực hiện {a.act(BE, 1, 4, True)}, đạt {a.plan(BE, 1, 4, True)} dự toán.")
    a.p("Trong tháng, quận tổ chức thành công các hoạt động kỷ niệm 48 năm Ngày Giải phóng miền Nam, thống nhất đất nước; kiểm tra an toàn thực phẩm tại 37 cơ sở kinh doanh dịch vụ ăn uống, nhắc nhở 5 cơ sở chưa bảo đảm điều kiện.")
    out.append(a)

    # ---------------------------------------------------------------- 5 months (cumulative only)
    a = Art("le-chan-5-thang-dau-nam-2023", LC,
            "Lê Chân: Các chỉ tiêu kinh tế 5 tháng đầu năm 2023 bám sát kế hoạch",
            datetime(2023, 6, 2, 9, 0), "portal",
            "Kết thúc 5 tháng đầu năm, phần lớn chỉ tiêu kinh tế của quận Lê Chân đạt trên 40% kế hoạch năm.",
            "/images/trung-tam-thuong-mai.svg", "Hoạt động kinh doanh tại khu vực chợ Cột Đèn. Ảnh: Quang Vinh")
    a.p("UBND quận Lê Chân vừa tổng hợp kết quả thực hiện các chỉ tiêu kinh tế - xã hội từ đầu năm. Theo đó, hoạt động sản xuất, kinh doanh tiếp tục ổn định, tiêu dùng của người dân duy trì ở mức cao.")
    a.p(f"Lũy kế 5 tháng đầu năm 2023, giá trị sản xuất công nghiệp ước đạt {a.act(IO, 1, 5, True)}, đạt {a.plan(IO, 1, 5, True)} kế hoạch, {a.yoy(IO, 1, 5, True, 'tăng', 4.2)}; "
        f"tổng mức bán lẻ hàng hóa ước đạt {a.act(RS, 1, 5, True)}, đạt {a.plan(RS, 1, 5, True)} kế hoạch, {a.yoy(RS, 1, 5, True, 'tăng', 13.5)}; "
        f"doanh thu dịch vụ lưu trú và ăn uống ước đạt {a.act(AF, 1, 5, True)}, đạt {a.plan(AF, 1, 5, True)} kế hoạch, {a.yoy(AF, 1, 5, True, 'tăng', 16.2)}.")
    a.p(f"Thu ngân sách nhà nước trên địa bàn 5 tháng ước đạt {a.act(BR, 1, 5, True)}, bằng {a.plan(BR, 1, 5, True)} dự toán thành phố giao, {a.yoy(BR, 1, 5, True, 'tăng', 2.3)}. "
        f"Chi ngân sách địa phương 5 tháng ước đạt {a.act(BE, 1, 5, True)}, bằng {a.plan(BE, 1, 5, True)} dự toán.")
    a.p("Quận yêu cầu Chi cục Thuế khu vực phối hợp các phường rà soát nguồn thu, đôn đốc thu nợ đọng thuế; đồng thời đẩy nhanh tiến độ các dự án đầu tư công khởi công mới trong năm.")
    out.append(a)

    # ---------------------------------------------------------------- 6 months (newspaper, tỷ)
    a = Art("le-chan-6-thang-dau-nam-2023", LC,
            "Quận Lê Chân (Hải Phòng): Kinh tế 6 tháng đầu năm 2023 giữ đà tăng trưởng",
            datetime(2023, 7, 3, 7, 45), "news",
            "Thương mại, dịch vụ tiếp tục đóng vai trò động lực tăng trưởng của quận Lê Chân (Hải Phòng) trong nửa đầu năm 2023.",
            "/images/toan-canh-le-chan.svg", "Khu vực trung tâm quận Lê Chân.",
            byline="Ngọc Anh", source="Báo Kinh tế Đô thị (mẫu)")
    a.p("(Báo Kinh tế Đô thị) – UBND quận Lê Chân vừa tổ chức hội nghị sơ kết công tác 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023.")
    a.p(f"Theo báo cáo tại hội nghị, tổng mức bán lẻ hàng hóa tháng 6 ước đạt {a.act(RS, 6, 6, True, unit='ty')}; 6 tháng ước đạt {a.act(RS, 1, 6, True, unit='ty')}, bằng {a.plan(RS, 1, 6, True)} kế hoạch, {a.yoy(RS, 1, 6, True, 'tăng', 13.1)}. Riêng quý II, tổng mức bán lẻ hàng hóa ước đạt {a.act(RS, 4, 6, True, unit='ty')}.")
    a.p(f"Doanh thu dịch vụ lưu trú và ăn uống tháng 6 ước đạt {a.act(AF, 6, 6, True, unit='ty')}, 6 tháng ước đạt {a.act(AF, 1, 6, True, unit='ty')}, bằng {a.plan(AF, 1, 6, True)} kế hoạch, {a.yoy(AF, 1, 6, True, 'tăng', 15.9)}. "
        f"Giá trị sản xuất công nghiệp tháng 6 ước đạt {a.act(IO, 6, 6, True, unit='ty')}, 6 tháng ước đạt {a.act(IO, 1, 6, True, unit='ty')}, bằng {a.plan(IO, 1, 6, True)} kế hoạch, {a.yoy(IO, 1, 6, True, 'tăng', 4.0)}.")
    a.p(f"Thu ngân sách nhà nước trên địa bàn tháng 6 ước đạt {a.act(BR, 6, 6, True, unit='ty')}; 6 tháng ước đạt {a.act(BR, 1, 6, True, unit='ty')}, bằng {a.plan(BR, 1, 6, True)} dự toán thành phố giao, {a.yoy(BR, 1, 6, True, 'tăng', 3.5)}. "
        f"Chi ngân sách địa phương tháng 6 ước đạt {a.act(BE, 6, 6, True, unit='ty')}, 6 tháng ước đạt {a.act(BE, 1, 6, True, unit='ty')}, bằng {a.plan(BE, 1, 6, True)} dự toán.")
    a.raw("jobs_created", 1, 6, "actual", 3820, "persons", False)
    a.raw("jobs_created", 1, 6, "plan_pct", 50.3, "percent", False)
    a.p("Trong lĩnh vực văn hóa - xã hội, quận đã giải quyết việc làm cho 3.820 lượt lao động, đạt 50,3% kế hoạch năm; 100% đối tượng bảo trợ xã hội được chi trả trợ cấp đầy đủ, kịp thời.")
    a.p("Phát biểu chỉ đạo, Bí thư Quận ủy Lê Chân đề nghị các cơ quan, đơn vị khắc phục tình trạng tái lấn chiếm vỉa hè, làm tốt công tác chuẩn bị nguồn thu những tháng cuối năm và tập trung giải phóng mặt bằng các dự án chỉnh trang đô thị.")
    out.append(a)
    return out
