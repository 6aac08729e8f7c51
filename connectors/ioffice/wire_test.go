package ioffice

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
)

func TestParseWireTime(t *testing.T) {
	t.Parallel()
	z := connectors.Zone
	tests := []struct {
		in      string
		want    time.Time
		hasTime bool
		bad     bool
	}{
		{"", time.Time{}, false, false},
		{"10/03/2026", time.Date(2026, 3, 10, 0, 0, 0, 0, z), false, false},
		{"1/3/2026", time.Date(2026, 3, 1, 0, 0, 0, 0, z), false, false},
		{"10/03/2026 14:30:05", time.Date(2026, 3, 10, 14, 30, 5, 0, z), true, false},
		{" 10/03/2026  16:00 ", time.Date(2026, 3, 10, 16, 0, 0, 0, z), true, false},
		{"31/12/2026 23:59:59", time.Date(2026, 12, 31, 23, 59, 59, 0, z), true, false},
		{"31/02/2026", time.Time{}, false, true},
		{"2026-03-10", time.Time{}, false, true},
		{"10/03/26", time.Time{}, false, true},
		{"10/03/2026 25:00:00", time.Time{}, false, true},
		{"aa/bb/cccc", time.Time{}, false, true},
		{"10/03/2026T14:30", time.Time{}, false, true},
	}
	for _, tt := range tests {
		got, hasTime, err := parseWireTime(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("parseWireTime(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) || hasTime != tt.hasTime {
			t.Errorf("parseWireTime(%q) = %v, %v, %v; want %v, %v", tt.in, got, hasTime, err, tt.want, tt.hasTime)
		}
		if !got.IsZero() && got.Location() != z {
			t.Errorf("parseWireTime(%q) location %v, want %v", tt.in, got.Location(), z)
		}
	}
}

func TestDecodeTolerantFields(t *testing.T) {
	t.Parallel()
	// Numbers as strings, a numeric status code, an unreadable optional date.
	body := `{"status":{"code":0,"message":"OK"},"data":{"thongTinVanBan":{"id":"42","soKyHieu":"Số: 7/CV-UBND",
	"ngayCapNhat":"10/03/2026 08:00:00","hanXuLy":"31/02/2026","doMat":"Mật","version":"3","trangThai":"THAY_THE","thayTheBoi":43},
	"fileDinhKem":[{"id":1,"name":"a.pdf","size":"10","sha256":"ABC"},{"name":"no id"},{"id":"f1001-dd0190","name":"b.pdf"},{"id":"1002"}],"hasEdxml":"1"}}`
	data, code, _, err := decodeEnvelope([]byte(body))
	if err != nil || code != "0" {
		t.Fatalf("envelope: %v %q", err, code)
	}
	doc, issues, err := decodeDetail(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != 42 || doc.Number != "7" || doc.Notation != "CV-UBND" || doc.Version != 3 || doc.State != connectors.StateReplaced ||
		doc.ReplacedBy != 43 || !doc.HasEdxml || !doc.Secret() || len(doc.Attachments) != 3 || doc.Attachments[0].SHA256 != "abc" {
		t.Errorf("doc = %+v", doc)
	}
	// The spec gives file ids no type: numbers, numeric strings and GUIDs are kept as written.
	if ids := []string{doc.Attachments[0].ID, doc.Attachments[1].ID, doc.Attachments[2].ID}; ids[0] != "1" || ids[1] != "f1001-dd0190" || ids[2] != "1002" {
		t.Errorf("file ids %q", ids)
	}
	if !doc.DueDate.IsZero() || len(issues) != 2 {
		t.Errorf("bad hanXuLy should be dropped and reported: due %v issues %v", doc.DueDate, issues)
	}
}

func TestDecodeSearchRequiresUpdatedAt(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		`{"items":[{"id":1}]}`,
		`{"items":[{"id":1,"ngayCapNhat":"hôm qua"}]}`,
		`{"items":[{"ngayCapNhat":"10/03/2026 08:00:00"}]}`,
		`null`,
	} {
		if _, _, err := decodeSearch(json.RawMessage(data)); !errors.Is(err, errMalformed) {
			t.Errorf("decodeSearch(%s) err = %v, want malformed", data, err)
		}
	}
}

// searchPageJSON builds a realistic search answer of n items.
func searchPageJSON(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"status":{"code":"0","message":"OK"},"data":{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"soKyHieu":"%d/TB-UBND","trichYeu":"Thông báo kết luận của đồng chí Chủ tịch UBND tỉnh tại buổi làm việc với Sở Tài chính về tình hình giải ngân vốn đầu tư công","ngayVanBan":"10/03/2026","ngayCapNhat":"10/03/2026 08:%02d:%02d","loaiVanBan":"Thông báo","doKhan":"Khẩn","doMat":"Thường"}`,
			1000+i, 40+i, i/60, i%60)
	}
	fmt.Fprintf(&b, `],"total":%d,"page":1,"size":%d}}`, n*3, n)
	return []byte(b.String())
}

func BenchmarkDecodeSearchPage50(b *testing.B) {
	body := searchPageJSON(50)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		data, _, _, err := decodeEnvelope(body)
		if err != nil {
			b.Fatal(err)
		}
		p, _, err := decodeSearch(data)
		if err != nil || len(p.Items) != 50 {
			b.Fatalf("%v %d", err, len(p.Items))
		}
	}
}

// The fuzz targets check that no answer, however broken, panics the decoder,
// and that what is accepted keeps the invariants paging relies on.

func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"status":{"code":"0","message":"OK"},"data":null}`,
		`{"status":{"code":401,"message":"x"}}`,
		`{"status":null}`, `[]`, `{`, `{"status":{"code":{}}}`, "\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		data, code, _, err := decodeEnvelope(b)
		if err != nil {
			if !errors.Is(err, errMalformed) {
				t.Fatalf("error not classed malformed: %v", err)
			}
			return
		}
		_ = data
		_ = code
	})
}

func FuzzDecodeSearch(f *testing.F) {
	f.Add(searchPageJSON(3))
	f.Add([]byte(`{"status":{"code":"0"},"data":{"items":[{"id":"7","ngayCapNhat":"1/1/2026 0:0:0"}],"total":"x"}}`))
	f.Add([]byte(`{"status":{"code":"0"},"data":{"items":null}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		data, _, _, err := decodeEnvelope(b)
		if err != nil {
			return
		}
		p, _, err := decodeSearch(data)
		if err != nil {
			if !errors.Is(err, errMalformed) {
				t.Fatalf("error not classed malformed: %v", err)
			}
			return
		}
		for _, it := range p.Items {
			if it.ID <= 0 || it.UpdatedAt.IsZero() || it.UpdatedAt.Location() != connectors.Zone {
				t.Fatalf("accepted an item paging cannot use: %+v", it)
			}
		}
	})
}

func FuzzDecodeDetail(f *testing.F) {
	f.Add([]byte(`{"status":{"code":"0"},"data":{"thongTinVanBan":{"id":1,"soKyHieu":"45/TB-UBND","ngayCapNhat":"10/03/2026 08:00:00","trangThai":"BAN_HANH"},"fileDinhKem":[{"id":2,"name":"../a.pdf"}],"vanBanLienQuan":[{"id":3}],"hasEdxml":true}}`))
	f.Add([]byte(`{"status":{"code":"0"},"data":{"thongTinVanBan":{"id":"x"}}}`))
	f.Add([]byte(`{"status":{"code":"0"},"data":{"thongTinVanBan":null}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		data, _, _, err := decodeEnvelope(b)
		if err != nil {
			return
		}
		d, _, err := decodeDetail(data)
		if err != nil {
			if !errors.Is(err, errMalformed) {
				t.Fatalf("error not classed malformed: %v", err)
			}
			return
		}
		if d.ID <= 0 {
			t.Fatalf("accepted a document without id: %+v", d)
		}
		switch d.State {
		case connectors.StateIssued, connectors.StateWithdrawn, connectors.StateReplaced:
		default:
			t.Fatalf("state %q outside the vocabulary", d.State)
		}
	})
}
