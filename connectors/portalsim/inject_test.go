package portalsim

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestInject scripts faults for exact requests: each strikes the request it was
// put on, in order, and only the endpoint it was put on.
func TestInject(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 31, Documents: 10})
	units := "/shared/unit/get_all/"
	if err := b.sim.Inject("units", Fault503, FaultNone, Fault429, FaultExpireCode); err != nil {
		t.Fatal(err)
	}
	// Another endpoint is not affected.
	if code, env := b.status(t, "GET", "/document/getdetaildocument/1001/", nil); code != 200 || env != "0" {
		t.Fatalf("detail: HTTP %d, code %q", code, env)
	}
	for i, want := range []struct {
		http int
		code string
	}{{503, "503"}, {200, "0"}, {429, "429"}, {200, "401"}, {401, "401"}} {
		if code, env := b.status(t, "GET", units, nil); code != want.http || env != want.code {
			t.Fatalf("units call %d: HTTP %d code %q, want %d %q", i+1, code, env, want.http, want.code)
		}
	}
	b.token = b.login(t)
	if code, env := b.status(t, "GET", units, nil); code != 200 || env != "0" {
		t.Fatalf("after the script: HTTP %d, code %q", code, env)
	}
	if f := b.sim.Stats().Faults; f["5xx"] != 1 || f["429"] != 1 || f["expire_token"] != 1 {
		t.Errorf("stats = %v", f)
	}

	// A cut on a write: applied, then the answer is cut.
	if err := b.sim.Inject("comment_post", FaultCut, FaultLost, FaultMalformed); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		_, _, err := b.do(t, "POST", "/document/comment/1001/", map[string]string{"noiDung": fmt.Sprintf("ghi chú %d", i)})
		if i < 2 && err == nil {
			t.Errorf("comment %d: answered, want the connection lost", i)
		}
	}
	if n := len(b.sim.Comments(1001)); n != 3 {
		t.Errorf("%d comments applied, want 3", n)
	}

	// Faults an endpoint cannot have are refused, as are unknown names.
	for _, bad := range []struct {
		ep string
		f  Fault
	}{{"units", FaultLost}, {"detail", FaultMoving}, {"download", FaultMalformed}, {"login", FaultExpireHTTP}, {"nope", FaultNone}, {"units", Fault("x")}} {
		if err := b.sim.Inject(bad.ep, bad.f); err == nil {
			t.Errorf("Inject(%q, %q) accepted", bad.ep, bad.f)
		}
	}
}

// A scripted duplicate on page 1 has no previous page: the page is served as is.
func TestInjectDuplicateOnFirstPage(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 32, Documents: 10})
	if err := b.sim.Inject("search", FaultDuplicate, FaultDuplicate); err != nil {
		t.Fatal(err)
	}
	var p1, p2 searchData
	b.call(t, "GET", searchPath("DI", "", 1, 2), nil, &p1)
	b.call(t, "GET", searchPath("DI", "", 2, 2), nil, &p2)
	if len(p1.Items) != 2 || len(p2.Items) != 2 || p2.Items[0].ID != p1.Items[0].ID {
		t.Fatalf("page 1 %v, page 2 %v: want page 2 to repeat page 1", p1.Items, p2.Items)
	}
}

func TestEndpointName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ method, path, want string }{
		{"POST", "/qlvb/api/login/v3/", "login"},
		{"GET", "/qlvb/api/document/search/?loai=DI", "search"},
		{"GET", "/qlvb/api/document/getdetaildocument/12/", "detail"},
		{"PUT", "/qlvb/api/cddh/nhiemvu/NV-1/", "task_put"},
		{"GET", "/qlvb/api/cddh/nhiemvu/NV-1/", "task_get"},
		{"POST", "/qlvb/api/document/comment/3/", "comment_post"},
		{"GET", "/qlvb/api/document/comment/3/", "comment_list"},
		{"GET", "/qlvb/api/shared/unit/get_all/", "units"},
		{"DELETE", "/qlvb/api/shared/unit/get_all/", ""},
		{"GET", "/elsewhere/", ""},
	} {
		if got := EndpointName(httptest.NewRequest(tc.method, tc.path, nil)); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}

func TestRemove(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 33, Documents: 10})
	before := b.searchAll(t, "DI", "", 100)
	gone := before[1].ID
	d, _ := b.sim.Document(gone)
	if err := b.sim.Remove(gone); err != nil {
		t.Fatal(err)
	}
	after := b.searchAll(t, "DI", "", 100)
	if len(after) != len(before)-1 || after[1].ID != before[2].ID {
		t.Fatalf("after removing %d: %d items, second %d", gone, len(after), after[1].ID)
	}
	for _, path := range []string{fmt.Sprintf("/document/getdetaildocument/%d/", gone), fmt.Sprintf("/file/download/%d/", d.Files[0].ID)} {
		if code, env := b.status(t, "GET", path, nil); code != 404 || env != "404" {
			t.Errorf("%s: HTTP %d code %q, want 404", path, code, env)
		}
	}
	if err := b.sim.Remove(gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Remove: %v", err)
	}
}

// Files given by the caller: a verbatim Content-Disposition, none at all, and an
// announced checksum that does not match the bytes.
func TestFileDispositionAndAnnouncedChecksum(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 34, Documents: 10})
	raw := []byte("%PDF-1.7\nx\n")
	id, err := b.sim.AddDocument(Document{Notation: "1/TB-UBND", Files: []File{
		{Raw: raw, Disposition: `attachment; filename="..\\a.pdf"`},
		{Raw: raw},
		{Raw: raw, Name: "Thông báo.pdf", SHA256: strings.Repeat("0", 64)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var det detailData
	b.call(t, "GET", fmt.Sprintf("/document/getdetaildocument/%d/", id), nil, &det)
	if len(det.Files) != 3 || det.Files[0].SHA256 != sha(raw) || det.Files[2].SHA256 != strings.Repeat("0", 64) {
		t.Fatalf("files = %+v", det.Files)
	}
	for i, want := range []string{`attachment; filename="..\\a.pdf"`, "", mime.FormatMediaType("attachment", map[string]string{"filename": "Thông báo.pdf"})} {
		resp, data, err := b.do(t, "GET", fmt.Sprintf("/file/download/%d/", det.Files[i].ID), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("Content-Disposition"); got != want || string(data) != string(raw) {
			t.Errorf("file %d: Content-Disposition %q, want %q (%d bytes)", i, got, want, len(data))
		}
	}
}

func TestErrorsOnHTTP200(t *testing.T) {
	t.Parallel()
	b := setup(t, Options{Seed: 35, Documents: 10, ErrorsOnHTTP200: true})
	for _, tc := range []struct {
		path, code string
	}{
		{"/document/getdetaildocument/999999/", "404"},
		{"/document/search/?loai=XX", "400"},
	} {
		if code, env := b.status(t, "GET", tc.path, nil); code != 200 || env != tc.code {
			t.Errorf("%s: HTTP %d code %q, want 200 %q", tc.path, code, env, tc.code)
		}
	}
	b.token = "unknown"
	if code, env := b.status(t, "GET", "/shared/unit/get_all/", nil); code != 200 || env != "401" {
		t.Errorf("unknown token: HTTP %d code %q, want 200 \"401\"", code, env)
	}
	// Faults keep their HTTP status.
	if err := b.sim.SetFaults(Faults{TooMany429: 1}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(b.url("/shared/unit/get_all/"))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 429 {
		t.Errorf("429 fault answered HTTP %d", resp.StatusCode)
	}
}
