package portalsim

// The generator's vocabulary: topics, people and phrasing modelled on the
// development corpus (shared/testdata/directives). All names of people are
// invented.

// topic is one field of provincial administration a directive can be about.
type topic struct {
	// subject is a noun phrase: "công tác phòng, chống sạt lở bờ sông, kênh rạch".
	subject string
	// field is the Office department code used in notations: 1234/UBND-KT.
	field string
	// leads are the unit codes that usually lead tasks on this topic; coords the
	// usual coordinating units.
	leads  []string
	coords []string
	// actions are verb phrases a unit is asked to do.
	actions []string
	// emergency marks topics a công điện may be about.
	emergency bool
	// localised marks topics where communes and wards receive tasks too.
	localised bool
}

var topics = []topic{
	{
		subject: "công tác phòng, chống sạt lở bờ sông, kênh rạch", field: "KT",
		leads: []string{"000.00.06.H20"}, coords: []string{"000.00.15.H20", "000.00.14.H20", "000.00.12.H20"},
		actions: []string{
			"rà soát, cập nhật danh mục các điểm có nguy cơ sạt lở bờ sông, kênh rạch trên địa bàn tỉnh",
			"xây dựng phương án di dời khẩn cấp các hộ dân sinh sống trong vùng nguy hiểm",
			"lắp đặt biển cảnh báo tại các khu vực sạt lở, khoanh vùng và cấm lưu thông qua khu vực nguy hiểm",
			"tổng hợp nhu cầu kinh phí xử lý khẩn cấp các điểm sạt lở, đề xuất Ủy ban nhân dân tỉnh xem xét hỗ trợ",
		},
		emergency: true, localised: true,
	},
	{
		subject: "công tác phòng, chống dịch bệnh sốt xuất huyết, tay chân miệng", field: "VX",
		leads: []string{"000.00.09.H20"}, coords: []string{"000.00.08.H20", "000.00.16.H20", "000.00.12.H20"},
		actions: []string{
			"tăng cường giám sát, phát hiện sớm, khoanh vùng và xử lý triệt để các ổ dịch",
			"tổ chức chiến dịch diệt lăng quăng, bọ gậy tại các khu dân cư, trường học",
			"bảo đảm đủ thuốc, vật tư, hóa chất phục vụ công tác phòng, chống dịch",
			"đẩy mạnh tuyên truyền để người dân chủ động các biện pháp phòng bệnh",
		},
		emergency: true, localised: true,
	},
	{
		subject: "việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình", field: "KSTT",
		leads: []string{"000.00.07.H20", "000.00.19.H20"}, coords: []string{"000.00.03.H20", "000.00.19.H20", "000.00.13.H20"},
		actions: []string{
			"rà soát danh mục dịch vụ công trực tuyến toàn trình, đề xuất cắt giảm thành phần hồ sơ không cần thiết",
			"cập nhật quy trình nội bộ giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
			"số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
			"đánh giá mức độ hài lòng của người dân, doanh nghiệp đối với việc giải quyết thủ tục hành chính",
		},
		localised: true,
	},
	{
		subject: "việc đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {year}", field: "KT",
		leads: []string{"000.00.12.H20"}, coords: []string{"000.00.15.H20", "000.00.20.H20", "000.00.06.H20"},
		actions: []string{
			"rà soát, đề xuất điều chuyển vốn từ các dự án giải ngân chậm sang các dự án có khả năng giải ngân tốt",
			"tổng hợp khó khăn, vướng mắc trong công tác bồi thường, giải phóng mặt bằng của các dự án trọng điểm",
			"đôn đốc các chủ đầu tư hoàn thiện hồ sơ thanh toán khối lượng hoàn thành",
			"báo cáo tình hình giải ngân của từng dự án, làm rõ trách nhiệm của tổ chức, cá nhân gây chậm trễ",
		},
	},
	{
		subject: "công tác bảo đảm an toàn thực phẩm dịp Tết Nguyên đán", field: "VX",
		leads: []string{"000.00.09.H20"}, coords: []string{"000.00.05.H20", "000.01.05.H20", "000.00.06.H20"},
		actions: []string{
			"thành lập đoàn kiểm tra liên ngành về an toàn thực phẩm, tập trung vào các cơ sở sản xuất, kinh doanh thực phẩm phục vụ Tết",
			"kiểm soát chặt chẽ nguồn gốc, xuất xứ thực phẩm lưu thông trên thị trường",
			"xử lý nghiêm các hành vi vi phạm, công khai trên các phương tiện thông tin đại chúng",
		},
		localised: true,
	},
	{
		subject: "việc thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới", field: "KT",
		leads: []string{"000.00.06.H20"}, coords: []string{"000.00.12.H20", "000.00.15.H20", "000.00.05.H20"},
		actions: []string{
			"rà soát các tiêu chí xã nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
			"hướng dẫn các xã hoàn thiện hồ sơ đề nghị xét, công nhận đạt chuẩn nông thôn mới",
			"phân bổ kinh phí sự nghiệp thực hiện Chương trình theo đúng quy định",
		},
		localised: true,
	},
	{
		subject: "công tác chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định (IUU)", field: "KT",
		leads: []string{"000.00.06.H20"}, coords: []string{"000.00.13.H20", "000.00.14.H20"},
		actions: []string{
			"rà soát, cập nhật đầy đủ dữ liệu tàu cá vào Cơ sở dữ liệu nghề cá quốc gia (VNFishbase)",
			"kiểm soát chặt chẽ tàu cá ra, vào cảng, bảo đảm 100% tàu cá duy trì thiết bị giám sát hành trình",
			"điều tra, xử lý dứt điểm các vụ việc tàu cá vi phạm vùng biển nước ngoài",
		},
	},
	{
		subject: "công tác cải cách hành chính năm {year}", field: "NC",
		leads: []string{"000.00.03.H20"}, coords: []string{"000.00.04.H20", "000.00.19.H20", "000.00.07.H20"},
		actions: []string{
			"theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị triển khai nhiệm vụ cải cách hành chính",
			"tổ chức xác định Chỉ số cải cách hành chính của các sở, ban, ngành và Ủy ban nhân dân các xã, phường",
			"kiểm tra công tác cải cách hành chính, kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị",
		},
		localised: true,
	},
	{
		subject: "việc triển khai Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử (Đề án 06)", field: "NC",
		leads: []string{"000.00.13.H20"}, coords: []string{"000.00.07.H20", "000.00.19.H20", "000.00.18.H20"},
		actions: []string{
			"làm sạch dữ liệu, đồng bộ cơ sở dữ liệu chuyên ngành với Cơ sở dữ liệu quốc gia về dân cư",
			"đẩy mạnh cấp tài khoản định danh điện tử mức độ 2 cho người dân",
			"kết nối, chia sẻ dữ liệu giữa Hệ thống thông tin giải quyết thủ tục hành chính tỉnh và Cơ sở dữ liệu quốc gia về dân cư",
		},
		localised: true,
	},
	{
		subject: "công tác đấu tranh chống buôn lậu, gian lận thương mại và hàng giả", field: "KT",
		leads: []string{"000.00.05.H20", "000.01.05.H20"}, coords: []string{"000.00.13.H20", "000.00.17.H20", "000.01.05.H20"},
		actions: []string{
			"tăng cường kiểm tra, kiểm soát thị trường, tập trung vào các mặt hàng thiết yếu",
			"phối hợp kiểm tra hoạt động kinh doanh trên môi trường thương mại điện tử",
			"tổng hợp kết quả đấu tranh, xử lý vi phạm của các lực lượng chức năng",
		},
	},
	{
		subject: "công tác tuyển sinh và chuẩn bị năm học mới {year} - {year1}", field: "VX",
		leads: []string{"000.00.08.H20"}, coords: []string{"000.00.03.H20", "000.00.12.H20", "000.00.15.H20"},
		actions: []string{
			"xây dựng phương án tuyển sinh vào lớp 10 trung học phổ thông, bảo đảm công khai, minh bạch",
			"rà soát cơ sở vật chất, phòng học, bổ sung thiết bị dạy học tối thiểu",
			"tham mưu phương án bố trí, điều động giáo viên giữa các địa phương thừa, thiếu",
		},
		localised: true,
	},
	{
		subject: "công tác phòng cháy, chữa cháy và cứu nạn, cứu hộ", field: "NC",
		leads: []string{"000.00.13.H20"}, coords: []string{"000.00.15.H20", "000.00.05.H20"},
		actions: []string{
			"kiểm tra an toàn phòng cháy, chữa cháy đối với nhà ở kết hợp kinh doanh, cơ sở karaoke, vũ trường",
			"xử lý dứt điểm các công trình vi phạm quy định về phòng cháy, chữa cháy",
			"tổ chức diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại các khu dân cư",
		},
		localised: true,
	},
	{
		subject: "công tác bảo đảm trật tự, an toàn giao thông", field: "KT",
		leads: []string{"000.00.15.H20"}, coords: []string{"000.00.13.H20", "000.00.16.H20"},
		actions: []string{
			"rà soát, xử lý các điểm đen, điểm tiềm ẩn tai nạn giao thông trên các tuyến quốc lộ, tỉnh lộ",
			"kiểm tra, xử lý tình trạng lấn chiếm hành lang an toàn đường bộ, đường thủy nội địa",
			"tăng cường tuần tra, kiểm soát, xử lý vi phạm nồng độ cồn, tốc độ",
		},
		localised: true,
	},
	{
		subject: "công tác thu ngân sách nhà nước năm {year}", field: "KT",
		leads: []string{"000.00.17.H20"}, coords: []string{"000.00.12.H20", "000.00.06.H20"},
		actions: []string{
			"đôn đốc thu hồi nợ thuế, phấn đấu thu ngân sách vượt dự toán được giao",
			"rà soát, khai thác các nguồn thu từ đất đai, tài nguyên",
			"phân tích, đánh giá nguyên nhân các khoản thu đạt thấp, đề xuất giải pháp",
		},
	},
	{
		subject: "việc thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế", field: "VX",
		leads: []string{"000.00.18.H20"}, coords: []string{"000.00.03.H20", "000.00.09.H20", "000.00.12.H20"},
		actions: []string{
			"đôn đốc các đơn vị sử dụng lao động nộp bảo hiểm xã hội, bảo hiểm y tế đúng hạn",
			"phát triển người tham gia bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình",
			"xử lý tình trạng chậm đóng, trốn đóng bảo hiểm xã hội theo quy định",
		},
		localised: true,
	},
	{
		subject: "việc tổ chức các hoạt động văn hóa, thể thao và du lịch năm {year}", field: "VX",
		leads: []string{"000.00.10.H20"}, coords: []string{"000.00.05.H20", "000.00.16.H20", "000.00.13.H20"},
		actions: []string{
			"xây dựng kế hoạch tổ chức Lễ hội Xoài và Tuần lễ du lịch tỉnh",
			"quảng bá hình ảnh, sản phẩm du lịch đặc trưng của tỉnh trên các nền tảng số",
			"kiểm tra, chấn chỉnh hoạt động kinh doanh dịch vụ du lịch, lưu trú",
		},
	},
	{
		subject: "công tác tiếp công dân, giải quyết khiếu nại, tố cáo", field: "TCD",
		leads: []string{"000.00.02.H20"}, coords: []string{"000.00.04.H20", "000.00.06.H20", "000.00.13.H20"},
		actions: []string{
			"rà soát, giải quyết dứt điểm các vụ việc khiếu nại, tố cáo đông người, kéo dài",
			"kiểm tra, đôn đốc việc thực hiện các quyết định giải quyết khiếu nại đã có hiệu lực pháp luật",
			"tham mưu Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ",
		},
		localised: true,
	},
	{
		subject: "việc phát triển nhà ở xã hội trên địa bàn tỉnh", field: "ĐTXD",
		leads: []string{"000.00.15.H20"}, coords: []string{"000.00.12.H20", "000.00.06.H20", "000.00.11.H20"},
		actions: []string{
			"rà soát quỹ đất dành cho phát triển nhà ở xã hội trong các dự án nhà ở thương mại, khu đô thị",
			"hướng dẫn chủ đầu tư hoàn thiện thủ tục đầu tư các dự án nhà ở xã hội",
			"công khai danh mục dự án, điều kiện mua, thuê mua nhà ở xã hội",
		},
	},
	{
		subject: "công tác bảo vệ rừng, phòng cháy, chữa cháy rừng tại Vườn quốc gia Tràm Chim", field: "KT",
		leads: []string{"000.00.22.H20"}, coords: []string{"000.00.06.H20", "000.00.13.H20", "000.00.14.H20"},
		actions: []string{
			"bố trí lực lượng trực 24/24 giờ tại các chòi canh lửa trong cao điểm mùa khô",
			"điều tiết nước giữ ẩm cho các phân khu, phát dọn vật liệu dễ cháy",
			"kiểm tra, xử lý nghiêm các hành vi xâm nhập trái phép, đốt lửa trong rừng",
		},
		emergency: true,
	},
	{
		subject: "việc thu hút đầu tư vào các khu công nghiệp, cụm công nghiệp", field: "KT",
		leads: []string{"000.00.11.H20"}, coords: []string{"000.00.12.H20", "000.00.05.H20", "000.00.06.H20"},
		actions: []string{
			"hoàn thiện hạ tầng kỹ thuật các khu công nghiệp, sẵn sàng mặt bằng sạch thu hút nhà đầu tư",
			"tổ chức đối thoại, tháo gỡ khó khăn, vướng mắc cho doanh nghiệp trong các khu công nghiệp",
			"đề xuất danh mục dự án kêu gọi đầu tư năm {year1}",
		},
	},
	{
		subject: "công tác phòng, chống hạn hán, xâm nhập mặn mùa khô {year} - {year1}", field: "KT",
		leads: []string{"000.00.06.H20"}, coords: []string{"000.00.15.H20", "000.00.12.H20", "000.00.16.H20"},
		actions: []string{
			"vận hành hợp lý hệ thống cống, đập ngăn mặn, trữ ngọt",
			"theo dõi chặt chẽ diễn biến độ mặn, thông tin kịp thời để người dân chủ động lấy nước",
			"bố trí kinh phí hỗ trợ cấp nước sinh hoạt cho các hộ dân vùng thiếu nước",
		},
		emergency: true, localised: true,
	},
	{
		subject: "công tác phổ biến, giáo dục pháp luật năm {year}", field: "NC",
		leads: []string{"000.00.04.H20"}, coords: []string{"000.00.16.H20", "000.00.21.H20", "000.00.03.H20"},
		actions: []string{
			"xây dựng và triển khai kế hoạch phổ biến các luật mới được Quốc hội thông qua",
			"kiện toàn đội ngũ báo cáo viên, tuyên truyền viên pháp luật",
			"đánh giá, công nhận xã, phường đạt chuẩn tiếp cận pháp luật",
		},
		localised: true,
	},
}

// leaders of the provincial People's Committee (invented names).
var (
	chairman     = "Lê Quang Trí"
	viceChairs   = []string{"Trần Minh Khoa", "Huỳnh Thị Ngọc Hân", "Võ Văn Lực", "Nguyễn Phước Thiện"}
	officeChief  = "Phan Thanh Bình"
	officeDeputy = []string{"Nguyễn Thị Thu Vân", "Đoàn Văn Hậu", "Lâm Hoàng Sơn"}
	officials    = []string{
		"Lê Thị Mỹ Duyên", "Trương Minh Tâm", "Ngô Hoàng Phúc", "Đặng Thị Kim Ngân",
		"Bùi Quốc Việt", "Phạm Thị Hồng Nhung", "Châu Văn Tuấn", "Tạ Thị Bích Liên",
	}
	surnames     = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ", "Dương", "Lý", "Châu"}
	middleNames  = []string{"Văn", "Thị", "Minh", "Thanh", "Hoàng", "Quốc", "Ngọc", "Hữu", "Thị Kim", "Văn Thành"}
	givenNames   = []string{"An", "Bình", "Cường", "Dũng", "Hải", "Hạnh", "Hùng", "Khánh", "Lan", "Long", "Mai", "Nam", "Nghĩa", "Phong", "Quang", "Sang", "Tài", "Thảo", "Trung", "Vinh"}
	meetingVerbs = []string{"chủ trì cuộc họp nghe báo cáo", "làm việc với các sở, ngành về", "chủ trì cuộc họp trực tuyến về"}
)
