package ioffice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// The portal's JSON shapes (portal-api.md) with its Vietnamese field names. They
// stay unexported: the rest of cddh-sync sees only connectors' English types.

type wireEnvelope struct {
	Status *wireStatus     `json:"status"`
	Data   json.RawMessage `json:"data"`
}

type wireStatus struct {
	Code    flexString `json:"code"`
	Message string     `json:"message"`
}

type wireLogin struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Device   string `json:"device"`
	Type     string `json:"type"`
	Language string `json:"language"`
}

type wireToken struct {
	Token     string  `json:"token"`
	ExpiresIn flexInt `json:"expiresIn"`
}

type wireListItem struct {
	ID        flexInt `json:"id"`
	Reference string  `json:"soKyHieu"`
	Summary   string  `json:"trichYeu"`
	DocDate   string  `json:"ngayVanBan"`
	UpdatedAt string  `json:"ngayCapNhat"`
	Type      string  `json:"loaiVanBan"`
	Urgency   string  `json:"doKhan"`
	Secrecy   string  `json:"doMat"`
	Version   flexInt `json:"version"`
}

type wireSearch struct {
	Items []wireListItem `json:"items"`
	Total flexInt        `json:"total"`
	Page  flexInt        `json:"page"`
	Size  flexInt        `json:"size"`
}

type wireDocInfo struct {
	ID              flexInt `json:"id"`
	Reference       string  `json:"soKyHieu"`
	Summary         string  `json:"trichYeu"`
	Type            string  `json:"loaiVanBan"`
	IssuerName      string  `json:"coQuanBanHanh"`
	IssuerCode      string  `json:"maDinhDanh"`
	DocDate         string  `json:"ngayVanBan"`
	IssuedAt        string  `json:"ngayBanHanh"`
	UpdatedAt       string  `json:"ngayCapNhat"`
	Signer          string  `json:"nguoiKy"`
	SignerTitle     string  `json:"chucVuNguoiKy"`
	DirectingLeader string  `json:"nguoiChiDao"`
	Drafter         string  `json:"nguoiSoanThao"`
	SubmittingUnit  string  `json:"donViTrinh"`
	Urgency         string  `json:"doKhan"`
	Secrecy         string  `json:"doMat"`
	Due             string  `json:"hanXuLy"`
	Recipients      string  `json:"noiNhan"`
	Body            string  `json:"noiDung"`
	Tracker         string  `json:"chuyenVienTheoDoi"`
	Version         flexInt `json:"version"`
	State           string  `json:"trangThai"`
	ReplacedBy      flexInt `json:"thayTheBoi"`
}

type wireFile struct {
	ID     flexID  `json:"id"`
	Name   string  `json:"name"`
	MIME   string  `json:"mime"`
	Size   flexInt `json:"size"`
	SHA256 string  `json:"sha256"`
}

type wireRelated struct {
	ID        flexInt `json:"id"`
	Reference string  `json:"soKyHieu"`
	DocDate   string  `json:"ngayVanBan"`
}

type wireDetail struct {
	Info     *wireDocInfo  `json:"thongTinVanBan"`
	Files    []wireFile    `json:"fileDinhKem"`
	Related  []wireRelated `json:"vanBanLienQuan"`
	HasEdxml flexBool      `json:"hasEdxml"`
}

type wireUnit struct {
	Code      string `json:"maDinhDanh"`
	Name      string `json:"ten"`
	ShortName string `json:"tenVietTat"`
	Parent    string `json:"maCha"`
	Kind      string `json:"loai"`
}

type wireAction struct {
	ID         flexInt `json:"id"`
	TaskKey    string  `json:"maNhiemVu"`
	Kind       string  `json:"hanhDong"`
	At         string  `json:"thoiGian"`
	Actor      string  `json:"nguoiThucHien"`
	Note       string  `json:"ghiChu"`
	DocumentID flexInt `json:"idVanBan"`
	NewDue     string  `json:"hanMoi"`
}

type wireFeed struct {
	Items []wireAction `json:"items"`
}

type wireUnitRef struct {
	Code string `json:"maDinhDanh"`
	Name string `json:"ten"`
}

type wireSignature struct {
	Result string `json:"ketQua"`
	Signer string `json:"nguoiKy"`
}

type wireTask struct {
	Key          string         `json:"maNhiemVu"`
	DocumentID   flexInt        `json:"idVanBan"`
	Reference    string         `json:"soKyHieu"`
	Content      string         `json:"noiDung"`
	Lead         wireUnitRef    `json:"donViChuTri"`
	Coordinating []wireUnitRef  `json:"donViPhoiHop"`
	Due          string         `json:"hanXuLy"`
	Status       string         `json:"trangThai"`
	Extensions   flexInt        `json:"soLanGiaHan"`
	Note         string         `json:"ghiChu"`
	Signature    *wireSignature `json:"chuKySo"`
	Version      flexInt        `json:"version,omitempty"`
}

type wireComment struct {
	ID      flexInt `json:"id"`
	Content string  `json:"noiDung"`
	At      string  `json:"thoiGian"`
	Author  string  `json:"nguoiTao"`
}

type wireCommentPost struct {
	Content string `json:"noiDung"`
}

type wireReceiveStatus struct {
	ID          int64  `json:"id"`
	StatusCode  string `json:"statusCode"`
	Description string `json:"description"`
}

// flexString accepts a JSON string, number or null: deployments differ on
// whether status.code is "0" or 0.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or number, got %.20s", b)
		}
		*f = flexString(n.String())
	}
	return nil
}

// flexInt accepts a JSON integer, a string holding one, "" or null (0).
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	s := string(b)
	if s == "null" {
		*f = 0
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*f = 0
			return nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("want an integer, got %.20q", s)
	}
	*f = flexInt(n)
	return nil
}

// flexID is an id the spec gives no type: a number or a string (a GUID), kept as
// written; null or "" is missing.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexID(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a number or a string id, got %.20s", b)
	}
	if _, err := n.Int64(); err != nil {
		return fmt.Errorf("want an integer or a string id, got %.20s", b)
	}
	*f = flexID(n.String())
	return nil
}

// flexBool accepts true/false, 1/0, "true"/"false" and null (false).
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	switch strings.Trim(strings.ToLower(string(bytes.TrimSpace(b))), `"`) {
	case "true", "1":
		*f = true
	case "false", "0", "null", "":
		*f = false
	default:
		return fmt.Errorf("want a boolean, got %.20s", b)
	}
	return nil
}

// Wire date layouts (portal-api.md), read in connectors.Zone.
const (
	layoutDate       = "02/01/2006"
	layoutDateTime   = "02/01/2006 15:04:05"
	layoutDateMinute = "02/01/2006 15:04"
)

var errBadTime = errors.New("not dd/MM/yyyy[ HH:mm[:ss]]")

// parseWireTime reads "dd/MM/yyyy", "dd/MM/yyyy HH:mm" or "dd/MM/yyyy HH:mm:ss"
// (single-digit day and month tolerated) in connectors.Zone. "" gives the zero
// time. hasTime says whether a time of day was written.
func parseWireTime(s string) (t time.Time, hasTime bool, err error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false, nil
	}
	date, clock, _ := strings.Cut(s, " ")
	parts := strings.Split(date, "/")
	if len(parts) != 3 {
		return time.Time{}, false, fmt.Errorf("%q: %w", s, errBadTime)
	}
	nums := [3]int{}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || (i < 2 && len(p) > 2) || (i == 2 && len(p) != 4) {
			return time.Time{}, false, fmt.Errorf("%q: %w", s, errBadTime)
		}
		nums[i] = n
	}
	norm := fmt.Sprintf("%02d/%02d/%04d", nums[0], nums[1], nums[2])
	layout := layoutDate
	if clock != "" {
		hasTime = true
		norm += " " + clock
		layout = layoutDateTime
		if strings.Count(clock, ":") == 1 {
			layout = layoutDateMinute
		}
	}
	// time.ParseInLocation rejects 31/02 and 25:00, which is what we want.
	t, err = time.ParseInLocation(layout, norm, connectors.Zone)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%q: %w", s, errBadTime)
	}
	return t, hasTime, nil
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(connectors.Zone).Format(layoutDateTime)
}

// fieldIssue is a value the portal sent that could not be read; the field is
// left empty and the issue logged, so one bad optional date does not block a
// document forever.
type fieldIssue struct {
	Field string
	Err   error
}

type decoder struct{ issues []fieldIssue }

func (d *decoder) time(field, s string) time.Time {
	t, _, err := parseWireTime(s)
	if err != nil {
		d.issues = append(d.issues, fieldIssue{field, err})
	}
	return t
}

func text(s string) string { return connectors.CleanText(strings.TrimSpace(s)) }

// errMalformed marks an answer that is not what the contract says.
var errMalformed = errors.New("malformed answer")

// decodeEnvelope checks the {status, data} envelope. A non-"0" code is returned
// as code, message for the caller to classify.
func decodeEnvelope(body []byte) (data json.RawMessage, code, message string, err error) {
	var env wireEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, "", "", fmt.Errorf("%w: %w", errMalformed, err)
	}
	if env.Status == nil {
		return nil, "", "", fmt.Errorf("%w: no status object", errMalformed)
	}
	return env.Data, strings.TrimSpace(string(env.Status.Code)), text(env.Status.Message), nil
}

// decodeData reads an envelope's data into v; null or absent data is malformed
// when required.
func decodeData(data json.RawMessage, v any) error {
	if len(bytes.TrimSpace(data)) == 0 || string(bytes.TrimSpace(data)) == "null" {
		return fmt.Errorf("%w: data is empty", errMalformed)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %w", errMalformed, err)
	}
	return nil
}

// decodeSearch maps a search page. ngayCapNhat is required: paging depends on it.
func decodeSearch(data json.RawMessage) (connectors.SearchPage, []fieldIssue, error) {
	var w wireSearch
	if err := decodeData(data, &w); err != nil {
		return connectors.SearchPage{}, nil, err
	}
	var d decoder
	page := connectors.SearchPage{
		Items: make([]connectors.DocumentSummary, 0, len(w.Items)),
		Total: int(w.Total), Page: int(w.Page), Size: int(w.Size),
	}
	for i, it := range w.Items {
		if it.ID <= 0 {
			return connectors.SearchPage{}, nil, fmt.Errorf("%w: items[%d] has no id", errMalformed, i)
		}
		updated, _, err := parseWireTime(it.UpdatedAt)
		if err != nil || updated.IsZero() {
			return connectors.SearchPage{}, nil, fmt.Errorf("%w: items[%d] (id %d) ngayCapNhat: %v", errMalformed, i, it.ID, err)
		}
		ref := text(it.Reference)
		num, notation := connectors.SplitReference(ref)
		page.Items = append(page.Items, connectors.DocumentSummary{
			ID: int64(it.ID), Reference: ref, Number: num, Notation: notation,
			Summary:   text(it.Summary),
			DocDate:   d.time(fmt.Sprintf("items[%d].ngayVanBan", i), it.DocDate),
			UpdatedAt: updated,
			Type:      text(it.Type), Urgency: text(it.Urgency), Secrecy: text(it.Secrecy),
			Version: int64(it.Version),
		})
	}
	return page, d.issues, nil
}

var wireStates = map[string]connectors.DocState{
	"BAN_HANH": connectors.StateIssued,
	"THU_HOI":  connectors.StateWithdrawn,
	"THAY_THE": connectors.StateReplaced,
}

// decodeDetail maps getdetaildocument's data.
func decodeDetail(data json.RawMessage) (connectors.Document, []fieldIssue, error) {
	var w wireDetail
	if err := decodeData(data, &w); err != nil {
		return connectors.Document{}, nil, err
	}
	if w.Info == nil || w.Info.ID <= 0 {
		return connectors.Document{}, nil, fmt.Errorf("%w: thongTinVanBan.id missing", errMalformed)
	}
	in := w.Info
	var d decoder
	ref := text(in.Reference)
	num, notation := connectors.SplitReference(ref)
	state, known := wireStates[strings.ToUpper(strings.TrimSpace(in.State))]
	if !known {
		if strings.TrimSpace(in.State) != "" {
			d.issues = append(d.issues, fieldIssue{"thongTinVanBan.trangThai", fmt.Errorf("unknown state %.40q, taken as BAN_HANH", in.State)})
		}
		state = connectors.StateIssued
	}
	doc := connectors.Document{
		ID: int64(in.ID), Reference: ref, Number: num, Notation: notation,
		Summary: text(in.Summary), Type: text(in.Type),
		Issuer:          connectors.Issuer{Code: strings.TrimSpace(in.IssuerCode), Name: text(in.IssuerName)},
		DocDate:         d.time("ngayVanBan", in.DocDate),
		IssuedAt:        d.time("ngayBanHanh", in.IssuedAt),
		UpdatedAt:       d.time("ngayCapNhat", in.UpdatedAt),
		Signer:          text(in.Signer),
		SignerTitle:     text(in.SignerTitle),
		DirectingLeader: text(in.DirectingLeader),
		Drafter:         text(in.Drafter),
		SubmittingUnit:  text(in.SubmittingUnit),
		Urgency:         text(in.Urgency),
		Secrecy:         text(in.Secrecy),
		DueDate:         d.time("hanXuLy", in.Due),
		Recipients:      text(in.Recipients),
		Body:            connectors.CleanText(in.Body),
		Tracker:         text(in.Tracker),
		Version:         int64(in.Version),
		State:           state,
		ReplacedBy:      int64(in.ReplacedBy),
		HasEdxml:        bool(w.HasEdxml),
	}
	for i, f := range w.Files {
		if f.ID == "" {
			d.issues = append(d.issues, fieldIssue{fmt.Sprintf("fileDinhKem[%d].id", i), errors.New("missing; file skipped")})
			continue
		}
		doc.Attachments = append(doc.Attachments, connectors.Attachment{
			ID: string(f.ID), Name: text(f.Name), MIME: strings.TrimSpace(f.MIME), Size: int64(f.Size),
			SHA256: strings.ToLower(strings.TrimSpace(f.SHA256)),
		})
	}
	for i, r := range w.Related {
		ref := text(r.Reference)
		num, notation := connectors.SplitReference(ref)
		doc.Related = append(doc.Related, connectors.DocRef{
			ID: int64(r.ID), Reference: ref, Number: num, Notation: notation,
			DocDate: d.time(fmt.Sprintf("vanBanLienQuan[%d].ngayVanBan", i), r.DocDate),
		})
	}
	return doc, d.issues, nil
}

func decodeUnits(data json.RawMessage) ([]connectors.Unit, error) {
	var w []wireUnit
	if err := decodeData(data, &w); err != nil {
		return nil, err
	}
	units := make([]connectors.Unit, 0, len(w))
	for _, u := range w {
		units = append(units, connectors.Unit{
			Code: strings.TrimSpace(u.Code), Name: text(u.Name), ShortName: text(u.ShortName),
			ParentCode: strings.TrimSpace(u.Parent), Kind: strings.TrimSpace(u.Kind),
		})
	}
	return units, nil
}

func decodeActions(data json.RawMessage) ([]connectors.ClerkAction, []fieldIssue, error) {
	var w wireFeed
	if err := decodeData(data, &w); err != nil {
		return nil, nil, err
	}
	var d decoder
	out := make([]connectors.ClerkAction, 0, len(w.Items))
	for i, a := range w.Items {
		if a.ID <= 0 {
			return nil, nil, fmt.Errorf("%w: items[%d] has no id", errMalformed, i)
		}
		due, hasTime, err := parseWireTime(a.NewDue)
		if err != nil {
			d.issues = append(d.issues, fieldIssue{fmt.Sprintf("items[%d].hanMoi", i), err})
		}
		out = append(out, connectors.ClerkAction{
			ID: int64(a.ID), TaskKey: strings.TrimSpace(a.TaskKey),
			Kind:  connectors.ActionKind(strings.ToUpper(strings.TrimSpace(a.Kind))),
			At:    d.time(fmt.Sprintf("items[%d].thoiGian", i), a.At),
			Actor: text(a.Actor), Note: text(a.Note), DocumentID: int64(a.DocumentID),
			NewDue: due, NewDueHasTime: hasTime,
		})
	}
	return out, d.issues, nil
}

func decodeTask(data json.RawMessage) (connectors.TaskRecord, []fieldIssue, error) {
	var w wireTask
	if err := decodeData(data, &w); err != nil {
		return connectors.TaskRecord{}, nil, err
	}
	var d decoder
	t := connectors.TaskRecord{
		Key: strings.TrimSpace(w.Key), DocumentID: int64(w.DocumentID), Reference: text(w.Reference),
		Content: text(w.Content), Lead: connectors.UnitRef{Code: strings.TrimSpace(w.Lead.Code), Name: text(w.Lead.Name)},
		Due: d.time("hanXuLy", w.Due), Status: text(w.Status), Extensions: int(w.Extensions),
		Note: text(w.Note), Version: int64(w.Version),
	}
	for _, u := range w.Coordinating {
		t.Coordinating = append(t.Coordinating, connectors.UnitRef{Code: strings.TrimSpace(u.Code), Name: text(u.Name)})
	}
	if w.Signature != nil {
		t.Signature = &connectors.SignatureVerdict{Result: text(w.Signature.Result), Signer: text(w.Signature.Signer)}
	}
	return t, d.issues, nil
}

func encodeTask(t connectors.TaskRecord) wireTask {
	w := wireTask{
		Key: t.Key, DocumentID: flexInt(t.DocumentID), Reference: t.Reference, Content: t.Content,
		Lead: wireUnitRef{Code: t.Lead.Code, Name: t.Lead.Name}, Due: formatDateTime(t.Due),
		Status: t.Status, Extensions: flexInt(t.Extensions), Note: t.Note,
		Coordinating: []wireUnitRef{},
	}
	for _, u := range t.Coordinating {
		w.Coordinating = append(w.Coordinating, wireUnitRef{Code: u.Code, Name: u.Name})
	}
	if t.Signature != nil {
		w.Signature = &wireSignature{Result: t.Signature.Result, Signer: t.Signature.Signer}
	}
	return w
}

func decodeComments(data json.RawMessage) ([]connectors.Comment, []fieldIssue, error) {
	var w []wireComment
	if err := decodeData(data, &w); err != nil {
		return nil, nil, err
	}
	var d decoder
	out := make([]connectors.Comment, 0, len(w))
	for i, c := range w {
		out = append(out, connectors.Comment{
			ID: int64(c.ID), Content: connectors.CleanText(c.Content),
			At: d.time(fmt.Sprintf("[%d].thoiGian", i), c.At), Author: text(c.Author),
		})
	}
	return out, d.issues, nil
}

func decodeComment(data json.RawMessage) (connectors.Comment, error) {
	var w wireComment
	if len(bytes.TrimSpace(data)) == 0 || string(bytes.TrimSpace(data)) == "null" {
		return connectors.Comment{}, nil // some deployments answer only the status
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return connectors.Comment{}, fmt.Errorf("%w: %w", errMalformed, err)
	}
	var d decoder
	return connectors.Comment{ID: int64(w.ID), Content: connectors.CleanText(w.Content), At: d.time("thoiGian", w.At), Author: text(w.Author)}, nil
}
