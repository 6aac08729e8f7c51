package connectors

import (
	"strings"
	"time"
)

// Stream is one direction of the portal's register: the `loai` of a search.
type Stream string

// The two streams of portal-api.md.
const (
	StreamIssued   Stream = "DI"  // văn bản đi: documents the province issued (directives)
	StreamIncoming Stream = "DEN" // văn bản đến: documents it received (reports, requests)
)

// Valid reports whether s is one of the streams the portal knows.
func (s Stream) Valid() bool { return s == StreamIssued || s == StreamIncoming }

// DocState is a document's standing on the portal (trangThai).
type DocState string

// Document states. The wire words are BAN_HANH, THU_HOI and THAY_THE.
const (
	StateIssued    DocState = "issued"    // in force
	StateWithdrawn DocState = "withdrawn" // withdrawn: its tasks stop
	StateReplaced  DocState = "replaced"  // replaced by Document.ReplacedBy
)

// Urgency words (doKhan) as the portal writes them.
const (
	UrgencyNormal  = "Thường"
	UrgencyUrgent  = "Khẩn"
	UrgencyHigh    = "Thượng khẩn"
	UrgencyExpress = "Hỏa tốc"
)

// Secrecy words (doMat) as the portal writes them. See IsSecret.
const (
	SecrecyNone      = "Thường"
	SecrecyConfident = "Mật"
	SecrecySecret    = "Tối mật"
	SecrecyTopSecret = "Tuyệt mật"
)

// DocumentSummary is one item of a search page: enough to decide whether the
// document is new, changed or secret before its detail is read.
type DocumentSummary struct {
	ID        int64
	Reference string    // soKyHieu as written, e.g. "45/TB-UBND"
	Number    string    // the part of Reference before the first "/", e.g. "45"
	Notation  string    // the rest, e.g. "TB-UBND"
	Summary   string    // trichYeu
	DocDate   time.Time // ngayVanBan, midnight in Zone; zero when absent
	UpdatedAt time.Time // ngayCapNhat, second precision, in Zone
	Type      string    // loaiVanBan, e.g. "Thông báo"
	Urgency   string    // doKhan
	Secrecy   string    // doMat; "" when the list does not say
	// Version is not on the list; the pager fills it when the portal sends one
	// and leaves it 0 otherwise (de-duplication then uses UpdatedAt).
	Version int64
}

// Secret reports whether the summary's secrecy marks it secret (IsSecret).
func (d DocumentSummary) Secret() bool { return IsSecret(d.Secrecy) }

// Issuer is the organisation that issued a document.
type Issuer struct {
	Code string // maDinhDanh, e.g. "000.00.00.H20"
	Name string // coQuanBanHanh
}

// Document is a document's detail (getdetaildocument).
type Document struct {
	ID              int64
	Reference       string // soKyHieu as written
	Number          string // before the first "/" of Reference
	Notation        string // after it
	Summary         string // trichYeu
	Type            string // loaiVanBan
	Issuer          Issuer
	DocDate         time.Time // ngayVanBan, midnight in Zone
	IssuedAt        time.Time // ngayBanHanh: issued (DI) or received (DEN)
	UpdatedAt       time.Time // ngayCapNhat
	Signer          string    // nguoiKy
	SignerTitle     string    // chucVuNguoiKy
	DirectingLeader string    // nguoiChiDao
	Drafter         string    // nguoiSoanThao
	SubmittingUnit  string    // donViTrinh
	Urgency         string    // doKhan
	Secrecy         string    // doMat
	DueDate         time.Time // hanXuLy; zero when none
	Recipients      string    // noiNhan, as text
	Body            string    // noiDung; "" when the portal only has the file
	Tracker         string    // chuyenVienTheoDoi: the Office official who tracks it
	Version         int64     // increases on every change
	State           DocState
	ReplacedBy      int64 // thayTheBoi, when State is StateReplaced
	Attachments     []Attachment
	Related         []DocRef
	HasEdxml        bool
}

// Secret reports whether the document is secret (IsSecret). A secret document's
// files and edXML are never downloaded.
func (d Document) Secret() bool { return IsSecret(d.Secrecy) }

// Attachment is one file of a document (fileDinhKem).
type Attachment struct {
	// ID is the portal's file id as it writes it: portal-api.md gives it no type,
	// and portals use numbers, numeric strings and GUIDs.
	ID     string
	Name   string // as the portal names it: untrusted
	MIME   string // as the portal claims it: untrusted
	Size   int64  // bytes, 0 when unknown
	SHA256 string // lower-case hex, "" when the portal does not say
}

// DocRef is a link to another document (vanBanLienQuan).
type DocRef struct {
	ID        int64
	Reference string
	Number    string
	Notation  string
	DocDate   time.Time
}

// DownloadedFile is an attachment safely on disk.
type DownloadedFile struct {
	Path        string // where it is, inside the destination directory
	Name        string // the sanitised original name (no directories)
	Size        int64
	SHA256      string // lower-case hex of the bytes on disk
	SniffedType string // judged from the bytes: "pdf", "docx", "zip", "txt", ...
}

// Unit is one organisation of the directory (shared/unit/get_all).
type Unit struct {
	Code       string // maDinhDanh
	Name       string // ten
	ShortName  string // tenVietTat
	ParentCode string // maCha; "" for the top
	Kind       string // loai: so, ubnd_xa, ubnd_phuong, van_phong, khac, ...
}

// UnitRef names a unit inside a task record.
type UnitRef struct {
	Code string
	Name string
}

// ActionKind is what a clerk did to a task (hanhDong).
type ActionKind string

// The clerk actions of portal-api.md.
const (
	ActionAcknowledge ActionKind = "TIEP_NHAN" // the unit acknowledged the task
	ActionApprove     ActionKind = "DUYET"     // the Office approved the result
	ActionReject      ActionKind = "TU_CHOI"   // the Office rejected the result
	ActionExtend      ActionKind = "GIA_HAN"   // extension granted; NewDue and DocumentID say how
	ActionReturn      ActionKind = "TRA_LAI"   // the unit returned it as mis-assigned
	ActionUrge        ActionKind = "DON_DOC"   // the Office urged the unit
	ActionCancel      ActionKind = "HUY"       // cancelled
)

// Known reports whether k is one of the actions the contract defines. Unknown
// kinds are passed on, not dropped, so the engine can log and skip them.
func (k ActionKind) Known() bool {
	switch k {
	case ActionAcknowledge, ActionApprove, ActionReject, ActionExtend, ActionReturn, ActionUrge, ActionCancel:
		return true
	}
	return false
}

// ClerkAction is one entry of the append-only action feed (cddh/hanhdong).
type ClerkAction struct {
	ID         int64 // increasing
	TaskKey    string
	Kind       ActionKind
	At         time.Time
	Actor      string // nguoiThucHien
	Note       string // ghiChu
	DocumentID int64  // the approving document for GIA_HAN, else the directive
	NewDue     time.Time
	// NewDueHasTime is true when hanMoi carried a time of day; otherwise NewDue
	// is midnight and the deadline is the end of that day.
	NewDueHasTime bool
}

// SignatureVerdict is the signature check written into a task record (chuKySo).
type SignatureVerdict struct {
	Result string // ketQua, e.g. "TOTAL_PASSED"
	Signer string // nguoiKy
}

// TaskRecord is one record of the portal's task register, as the adapter writes
// it with PUT /cddh/nhiemvu/{key}/ and reads it back.
type TaskRecord struct {
	Key          string // maNhiemVu: the adapter's deterministic key
	DocumentID   int64  // idVanBan
	Reference    string // soKyHieu
	Content      string // noiDung
	Lead         UnitRef
	Coordinating []UnitRef
	Due          time.Time // hanXuLy in Zone; zero when the task has no deadline
	Status       string    // the profile's words, e.g. "Đã hoàn thành trong hạn"
	Extensions   int       // soLanGiaHan
	Note         string    // ghiChu
	Signature    *SignatureVerdict
	Version      int64 // set by the portal; ignored on write
}

// Comment is a processing note on a document (ý kiến xử lý).
type Comment struct {
	ID      int64
	Content string
	At      time.Time
	Author  string
}

// ProcessingStatus is an edXML processing status set by receive_status.
type ProcessingStatus string

// The edXML processing statuses (QCVN 102:2016).
const (
	StatusArrived    ProcessingStatus = "01"
	StatusRefused    ProcessingStatus = "02"
	StatusAccepted   ProcessingStatus = "03" // the adapter sets this on a matched report
	StatusAssigned   ProcessingStatus = "04"
	StatusInProgress ProcessingStatus = "05"
	StatusDone       ProcessingStatus = "06"
)

// SplitReference splits a soKyHieu such as "45/TB-UBND" into its number ("45")
// and notation ("TB-UBND"). A reference without "/" is all notation. Spaces
// around the parts are trimmed; a leading "Số:" is dropped.
func SplitReference(ref string) (number, notation string) {
	ref = strings.TrimSpace(ref)
	if rest, ok := cutPrefixFold(ref, "số:"); ok {
		ref = strings.TrimSpace(rest)
	}
	before, after, found := strings.Cut(ref, "/")
	if !found {
		return "", ref
	}
	return strings.TrimSpace(before), strings.TrimSpace(after)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}
