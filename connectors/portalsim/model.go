package portalsim

import (
	"time"
)

// Direction says whether the province issued a document (DI, văn bản đi) or received
// it (DEN, văn bản đến); it is the `loai` of the search call.
type Direction string

// The two directions of portal-api.md.
const (
	Issued   Direction = "DI"
	Incoming Direction = "DEN"
)

// The trangThai words of a document's detail.
const (
	StatePromulgated = "BAN_HANH" // in force
	StateWithdrawn   = "THU_HOI"  // withdrawn
	StateReplaced    = "THAY_THE" // replaced, see ReplacedBy
)

// Secrecy levels (doMat). Anything but SecrecyNone is secret (002 Đ5.1).
const (
	SecrecyNone      = "Thường"
	SecrecyConfident = "Mật"
	SecrecySecret    = "Tối mật"
	SecrecyTopSecret = "Tuyệt mật"
)

// Urgency levels (doKhan).
const (
	UrgencyNormal = "Thường"
	UrgencyUrgent = "Khẩn"
	UrgencyHigh   = "Thượng khẩn"
	UrgencyFlash  = "Hỏa tốc"
)

// Document is the simulator's own record of one portal document. Field names are
// English; the wire structs in wire.go carry the portal's Vietnamese names.
type Document struct {
	ID              int64
	Direction       Direction
	Notation        string    // soKyHieu, e.g. "45/TB-UBND"
	Subject         string    // trichYeu
	Type            string    // loaiVanBan, e.g. "Thông báo"
	IssuerName      string    // coQuanBanHanh
	IssuerCode      string    // maDinhDanh
	Date            time.Time // ngayVanBan (a date, midnight in connectors.Zone)
	IssuedAt        time.Time // ngayBanHanh: issued (DI) or received (DEN)
	UpdatedAt       time.Time // ngayCapNhat, second precision
	Signer          string
	SignerTitle     string
	SignerAuthority string // "KT. CHỦ TỊCH", used in the edXML SignerInfo
	DirectingLeader string
	Drafter         string
	SubmittingUnit  string
	Urgency         string
	Secrecy         string
	Due             time.Time // hanXuLy; zero when none
	Recipients      string    // noiNhan
	Body            string    // the full text, as it also appears in the PDF
	BodyOnlyInPDF   bool      // noiDung is served empty; the text is only in the PDF
	Tracker         string    // chuyenVienTheoDoi
	Version         int
	State           string
	ReplacedBy      int64
	Files           []File
	Related         []int64 // vanBanLienQuan, by document id
	HasEdxml        bool
	// ToCodes are the recipients' organisation codes for the edXML To elements.
	ToCodes []string
	// Directive says the document assigns tasks (rules.md §1); reports and
	// extension letters are not directives.
	Directive bool
	// ReceiveStatus is the last edXML processing status set through
	// receive_status ("" until then).
	ReceiveStatus string
	// HostileEdxml makes the edXML of this document an entity-expansion bomb.
	HostileEdxml bool
	// EdxmlStatus, when set, makes the edXML endpoint answer a status message with
	// this code about the document, in the official layout (edXML > edXMLEnvelope >
	// edXMLHeader > MessageHeader), as the exchange relays one: "13" the issuer
	// recalls it, "15"/"16" the recall agreed/refused, "01".."06" a receiver's status.
	EdxmlStatus string
	// EdxmlStatusFor, when set with EdxmlStatus, makes that status message answer
	// another document: its ResponseFor names this số/ký hiệu (issued by the same
	// organisation) instead of this document, as when the exchange relays a status
	// about a document through another one.
	EdxmlStatusFor string
	// EdxmlStatusAt is that status message's Timestamp: set by UpdateDocument to
	// its now whenever it leaves EdxmlStatus set (each call relays a new message;
	// serving it again serves the same one). Zero: the time it is served.
	EdxmlStatusAt time.Time
}

// Secret reports whether the document carries a secrecy level.
func (d *Document) Secret() bool { return d.Secrecy != "" && d.Secrecy != SecrecyNone }

// FileKind says how a file's bytes are produced, so that files are generated on
// demand instead of being held in memory.
type FileKind int

// File kinds.
const (
	FileBodyPDF    FileKind = iota // a PDF of the document's text (signed by Options.SignPDF when set)
	FileTraversal                  // a valid PDF under a path-traversal name
	FileExecutable                 // a DOS/PE executable named .pdf
	FileHuge                       // a large PDF-looking file streamed in chunks
	FileRaw                        // bytes given by the caller (AddDocument)
)

// File is one attachment (fileDinhKem).
type File struct {
	ID   int64
	Name string
	Mime string
	Kind FileKind
	// Raw holds the bytes of a FileRaw file.
	Raw []byte
	// Disposition, when set, is sent verbatim as the download's
	// Content-Disposition (portals differ: raw UTF-8 in a quoted name, RFC 2231,
	// backslashes). Otherwise it is "attachment" with Name, RFC 2231-encoded when
	// not ASCII; a file with neither is sent without the header.
	Disposition string
	// SHA256, when set, is the checksum the detail announces instead of that of
	// the served bytes: a file corrupted in the portal's storage.
	SHA256 string
}

// Task is one record of the portal's task register, as the adapter PUT it.
type Task struct {
	Key           string     `json:"maNhiemVu"`
	DocumentID    int64      `json:"idVanBan"`
	Notation      string     `json:"soKyHieu"`
	Content       string     `json:"noiDung"`
	Lead          UnitRef    `json:"donViChuTri"`
	Coordinating  []UnitRef  `json:"donViPhoiHop"`
	Due           string     `json:"hanXuLy"`
	Status        string     `json:"trangThai"`
	Extensions    int        `json:"soLanGiaHan"`
	Note          string     `json:"ghiChu"`
	Signature     *Signature `json:"chuKySo"`
	Version       int        `json:"version"`
	RegisteredAt  string     `json:"ngayTao,omitempty"`
	LastChangedAt string     `json:"ngayCapNhat,omitempty"`
}

// UnitRef names a unit in a task record.
type UnitRef struct {
	Code string `json:"maDinhDanh"`
	Name string `json:"ten"`
}

// Signature is the signature verdict the adapter writes into a task record.
type Signature struct {
	Result string `json:"ketQua"`
	Signer string `json:"nguoiKy"`
}

// Action is one clerk action of the feed.
type Action struct {
	ID         int64  `json:"id"`
	TaskKey    string `json:"maNhiemVu"`
	Kind       string `json:"hanhDong"`
	At         string `json:"thoiGian"`
	By         string `json:"nguoiThucHien"`
	Note       string `json:"ghiChu"`
	DocumentID int64  `json:"idVanBan"`
	NewDue     string `json:"hanMoi,omitempty"`
}

// The hanhDong words of the clerk feed.
const (
	ActionAcknowledge = "TIEP_NHAN"
	ActionApprove     = "DUYET"
	ActionReject      = "TU_CHOI"
	ActionExtend      = "GIA_HAN"
	ActionReturn      = "TRA_LAI"
	ActionUrge        = "DON_DOC"
	ActionCancel      = "HUY"
)

// Comment is one processing note (ý kiến xử lý) on a document.
type Comment struct {
	ID         int64  `json:"id"`
	Content    string `json:"noiDung"`
	At         string `json:"thoiGian"`
	By         string `json:"nguoiTao"`
	DocumentID int64  `json:"-"`
}
