package portalsim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzSearchQuery sends arbitrary search parameters: the answer is always a JSON
// envelope, 200 with code "0" or 400 with code "400", never a panic.
func FuzzSearchQuery(f *testing.F) {
	for _, seed := range [][4]string{
		{"DI", "", "1", "20"}, {"DEN", "01/11/2026 00:00:00", "2", "5"}, {"DI", "31/02/2026", "0", "-1"},
		{"XX", "2026-01-01T00:00:00", "a", "1e9"}, {"DI", "01/11/2026 25:61:61", "99999999999", "0"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	s, err := New(Options{Seed: 1, Documents: 40, Clock: func() time.Time { return DefaultAnchor() }})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	token := loginRecorder(f, h)
	f.Fuzz(func(t *testing.T, loai, from, page, size string) {
		q := url.Values{"loai": {loai}, "tuNgayCapNhat": {from}, "page": {page}, "size": {size}}
		req := httptest.NewRequest("GET", "/qlvb/api/document/search/?"+q.Encode(), nil)
		req.Header.Set("X-Authentication-Token", token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var env struct {
			Status wireStatus      `json:"status"`
			Data   json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil {
			t.Fatalf("not JSON: %q", rec.Body.String())
		}
		switch {
		case rec.Code == http.StatusOK && env.Status.Code == "0":
			var d searchData
			if err := json.Unmarshal(env.Data, &d); err != nil || d.Size < 1 || d.Size > DefaultMaxPageSize || len(d.Items) > d.Size {
				t.Fatalf("bad page %s: %v", env.Data, err)
			}
		case rec.Code == http.StatusBadRequest && env.Status.Code == "400":
		default:
			t.Fatalf("HTTP %d code %q", rec.Code, env.Status.Code)
		}
	})
}

func loginRecorder(tb testing.TB, h http.Handler) string {
	tb.Helper()
	req := httptest.NewRequest("POST", "/qlvb/api/login/v3/", strings.NewReader(`{"username":"cddh","password":"cddh-demo"}`))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var env struct {
		Data loginData `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || env.Data.Token == "" {
		tb.Fatalf("login: %q", rec.Body.String())
	}
	return env.Data.Token
}

// FuzzTaskPut sends arbitrary task bodies: never a panic, and a stored record
// always reads back equal to what the PUT answered.
func FuzzTaskPut(f *testing.F) {
	f.Add("K-1", `{"maNhiemVu":"K-1","idVanBan":1001,"hanXuLy":"20/03/2026 23:59:59"}`)
	f.Add("K-2", `{"idVanBan":"x"}`)
	f.Add("K 3", `{"maNhiemVu":"K 3","idVanBan":1001,"donViPhoiHop":[{"maDinhDanh":"a"}],"chuKySo":null}`)
	f.Add("", `[]`)
	s, err := New(Options{Seed: 1, Documents: 10, Clock: func() time.Time { return DefaultAnchor() }})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	token := loginRecorder(f, h)
	f.Fuzz(func(t *testing.T, key, body string) {
		path := "/qlvb/api/cddh/nhiemvu/" + url.PathEscape(key) + "/"
		req := httptest.NewRequest("PUT", path, strings.NewReader(body))
		req.Header.Set("X-Authentication-Token", token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 300 && rec.Code < 400 {
			return // the mux redirects unclean paths ("//", "..") to their clean form
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("HTTP %d not JSON: %q", rec.Code, rec.Body.String())
		}
		if rec.Code != http.StatusOK {
			return
		}
		get := httptest.NewRequest("GET", path, nil)
		get.Header.Set("X-Authentication-Token", token)
		rec2 := httptest.NewRecorder()
		h.ServeHTTP(rec2, get)
		if rec2.Code != http.StatusOK || rec2.Body.String() != rec.Body.String() {
			t.Fatalf("read back differs:\n%s\n%s", rec.Body.String(), rec2.Body.String())
		}
	})
}
