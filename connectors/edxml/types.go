package edxml

import "time"

// Namespace is the edXML namespace of QCVN 102:2016/BTTTT.
const Namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

// Organization is a From or To party (and the From of a status message).
type Organization struct {
	OrganID              string // OrganId: the organisation code, e.g. 000.00.00.H20
	OrganizationInCharge string
	OrganName            string
	OrganAdd             string
	Email                string
	Telephone            string
	Fax                  string
	Website              string
}

// Code is the document number and notation (số và ký hiệu), e.g. 45 and TB-UBND.
type Code struct {
	Number   string // CodeNumber
	Notation string // CodeNotation
}

// Promulgation is PromulgationInfo: where and when the document was issued.
type Promulgation struct {
	Place string
	Date  time.Time // midnight in connectors.Zone; zero when absent
}

// DocumentType is the document type code and its name (e.g. Thông báo).
type DocumentType struct {
	Type       string // numeric in the official library (1 Công văn …)
	TypeDetail string // as the official library writes it, e.g. 0
	TypeName   string
}

// Signer is SignerInfo.
type Signer struct {
	Competence string // thẩm quyền, e.g. TM. UBND / KT. CHỦ TỊCH
	Position   string
	FullName   string
}

// Priority is OtherInfo/Priority, the urgency (độ khẩn).
type Priority int

// Priority codes of QCVN 102.
const (
	PriorityNormal     Priority = 0 // Thường
	PriorityUrgent     Priority = 1 // Khẩn
	PriorityVeryUrgent Priority = 2 // Thượng khẩn
	PriorityFlash      Priority = 3 // Hỏa tốc
	PriorityFlashTimed Priority = 4 // Hỏa tốc hẹn giờ
)

// Word is the Vietnamese name of the priority, as the portal shows it.
func (p Priority) Word() string {
	switch p {
	case PriorityNormal:
		return "Thường"
	case PriorityUrgent:
		return "Khẩn"
	case PriorityVeryUrgent:
		return "Thượng khẩn"
	case PriorityFlash:
		return "Hỏa tốc"
	case PriorityFlashTimed:
		return "Hỏa tốc hẹn giờ"
	}
	return ""
}

// OtherInfo holds the secondary header fields.
type OtherInfo struct {
	Priority             Priority
	SphereOfPromulgation string
	TyperNotation        string
	PromulgationAmount   int
	PageAmount           int
	Direction            string // OtherInfo/Direction, "true"/"false" in the official samples
	Appendixes           []string
}

// SteeringType marks a directive and the reports on it (MessageHeader/SteeringType).
type SteeringType int

// SteeringType codes, established in docs/edxml-interop.md from the public repository
// PVN-Organization/API-Gateway-iOffice (folder JDK 1.8/SDKVXP_Example):
//   - The official library defines no codes: MessageHeader.steeringType in
//     lib/EdXML102-0.0.3.jar is a bare int (no enum, no constant).
//   - 1 is the directive: the official "văn bản liên thông chỉ đạo" package
//     (resources/edoc.edxml = testdata/official/res_edoc.edxml, Subject "Văn bản liên
//     thông chỉ đạo - 190701") carries 1, and the library's example
//     (src/main/java/com/vpcp/example/EdXMLBuild.java, "khoi tao loai chi dao") calls
//     setSteeringType(1) in every case.
//   - 2 is the report on a directive: that repository's report package
//     (xml/2025/10/9e272474-0603-48a2-b525-9cd1af689612.edxml, TypeName "Báo cáo",
//     TyperNotation BC) carries 2. It was written by the repository's own
//     src/main/java/com/vpcp/gateway/ManualEdxmlBuilder.java (string-built: its manifest
//     lacks the library's application/zip), not by EdXML102; no official sample has 2.
//   - 0 is an ordinary document (the gateway's ManualEdxmlBuilder default), and what
//     an absent element reads as.
const (
	SteeringNone      SteeringType = 0 // an ordinary document (also when absent)
	SteeringDirective SteeringType = 1 // văn bản chỉ đạo
	SteeringReport    SteeringType = 2 // báo cáo thực hiện văn bản chỉ đạo
)

// ResponseFor points at an earlier document this one answers (or a status concerns).
type ResponseFor struct {
	OrganID          string
	Code             string // the earlier document's số/ký hiệu, e.g. 45/TB-UBND
	PromulgationDate time.Time
	DocumentID       string
}

// Trace is a TraceHeader: an organisation the package passed and when.
type Trace struct {
	OrganID   string
	Timestamp time.Time // in connectors.Zone
}

// BusinessType is Bussiness/BussinessDocType (the standard's own spelling).
type BusinessType int

// BusinessType codes.
const (
	BusinessNew     BusinessType = 0 // văn bản mới
	BusinessRevoke  BusinessType = 1 // thu hồi
	BusinessUpdate  BusinessType = 2 // cập nhật
	BusinessReplace BusinessType = 3 // thay thế
)

// StaffInfo names the person who acted (in Bussiness and in status messages).
type StaffInfo struct {
	Department string
	Staff      string
	Mobile     string
	Email      string
}

// Business is the Bussiness element.
type Business struct {
	DocumentID string // Bussiness/DocumentId: the document the business concerns
	DocType    BusinessType
	Reason     string // BussinessDocReason
	Paper      int    // Paper: 1 when a paper copy is sent too
	Staff      StaffInfo
	Replaces   []string // ReplacementInfoList/ReplacementInfo/DocumentId
}

// ZipEntry is one file of a zipped attachment, already inflated. The files of a zip
// inside the zip (depth 2) are listed with the inner zip's name as a folder:
// "phu-luc.zip/bang.pdf".
type ZipEntry struct {
	Name   string // sanitised: relative, slash-separated, no ".."
	Data   []byte
	Office bool // an office document (docx, xlsx, odt …): its own container is not unpacked
}

// Attachment is one decoded attachment.
type Attachment struct {
	ContentID   string // without the "cid:" prefix of the wire
	ContentType string
	Description string
	Name        string     // AttachmentName
	Data        []byte     // decoded from base64
	Entries     []ZipEntry // when Data is a zip archive (not an office file); nil otherwise
	// Office: Data is an office document (OOXML or OpenDocument, told by its content
	// and name), kept whole although it is a zip container.
	Office bool
	// Err is why this attachment was refused (bad base64, broken zip, zip bomb, too
	// large …), wrapping one of the sentinel errors; nil when it was read. A refused
	// attachment keeps its header fields; the package and the other attachments are
	// kept.
	Err error
	// Misplaced: found outside root > AttachmentEncoded, where the official parser
	// does not look (also listed in Package.Warnings).
	Misplaced bool
}

// Package is a parsed edXML document package.
type Package struct {
	From         Organization
	To           []Organization
	Code         Code
	Promulgation Promulgation
	DocumentType DocumentType
	Subject      string // trích yếu
	Content      string
	Signer       Signer
	DueDate      time.Time // zero when absent
	ToPlaces     []string
	Other        OtherInfo
	Steering     SteeringType
	ResponseFor  []ResponseFor
	DocumentID   string
	Traces       []Trace
	Business     *Business // nil when absent
	Attachments  []Attachment

	// HasSignature reports a Signature element in the package, either XMLDSig
	// (ds:Signature) or the unprefixed <Signature> some senders put in the edXML
	// namespace. Whether it is valid is for package signing to decide, from Raw.
	HasSignature bool
	// SignatureNamespace is the namespace the Signature element is in: the XMLDSig
	// namespace, or (as the official SDK writes it, unprefixed) the edXML one.
	SignatureNamespace string
	// Warnings lists what was tolerated: misplaced or empty attachments, manifest
	// references without an attachment, a UTF-16 input.
	Warnings []string
	// Raw is the exact bytes parsed; signatures are verified over these.
	Raw []byte
}

// StatusCode is the edXML processing status of a received document.
type StatusCode string

// Status codes of QCVN 102.
const (
	StatusArrived    StatusCode = "01" // đã đến
	StatusRefused    StatusCode = "02" // từ chối tiếp nhận
	StatusAccepted   StatusCode = "03" // đã tiếp nhận
	StatusAssigned   StatusCode = "04" // phân công
	StatusInProgress StatusCode = "05" // đang xử lý
	StatusDone       StatusCode = "06" // hoàn thành
	// StatusRecallRequest: the sender asks to take the document back (lấy lại /
	// thu hồi văn bản đã gửi).
	StatusRecallRequest StatusCode = "13"
	// StatusRecallAgreed: the receiver agrees to the recall (đồng ý cho lấy lại).
	StatusRecallAgreed StatusCode = "15"
	// StatusRecallRefused: the receiver refuses the recall (từ chối cho lấy lại).
	StatusRecallRefused StatusCode = "16"
)

// Valid reports whether c is one of the known codes.
func (c StatusCode) Valid() bool {
	switch c {
	case StatusArrived, StatusRefused, StatusAccepted, StatusAssigned, StatusInProgress,
		StatusDone, StatusRecallRequest, StatusRecallAgreed, StatusRecallRefused:
		return true
	}
	return false
}

// Status is a status message about a received document.
type Status struct {
	ResponseFor ResponseFor
	From        Organization
	Code        StatusCode
	Description string
	Timestamp   time.Time // in connectors.Zone, second precision
	Staff       StaffInfo
	// Warnings lists what was tolerated (the legacy Status root, a UTF-16 input).
	Warnings []string
}

// Kind tells a document package from a status message.
type Kind string

// Message kinds.
const (
	KindPackage Kind = "package"
	KindStatus  Kind = "status"
)

// Message is what Read returns: a package or a status message.
type Message struct {
	Kind    Kind
	Package *Package // when Kind is KindPackage
	Status  *Status  // when Kind is KindStatus
}
