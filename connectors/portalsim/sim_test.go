package portalsim

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"cddh-sync/connectors"
)

func TestDeterministicData(t *testing.T) {
	t.Parallel()
	dump := func(seed uint64) string {
		b := setup(t, Options{Seed: seed, Documents: 120})
		var out strings.Builder
		for _, loai := range []string{"DI", "DEN"} {
			for page := 1; ; page++ {
				_, data, err := b.do(t, "GET", searchPath(loai, "", page, 25), nil)
				if err != nil {
					t.Fatal(err)
				}
				out.Write(data)
				var env struct {
					Data searchData `json:"data"`
				}
				if err := json.Unmarshal(data, &env); err != nil {
					t.Fatal(err)
				}
				if len(env.Data.Items) == 0 {
					break
				}
				for _, it := range env.Data.Items {
					_, d, err := b.do(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", it.ID), nil)
					if err != nil {
						t.Fatal(err)
					}
					out.Write(d)
				}
			}
		}
		return out.String()
	}
	a, again, other := dump(42), dump(42), dump(43)
	if a != again {
		t.Fatal("the same seed produced different search or detail JSON")
	}
	if a == other {
		t.Fatal("different seeds produced identical data")
	}
}

func TestGeneratedCorpus(t *testing.T) {
	t.Parallel()
	s, err := New(Options{Seed: 3, Documents: 400})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	var secret, withdrawn, replaced, linked, cited, pdfOnly, edxml, reports int
	for _, id := range s.DocumentIDs() {
		d, _ := s.Document(id)
		types[d.Type]++
		for _, text := range []string{d.Body, d.Subject, d.Recipients} {
			if !norm.NFC.IsNormalString(text) {
				t.Fatalf("document %d has text not in NFC", id)
			}
		}
		if d.Secret() {
			secret++
			if d.Body == "" || !strings.Contains(d.Body, "Số: "+d.Notation) {
				t.Errorf("secret document %d has no document-like body", id)
			}
		}
		switch d.State {
		case StateWithdrawn:
			withdrawn++
		case StateReplaced:
			replaced++
		}
		if d.Direction == Incoming && strings.HasPrefix(d.Subject, "Báo cáo") || strings.Contains(d.Subject, "báo cáo kết quả") {
			reports++
			if len(d.Related) > 0 {
				linked++
			} else if regexp.MustCompile(`số \d+/[^ ]+ ngày \d{1,2}/\d{1,2}/\d{4}`).MatchString(d.Subject) {
				cited++
			}
		}
		if d.BodyOnlyInPDF {
			pdfOnly++
		}
		if d.HasEdxml {
			edxml++
		}
		if d.Date.Location() != connectors.Zone && d.Date.Location().String() != connectors.Zone.String() {
			t.Errorf("document %d date not in Asia/Ho_Chi_Minh", id)
		}
	}
	for _, typ := range []string{"Công văn", "Thông báo", "Chỉ thị", "Kế hoạch", "Quyết định", "Công điện", "Báo cáo"} {
		if types[typ] == 0 {
			t.Errorf("no %s generated (types %v)", typ, types)
		}
	}
	for name, n := range map[string]int{"secret": secret, "withdrawn": withdrawn, "replaced": replaced,
		"linked reports": linked, "reports cited only in trichYeu": cited, "PDF-only bodies": pdfOnly, "edXML": edxml} {
		if n == 0 {
			t.Errorf("no %s documents among 400", name)
		}
	}
	// A replaced document names its replacement, which cites it.
	for _, id := range s.DocumentIDs() {
		d, _ := s.Document(id)
		if d.State != StateReplaced {
			continue
		}
		r, ok := s.Document(d.ReplacedBy)
		if !ok || !strings.Contains(r.Body, d.Notation) {
			t.Errorf("replaced document %d: thayTheBoi %d does not cite %s", id, d.ReplacedBy, d.Notation)
		}
	}
}

func TestSearchPaging(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 5, Documents: 150, MaxPageSize: 7})

	// A cap smaller than asked: fewer items, and data.size says the cap.
	var first searchData
	b.call(t, "GET", searchPath("DI", "", 1, 50), nil, &first)
	if first.Size != 7 || len(first.Items) != 7 {
		t.Fatalf("size cap: got size %d with %d items, want 7", first.Size, len(first.Items))
	}
	all := b.searchAll(t, "DI", "", 50)
	if len(all) != first.Total {
		t.Fatalf("paged %d items, total says %d", len(all), first.Total)
	}
	seen := map[int64]bool{}
	for i, it := range all {
		if seen[it.ID] {
			t.Fatalf("document %d served twice without changes", it.ID)
		}
		seen[it.ID] = true
		if i > 0 {
			prev := all[i-1]
			pt, _ := time.ParseInLocation(layoutDateTime, prev.UpdatedAt, connectors.Zone)
			ct, _ := time.ParseInLocation(layoutDateTime, it.UpdatedAt, connectors.Zone)
			if ct.Before(pt) || ct.Equal(pt) && it.ID < prev.ID {
				t.Fatalf("order broken at %d: %v/%d after %v/%d", i, ct, it.ID, pt, prev.ID)
			}
		}
	}
	// tuNgayCapNhat is inclusive to the second.
	mid := all[len(all)/2]
	from := b.searchAll(t, "DI", mid.UpdatedAt, 50)
	if len(from) == 0 || from[0].UpdatedAt != mid.UpdatedAt {
		t.Fatalf("search from %s does not start with that second: %+v", mid.UpdatedAt, from[:1])
	}
	want := 0
	m, _ := time.ParseInLocation(layoutDateTime, mid.UpdatedAt, connectors.Zone)
	for _, it := range all {
		if at, _ := time.ParseInLocation(layoutDateTime, it.UpdatedAt, connectors.Zone); !at.Before(m) {
			want++
		}
	}
	if len(from) != want {
		t.Fatalf("search from %s: %d items, want %d", mid.UpdatedAt, len(from), want)
	}
	// A touched document moves to the end.
	if err := b.sim.Touch(all[0].ID); err != nil {
		t.Fatal(err)
	}
	again := b.searchAll(t, "DI", "", 50)
	if again[len(again)-1].ID != all[0].ID {
		t.Fatalf("touched document %d is not last", all[0].ID)
	}

	for _, tc := range []struct{ name, path string }{
		{"bad loai", "/document/search/?loai=XX"},
		{"bad date", "/document/search/?loai=DI&tuNgayCapNhat=2026-01-01"},
		{"page zero", "/document/search/?loai=DI&page=0"},
		{"size zero", "/document/search/?loai=DI&size=0"},
	} {
		if code, status := b.status(t, "GET", tc.path, nil); code != 400 || status != "400" {
			t.Errorf("%s: got HTTP %d code %q, want 400", tc.name, code, status)
		}
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{TokenTTL: 10 * time.Minute})
	if code, status := b.status(t, "GET", "/shared/unit/get_all/", nil); code != 200 || status != "0" {
		t.Fatalf("fresh token: HTTP %d code %q", code, status)
	}
	b.clock.Advance(10 * time.Minute)
	if code, status := b.status(t, "GET", "/shared/unit/get_all/", nil); code != 200 || status != "401" {
		t.Fatalf("expired token: HTTP %d code %q, want 200 with code 401", code, status)
	}
	b.token = "not-a-token"
	if code, _ := b.status(t, "GET", "/shared/unit/get_all/", nil); code != 401 {
		t.Fatalf("unknown token: HTTP %d, want 401", code)
	}
	resp, err := http.Post(b.url("/login/v3/"), "application/json", strings.NewReader(`{"username":"cddh","password":"wrong"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("wrong password: HTTP %d", resp.StatusCode)
	}
	b.token = b.login(t)
	var units []Unit
	b.call(t, "GET", "/shared/unit/get_all/", nil, &units)
	if len(units) != 117 {
		t.Fatalf("unit directory: %d units, want 117", len(units))
	}
}

func TestDetailAndFiles(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 9, Documents: 300})
	var checkedPDFOnly, checkedSecret, checkedEdxml, checkedRelated bool
	for _, id := range b.sim.DocumentIDs() {
		doc, _ := b.sim.Document(id)
		var det detailData
		b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", id), nil, &det)
		if det.Info.Version != doc.Version || det.Info.State != doc.State || det.Info.Notation != doc.Notation {
			t.Fatalf("detail %d does not match the record", id)
		}
		if len(det.Files) == 0 {
			t.Fatalf("detail %d has no file", id)
		}
		if doc.Secret() {
			if code, _ := b.status(t, "GET", fmt.Sprintf("/file/download/%d/", det.Files[0].ID), nil); code != 403 {
				t.Fatalf("secret %d: download HTTP %d, want 403", id, code)
			}
			checkedSecret = true
			continue
		}
		if len(det.Related) > 0 && !checkedRelated {
			checkedRelated = det.Related[0].Notation != ""
		}
		if doc.BodyOnlyInPDF && !checkedPDFOnly {
			if det.Info.Body != "" {
				t.Fatalf("doc %d: noiDung should be empty", id)
			}
			resp, pdf, err := b.do(t, "GET", fmt.Sprintf("/file/download/%d/", det.Files[0].ID), nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
			_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
			if err != nil || params["filename"] != det.Files[0].Name {
				t.Fatalf("Content-Disposition %q: %v", resp.Header.Get("Content-Disposition"), err)
			}
			if int64(len(pdf)) != det.Files[0].Size || sha(pdf) != det.Files[0].SHA256 {
				t.Fatal("downloaded bytes differ from the size/sha256 in the detail")
			}
			// Lines were wrapped at spaces: compare the words.
			if got, want := strings.Fields(pdfText(t, pdf)), strings.Fields(doc.Body); !slices.Equal(got, want) {
				t.Fatalf("PDF text layer differs from the body:\n%q\n%q", got[:min(30, len(got))], want[:min(30, len(want))])
			}
			checkedPDFOnly = true
		}
		if det.HasEdxml && !checkedEdxml {
			resp, x, err := b.do(t, "GET", fmt.Sprintf("/shared/integration/doc/edxml/%d/", id), nil)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("edxml %d: %v %v", id, resp.StatusCode, err)
			}
			checkEdxml(t, x, doc)
			checkedEdxml = true
		}
	}
	if !checkedPDFOnly || !checkedSecret || !checkedEdxml || !checkedRelated {
		t.Fatalf("corpus lacks a case: pdf-only %v secret %v edxml %v related %v", checkedPDFOnly, checkedSecret, checkedEdxml, checkedRelated)
	}
	if code, status := b.status(t, "GET", "/document/getdetaildocument/999999/", nil); code != 404 || status != "404" {
		t.Fatalf("unknown document: HTTP %d %q", code, status)
	}
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// pdfText inflates each content stream and decodes the hex strings drawn with Tj,
// the way a text extractor with the ToUnicode map would (codes are code points).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) || !bytes.Contains(pdf, []byte("/ToUnicode")) {
		t.Fatal("not a PDF with a ToUnicode map")
	}
	var lines []string
	streams := regexp.MustCompile(`(?s)/FlateDecode /Length (\d+) >>\nstream\n`)
	for _, m := range streams.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		for _, hm := range regexp.MustCompile(`<([0-9A-F]*)> Tj`).FindAllSubmatch(content, -1) {
			raw, _ := hex.DecodeString(string(hm[1]))
			var rs []rune
			for i := 0; i+1 < len(raw); i += 2 {
				rs = append(rs, rune(raw[i])<<8|rune(raw[i+1]))
			}
			lines = append(lines, string(rs))
		}
	}
	// Undo the wrapping: wrapped lines were split at a space.
	text := strings.Join(lines, "\n")
	return strings.TrimRight(text, "\n")
}

func checkEdxml(t *testing.T, x []byte, doc Document) {
	t.Helper()
	var root struct {
		XMLName xml.Name
		Env     struct {
			Header struct {
				Msg struct {
					From struct {
						OrganID string `xml:"OrganId"`
					} `xml:"From"`
					Code struct {
						Number   string `xml:"CodeNumber"`
						Notation string `xml:"CodeNotation"`
					} `xml:"Code"`
					Subject string `xml:"Subject"`
					Signer  struct {
						FullName string `xml:"FullName"`
					} `xml:"SignerInfo"`
					Priority string `xml:"OtherInfo>Priority"`
				} `xml:"MessageHeader"`
			} `xml:"edXMLHeader"`
			Manifest []struct {
				ContentID string `xml:"ContentId"`
			} `xml:"edXMLBody>edXMLManifest>Reference"`
		} `xml:"edXMLEnvelope"`
		Atts []struct {
			ContentID string `xml:"ContentId"`
			Name      string `xml:"AttachmentName"`
			Data      string `xml:"ContentTransferEncoded"`
		} `xml:"AttachmentEncoded>Attachment"`
	}
	if err := xml.Unmarshal(x, &root); err != nil {
		t.Fatalf("edXML of %d does not parse: %v", doc.ID, err)
	}
	// The official layout: edXML > edXMLEnvelope, AttachmentEncoded at the root.
	if root.XMLName.Space != EdxmlNamespace || root.XMLName.Local != "edXML" {
		t.Fatalf("edXML root %v", root.XMLName)
	}
	m := root.Env.Header.Msg
	if m.From.OrganID != doc.IssuerCode || m.Code.Number+"/"+m.Code.Notation != doc.Notation || m.Subject != doc.Subject || m.Signer.FullName != doc.Signer {
		t.Fatalf("edXML header %+v does not match document %d", m, doc.ID)
	}
	if len(root.Atts) == 0 || len(root.Env.Manifest) != len(root.Atts) {
		t.Fatalf("edXML has %d attachments, %d manifest references", len(root.Atts), len(root.Env.Manifest))
	}
	for i, a := range root.Atts {
		if !strings.HasPrefix(a.ContentID, "cid:") || root.Env.Manifest[i].ContentID != a.ContentID {
			t.Fatalf("attachment %d ContentId %q, manifest %q", i, a.ContentID, root.Env.Manifest[i].ContentID)
		}
	}
	data, err := base64.StdEncoding.DecodeString(root.Atts[0].Data)
	if err != nil || !(bytes.HasPrefix(data, []byte("%PDF")) || bytes.HasPrefix(data, []byte("PK"))) {
		t.Fatalf("attachment %q is not base64 PDF or zip: %v", root.Atts[0].Name, err)
	}
}

func TestTaskRegister(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 1})
	doc := b.sim.DocumentIDs()[0]
	task := map[string]any{
		"maNhiemVu": "T-1", "idVanBan": doc, "soKyHieu": "45/TB-UBND", "noiDung": "Rà soát danh mục",
		"donViChuTri":  map[string]string{"maDinhDanh": "000.00.12.H20", "ten": "Sở Tài chính"},
		"donViPhoiHop": []map[string]string{}, "hanXuLy": "20/03/2026 23:59:59",
		"trangThai": "Chưa thực hiện trong hạn", "soLanGiaHan": 0, "ghiChu": "",
		"chuKySo": map[string]string{"ketQua": "TOTAL_PASSED", "nguoiKy": "Trần Minh Khoa"},
	}
	var got Task
	b.call(t, "PUT", "/cddh/nhiemvu/T-1/", task, &got)
	if got.Version != 1 {
		t.Fatalf("first PUT: version %d", got.Version)
	}
	b.call(t, "PUT", "/cddh/nhiemvu/T-1/", task, &got)
	if got.Version != 1 {
		t.Fatalf("identical PUT changed the version to %d", got.Version)
	}
	task["trangThai"] = "Chờ xác nhận"
	b.call(t, "PUT", "/cddh/nhiemvu/T-1/", task, &got)
	if got.Version != 2 || got.Status != "Chờ xác nhận" {
		t.Fatalf("changed PUT: %+v", got)
	}
	var read Task
	b.call(t, "GET", "/cddh/nhiemvu/T-1/", nil, &read)
	if read.Version != 2 || read.Lead.Code != "000.00.12.H20" || read.Signature == nil || read.Signature.Result != "TOTAL_PASSED" {
		t.Fatalf("GET: %+v", read)
	}
	if st := b.sim.Stats(); st.TaskPuts != 3 || st.TaskChanges != 2 {
		t.Fatalf("stats %+v", st)
	}
	for _, tc := range []struct {
		name   string
		path   string
		change func(map[string]any)
		code   int
	}{
		{"key mismatch", "/cddh/nhiemvu/T-2/", func(m map[string]any) {}, 400},
		{"unknown document", "/cddh/nhiemvu/T-1/", func(m map[string]any) { m["idVanBan"] = 1 }, 404},
		{"date only hanXuLy", "/cddh/nhiemvu/T-1/", func(m map[string]any) { m["hanXuLy"] = "20/03/2026" }, 400},
	} {
		m := map[string]any{}
		for k, v := range task {
			m[k] = v
		}
		tc.change(m)
		if code, _ := b.status(t, "PUT", tc.path, m); code != tc.code {
			t.Errorf("%s: HTTP %d, want %d", tc.name, code, tc.code)
		}
	}
	if code, _ := b.status(t, "GET", "/cddh/nhiemvu/none/", nil); code != 404 {
		t.Errorf("unknown task: HTTP %d", code)
	}
}

func register(t *testing.T, b *bundle, key string, doc int64) {
	t.Helper()
	b.call(t, "PUT", "/cddh/nhiemvu/"+key+"/", map[string]any{
		"maNhiemVu": key, "idVanBan": doc, "noiDung": "x",
		"donViChuTri": map[string]string{"maDinhDanh": "000.00.03.H20", "ten": "Sở Nội vụ"},
		"hanXuLy":     "30/11/2026 23:59:59", "trangThai": "Chưa thực hiện trong hạn",
	}, nil)
}

func TestActionFeed(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{})
	doc := b.sim.DocumentIDs()[0]
	// An action for a task not yet registered stays out of the feed.
	if id, err := b.sim.AppendAction(Action{TaskKey: "K1", Kind: ActionAcknowledge, DocumentID: doc}); err != nil || id != 0 {
		t.Fatalf("held action: id %d err %v", id, err)
	}
	var feed feedData
	b.call(t, "GET", "/cddh/hanhdong/?tuId=1&size=100", nil, &feed)
	if len(feed.Items) != 0 {
		t.Fatalf("feed shows an unregistered task's action: %+v", feed.Items)
	}
	register(t, b, "K1", doc)
	for _, kind := range []string{ActionUrge, ActionExtend} {
		a := Action{TaskKey: "K1", Kind: kind, DocumentID: doc}
		if kind == ActionExtend {
			a.NewDue = "15/12/2026"
		}
		if _, err := b.sim.AppendAction(a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.sim.AppendAction(Action{TaskKey: "K1", Kind: "BOGUS"}); err == nil {
		t.Fatal("unknown hanhDong accepted")
	}
	for _, tc := range []struct {
		from int
		want []int64
	}{{1, []int64{1, 2, 3}}, {2, []int64{2, 3}}, {3, []int64{3}}, {4, nil}} {
		b.call(t, "GET", fmt.Sprintf("/cddh/hanhdong/?tuId=%d&size=100", tc.from), nil, &feed)
		var ids []int64
		for _, a := range feed.Items {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("tuId=%d: ids %v, want %v", tc.from, ids, tc.want)
		}
	}
	b.call(t, "GET", "/cddh/hanhdong/?tuId=1&size=1", nil, &feed)
	if len(feed.Items) != 1 || feed.Items[0].Kind != ActionAcknowledge {
		t.Fatalf("size=1: %+v", feed.Items)
	}
}

func TestAutoClerk(t *testing.T) {
	t.Parallel()
	run := func() []Action {
		b := setup(t, Options{Seed: 11, AutoClerk: true, ClerkStep: time.Minute})
		ids := b.sim.DocumentIDs()
		for i := 0; i < 12; i++ {
			register(t, b, fmt.Sprintf("A-%d", i), ids[i])
		}
		var feed feedData
		b.call(t, "GET", "/cddh/hanhdong/?tuId=1", nil, &feed)
		if len(feed.Items) != 0 {
			t.Fatalf("clerks acted before their time: %+v", feed.Items)
		}
		b.clock.Advance(15 * time.Minute)
		b.call(t, "GET", "/cddh/hanhdong/?tuId=1", nil, &feed)
		return feed.Items
	}
	a, again := run(), run()
	if len(a) < 12 {
		t.Fatalf("only %d clerk actions for 12 tasks", len(a))
	}
	for i, x := range a {
		if x.ID != int64(i+1) {
			t.Fatalf("feed ids not dense: %+v", a)
		}
		if x.Kind == ActionExtend && (x.NewDue == "" || x.DocumentID == 0) {
			t.Fatalf("GIA_HAN without hanMoi or approving document: %+v", x)
		}
	}
	if !slices.Equal(a, again) {
		t.Fatal("automatic clerks are not deterministic")
	}
}

func TestComments(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{})
	doc := b.sim.DocumentIDs()[2]
	path := fmt.Sprintf("/document/comment/%d/", doc)
	for _, text := range []string{"Ghi nhận nhiệm vụ [cddh:reg-1]", "Nhắc hạn [cddh:rem-1]"} {
		b.call(t, "POST", path, map[string]string{"noiDung": text}, nil)
	}
	var list []Comment
	b.call(t, "GET", path, nil, &list)
	if len(list) != 2 || !strings.HasSuffix(list[1].Content, "[cddh:rem-1]") || list[0].By != "cddh" || list[0].At == "" {
		t.Fatalf("comments: %+v", list)
	}
	if code, _ := b.status(t, "POST", path, map[string]string{"noiDung": " "}); code != 400 {
		t.Fatalf("empty comment: HTTP %d", code)
	}
	if st := b.sim.Stats(); st.CommentPosts != 2 || len(b.sim.AllComments()) != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func TestReceiveStatus(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 2, Documents: 100})
	var in, out int64
	for _, id := range b.sim.DocumentIDs() {
		d, _ := b.sim.Document(id)
		if d.Direction == Incoming && in == 0 {
			in = id
		}
		if d.Direction == Issued && out == 0 {
			out = id
		}
	}
	for _, tc := range []struct {
		name string
		body map[string]any
		code int
	}{
		{"accepted", map[string]any{"id": in, "statusCode": "03", "description": "Đã tiếp nhận"}, 200},
		{"issued document", map[string]any{"id": out, "statusCode": "03"}, 400},
		{"bad code", map[string]any{"id": in, "statusCode": "09"}, 400},
		{"unknown", map[string]any{"id": 5, "statusCode": "03"}, 404},
	} {
		if code, _ := b.status(t, "POST", "/shared/integration/doc/receive_status/", tc.body); code != tc.code {
			t.Errorf("%s: HTTP %d, want %d", tc.name, code, tc.code)
		}
	}
	if d, _ := b.sim.Document(in); d.ReceiveStatus != "03" {
		t.Fatalf("status not recorded: %q", d.ReceiveStatus)
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	t.Parallel()
	s, err := New(Options{Documents: 10})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/qlvb/api/shared/unit/get_all/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("no token: HTTP %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}

func TestOptionsValidate(t *testing.T) {
	t.Parallel()
	for _, f := range []Faults{{Error5xx: 1.5}, {Slow: -0.1}, {LostResponse: 2}} {
		if _, err := New(Options{Documents: 5, Faults: f}); err == nil {
			t.Errorf("faults %+v accepted", f)
		}
	}
}

func BenchmarkNew10k(b *testing.B) {
	for b.Loop() {
		if _, err := New(Options{Seed: 1, Documents: 10000}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWithdrawCancelsRegisteredTasks(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 13, AutoClerk: true})
	var doc int64
	for _, id := range b.sim.DocumentIDs() {
		if d, _ := b.sim.Document(id); d.State == StatePromulgated && d.Directive {
			doc = id
			break
		}
	}
	register(t, b, "W-1", doc)
	if err := b.sim.Withdraw(doc); err != nil {
		t.Fatal(err)
	}
	var det detailData
	b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", doc), nil, &det)
	if det.Info.State != StateWithdrawn || det.Info.Version < 2 {
		t.Fatalf("withdrawn detail: %+v", det.Info)
	}
	b.clock.Advance(20 * time.Minute)
	var feed feedData
	b.call(t, "GET", "/cddh/hanhdong/?tuId=1", nil, &feed)
	var cancelled bool
	for _, a := range feed.Items {
		cancelled = cancelled || a.TaskKey == "W-1" && a.Kind == ActionCancel
	}
	if !cancelled {
		t.Fatalf("no HUY for the withdrawn directive's task: %+v", feed.Items)
	}
}

func TestDrivingAPI(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 14, Documents: 30})
	body := "THÔNG BÁO\n1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát; báo cáo UBND tỉnh trước ngày 20/12/2026."
	dir, err := b.sim.AddDirective("Thông báo", "45/TB-UBND", "Kết luận của Chủ tịch UBND tỉnh", body, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := b.sim.AddReport("000.00.12.H20", "12/BC-STC", "Báo cáo kết quả thực hiện Thông báo số 45/TB-UBND", "Báo cáo ...", time.Time{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.sim.AddReport("nope", "1/BC", "x", "x", time.Time{}); err == nil {
		t.Fatal("unknown unit accepted")
	}
	di := b.searchAll(t, "DI", "", 100)
	if di[len(di)-1].ID != dir {
		t.Fatalf("added directive %d is not the newest DI", dir)
	}
	var det detailData
	b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", rep), nil, &det)
	if len(det.Related) != 1 || det.Related[0].ID != dir || det.Related[0].Notation != "45/TB-UBND" || !det.HasEdxml {
		t.Fatalf("report detail: %+v", det)
	}
	if err := b.sim.UpdateDocument(dir, func(d *Document) { d.Body = "Nội dung đã sửa" }); err != nil {
		t.Fatal(err)
	}
	b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", dir), nil, &det)
	if det.Info.Version != 2 || det.Info.Body != "Nội dung đã sửa" {
		t.Fatalf("updated detail: version %d body %q", det.Info.Version, det.Info.Body)
	}
	_, pdf, err := b.do(t, "GET", fmt.Sprintf("/file/download/%d/", det.Files[0].ID), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := pdfText(t, pdf); got != "Nội dung đã sửa" {
		t.Fatalf("PDF after update reads %q", got)
	}
	for _, err := range []error{b.sim.Touch(1), b.sim.Withdraw(1), b.sim.Replace(1, dir), b.sim.Replace(dir, 1)} {
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("unknown id: %v", err)
		}
	}
	if err := b.sim.Replace(di[0].ID, dir); err != nil {
		t.Fatal(err)
	}
	b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", di[0].ID), nil, &det)
	if det.Info.State != StateReplaced || det.Info.ReplacedBy == nil || *det.Info.ReplacedBy != dir {
		t.Fatalf("replaced detail: %+v", det.Info)
	}
}

func TestSignPDFHook(t *testing.T) {
	t.Parallel()
	sign := func(pdf []byte) ([]byte, error) { return append(pdf, "%signed\n"...), nil }
	b := setup(t, Options{Seed: 15, Documents: 10, SignPDF: sign})
	var det detailData
	b.call(t, "GET", "/document/getdetaildocument/1001/", nil, &det)
	_, pdf, err := b.do(t, "GET", fmt.Sprintf("/file/download/%d/", det.Files[0].ID), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(pdf, []byte("%signed\n")) || sha(pdf) != det.Files[0].SHA256 || int64(len(pdf)) != det.Files[0].Size {
		t.Fatal("signed bytes are not what the detail describes")
	}
	failing := setup(t, Options{Seed: 15, Documents: 10, SignPDF: func([]byte) ([]byte, error) { return nil, errors.New("no key") }})
	if code, _ := failing.status(t, "GET", "/document/getdetaildocument/1001/", nil); code != 500 {
		t.Fatalf("failing signer: HTTP %d", code)
	}
}

func TestHugeReaderMatchesDefinition(t *testing.T) {
	t.Parallel()
	for _, size := range []int64{1024, 1025, 4096 + 7, 70000} {
		for _, chunk := range []int{1, 3, 64, 1000, 1 << 16} {
			r := &hugeReader{size: size}
			ref := &hugeReader{size: size}
			var got []byte
			buf := make([]byte, chunk)
			for {
				n, err := r.Read(buf)
				got = append(got, buf[:n]...)
				if err == io.EOF {
					break
				}
			}
			if int64(len(got)) != size {
				t.Fatalf("size %d chunk %d: read %d bytes", size, chunk, len(got))
			}
			for i := range got {
				if got[i] != ref.byteAt(int64(i)) {
					t.Fatalf("size %d chunk %d: byte %d differs", size, chunk, i)
				}
			}
		}
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Documents: 5, Latency: 100 * time.Millisecond})
	start := time.Now()
	b.call(t, "GET", "/shared/unit/get_all/", nil, nil)
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("answer after %v, want at least the 100ms latency", d)
	}
}
