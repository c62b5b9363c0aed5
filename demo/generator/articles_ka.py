from datetime import datetime
from fmt import Art, vn_int
from data import KA_RS_M3_ESTIMATE, KA_AGRI_M3, KA_FISH_M3, KA_AGRI_Q1, KA_FISH_Q1

IO, RS, AF, AFF = "industrial_output", "retail_sales", "accommodation_food_revenue", "agro_forestry_fishery_output"
BR, BE = "budget_revenue", "budget_expenditure"
KA = "Kiến An"


def S(label):
    return f"<strong>{label}</strong>"


def ka_articles():
    out = []

    # ---------------------------------------------------------------- January
    a = Art("kien-an-kinh-te-xa-hoi-thang-1-2023", KA,
            "Quận Kiến An: Tình hình kinh tế - xã hội tháng 1 năm 2023",
            datetime(2023, 1, 31, 16, 45), "portal",
            "Tháng đầu năm trùng với dịp Tết Nguyên đán Quý Mão, các doanh nghiệp, hộ kinh doanh trên địa bàn quận Kiến An tập trung sản xuất, dự trữ hàng hóa phục vụ nhu cầu mua sắm của người dân.",
            "/images/cho-kien-an.svg", "Chợ Kiến An nhộn nhịp những ngày giáp Tết. Ảnh: Thu Hà")
    a.p("Ngay sau khi Chương trình công tác năm 2023 được ban hành, UBND quận Kiến An đã giao chỉ tiêu cụ thể tới từng phòng, ban chuyên môn và 10 phường; yêu cầu người đứng đầu các đơn vị bám sát kế hoạch, không để công việc dồn vào cuối quý.")
    a.p(f"{S('Giá trị sản xuất công nghiệp:')} tháng 1 ước thực hiện {a.act(IO, 1, 1, True)}, đạt {a.plan(IO, 1, 1, True, 2)} kế hoạch năm, {a.yoy(IO, 1, 1, True, 'tăng', 6.2)}. Các cơ sở cơ khí, may mặc trên địa bàn cơ bản có đủ đơn hàng cho quý I.")
    a.p(f"{S('Tổng mức bán lẻ hàng hóa:')} tháng 1 ước đạt {a.act(RS, 1, 1, True)}, đạt {a.plan(RS, 1, 1, True, 2)} kế hoạch, {a.yoy(RS, 1, 1, True, 'tăng', 14.5)}. "
        f"{S('Doanh thu dịch vụ lưu trú và ăn uống:')} tháng 1 ước đạt {a.act(AF, 1, 1, True)}, {a.yoy(AF, 1, 1, True, 'bằng', 118.2, tail='so với cùng kỳ')}.")
    a.p(f"{S('Giá trị sản xuất nông, lâm, thủy sản:')} tháng 1 ước thực hiện {a.act(AFF, 1, 1, True)}, đạt {a.plan(AFF, 1, 1, True, 2)} kế hoạch, {a.yoy(AFF, 1, 1, True, 'tăng', 1.1)}. Do thời tiết rét đậm, quận đã hướng dẫn các hộ chăn nuôi che chắn chuồng trại, chủ động phòng chống dịch bệnh cho đàn vật nuôi.")
    a.p(f"Về thu, chi ngân sách, tổng thu cân đối ngân sách tháng 1 ước thực hiện {a.act(BR, 1, 1, True)}, đạt {a.plan(BR, 1, 1, True)} dự toán thành phố giao, {a.yoy(BR, 1, 1, True, 'bằng', 92.4)}. "
        f"Tổng chi ngân sách tháng 1 ước thực hiện {a.act(BE, 1, 1, True)}, đạt {a.plan(BE, 1, 1, True)} dự toán, chủ yếu chi thường xuyên và chi đảm bảo an sinh xã hội dịp Tết.")
    a.p("Trong dịp Tết, quận đã tổ chức thăm hỏi, tặng 4.120 suất quà cho gia đình chính sách, người có công và hộ có hoàn cảnh khó khăn với tổng kinh phí hơn 2,1 tỷ đồng. Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn được giữ vững, không để xảy ra cháy nổ lớn.")
    out.append(a)

    # ---------------------------------------------------------------- 2 months (cumulative only)
    a = Art("kien-an-2-thang-dau-nam-2023", KA,
            "Kiến An: Kinh tế 2 tháng đầu năm 2023 duy trì đà tăng trưởng",
            datetime(2023, 3, 2, 9, 15), "portal",
            "Dù số ngày làm việc ít do nghỉ Tết, sản xuất công nghiệp và thương mại, dịch vụ của quận Kiến An vẫn tăng so với cùng kỳ năm trước.",
            "/images/khu-cong-nghiep.svg", "Sản xuất tại một doanh nghiệp cơ khí trên địa bàn quận. Ảnh: Minh Đức")
    a.p("Theo báo cáo của UBND quận Kiến An, ngay sau kỳ nghỉ Tết các doanh nghiệp đã nhanh chóng ổn định sản xuất; tỷ lệ lao động quay trở lại làm việc đạt cao. Hoạt động thương mại, dịch vụ tiếp tục sôi động trong mùa lễ hội đầu xuân.")
    a.p(f"Tính chung 2 tháng đầu năm 2023, giá trị sản xuất công nghiệp ước thực hiện {a.act(IO, 1, 2, True)}, đạt {a.plan(IO, 1, 2, True)} kế hoạch, {a.yoy(IO, 1, 2, True, 'tăng', 7.4)}.")
    a.p(f"Lũy kế 2 tháng, tổng mức bán lẻ hàng hóa ước đạt {a.act(RS, 1, 2, True)}, bằng {a.plan(RS, 1, 2, True)} kế hoạch năm, {a.yoy(RS, 1, 2, True, 'tăng', 16.1)}; doanh thu dịch vụ lưu trú và ăn uống ước đạt {a.act(AF, 1, 2, True)}, {a.yoy(AF, 1, 2, True, 'tăng', 19.8)}.")
    a.p(f"Giá trị sản xuất nông, lâm, thủy sản 2 tháng ước đạt {a.act(AFF, 1, 2, True)}, {a.yoy(AFF, 1, 2, True, 'tăng', 1.4)}. Vụ lúa xuân được gieo cấy đúng khung thời vụ.")
    a.p(f"Tổng thu cân đối ngân sách 2 tháng ước thực hiện {a.act(BR, 1, 2, True)}, đạt {a.plan(BR, 1, 2, True)} dự toán, {a.yoy(BR, 1, 2, True, 'bằng', 85.6)}; nguyên nhân chủ yếu là nguồn thu từ đấu giá quyền sử dụng đất chưa phát sinh. "
        f"Tổng chi ngân sách 2 tháng ước thực hiện {a.act(BE, 1, 2, True)}, đạt {a.plan(BE, 1, 2, True)} dự toán.")
    a.p("Trong thời gian tới, quận tập trung tháo gỡ vướng mắc trong giải phóng mặt bằng các dự án trọng điểm, đẩy nhanh tiến độ đấu giá quyền sử dụng đất và tăng cường kiểm tra trật tự xây dựng.")
    out.append(a)

    # ---------------------------------------------------------------- March and Q1 (estimates)
    a = Art("kien-an-thang-3-va-quy-i-2023", KA,
            "UBND quận Kiến An đánh giá kết quả kinh tế - xã hội tháng 3 và quý I/2023",
            datetime(2023, 3, 30, 16, 0), "portal",
            "UBND quận Kiến An vừa tổ chức hội nghị đánh giá tình hình thực hiện nhiệm vụ quý I và triển khai phương hướng, nhiệm vụ quý II năm 2023.",
            "/images/hoi-nghi.svg", "Quang cảnh hội nghị. Ảnh: Thu Hà")
    a.p("Báo cáo tại hội nghị cho biết, trong quý I các cơ quan, đơn vị đã bám sát chủ đề năm của quận, tập trung chỉnh trang đô thị, thu hút đầu tư và đẩy mạnh chuyển đổi số. Kết quả ước thực hiện các chỉ tiêu kinh tế chủ yếu như sau:")
    a.p(f"- {S('Giá trị sản xuất công nghiệp:')} tháng 3 ước thực hiện {a.act(IO, 3, 3, True)}, quý I ước thực hiện {a.act(IO, 1, 3, True)}, đạt {a.plan(IO, 1, 3, True, 2)} kế hoạch, {a.yoy(IO, 1, 3, True, 'tăng', 8.9)}.")
    q1_est = a.value(RS, 1, 2) + KA_RS_M3_ESTIMATE
    a.p(f"- {S('Tổng mức bán lẻ hàng hóa:')} tháng 3 ước thực hiện {a.act(RS, 3, 3, True, value=KA_RS_M3_ESTIMATE)}, quý I ước thực hiện {a.act(RS, 1, 3, True, value=q1_est)}, đạt {a.plan(RS, 1, 3, True, 2, value=q1_est)} kế hoạch, {a.yoy(RS, 1, 3, True, 'tăng', 15.7)}.")
    a.p(f"- {S('Doanh thu dịch vụ lưu trú và ăn uống:')} tháng 3 ước đạt {a.act(AF, 3, 3, True)}, quý I ước đạt {a.act(AF, 1, 3, True)}, đạt {a.plan(AF, 1, 3, True, 2)} kế hoạch, {a.yoy(AF, 1, 3, True, 'tăng', 18.6)}.")
    a._rec("agriculture_output", 3, 3, "actual", KA_AGRI_M3, "million_vnd", True)
    a._rec("agriculture_output", 1, 3, "actual", KA_AGRI_Q1, "million_vnd", True)
    a._rec("fishery_output", 3, 3, "actual", KA_FISH_M3, "million_vnd", True)
    a._rec("fishery_output", 1, 3, "actual", KA_FISH_Q1, "million_vnd", True)
    a.p(f"- {S('Giá trị sản xuất nông, lâm, thủy sản:')} tháng 3 ước thực hiện {a.act(AFF, 3, 3, True)}, quý I ước thực hiện {a.act(AFF, 1, 3, True)}, đạt {a.plan(AFF, 1, 3, True, 2)} kế hoạch năm, {a.yoy(AFF, 1, 3, True, 'tăng', 1.5)} "
        f"(trong đó: nông nghiệp tháng 3 ước thực hiện {vn_int(KA_AGRI_M3)} triệu đồng, quý I ước thực hiện {vn_int(KA_AGRI_Q1)} triệu đồng; thủy sản tháng 3 ước thực hiện {vn_int(KA_FISH_M3)} triệu đồng, quý I ước thực hiện {vn_int(KA_FISH_Q1)} triệu đồng).")
    a.p(f"- {S('Tổng thu cân đối ngân sách:')} tháng 3 ước thực hiện {a.act(BR, 3, 3, True)}, quý I ước thực hiện {a.act(BR, 1, 3, True)}, đạt {a.plan(BR, 1, 3, True, 2)} dự toán thành phố giao, {a.yoy(BR, 1, 3, True, 'bằng', 81.2)}.")
    a.p(f"- {S('Tổng chi ngân sách:')} tháng 3 ước thực hiện {a.act(BE, 3, 3, True)}, quý I ước thực hiện {a.act(BE, 1, 3, True)}, đạt {a.plan(BE, 1, 3, True, 2)} dự toán, {a.yoy(BE, 1, 3, True, 'bằng', 112.6, tail='so với cùng kỳ')}.")
    a.p("Phát biểu kết luận, Chủ tịch UBND quận đề nghị các phòng, ban khẩn trương hoàn thiện hồ sơ các dự án đấu giá đất, kiên quyết xử lý vi phạm trật tự xây dựng ngay từ khi mới phát sinh và chuẩn bị chu đáo các hoạt động kỷ niệm ngày thành lập quận.")
    out.append(a)

    # ---------------------------------------------------------------- April (revision of March retail)
    a = Art("kien-an-thang-4-va-4-thang-2023", KA,
            "Quận Kiến An: Kinh tế - xã hội tháng 4 và 4 tháng đầu năm 2023 chuyển biến tích cực",
            datetime(2023, 5, 4, 8, 50), "portal",
            "Sản xuất công nghiệp và thương mại, dịch vụ trên địa bàn quận Kiến An tiếp tục tăng khá; công tác thu ngân sách được chỉ đạo quyết liệt.",
            "/images/pho-tran-thanh-ngo.svg", "Một tuyến phố thương mại trên địa bàn quận Kiến An. Ảnh: Minh Đức")
    a.p("Theo báo cáo của UBND quận Kiến An, tháng 4 có nhiều ngày nghỉ lễ nên sức mua tăng, các cửa hàng, siêu thị mini và chợ truyền thống đều có lượng khách đông hơn tháng trước.")
    a.p(f"Đáng chú ý, theo số liệu chính thức, tổng mức bán lẻ hàng hóa thực hiện tháng 3 đạt {a.act(RS, 3, 3, False)}, điều chỉnh tăng so với số liệu đã báo cáo; quý I thực hiện {a.act(RS, 1, 3, False)}.")
    a.p(f"{S('Giá trị sản xuất công nghiệp:')} tháng 4 ước thực hiện {a.act(IO, 4, 4, True)}, 4 tháng ước thực hiện {a.act(IO, 1, 4, True)}, đạt {a.plan(IO, 1, 4, True)} kế hoạch, {a.yoy(IO, 1, 4, True, 'tăng', 8.1)}.")
    a.p(f"{S('Tổng mức bán lẻ hàng hóa:')} tháng 4 ước đạt {a.act(RS, 4, 4, True)}; lũy kế 4 tháng ước đạt {a.act(RS, 1, 4, True)}, đạt {a.plan(RS, 1, 4, True)} kế hoạch, {a.yoy(RS, 1, 4, True, 'bằng', 114.9)}.")
    a.p(f"{S('Doanh thu dịch vụ lưu trú và ăn uống:')} tháng 4 ước đạt {a.act(AF, 4, 4, True)}, 4 tháng ước đạt {a.act(AF, 1, 4, True)}, đạt {a.plan(AF, 1, 4, True)} kế hoạch, {a.yoy(AF, 1, 4, True, 'tăng', 17.3)}.")
    a.p(f"{S('Giá trị sản xuất nông, lâm, thủy sản:')} tháng 4 ước thực hiện {a.act(AFF, 4, 4, True)}, 4 tháng ước thực hiện {a.act(AFF, 1, 4, True)}, đạt {a.plan(AFF, 1, 4, True)} kế hoạch, {a.yoy(AFF, 1, 4, True, 'tăng', 1.7)}.")
    tax = 31250
    a._rec("tax_non_state", 1, 4, "actual", tax, "million_vnd", True)
    a.p(f"{S('Tổng thu cân đối ngân sách:')} tháng 4 ước thực hiện {a.act(BR, 4, 4, True)}, 4 tháng ước thực hiện {a.act(BR, 1, 4, True)}, đạt {a.plan(BR, 1, 4, True)} dự toán, {a.yoy(BR, 1, 4, True, 'bằng', 83.5)}; trong đó thu thuế ngoài quốc doanh 4 tháng ước thực hiện {vn_int(tax)} triệu đồng.")
    a.p(f"{S('Tổng chi ngân sách:')} tháng 4 ước thực hiện {a.act(BE, 4, 4, True)}, 4 tháng ước thực hiện {a.act(BE, 1, 4, True)}, đạt {a.plan(BE, 1, 4, True)} dự toán.")
    a.p("Cũng trong tháng, quận đã tiếp 46 lượt công dân, tiếp nhận 19 đơn thư và giải quyết dứt điểm 15 đơn thuộc thẩm quyền; kiểm tra, lập biên bản 23 trường hợp vi phạm trật tự đường hè.")
    out.append(a)

    # ---------------------------------------------------------------- May (retail in tỷ)
    a = Art("kien-an-thang-5-va-5-thang-2023", KA,
            "Kiến An ước thực hiện các chỉ tiêu kinh tế tháng 5 và 5 tháng năm 2023",
            datetime(2023, 5, 31, 17, 35), "portal",
            "Sản xuất và tiêu dùng trên địa bàn quận Kiến An tiếp tục tăng so với cùng kỳ; thu ngân sách tuy còn thấp nhưng đã có dấu hiệu khởi sắc.",
            "/images/cho-kien-an.svg", "Hoạt động mua bán tại chợ Bến Phà. Ảnh: Thu Hà")
    a.p("UBND quận Kiến An cho biết, bước vào cao điểm mùa hè, nhu cầu tiêu dùng và dịch vụ ăn uống của người dân tăng; các dự án hạ tầng trên địa bàn được đẩy nhanh tiến độ.")
    a.p(f"Giá trị sản xuất công nghiệp tháng 5 ước đạt {a.act(IO, 5, 5, True)}; lũy kế 5 tháng ước đạt {a.act(IO, 1, 5, True)}, bằng {a.plan(IO, 1, 5, True)} kế hoạch năm, {a.yoy(IO, 1, 5, True, 'bằng', 108.4, tail='so với cùng kỳ')}.")
    a.p(f"Tổng mức bán lẻ hàng hóa tháng 5 ước đạt {a.act(RS, 5, 5, True, unit='ty')}, 5 tháng ước đạt {a.act(RS, 1, 5, True, unit='ty')}, bằng {a.plan(RS, 1, 5, True)} kế hoạch, {a.yoy(RS, 1, 5, True, 'bằng', 114.2, tail='so với cùng kỳ')}. "
        f"Doanh thu dịch vụ lưu trú và ăn uống tháng 5 ước đạt {a.act(AF, 5, 5, True)}, 5 tháng ước đạt {a.act(AF, 1, 5, True)}, bằng {a.plan(AF, 1, 5, True)} kế hoạch, {a.yoy(AF, 1, 5, True, 'tăng', 16.9)}.")
    a.p(f"Giá trị sản xuất nông, lâm, thủy sản tháng 5 ước thực hiện {a.act(AFF, 5, 5, True)}, 5 tháng ước thực hiện {a.act(AFF, 1, 5, True)}, bằng {a.plan(AFF, 1, 5, True)} kế hoạch, {a.yoy(AFF, 1, 5, True, 'tăng', 1.9)}. Vụ lúa xuân sinh trưởng tốt, dự kiến năng suất tương đương vụ trước.")
    a.p(f"Thu ngân sách: tổng thu cân đối ngân sách tháng 5 ước thực hiện {a.act(BR, 5, 5, True)}, lũy kế 5 tháng ước thực hiện {a.act(BR, 1, 5, True)}, đạt {a.plan(BR, 1, 5, True)} dự toán thành phố giao, {a.yoy(BR, 1, 5, True, 'giảm', 12.6)}. "
        f"Tổng chi ngân sách tháng 5 ước thực hiện {a.act(BE, 5, 5, True)}, lũy kế 5 tháng ước thực hiện {a.act(BE, 1, 5, True)}, đạt {a.plan(BE, 1, 5, True)} dự toán.")
    a.p("Quận tiếp tục chỉ đạo các phường rà soát, cập nhật hộ nghèo, hộ cận nghèo; chuẩn bị điều kiện tổ chức kỳ thi tuyển sinh vào lớp 10 an toàn, nghiêm túc.")
    out.append(a)

    # ---------------------------------------------------------------- 6 months (newspaper)
    a = Art("kien-an-6-thang-dau-nam-2023", KA,
            "Kiến An (Hải Phòng): Kinh tế 6 tháng đầu năm 2023 tăng trưởng ổn định",
            datetime(2023, 7, 5, 10, 20), "news",
            "Nửa đầu năm 2023, quận Kiến An (Hải Phòng) duy trì mức tăng trưởng khá ở khu vực công nghiệp và thương mại, dịch vụ; các nguồn thu ngân sách từng bước được cải thiện.",
            "/images/toan-canh-kien-an.svg", "Một góc quận Kiến An nhìn từ núi Thiên Văn.",
            byline="Hoàng Minh", source="Báo Kinh tế Đô thị (mẫu)")
    a.p("(Báo Kinh tế Đô thị) – Theo UBND quận Kiến An, trong 6 tháng đầu năm 2023, bám sát chủ đề năm “Đẩy mạnh chỉnh trang đô thị, thu hút đầu tư”, quận đã tập trung tháo gỡ khó khăn cho sản xuất kinh doanh và đẩy nhanh giải phóng mặt bằng các dự án.")
    a.p(f"Về sản xuất công nghiệp, tháng 6 ước thực hiện {a.act(IO, 6, 6, True)}, 6 tháng đầu năm ước thực hiện {a.act(IO, 1, 6, True, unit='ty')}, đạt {a.plan(IO, 1, 6, True)} kế hoạch, {a.yoy(IO, 1, 6, True, 'tăng', 8.3)}.")
    a.p(f"Tổng mức bán lẻ hàng hóa tháng 6 ước đạt {a.act(RS, 6, 6, True, unit='ty')}; tính chung 6 tháng ước đạt {a.act(RS, 1, 6, True, unit='ty')}, bằng {a.plan(RS, 1, 6, True)} kế hoạch, {a.yoy(RS, 1, 6, True, 'tăng', 13.8)}. "
        f"Doanh thu dịch vụ lưu trú và ăn uống tháng 6 ước đạt {a.act(AF, 6, 6, True)}, 6 tháng ước đạt {a.act(AF, 1, 6, True, unit='ty')}, {a.yoy(AF, 1, 6, True, 'tăng', 16.4, tail='so với cùng kỳ năm trước')}.")
    a.p(f"Giá trị sản xuất nông, lâm, thủy sản tháng 6 ước thực hiện {a.act(AFF, 6, 6, True)}, 6 tháng ước thực hiện {a.act(AFF, 1, 6, True)}, đạt {a.plan(AFF, 1, 6, True)} kế hoạch.")
    a.p(f"Ở lĩnh vực tài chính, tổng thu cân đối ngân sách tháng 6 ước thực hiện {a.act(BR, 6, 6, True)}; 6 tháng đầu năm ước thực hiện {a.act(BR, 1, 6, True)}, đạt {a.plan(BR, 1, 6, True)} dự toán thành phố giao, {a.yoy(BR, 1, 6, True, 'bằng', 90.3, tail='so với cùng kỳ')}. "
        f"Tổng chi ngân sách tháng 6 ước thực hiện {a.act(BE, 6, 6, True)}, 6 tháng ước thực hiện {a.act(BE, 1, 6, True)}, đạt {a.plan(BE, 1, 6, True)} dự toán, {a.yoy(BE, 1, 6, True, 'tăng', 9.6)}.")
    a.p("Lãnh đạo quận thừa nhận, tiến độ đấu giá quyền sử dụng đất còn chậm so với kế hoạch, ảnh hưởng tới nguồn thu; một số dự án vướng mắc về giải phóng mặt bằng kéo dài. Những tháng cuối năm, quận sẽ tập trung hoàn thành các phiên đấu giá tại phường Văn Đẩu, Quán Trữ và đẩy nhanh thi công các công trình chào mừng kỷ niệm ngày thành lập quận.")
    out.append(a)
    return out
