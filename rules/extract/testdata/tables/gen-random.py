import html, json, random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
TASKS = ["Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh",
 "Xây dựng kho dữ liệu dùng chung của tỉnh", "Kiện toàn tổ chức bộ máy các cơ quan chuyên môn",
 "Tổ chức kiểm tra công tác phòng cháy, chữa cháy tại các chợ, trung tâm thương mại",
 "Tuyên truyền", "Báo cáo kết quả thực hiện", "Đẩy mạnh thanh toán không dùng tiền mặt trong các dịch vụ công",
 "Hướng dẫn các địa phương lập quy hoạch sử dụng đất giai đoạn 2026 - 2030",
 "Triển khai chữ ký số cho cán bộ, công chức", "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2026"]
UNITS = ["Sở Tư pháp", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Công an tỉnh",
 "Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Ban Quản lý Khu kinh tế tỉnh Đồng Tháp",
 "Trung tâm Phục vụ hành chính công tỉnh", "Bảo hiểm xã hội tỉnh Đồng Tháp", "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Công Thương"]
COORDS = UNITS + ["Các sở, ban, ngành tỉnh", "UBND các xã, phường", "Sở Tài chính; Sở Tư pháp", "Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh"]
TIMES = ["Trước ngày 30/6/2027", "Quý III/2027", "Tháng 12/2027", "Năm 2027", "Trước ngày 15 tháng 11 năm 2027", "Thường xuyên", "Quý I/2027", "30/9/2027"]
HT = [["TT", "STT"], ["Nội dung nhiệm vụ", "Nhiệm vụ", "Nội dung công việc", "Nội dung"], ["Cơ quan chủ trì", "Đơn vị chủ trì", "Đơn vị thực hiện", "Cơ quan thực hiện"],
      ["Cơ quan phối hợp", "Đơn vị phối hợp"], ["Thời gian hoàn thành", "Thời hạn", "Thời gian thực hiện", "Tiến độ"]]
def one(name):
    kinds = random.choice([["tt","task","lead","coord","time"]]*3 + [["tt","task","lead","time"], ["tt","task","lead","coord"], ["tt","task","product","lead","coord","time"]])
    idx = {"tt":0,"task":1,"lead":2,"coord":3,"time":4}
    header = [random.choice(HT[idx[k]]) if k in idx else "Sản phẩm" for k in kinds]
    n = random.randint(2, 7)
    rows, truth = [], []
    for i in range(n):
        r = {"tt": str(i+1), "task": random.choice(TASKS), "lead": random.choice(UNITS), "coord": random.choice(COORDS), "time": random.choice(TIMES), "product": random.choice(["Báo cáo", "Kế hoạch của UBND tỉnh", "Quyết định"])}
        rows.append([r[k] for k in kinds]); truth.append([r[k] for k in kinds])
    WR = {"tt": (5, 7), "task": (30, 45), "lead": (15, 22), "coord": (15, 22), "time": (12, 18), "product": (10, 15)}
    ws = [random.randint(*WR[k]) for k in kinds]
    tot = sum(ws); ws = ["%d%%" % (100*w//tot) for w in ws]
    font = random.choice(["12pt", "13pt", "14pt"]); fam = random.choice(['"Times New Roman",serif', 'Arial,sans-serif'])
    pad = random.choice(["4px", "6px", "8px"]); align = random.choice(["center", "center", "left"]); talign = random.choice(["left", "left", "justify"])
    h = ['<html><head><meta charset="utf-8"><style>body{font-family:%s;font-size:%s} table{border-collapse:collapse;width:100%%} td,th{border:1px solid #000;padding:%s;vertical-align:top} th{text-align:%s} td{text-align:%s} td:first-child{text-align:center}</style></head><body>' % (fam, font, pad, align, talign),
         "<p><b>II. NHIỆM VỤ</b></p><table><colgroup>" + "".join('<col style="width:%s">' % w for w in ws) + "</colgroup>",
         "<tr>" + "".join("<th>%s</th>" % html.escape(c) for c in header) + "</tr>"]
    for r in rows:
        h.append("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in r) + "</tr>")
    h.append("</table><p>Sở Nội vụ theo dõi, tổng hợp.</p></body></html>")
    open("generated/%s.html" % name, "w").write("\n".join(h))
    json.dump({"header": header, "rows": truth, "style": [font, fam, pad, align, talign, ws]}, open("generated/%s.json" % name, "w"), ensure_ascii=False)
for k in range(int(sys.argv[2])):
    one("r%03d" % (k + int(sys.argv[1])*1000))
