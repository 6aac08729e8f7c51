package portalsim

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"cddh-sync/connectors"
)

func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("nội dung JSON không hợp lệ: %w", err)
	}
	return nil
}

func (s *Sim) login(r *http.Request, _ *fate) reply {
	var req loginRequest
	if err := decodeBody(r, &req); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	if req.Username != s.opts.Username || req.Password != s.opts.Password {
		return fail(http.StatusUnauthorized, "Tên đăng nhập hoặc mật khẩu không đúng")
	}
	token := rand.Text()
	s.mu.Lock()
	s.tokens[token] = s.clock().Add(s.opts.TokenTTL)
	s.stats.Logins++
	s.mu.Unlock()
	return ok(loginData{Token: token, ExpiresIn: int(s.opts.TokenTTL / time.Second)})
}

// parseWhen reads tuNgayCapNhat: dd/MM/yyyy HH:mm:ss, or dd/MM/yyyy (midnight).
func parseWhen(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation(layoutDateTime, v, connectors.Zone); err == nil {
		return t, nil
	}
	return time.ParseInLocation(layoutDate, v, connectors.Zone)
}

func queryInt(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("tham số %s không hợp lệ: %q", name, v)
	}
	return n, nil
}

func (s *Sim) search(r *http.Request, f *fate) reply {
	q := r.URL.Query()
	dir := Direction(q.Get("loai"))
	if dir != Issued && dir != Incoming {
		return fail(http.StatusBadRequest, "Tham số loai phải là DI hoặc DEN")
	}
	from, err := parseWhen(q.Get("tuNgayCapNhat"))
	if err != nil {
		return fail(http.StatusBadRequest, "Tham số tuNgayCapNhat phải có dạng dd/MM/yyyy HH:mm:ss")
	}
	page, err := queryInt(r, "page", 1)
	if err != nil || page < 1 {
		return fail(http.StatusBadRequest, "Tham số page phải là số nguyên từ 1")
	}
	size, err := queryInt(r, "size", defaultPageSize)
	if err != nil || size < 1 {
		return fail(http.StatusBadRequest, "Tham số size phải là số nguyên từ 1")
	}
	size = min(size, s.opts.MaxPageSize)

	s.mu.Lock()
	defer s.mu.Unlock()
	match := func() []*Document {
		list := s.sorted(dir)
		i := sort.Search(len(list), func(i int) bool { return !list[i].UpdatedAt.Before(from) })
		return list[i:]
	}
	matches := match()
	if f.moving && len(matches) > 0 {
		// A clerk edits a document while the caller pages: it moves to the end.
		d := matches[s.faultRNG.IntN(len(matches))]
		s.touch(d)
		matches = match()
	}
	p := page
	if f.duplicate && page > 1 {
		p = page - 1
	}
	items := []listItem{}
	if off := (p - 1) * size; off < len(matches) {
		for _, d := range matches[off:min(off+size, len(matches))] {
			items = append(items, listItem{
				ID: d.ID, Notation: d.Notation, Subject: d.Subject,
				Date: d.Date.Format(layoutDate), UpdatedAt: d.UpdatedAt.In(connectors.Zone).Format(layoutDateTime),
				Type: d.Type, Urgency: d.Urgency, Secrecy: d.Secrecy,
			})
		}
	}
	return ok(searchData{Items: items, Total: len(matches), Page: page, Size: size})
}

// touch records a change to d now; mu held.
func (s *Sim) touch(d *Document) {
	d.Version++
	d.UpdatedAt = s.nextUpdateTime()
	s.dirty = true
}

func (s *Sim) detail(r *http.Request, _ *fate) reply {
	id, valid := pathID(r)
	if !valid {
		return fail(http.StatusBadRequest, "Mã văn bản không hợp lệ")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, found := s.docs[id]
	if !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d", id))
	}
	if s.broken[id] {
		return fail(http.StatusInternalServerError, "Lỗi hệ thống")
	}
	info := docInfo{
		ID: d.ID, Notation: d.Notation, Subject: d.Subject, Type: d.Type,
		IssuerName: d.IssuerName, IssuerCode: d.IssuerCode,
		Date:      d.Date.Format(layoutDate),
		IssuedAt:  d.IssuedAt.In(connectors.Zone).Format(layoutDateTime),
		UpdatedAt: d.UpdatedAt.In(connectors.Zone).Format(layoutDateTime),
		Signer:    d.Signer, SignerTitle: d.SignerTitle, DirectingLeader: d.DirectingLeader,
		Drafter: d.Drafter, SubmittingUnit: d.SubmittingUnit, Urgency: d.Urgency, Secrecy: d.Secrecy,
		Recipients: d.Recipients, Tracker: d.Tracker, Version: d.Version, State: d.State,
	}
	if !d.Due.IsZero() {
		info.Due = d.Due.In(connectors.Zone).Format(layoutDate)
	}
	if !d.BodyOnlyInPDF {
		info.Body = d.Body
	}
	if d.ReplacedBy != 0 {
		rb := d.ReplacedBy
		info.ReplacedBy = &rb
	}
	data := detailData{Info: info, Files: []fileInfo{}, Related: []relatedInfo{}, HasEdxml: d.HasEdxml}
	for i := range d.Files {
		f := &d.Files[i]
		size, sum, err := s.fileMeta(fileRef{doc: d, file: f})
		if err != nil {
			return fail(http.StatusInternalServerError, "Không đọc được tệp đính kèm: "+err.Error())
		}
		data.Files = append(data.Files, fileInfo{ID: f.ID, Name: f.Name, Mime: f.Mime, Size: size, SHA256: sum})
	}
	for _, rid := range d.Related {
		if o, ok := s.docs[rid]; ok {
			data.Related = append(data.Related, relatedInfo{ID: o.ID, Notation: o.Notation, Date: o.Date.Format(layoutDate)})
		}
	}
	return ok(data)
}

func (s *Sim) edxml(r *http.Request, _ *fate) reply {
	id, valid := pathID(r)
	if !valid {
		return fail(http.StatusBadRequest, "Mã văn bản không hợp lệ")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, found := s.docs[id]
	switch {
	case !found:
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d", id))
	case !d.HasEdxml:
		return fail(http.StatusNotFound, fmt.Sprintf("Văn bản %d không có gói edXML", id))
	case d.Secret():
		return fail(http.StatusForbidden, "Văn bản mật: không được tải gói edXML")
	}
	var body []byte
	var err error
	switch {
	case d.HostileEdxml:
		body = edxmlBomb(d)
	case d.EdxmlStatus != "":
		body = s.buildEdxmlStatus(d)
	default:
		body, err = s.buildEdxml(d)
		if err == nil && s.opts.SignEdxml != nil {
			body, err = s.opts.SignEdxml(body)
		}
		if err != nil {
			return fail(http.StatusInternalServerError, "Không tạo được gói edXML: "+err.Error())
		}
	}
	h := http.Header{}
	h.Set("Content-Type", "application/xml; charset=utf-8")
	return reply{status: http.StatusOK, header: h, body: body}
}

func (s *Sim) download(r *http.Request, _ *fate) reply {
	id, valid := pathID(r)
	if !valid {
		return fail(http.StatusBadRequest, "Mã tệp không hợp lệ")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ref, found := s.files[id]
	if !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy tệp %d", id))
	}
	if ref.doc.Secret() {
		return fail(http.StatusForbidden, "Văn bản mật: không được tải tệp đính kèm")
	}
	h := http.Header{}
	h.Set("Content-Type", ref.file.Mime)
	switch {
	case ref.file.Disposition != "":
		h.Set("Content-Disposition", ref.file.Disposition)
	case ref.file.Name != "":
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ref.file.Name}))
	}
	s.stats.Downloads++
	if ref.file.Kind == FileHuge {
		size := s.faults.HugeFileSize
		return reply{status: http.StatusOK, header: h, stream: &hugeReader{size: size}, length: size}
	}
	b, err := s.fileBytes(ref)
	if err != nil {
		return fail(http.StatusInternalServerError, "Không đọc được tệp: "+err.Error())
	}
	return reply{status: http.StatusOK, header: h, body: b}
}

// taskEqual compares the adapter-owned fields of two records.
func taskEqual(a, b *Task) bool {
	x, y := *a, *b
	x.Version, y.Version = 0, 0
	x.RegisteredAt, y.RegisteredAt = "", ""
	x.LastChangedAt, y.LastChangedAt = "", ""
	return reflect.DeepEqual(normaliseTask(x), normaliseTask(y))
}

func normaliseTask(t Task) Task {
	if len(t.Coordinating) == 0 {
		t.Coordinating = nil
	}
	return t
}

func (s *Sim) putTask(r *http.Request, _ *fate) reply {
	key := r.PathValue("key")
	if strings.TrimSpace(key) == "" {
		return fail(http.StatusBadRequest, "Thiếu maNhiemVu")
	}
	var t Task
	if err := decodeBody(r, &t); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	if t.Key == "" {
		t.Key = key
	}
	if t.Key != key {
		return fail(http.StatusBadRequest, fmt.Sprintf("maNhiemVu %q trong nội dung khác đường dẫn %q", t.Key, key))
	}
	if t.Due != "" {
		if _, err := time.ParseInLocation(layoutDateTime, t.Due, connectors.Zone); err != nil {
			return fail(http.StatusBadRequest, "hanXuLy phải có dạng dd/MM/yyyy HH:mm:ss")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, found := s.docs[t.DocumentID]
	if !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d (idVanBan)", t.DocumentID))
	}
	now := s.now().Format(layoutDateTime)
	s.stats.TaskPuts++
	old, exists := s.tasks[key]
	switch {
	case exists && taskEqual(old, &t):
		return ok(*old)
	case exists:
		t.Version = old.Version + 1
		t.RegisteredAt = old.RegisteredAt
	default:
		t.Version = 1
		t.RegisteredAt = now
	}
	t.LastChangedAt = now
	s.tasks[key] = &t
	s.stats.TaskChanges++
	if !exists {
		s.onRegistered(&t, doc)
	}
	return ok(t)
}

func (s *Sim) getTask(r *http.Request, _ *fate) reply {
	key := r.PathValue("key")
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.tasks[key]
	if !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy nhiệm vụ %q", key))
	}
	return ok(*t)
}

func (s *Sim) feed(r *http.Request, _ *fate) reply {
	from, err := queryInt(r, "tuId", 1)
	if err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	size, err := queryInt(r, "size", 100)
	if err != nil || size < 1 {
		return fail(http.StatusBadRequest, "Tham số size phải là số nguyên từ 1")
	}
	size = min(size, s.opts.MaxPageSize)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.promote()
	items := []Action{}
	i := sort.Search(len(s.actions), func(i int) bool { return s.actions[i].ID >= int64(from) })
	for ; i < len(s.actions) && len(items) < size; i++ {
		items = append(items, s.actions[i])
	}
	return ok(feedData{Items: items, Size: size})
}

func (s *Sim) postComment(r *http.Request, _ *fate) reply {
	id, valid := pathID(r)
	if !valid {
		return fail(http.StatusBadRequest, "Mã văn bản không hợp lệ")
	}
	var req commentRequest
	if err := decodeBody(r, &req); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	if strings.TrimSpace(req.Content) == "" {
		return fail(http.StatusBadRequest, "Thiếu noiDung")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.docs[id]; !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d", id))
	}
	c := Comment{ID: s.nextComment, Content: req.Content, At: s.now().Format(layoutDateTime), By: s.opts.Username, DocumentID: id}
	s.nextComment++
	s.comments[id] = append(s.comments[id], c)
	s.stats.CommentPosts++
	return ok(c)
}

func (s *Sim) listComments(r *http.Request, _ *fate) reply {
	id, valid := pathID(r)
	if !valid {
		return fail(http.StatusBadRequest, "Mã văn bản không hợp lệ")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.docs[id]; !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d", id))
	}
	return ok(append([]Comment{}, s.comments[id]...))
}

func (s *Sim) receiveStatus(r *http.Request, _ *fate) reply {
	var req receiveStatusRequest
	if err := decodeBody(r, &req); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	id, err := req.ID.Int64()
	if err != nil {
		return fail(http.StatusBadRequest, "id không hợp lệ")
	}
	switch req.StatusCode {
	case "01", "02", "03", "04", "05", "06":
	default:
		return fail(http.StatusBadRequest, "statusCode phải từ 01 đến 06")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, found := s.docs[id]
	if !found {
		return fail(http.StatusNotFound, fmt.Sprintf("Không tìm thấy văn bản %d", id))
	}
	if d.Direction != Incoming {
		return fail(http.StatusBadRequest, fmt.Sprintf("Văn bản %d không phải văn bản đến", id))
	}
	d.ReceiveStatus = req.StatusCode
	s.stats.ReceiveStatuses++
	return ok(map[string]any{"id": id, "statusCode": req.StatusCode})
}

func (s *Sim) units(_ *http.Request, _ *fate) reply { return ok(s.dir.all) }
