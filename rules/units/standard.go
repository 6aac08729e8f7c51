package units

// standardNames are the names of the bodies every province has, whatever its
// directory: the specialised agencies of a provincial People's Committee
// (Nghị định 24/2014/NĐ-CP and 107/2020/NĐ-CP before 2025, Nghị định
// 45/2025/NĐ-CP since 01/3/2025, with the Sở only Hà Nội and Thành phố Hồ Chí
// Minh have), and the provincial bodies of the State and of the Front that
// directives assign work to. A name the directory does not have is still one
// name (its body ends where the name does: "Sở Xây dựng kiểm tra …" is "Sở Xây
// dựng"), kept as the document writes it, without a code. Their "tỉnh" and
// province forms and initials are derived as for the directory's own names.
var standardNames = []string{
	// Sở since 2025 (Nghị định 45/2025/NĐ-CP Điều 9)
	"Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
	"Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
	"Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Ngoại vụ",
	"Sở Dân tộc và Tôn giáo", "Sở Quy hoạch - Kiến trúc", "Sở An toàn thực phẩm",
	// Sở before 2025 (Nghị định 24/2014/NĐ-CP, 107/2020/NĐ-CP)
	"Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn",
	"Sở Giao thông vận tải", "Sở Giao thông - Vận tải", "Sở Thông tin và Truyền thông",
	"Sở Lao động - Thương binh và Xã hội", "Sở Lao động, Thương binh và Xã hội",
	"Sở Văn hóa, Thông tin, Thể thao và Du lịch", "Sở Văn hóa và Thông tin", "Sở Thông tin - Truyền thông",
	"Ban Dân tộc", "Ban Tôn giáo", "Ban Thi đua - Khen thưởng",
	// the People's Committee's own offices and inspectorate
	"Văn phòng UBND tỉnh", "Văn phòng UBND thành phố", "Thanh tra tỉnh", "Thanh tra thành phố",
	"Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
	"Văn phòng Đoàn đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh",
	"Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "Văn phòng HĐND tỉnh", "Văn phòng Hội đồng nhân dân tỉnh",
	"Văn phòng Tỉnh ủy", "Văn phòng Thành ủy",
	// a district's (and a city's under the province) merged office
	"Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND thành phố", "Văn phòng HĐND và UBND thị xã",
	"Văn phòng HĐND và UBND quận", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
	// provincial bodies of the State, the armed forces and the Front
	"Công an tỉnh", "Công an thành phố", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
	"Bộ Tư lệnh Thành phố", "Kho bạc Nhà nước tỉnh", "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh", "Cục Hải quan tỉnh",
	"Cục Thống kê tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh",
	"Cục Quản lý thị trường tỉnh", "Chi cục Quản lý thị trường", "Viện Kiểm sát nhân dân tỉnh",
	"Tòa án nhân dân tỉnh", "Cục Thi hành án dân sự tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
	"Tỉnh đoàn", "Thành đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh",
	"Liên đoàn Lao động tỉnh", "Liên minh Hợp tác xã tỉnh", "Ban An toàn giao thông tỉnh",
	"Ban Quản lý Khu kinh tế tỉnh", "Ban Quản lý các khu công nghiệp tỉnh",
	"Đài Phát thanh và Truyền hình tỉnh", "Trung tâm Phục vụ hành chính công tỉnh",
	"Trung tâm Kiểm soát bệnh tật tỉnh", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
	// Chi cục under the Sở (before and after 2025)
	"Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Chi cục Thủy sản", "Chi cục Chăn nuôi và Thú y",
	"Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản",
	"Chi cục Phát triển nông thôn", "Chi cục Bảo vệ môi trường", "Chi cục Quản lý đất đai",
	"Chi cục Biển và Hải đảo", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục Văn thư - Lưu trữ",
	"Chi cục An toàn vệ sinh thực phẩm", "Chi cục Dân số - Kế hoạch hóa gia đình", "Chi cục Giám định xây dựng",
	// the ministries and ministry-level bodies a central letter assigns work
	// to: since 01/3/2025 (Nghị quyết 176/2025/QH15) and before (Nghị quyết
	// 08/2021/QH15, and the names they replaced)
	"Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ Tài chính", "Bộ Công Thương",
	"Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Khoa học và Công nghệ",
	"Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Dân tộc và Tôn giáo", "Văn phòng Chính phủ", "Thanh tra Chính phủ",
	"Ngân hàng Nhà nước Việt Nam", "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn",
	"Bộ Giao thông vận tải", "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông",
	"Bộ Lao động - Thương binh và Xã hội", "Ủy ban Dân tộc", "Bảo hiểm xã hội Việt Nam", "Kiểm toán Nhà nước",
	"Thông tấn xã Việt Nam", "Đài Tiếng nói Việt Nam", "Đài Truyền hình Việt Nam",
}

// provinceRenames are the 2025 mergers whose names carry the province's
// ({P}): each province merged its newspaper and its radio-television station
// into "Báo và Phát thanh, Truyền hình {P}" (Kết luận 128-KL/TW, 2025); the old
// names resolve to the merged body when the directory has it.
var provinceRenames = []struct{ Old, New string }{
	{"Báo {P}", "Báo và Phát thanh, Truyền hình {P}"},
	{"Đài Phát thanh và Truyền hình {P}", "Báo và Phát thanh, Truyền hình {P}"},
	{"Đài Phát thanh - Truyền hình {P}", "Báo và Phát thanh, Truyền hình {P}"},
}
