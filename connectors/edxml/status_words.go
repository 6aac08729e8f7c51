package edxml

// Words is what the code means, in the words of QCVN 102 and of the official
// library's status samples (the StatusCode constants); "" for an unknown code.
func (c StatusCode) Words() string {
	switch c {
	case StatusArrived:
		return "đã đến"
	case StatusRefused:
		return "từ chối tiếp nhận"
	case StatusAccepted:
		return "đã tiếp nhận"
	case StatusAssigned:
		return "phân công"
	case StatusInProgress:
		return "đang xử lý"
	case StatusDone:
		return "hoàn thành"
	case StatusRecallRequest:
		return "lấy lại (thu hồi)"
	case StatusRecallAgreed:
		return "đồng ý cho lấy lại"
	case StatusRecallRefused:
		return "từ chối cho lấy lại"
	}
	return ""
}
