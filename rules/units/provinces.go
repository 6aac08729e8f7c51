package units

import (
	"strings"

	"cddh-sync/internal/lazy"
)

// provinceNames are the provinces and centrally-run cities, the 63 before the
// 2025 merger (Resolution 202/2025/QH15 kept 34 of the names), folded by
// Normalize, with the common abbreviations of Hồ Chí Minh City. A unit's name
// followed by one of them ("Sở Y tế Cà Mau", "Chi cục Chăn nuôi và Thú y
// TPHCM") is that province's unit. Built on first use, not at start-up.
var provinceNames = &lazy.Value[map[string]bool]{Make: func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Split(`An Giang|Bà Rịa - Vũng Tàu|Bà Rịa Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|Bình Định|
Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|
Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hoà Bình|Hưng Yên|Khánh Hòa|Khánh Hoà|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|
Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|
Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thanh Hoá|Thừa Thiên Huế|Thừa Thiên - Huế|Huế|Tiền Giang|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|
Yên Bái|Hồ Chí Minh|TP Hồ Chí Minh|TP. Hồ Chí Minh|Thành phố Hồ Chí Minh|TPHCM|TP.HCM|TP HCM|TP. HCM`, "|") {
		if k := Normalize(strings.TrimSpace(p)); k != "" {
			m[k] = true
		}
	}
	return m
}}

// ProvinceAt is the number of words, from words[i], that name a province or
// centrally-run city (folded words, as Tokenize gives them), 0 if none.
func ProvinceAt(words []string, i int) int {
	for n := min(4, len(words)-i); n >= 1; n-- {
		if provinceNames.Get()[strings.Join(words[i:i+n], " ")] {
			return n
		}
	}
	return 0
}
