package dashboard

// The interface speaks Vietnamese by default, with English available (?lang=en).
var messages = map[string][2]string{ // key: {vi, en}
	"title":          {"Theo dõi nhiệm vụ chỉ đạo", "Directive task tracking"},
	"health":         {"Tình trạng đồng bộ", "Sync health"},
	"tasks":          {"Nhiệm vụ", "Tasks"},
	"signin":         {"Đăng nhập", "Sign in"},
	"signout":        {"Đăng xuất", "Sign out"},
	"username":       {"Tên đăng nhập", "User name"},
	"password":       {"Mật khẩu", "Password"},
	"bad_login":      {"Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."},
	"stream":         {"Luồng", "Stream"},
	"last_success":   {"Thành công gần nhất", "Last success"},
	"last_run":       {"Lần chạy gần nhất", "Last run"},
	"outcome":        {"Kết quả", "Outcome"},
	"error":          {"Lỗi", "Error"},
	"recent_runs":    {"Các lần đồng bộ gần đây", "Recent sync runs"},
	"started":        {"Bắt đầu", "Started"},
	"fetched":        {"Đã lấy", "Fetched"},
	"new":            {"Mới", "New"},
	"changed":        {"Thay đổi", "Changed"},
	"tasks_created":  {"Nhiệm vụ mới", "Tasks created"},
	"tasks_closed":   {"Nhiệm vụ đóng", "Tasks closed"},
	"pushed":         {"Đã đẩy", "Pushed"},
	"push_failed":    {"Đẩy lỗi", "Push failed"},
	"outbox":         {"Hàng đợi cập nhật lên cổng", "Push-back queue"},
	"pending":        {"Đang chờ", "Pending"},
	"oldest":         {"Chờ lâu nhất", "Oldest waiting"},
	"dead":           {"Thất bại hẳn", "Dead letters"},
	"attempts":       {"Số lần thử", "Attempts"},
	"kind":           {"Loại", "Kind"},
	"target":         {"Đích", "Target"},
	"none":           {"Không có", "None"},
	"document":       {"Văn bản", "Document"},
	"content":        {"Nội dung", "Content"},
	"lead":           {"Đơn vị chủ trì", "Lead unit"},
	"coordinating":   {"Đơn vị phối hợp", "Coordinating units"},
	"deadline":       {"Hạn xử lý", "Deadline"},
	"status":         {"Tình trạng", "Status"},
	"signature":      {"Chữ ký số", "Signature"},
	"extensions":     {"Số lần gia hạn", "Extensions"},
	"history":        {"Lịch sử", "History"},
	"filter":         {"Lọc", "Filter"},
	"unit_code":      {"Mã đơn vị", "Unit code"},
	"state":          {"Trạng thái", "State"},
	"all":            {"Tất cả", "All"},
	"overdue_only":   {"Chỉ quá hạn", "Overdue only"},
	"no_tasks":       {"Không có nhiệm vụ nào.", "No tasks."},
	"at":             {"Thời điểm", "At"},
	"event":          {"Sự kiện", "Event"},
	"by":             {"Người thực hiện", "By"},
	"note":           {"Ghi chú", "Note"},
	"forbidden":      {"Bạn không có quyền xem trang này.", "You may not see this page."},
	"signed_in_as":   {"Đăng nhập với", "Signed in as"},
	"no_deadline":    {"Không có hạn", "No deadline"},
	"not_verified":   {"Chưa kiểm tra", "Not verified"},
	"never":          {"Chưa bao giờ", "Never"},
	"lang_other":     {"English", "Tiếng Việt"},
	"lang_other_tag": {"en", "vi"},
}

func translate(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return m[1]
	}
	return m[0]
}
