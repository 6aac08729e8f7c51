package ioffice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
)

// fakePortal is a small in-memory portal speaking portal-api.md over a real
// socket, with hooks to inject faults. It is written for these tests only.
type fakePortal struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	username  string
	password  string
	tokens    map[string]bool
	tokenSeq  int
	expiresIn int
	logins    int
	requests  map[string]int // by "METHOD path-template"
	docs      map[int64]*fakeDoc
	clock     time.Time
	maxSize   int
	files     map[int64]fakeFile
	tasks     map[string]wireTask
	comments  map[int64][]wireComment
	statuses  map[int64]string
	inFlight  int
	maxFlight int
	// hook runs first for every request; it may answer itself (return true).
	hook func(w http.ResponseWriter, r *http.Request, route string) bool
	// afterSearch runs under mu after a search answer was cut, to move documents.
	afterSearch func(f *fakePortal, page int)
}

type fakeDoc struct {
	id      int64
	updated time.Time
	version int64
	secrecy string
	stream  connectors.Stream
	fileIDs []int64
}

type fakeFile struct {
	name        string
	disposition string
	contentType string
	body        []byte
	sha         string
}

const (
	fakeUser     = "cddh-service"
	fakePassword = "S3cret-Pa55word!"
)

func newFakePortal(t *testing.T) *fakePortal {
	t.Helper()
	f := &fakePortal{
		t: t, username: fakeUser, password: fakePassword, tokens: map[string]bool{},
		expiresIn: 1800, requests: map[string]int{}, docs: map[int64]*fakeDoc{},
		clock:   time.Date(2026, 3, 10, 8, 0, 0, 0, connectors.Zone),
		maxSize: 1000, files: map[int64]fakeFile{}, tasks: map[string]wireTask{},
		comments: map[int64][]wireComment{}, statuses: map[int64]string{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// client returns a Client on this portal with fast, test-friendly options.
func (f *fakePortal) client(t *testing.T, mod func(*Options)) *Client {
	t.Helper()
	o := Options{
		BaseURL: f.srv.URL, Username: fakeUser, Password: fakePassword,
		Timeout: 2 * time.Second, RateLimit: 1000, Concurrency: 4, MaxRetries: 3,
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		BreakerThreshold: 100, BreakerCooldown: time.Second, Overlap: time.Nanosecond,
		Logger: zerolog.New(io.Discard),
	}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func (f *fakePortal) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[route]
}

// addDoc adds a document updated at the fake clock; step advances the clock first.
func (f *fakePortal) addDoc(id int64, step time.Duration) *fakeDoc {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addDocLocked(id, step)
}

func (f *fakePortal) addDocLocked(id int64, step time.Duration) *fakeDoc {
	f.clock = f.clock.Add(step)
	d := &fakeDoc{id: id, updated: f.clock, version: 1, secrecy: "Thường", stream: connectors.StreamIssued}
	f.docs[id] = d
	return d
}

// touchLocked edits a document: it moves to the end of the search order.
func (f *fakePortal) touchLocked(id int64, step time.Duration) {
	f.clock = f.clock.Add(step)
	if d := f.docs[id]; d != nil {
		d.updated = f.clock
		d.version++
	}
}

func (f *fakePortal) sortedLocked(stream connectors.Stream, since time.Time) []*fakeDoc {
	var out []*fakeDoc
	for _, d := range f.docs {
		if d.stream == stream && !d.updated.Before(since) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *fakeDoc) int {
		if c := a.updated.Compare(b.updated); c != 0 {
			return c
		}
		return int(a.id - b.id)
	})
	return out
}

func writeEnvelope(w http.ResponseWriter, status int, code, msg string, data any) {
	b, _ := json.Marshal(map[string]any{"status": map[string]string{"code": code, "message": msg}, "data": data})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

func route(r *http.Request) string {
	p := strings.TrimPrefix(r.URL.EscapedPath(), apiPath)
	parts := strings.Split(strings.Trim(p, "/"), "/")
	// Replace the trailing id or key by a placeholder.
	switch {
	case strings.HasPrefix(p, "/document/getdetaildocument/"), strings.HasPrefix(p, "/document/comment/"),
		strings.HasPrefix(p, "/file/download/"), strings.HasPrefix(p, "/cddh/nhiemvu/"),
		strings.HasPrefix(p, "/shared/integration/doc/edxml/"):
		parts[len(parts)-1] = "{}"
	}
	return r.Method + " /" + strings.Join(parts, "/") + "/"
}

func lastID(r *http.Request) string {
	parts := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	id, _ := url.PathUnescape(parts[len(parts)-1])
	return id
}

func (f *fakePortal) serve(w http.ResponseWriter, r *http.Request) {
	rt := route(r)
	f.mu.Lock()
	f.requests[rt]++
	f.inFlight++
	f.maxFlight = max(f.maxFlight, f.inFlight)
	hook := f.hook
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if hook != nil && hook(w, r, rt) {
		return
	}
	if rt == "POST /login/v3/" {
		f.login(w, r)
		return
	}
	f.mu.Lock()
	ok := f.tokens[r.Header.Get("X-Authentication-Token")]
	f.mu.Unlock()
	if !ok {
		writeEnvelope(w, http.StatusUnauthorized, "401", "Phiên đăng nhập hết hạn", nil)
		return
	}
	switch rt {
	case "GET /document/search/":
		f.search(w, r)
	case "GET /document/getdetaildocument/{}/":
		f.detail(w, r)
	case "GET /file/download/{}/":
		f.download(w, r)
	case "PUT /cddh/nhiemvu/{}/":
		f.putTask(w, r)
	case "GET /cddh/nhiemvu/{}/":
		f.mu.Lock()
		t, found := f.tasks[lastID(r)]
		f.mu.Unlock()
		if !found {
			writeEnvelope(w, http.StatusNotFound, "404", "Không tìm thấy nhiệm vụ", nil)
			return
		}
		writeEnvelope(w, 200, "0", "OK", t)
	case "POST /document/comment/{}/":
		f.postComment(w, r)
	case "GET /document/comment/{}/":
		id, _ := strconv.ParseInt(lastID(r), 10, 64)
		f.mu.Lock()
		list := append([]wireComment{}, f.comments[id]...)
		f.mu.Unlock()
		writeEnvelope(w, 200, "0", "OK", list)
	case "POST /shared/integration/doc/receive_status/":
		var body struct {
			ID         int64  `json:"id"`
			StatusCode string `json:"statusCode"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.statuses[body.ID] = body.StatusCode
		f.mu.Unlock()
		writeEnvelope(w, 200, "0", "OK", nil)
	case "GET /shared/integration/doc/edxml/{}/":
		id, _ := strconv.ParseInt(lastID(r), 10, 64)
		f.mu.Lock()
		d := f.docs[id]
		f.mu.Unlock()
		if d == nil {
			writeEnvelope(w, 200, "404", "Không có gói edXML", nil)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><DocumentId>%d</DocumentId></edXMLEnvelope>`, id)
	case "GET /shared/unit/get_all/":
		writeEnvelope(w, 200, "0", "OK", []map[string]any{
			{"maDinhDanh": "000.00.12.H20", "ten": "Sở Tài chính", "tenVietTat": "STC", "maCha": "000.00.00.H20", "loai": "so"},
			{"maDinhDanh": "000.00.00.H20", "ten": "Ủy ban nhân dân tỉnh", "tenVietTat": "UBND tỉnh", "maCha": nil, "loai": "khac"},
		})
	case "GET /cddh/hanhdong/":
		from, _ := strconv.ParseInt(r.URL.Query().Get("tuId"), 10, 64)
		items := []map[string]any{}
		for id := max(from, 1); id <= 3; id++ {
			it := map[string]any{"id": id, "maNhiemVu": "NV-1", "hanhDong": "TIEP_NHAN", "thoiGian": "11/03/2026 09:15:00",
				"nguoiThucHien": "Nguyễn Văn A", "ghiChu": "", "idVanBan": 7}
			if id == 3 {
				it["hanhDong"], it["hanMoi"], it["idVanBan"] = "GIA_HAN", "30/04/2026", 99
			}
			items = append(items, it)
		}
		writeEnvelope(w, 200, "0", "OK", map[string]any{"items": items})
	default:
		writeEnvelope(w, http.StatusNotFound, "404", "no route "+rt, nil)
	}
}

func (f *fakePortal) login(w http.ResponseWriter, r *http.Request) {
	var req wireLogin
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Type != "SERVICE" {
		writeEnvelope(w, 400, "400", "bad login request", nil)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logins++
	if req.Username != f.username || req.Password != f.password {
		writeEnvelope(w, 200, "401", "Sai tên đăng nhập hoặc mật khẩu", nil)
		return
	}
	f.tokenSeq++
	tok := fmt.Sprintf("tok-%d-7f3a9c1e5b", f.tokenSeq)
	f.tokens[tok] = true
	writeEnvelope(w, 200, "0", "OK", map[string]any{"token": tok, "expiresIn": f.expiresIn})
}

// expireTokens forgets every token, as a portal restart would.
func (f *fakePortal) expireTokens() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.tokens)
}

func (f *fakePortal) issuedTokens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for i := 1; i <= f.tokenSeq; i++ {
		out = append(out, fmt.Sprintf("tok-%d-7f3a9c1e5b", i))
	}
	return out
}

func (f *fakePortal) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var since time.Time
	if s := q.Get("tuNgayCapNhat"); s != "" {
		var err error
		if since, err = time.ParseInLocation(layoutDateTime, s, connectors.Zone); err != nil {
			writeEnvelope(w, 400, "400", "bad tuNgayCapNhat", nil)
			return
		}
	}
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	f.mu.Lock()
	size = min(max(size, 1), f.maxSize)
	list := f.sortedLocked(connectors.Stream(q.Get("loai")), since)
	items := []map[string]any{}
	if off := (page - 1) * size; off < len(list) {
		for _, d := range list[off:min(off+size, len(list))] {
			items = append(items, map[string]any{
				"id": d.id, "soKyHieu": fmt.Sprintf("%d/TB-UBND", d.id), "trichYeu": "Thông báo kết luận",
				"ngayVanBan": "10/03/2026", "ngayCapNhat": d.updated.Format(layoutDateTime),
				"loaiVanBan": "Thông báo", "doKhan": "Thường", "doMat": d.secrecy,
			})
		}
	}
	total := len(list)
	if f.afterSearch != nil {
		f.afterSearch(f, page)
	}
	f.mu.Unlock()
	writeEnvelope(w, 200, "0", "OK", map[string]any{"items": items, "total": total, "page": page, "size": size})
}

func (f *fakePortal) detail(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(lastID(r), 10, 64)
	f.mu.Lock()
	d := f.docs[id]
	var files []map[string]any
	if d != nil {
		for _, fid := range d.fileIDs {
			ff := f.files[fid]
			files = append(files, map[string]any{"id": fid, "name": ff.name, "mime": "application/pdf", "size": len(ff.body), "sha256": ff.sha})
		}
	}
	f.mu.Unlock()
	if d == nil {
		writeEnvelope(w, 200, "404", "Không tìm thấy văn bản", nil)
		return
	}
	writeEnvelope(w, 200, "0", "OK", map[string]any{
		"thongTinVanBan": map[string]any{
			"id": d.id, "soKyHieu": "45/TB-UBND", "trichYeu": "Thông báo kết luận của Chủ tịch UBND tỉnh",
			"loaiVanBan": "Thông báo", "coQuanBanHanh": "UBND tỉnh Đồng Tháp", "maDinhDanh": "000.00.00.H20",
			"ngayVanBan": "10/03/2026", "ngayBanHanh": "10/03/2026 14:30:00", "ngayCapNhat": d.updated.Format(layoutDateTime),
			"nguoiKy": "Trần Văn B", "chucVuNguoiKy": "Phó Chủ tịch", "nguoiChiDao": "", "nguoiSoanThao": "Lê Thị C",
			"donViTrinh": "Sở Tài chính", "doKhan": "Khẩn", "doMat": d.secrecy, "hanXuLy": "20/03/2026",
			"noiNhan": "Như trên;\nLưu: VT.", "noiDung": "Giao Sở Tài chính chủ trì ...", "chuyenVienTheoDoi": "Phạm D",
			"version": d.version, "trangThai": "BAN_HANH",
		},
		"fileDinhKem":    files,
		"vanBanLienQuan": []map[string]any{{"id": 3, "soKyHieu": "12/KH-UBND", "ngayVanBan": "01/02/2026"}},
		"hasEdxml":       true,
	})
}

func (f *fakePortal) download(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(lastID(r), 10, 64)
	f.mu.Lock()
	ff, ok := f.files[id]
	f.mu.Unlock()
	if !ok {
		writeEnvelope(w, 404, "404", "Không tìm thấy tệp", nil)
		return
	}
	ct := ff.contentType
	if ct == "" {
		ct = "application/pdf"
	}
	w.Header().Set("Content-Type", ct)
	if ff.disposition != "" {
		w.Header().Set("Content-Disposition", ff.disposition)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(ff.body)))
	w.Write(ff.body)
}

func (f *fakePortal) putTask(w http.ResponseWriter, r *http.Request) {
	var t wireTask
	if err := json.NewDecoder(r.Body).Decode(&t); err != nil || t.Key != lastID(r) {
		writeEnvelope(w, 400, "400", "bad task", nil)
		return
	}
	f.mu.Lock()
	prev := f.tasks[t.Key]
	t.Version = prev.Version + 1
	f.tasks[t.Key] = t
	f.mu.Unlock()
	writeEnvelope(w, 200, "0", "OK", t)
}

func (f *fakePortal) postComment(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(lastID(r), 10, 64)
	var body wireCommentPost
	b, _ := io.ReadAll(r.Body)
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&body); err != nil {
		writeEnvelope(w, 400, "400", "bad comment", nil)
		return
	}
	f.mu.Lock()
	c := wireComment{ID: flexInt(len(f.comments[id]) + 1), Content: body.Content, At: "11/03/2026 10:00:00", Author: "cddh-sync"}
	f.comments[id] = append(f.comments[id], c)
	f.mu.Unlock()
	writeEnvelope(w, 200, "0", "OK", c)
}

// hijackCut answers with headers promising more than it sends, then closes the
// connection: a cut mid-body.
func hijackCut(w http.ResponseWriter, partial string) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(partial)+500, partial)
	buf.Flush()
	conn.Close()
}
