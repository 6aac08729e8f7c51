package portalsim

import "encoding/json"

// The portal's JSON shapes (portal-api.md), with its Vietnamese field names.

type wireStatus struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type envelope struct {
	Status wireStatus `json:"status"`
	Data   any        `json:"data"`
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Device   string `json:"device"`
	Type     string `json:"type"`
	Language string `json:"language"`
}

type loginData struct {
	Token     string `json:"token"`
	ExpiresIn int    `json:"expiresIn"`
}

type listItem struct {
	ID        int64  `json:"id"`
	Notation  string `json:"soKyHieu"`
	Subject   string `json:"trichYeu"`
	Date      string `json:"ngayVanBan"`
	UpdatedAt string `json:"ngayCapNhat"`
	Type      string `json:"loaiVanBan"`
	Urgency   string `json:"doKhan"`
	Secrecy   string `json:"doMat"`
}

type searchData struct {
	Items []listItem `json:"items"`
	Total int        `json:"total"`
	Page  int        `json:"page"`
	Size  int        `json:"size"`
}

type docInfo struct {
	ID              int64  `json:"id"`
	Notation        string `json:"soKyHieu"`
	Subject         string `json:"trichYeu"`
	Type            string `json:"loaiVanBan"`
	IssuerName      string `json:"coQuanBanHanh"`
	IssuerCode      string `json:"maDinhDanh"`
	Date            string `json:"ngayVanBan"`
	IssuedAt        string `json:"ngayBanHanh"`
	UpdatedAt       string `json:"ngayCapNhat"`
	Signer          string `json:"nguoiKy"`
	SignerTitle     string `json:"chucVuNguoiKy"`
	DirectingLeader string `json:"nguoiChiDao"`
	Drafter         string `json:"nguoiSoanThao"`
	SubmittingUnit  string `json:"donViTrinh"`
	Urgency         string `json:"doKhan"`
	Secrecy         string `json:"doMat"`
	Due             string `json:"hanXuLy"`
	Recipients      string `json:"noiNhan"`
	Body            string `json:"noiDung"`
	Tracker         string `json:"chuyenVienTheoDoi"`
	Version         int    `json:"version"`
	State           string `json:"trangThai"`
	ReplacedBy      *int64 `json:"thayTheBoi,omitempty"`
}

type fileInfo struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Mime   string `json:"mime"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type relatedInfo struct {
	ID       int64  `json:"id"`
	Notation string `json:"soKyHieu"`
	Date     string `json:"ngayVanBan"`
}

type detailData struct {
	Info     docInfo       `json:"thongTinVanBan"`
	Files    []fileInfo    `json:"fileDinhKem"`
	Related  []relatedInfo `json:"vanBanLienQuan"`
	HasEdxml bool          `json:"hasEdxml"`
}

type commentRequest struct {
	Content string `json:"noiDung"`
}

type receiveStatusRequest struct {
	ID          json.Number `json:"id"`
	StatusCode  string      `json:"statusCode"`
	Description string      `json:"description"`
}

type feedData struct {
	Items []Action `json:"items"`
	Size  int      `json:"size"`
}
