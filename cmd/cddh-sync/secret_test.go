package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/store/storetest"
)

// TestSecretAfterTracked: a directive read as ordinary, tracked and pushed back,
// is marked Mật on the portal. The next `sync --once` deletes everything of it down
// to its portal id: its marker phrase is then in neither pg_dump, nor the second
// run's log, nor `tasks` or `report`, and later push-backs say nothing of it.
func TestSecretAfterTracked(t *testing.T) {
	bin := buildBinary(t)
	sim, url := startSim(t, portalsim.Options{Seed: 24, Documents: 20})
	user, pass := sim.Credentials()
	const phrase = "di dời kho đạn Sa Đéc-4417"
	id, err := sim.AddDirective("Công văn", "905/UBND-KT", "V/v phối hợp",
		"Giao Sở Tài chính chủ trì "+phrase+", báo cáo Ủy ban nhân dân tỉnh trước ngày 30/12/2026.",
		time.Now().In(connectors.Zone).Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	dsn := storetest.NewDatabase(t)
	env := defaultEnv(t, url, user, pass, dsn, "CDDH_LOG_LEVEL=debug")
	first := newLogWatch()
	if code := runOnce(t, bin, env, first); code != exitOK {
		t.Fatalf("first sync: exit %d\n%s", code, tail(first.String(), 3000))
	}
	dump := func() []byte {
		out, err := exec.Command("pg_dump", "--data-only", dsn).Output()
		if err != nil {
			t.Fatalf("pg_dump: %v", err)
		}
		return out
	}
	if !bytes.Contains(dump(), []byte(phrase)) {
		t.Fatal("the directive's phrase is not in the store after the first sync; the check proves nothing")
	}
	var tracked int
	_ = pgxQueryRow(dsn, `SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.portal_id = '`+strconv.FormatInt(id, 10)+`'`, &tracked)
	if tracked == 0 {
		t.Fatal("the directive's task was not tracked")
	}

	prefix := strconv.FormatInt(id, 10) + "-"
	pushed := map[string]bool{}
	for k, r := range sim.Tasks() {
		if strings.HasPrefix(k, prefix) && strings.Contains(r.Content, phrase) && r.Due != "" && r.Lead.Name != "" {
			pushed[k] = true
		}
	}
	if len(pushed) == 0 {
		t.Fatal("the directive's task record with its content, lead and deadline is not on the portal; the tombstone check proves nothing")
	}

	if err := sim.Reclassify(id, portalsim.SecrecyConfident); err != nil {
		t.Fatal(err)
	}
	postsBefore := len(sim.Comments(id))
	second := newLogWatch()
	if code := runOnce(t, bin, env, second); code != exitOK {
		t.Fatalf("second sync: exit %d\n%s", code, tail(second.String(), 3000))
	}
	if bytes.Contains(dump(), []byte(phrase)) {
		t.Error("the phrase of a document now secret is still in pg_dump")
	}
	if strings.Contains(second.String(), phrase) {
		t.Error("the phrase of a document now secret is in the log")
	}
	if _, ok := second.find(0, event("sync.secret_purged")); !ok {
		t.Error("no sync.secret_purged line")
	}
	envMap := map[string]string{"CDDH_PORTAL_BASE_URL": url, "CDDH_PORTAL_USERNAME": user, "CDDH_PORTAL_PASSWORD": pass,
		"CDDH_STORE_DSN": dsn, "CDDH_SIGNING_OFFLINE": "true", "CDDH_LOG_FORMAT": "json"}
	for _, args := range [][]string{{"tasks", "--format", "json"}, {"report", "--period", time.Now().In(connectors.Zone).Format("2006"), "--format", "json"}} {
		code, out, errs := runCLI(t, envMap, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d %s", args, code, errs)
		}
		if strings.Contains(out, phrase) || strings.Contains(out, "905/UBND-KT") {
			t.Errorf("%v shows the document now secret", args)
		}
	}
	if got := len(sim.Comments(id)); got != postsBefore {
		t.Errorf("%d comments posted on the document after it was marked secret", got-postsBefore)
	}
	// The portal's task register has no DELETE: each record it held is now a
	// content-free tombstone in the profile's words for cancelled, and a third
	// run leaves it as it is.
	tombs := func() map[string]int {
		versions := map[string]int{}
		for k, r := range sim.Tasks() {
			if !strings.HasPrefix(k, prefix) {
				continue
			}
			versions[k] = r.Version
			raw, _ := json.Marshal(r)
			if !pushed[k] || strings.Contains(string(raw), phrase) || strings.Contains(string(raw), "905/UBND-KT") ||
				r.Content != "" || r.Lead != (portalsim.UnitRef{}) || len(r.Coordinating) != 0 || r.Due != "" ||
				r.Note != "" || r.Signature != nil || r.Extensions != 0 || r.Status != "Đã hủy" {
				t.Errorf("the portal's record %s is not a tombstone: %s", k, raw)
			}
		}
		if len(versions) != len(pushed) {
			t.Errorf("%d records of the directive on the portal, want its %d tombstones", len(versions), len(pushed))
		}
		return versions
	}
	before := tombs()
	third := newLogWatch()
	if code := runOnce(t, bin, env, third); code != exitOK {
		t.Fatalf("third sync: exit %d\n%s", code, tail(third.String(), 3000))
	}
	if after := tombs(); !maps.Equal(before, after) {
		t.Errorf("a later run wrote the tombstones again: versions %v, then %v", before, after)
	}
}
