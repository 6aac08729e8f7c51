import html, sys
HEAD = """<html><head><meta charset="utf-8"><style>body{font-family:"Times New Roman",serif;font-size:%s}
table{border-collapse:collapse;%s} td,th{border:1px solid #000;padding:%s;%s} %s</style></head><body>
<p style="text-align:center"><b>ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP</b></p>
<p>Số: %s</p><p>Đồng Tháp, ngày 01 tháng 12 năm 2026</p>
<p style="text-align:center"><b>KẾ HOẠCH</b><br>%s</p>
<p><b>III. NHIỆM VỤ CỤ THỂ</b></p>
"""
TAIL = """<p><b>IV. TỔ CHỨC THỰC HIỆN</b></p><p>Sở Nội vụ theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh trước ngày 15/12/2027.</p>
</body></html>"""
def table(header, rows, widths=None, thead=False):
    o = ["<table>"]
    if widths:
        o.append("<colgroup>" + "".join('<col style="width:%s">' % w for w in widths) + "</colgroup>")
    h = "<tr>" + "".join("<th>%s</th>" % html.escape(c) for c in header) + "</tr>"
    o.append("<thead>%s</thead><tbody>" % h if thead else h)
    for r in rows:
        if isinstance(r, str):
            o.append(r); continue
        o.append("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in r) + "</tr>")
    o.append("</tbody></table>" if thead else "</table>")
    return "\n".join(o)
def page(name, num, title, tbl, font="13pt", tstyle="width:100%", pad="4px", cell="vertical-align:top", extra=""):
    open(name + ".html", "w").write(HEAD % (font, tstyle, pad, cell, extra, num, title) + tbl + "\n" + TAIL)
H5 = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
# A: five columns, top-aligned, group titles
page("five-top", "60/KH-UBND", "Cải cách hành chính năm 2027", table(H5, [
 '<tr><td>I</td><td colspan="4">Nhóm nhiệm vụ về thể chế</td></tr>',
 ["1", "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh", "Sở Tư pháp", "Các sở, ban, ngành tỉnh", "Trước ngày 30/6/2027"],
 ["2", "Xây dựng kho dữ liệu dùng chung của tỉnh", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Quý III/2027"],
 '<tr><td>II</td><td colspan="4">Nhóm nhiệm vụ về tổ chức bộ máy</td></tr>',
 ["3", "Kiện toàn tổ chức bộ máy các cơ quan chuyên môn", "Sở Nội vụ", "UBND các xã, phường", "Tháng 12/2027"],
 ["4", "Đánh giá kết quả thực hiện Đề án vị trí việc làm trong các cơ quan hành chính của tỉnh", "Sở Nội vụ", "Sở Tài chính; Sở Tư pháp", "Trước ngày 15 tháng 11 năm 2027"],
], widths=["5%", "40%", "17%", "20%", "18%"]))
# B: four columns, no coordinator column, merged lead cell, long unit name
page("four-nocoord", "61/KH-UBND", "Đầu tư xây dựng năm 2027", table(["STT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời hạn"], [
 ["1", "Hoàn thiện hồ sơ thiết kế kỹ thuật các công trình trọng điểm", "Sở Xây dựng", "Trước ngày 31/3/2027"],
 '<tr><td>2</td><td>Tổ chức lựa chọn nhà thầu thi công các gói thầu</td><td rowspan="2">Ban Quản lý dự án đầu tư xây dựng tỉnh</td><td>Quý II/2027</td></tr>',
 '<tr><td>3</td><td>Khởi công xây dựng công trình</td><td>Tháng 9/2027</td></tr>',
], widths=["6%", "50%", "24%", "20%"]))
# C: four columns, no time column, tight padding, left-aligned headers
page("four-notime", "62/KH-UBND", "Bảo đảm an ninh, an toàn dịp Tết", table(["TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp"], [
 ["1", "Tuyên truyền, phổ biến các quy định về an toàn giao thông", "Báo và Phát thanh, Truyền hình Đồng Tháp", "Sở Văn hóa, Thể thao và Du lịch"],
 ["2", "Kiểm tra an toàn thực phẩm tại các cơ sở sản xuất, kinh doanh", "Sở Y tế", "Sở Công Thương; Chi cục Quản lý thị trường"],
 ["3", "Bảo đảm an ninh trật tự trên địa bàn", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"],
], widths=["5%", "45%", "25%", "25%"]), pad="1px", extra="th{text-align:left}")
# D: five columns, browser defaults (middle vertical alignment, automatic widths)
page("five-middle", "63/KH-UBND", "Phát triển y tế, giáo dục năm 2027", table(H5, [
 ["1", "Đầu tư trang thiết bị y tế cho các trạm y tế xã, phường bảo đảm đủ điều kiện khám chữa bệnh ban đầu theo tiêu chuẩn quốc gia", "Sở Y tế", "Sở Tài chính", "Trước ngày 30/9/2027"],
 ["2", "Sắp xếp mạng lưới trường lớp học", "Sở Giáo dục và Đào tạo", "UBND các xã, phường", "Năm 2027"],
 ["3", "Phát triển thương mại điện tử", "Sở Công Thương", "Sở Nông nghiệp và Môi trường; Sở Khoa học và Công nghệ; Sở Tài chính", "Quý IV/2027"],
]), cell="")
# E: six columns, a column the reader does not know ("Sản phẩm"), smaller font
page("six-product", "64/KH-UBND", "Chuyển đổi số năm 2027", table(["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"], [
 ["1", "Xây dựng kế hoạch chuyển đổi số của tỉnh", "Kế hoạch của UBND tỉnh", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành tỉnh", "Tháng 3/2027"],
 ["2", "Triển khai hệ thống thông tin giải quyết thủ tục hành chính", "Hệ thống được vận hành", "Trung tâm Phục vụ hành chính công tỉnh", "Sở Khoa học và Công nghệ", "Trước ngày 30/6/2027"],
 ["3", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Dữ liệu số", "Sở Nội vụ", "UBND các xã, phường", "Năm 2027"],
], widths=["4%", "30%", "16%", "18%", "17%", "15%"]), font="12pt")
# F: a long table over two pages, header repeated on the second
units = ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Tư pháp", "Công an tỉnh"]
rows = []
for n in range(1, 31):
    rows.append([str(n), "Triển khai nhiệm vụ số %d về cải cách hành chính và nâng cao chất lượng phục vụ người dân" % n, units[n % 5], "Sở Nội vụ", "Trước ngày %d/%d/2027" % (n % 28 + 1, n % 12 + 1)])
page("long-pages", "65/KH-UBND", "Nhiệm vụ năm 2027", table(H5, rows, widths=["5%", "45%", "17%", "15%", "18%"], thead=True))
