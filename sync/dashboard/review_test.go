package dashboard

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rs/zerolog"
	"golang.org/x/crypto/bcrypt"

	"cddh-sync/connectors"
	"cddh-sync/connectors/ioffice"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
	"cddh-sync/sync/engine"
	"cddh-sync/sync/engine/enginetest"
	"cddh-sync/sync/metrics"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
	"cddh-sync/sync/tracking"
)

// lineRules extract one task per line starting "Giao" (rules/extract is tested on
// its corpus; here the review step is what is under test): the unit after "Giao"
// when it is a directory unit, else its written name flagged lead_unrecognised; the
// deadline after "trước ngày"; none flagged no_deadline.
func lineRules(t *testing.T, dir []store.UnitRef) engine.Rules {
	p, err := profile.Load("dong-thap")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tracking.New(p, calendar.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := lineDecider{Rules: tr, dir: dir}
	return engine.Rules{Decider: d, Files: enginetest.Files{}}
}

// lineDecider is the real rules (sync/tracking) but for extraction.
type lineDecider struct {
	*tracking.Rules
	dir []store.UnitRef
}

func (l lineDecider) Extract(doc connectors.Document, text string) (engine.Extraction, error) {
	dir := l.dir
	{
		{
			var out engine.Extraction
			for _, line := range strings.Split(text, "\n") {
				line = strings.TrimSpace(line)
				if !strings.HasPrefix(line, "Giao ") {
					continue
				}
				row := store.TaskRow{Content: line, Sentence: line, MustReport: true, Confidence: 0.95}
				for _, u := range dir {
					if strings.HasPrefix(line, "Giao "+u.Name+" ") {
						row.Lead = []store.UnitRef{u}
					}
				}
				if row.Lead == nil {
					f := strings.Fields(line)
					row.Lead = []store.UnitRef{{Name: strings.Join(f[1:4], " ")}}
					row.Flags = append(row.Flags, tracking.FlagLeadUnrecognised)
				}
				if i := strings.Index(line, "trước ngày "); i >= 0 {
					if d, err := time.ParseInLocation("02/01/2006", strings.TrimRight(line[i+len("trước ngày "):], "."), connectors.Zone); err == nil {
						due := calendar.EndOfDay(d)
						row.Nominal, row.Effective, row.DueAt = &d, &d, &due
					}
				}
				if row.Effective == nil {
					row.Flags = append(row.Flags, tracking.FlagNoDeadline)
				}
				out.Tasks = append(out.Tasks, row)
			}
			return out, nil
		}
	}
}

const reviewDirective = `ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP
Về rà soát dự toán và tiến độ các công trình
Giao Sở Tài chính chủ trì rà soát dự toán ngân sách trước ngày 20/12/2026.
Giao Sở Tài chánh tỉnh phối hợp kiểm tra hồ sơ quyết toán trước ngày 25/12/2026.
Giao Sở Xây dựng báo cáo tiến độ các công trình.
Đề nghị Sở Xây dựng khẩn trương rà soát các công trình chậm tiến độ trong quý IV.
Các đơn vị nghiêm túc thực hiện.`

type reviewRig struct {
	sim  *portalsim.Sim
	st   *store.Store
	eng  *engine.Engine
	m    *metrics.Metrics
	srv  *httptest.Server
	doc  int64
	dir  []store.UnitRef
	unit map[string]store.UnitRef
}

func setupReviewRig(t *testing.T) *reviewRig {
	t.Helper()
	sim, err := portalsim.New(portalsim.Options{Seed: 11, Documents: 0, SignPDF: enginetest.SignPDF})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = sim.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	user, pass := sim.Credentials()
	client, err := ioffice.New(ioffice.Options{BaseURL: "http://" + ln.Addr().String(), Username: user, Password: pass,
		RateLimit: 1000, Concurrency: 4, Timeout: 2 * time.Second, BaseBackoff: time.Millisecond, MaxBackoff: 20 * time.Millisecond,
		MaxRetryAfter: time.Second, BreakerThreshold: 1000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(client.Close)
	rig := &reviewRig{sim: sim, st: storetest.New(t), m: metrics.New(nil), unit: map[string]store.UnitRef{}}
	for _, u := range sim.Units() {
		r := store.UnitRef{Code: u.Code, Name: u.Name}
		rig.dir = append(rig.dir, r)
		rig.unit[u.Name] = r
	}
	if rig.unit["Sở Tài chính"].Code == "" || rig.unit["Sở Xây dựng"].Code == "" {
		t.Fatal("the simulator's directory lacks Sở Tài chính or Sở Xây dựng")
	}
	rig.eng, err = engine.New(client, rig.st, lineRules(t, rig.dir), engine.Options{Holder: "review-test", Logger: zerolog.Nop(),
		WorkDir: t.TempDir(), Metrics: rig.m, Review: tracking.Policy{Mode: tracking.ModeUncertain, Threshold: 0.9}})
	if err != nil {
		t.Fatal(err)
	}
	issued := time.Now().In(connectors.Zone).Add(-2 * time.Hour)
	if rig.doc, err = sim.AddDirective("Công văn", "UBND-KT", "Về rà soát dự toán và tiến độ các công trình", reviewDirective, issued); err != nil {
		t.Fatal(err)
	}
	rig.cycle(t)
	hash := func(p string) string {
		h, _ := bcrypt.GenerateFromPassword([]byte(p), bcrypt.MinCost)
		return string(h)
	}
	dash, err := New(Options{Store: rig.st, Logger: zerolog.Nop(), Review: rig.eng,
		Units:      func() []store.UnitRef { return append([]store.UnitRef(nil), rig.dir...) },
		StatusText: func(v store.TaskView, now time.Time) string { return v.StatusText },
		Auth: AuthOptions{Mode: "local", Users: []User{
			{Name: "chuyenvien", PasswordHash: hash("rà-soát-2026"), Role: RoleApprover},
			{Name: "xem", PasswordHash: hash("chỉ-xem-2026"), Role: RoleViewer},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	dash.Mount(mux)
	rig.srv = httptest.NewServer(mux)
	t.Cleanup(rig.srv.Close)
	return rig
}

func (r *reviewRig) cycle(t *testing.T) {
	t.Helper()
	if _, err := r.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// records are the portal's task records of the test directive.
func (r *reviewRig) records() map[string]portalsim.Task {
	out := map[string]portalsim.Task{}
	for k, v := range r.sim.Tasks() {
		if v.DocumentID == r.doc {
			out[k] = v
		}
	}
	return out
}

func (r *reviewRig) task(t *testing.T, prefix string) store.TaskView {
	t.Helper()
	views, err := r.st.ListTasks(context.Background(), store.TaskFilter{DocumentPortalIDs: []string{fmt.Sprint(r.doc)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if strings.HasPrefix(v.Content, prefix) || strings.HasPrefix(v.Sentence, prefix) {
			return v
		}
	}
	t.Fatalf("no task %q", prefix)
	return store.TaskView{}
}

// TestReviewInRealBrowser: an approver signs in to the real pages in headless
// Chromium, corrects a held task's lead (accepting its spelling as an alias) and
// deadline, rejects a spurious one and adds a missed one by picking its sentence.
// The simulator then holds exactly the reviewed set, the next sync changes
// nothing, a later directive with the same spelling is matched, and a viewer gets
// 403 on every review action.
func TestReviewInRealBrowser(t *testing.T) {
	rig := setupReviewRig(t)
	auto := rig.task(t, "Giao Sở Tài chính")
	unknown := rig.task(t, "Giao Sở Tài chánh")
	untimed := rig.task(t, "Giao Sở Xây dựng")
	if auto.ReviewState != "auto" || unknown.ReviewState != "held" || untimed.ReviewState != "held" {
		t.Fatalf("review states %s %s %s", auto.ReviewState, unknown.ReviewState, untimed.ReviewState)
	}
	if recs := rig.records(); len(recs) != 1 {
		t.Fatalf("before review the portal has %d records, want the certain task only", len(recs))
	}
	missed := "Đề nghị Sở Xây dựng khẩn trương rà soát các công trình chậm tiến độ trong quý IV."
	ctx, shoot := browser(t)
	var landing, page, after string
	correct := fmt.Sprintf("#task-%d details.correct", unknown.ID)
	reject := fmt.Sprintf("#task-%d details.reject", untimed.ID)
	add := fmt.Sprintf("#doc-%d details.add", rig.doc)
	steps := []struct {
		name string
		a    chromedp.Action
	}{
		{`Navigate rig.srv.URL+"/review"`, chromedp.Navigate(rig.srv.URL + "/review")},
		{`WaitVisible #username`, chromedp.WaitVisible(`#username`, chromedp.ByID)},
		{`SendKeys #username`, chromedp.SendKeys(`#username`, "chuyenvien", chromedp.ByID)},
		{`SendKeys #password`, chromedp.SendKeys(`#password`, "rà-soát-2026", chromedp.ByID)},
		{`Click button[type=submit]`, chromedp.Click(`button[type=submit]`, chromedp.ByQuery)},
		{`WaitVisible #held-count`, chromedp.WaitVisible(`#held-count`, chromedp.ByID)},
		{`Location &landing`, chromedp.Location(&landing)},
		// The queue's last blocks, before its text is read: #held-count is at
		// the top, and under load (CI, -race) main was once read while the
		// rest of the page was still coming in (the unknown lead's task and
		// the directive's sentences were missing from the text).
		{`WaitVisible correct`, chromedp.WaitVisible(correct, chromedp.ByQuery)},
		{`WaitVisible add`, chromedp.WaitVisible(add, chromedp.ByQuery)},
		{`Text main`, chromedp.Text(`main`, &page, chromedp.ByQuery)},
		{`shoot "review-queue"`, shoot("review-queue")},
		// Correct the unrecognised lead and the deadline, accepting the alias.
		{`Click correct+" summary"`, chromedp.Click(correct+" summary", chromedp.ByQuery)},
		{`SetValue correct+" select[name=lead]"`, chromedp.SetValue(correct+" select[name=lead]", rig.unit["Sở Tài chính"].Code, chromedp.ByQuery)},
		{`Click correct+" input[name=alias]"`, chromedp.Click(correct+" input[name=alias]", chromedp.ByQuery)},
		{`SetValue correct+" input[name=deadline]"`, chromedp.SetValue(correct+" input[name=deadline]", "2026-12-28", chromedp.ByQuery)},
		{`SetValue correct+" input[name=time]"`, chromedp.SetValue(correct+" input[name=time]", "16:00", chromedp.ByQuery)},
		{`shoot "review-correct"`, shoot("review-correct")},
		{`Click correct+" button[type=submit]"`, chromedp.Click(correct+" button[type=submit]", chromedp.ByQuery)},
		{`WaitVisible done corrected`, chromedp.WaitVisible(`#done[data-done="corrected_alias"]`, chromedp.ByQuery)},
		// Add the missed task by picking its sentence in the directive's text.
		{`Click add+" summary"`, chromedp.Click(add+" summary", chromedp.ByQuery)},
		{`Click add+ input[name=sentence][value="+missed+"]`, chromedp.Click(add+` input[name=sentence][value="`+missed+`"]`, chromedp.ByQuery)},
		{`SetValue add+" select[name=lead]"`, chromedp.SetValue(add+" select[name=lead]", rig.unit["Sở Xây dựng"].Code, chromedp.ByQuery)},
		{`SetValue add+" input[name=deadline]"`, chromedp.SetValue(add+" input[name=deadline]", "2026-12-30", chromedp.ByQuery)},
		{`shoot "review-add"`, shoot("review-add")},
		{`Click add+" button[type=submit]"`, chromedp.Click(add+" button[type=submit]", chromedp.ByQuery)},
		{`WaitVisible done added`, chromedp.WaitVisible(`#done[data-done="added"]`, chromedp.ByQuery)},
		// Reject the spurious one with a reason.
		{`Click reject+" summary"`, chromedp.Click(reject+" summary", chromedp.ByQuery)},
		{`SendKeys reject+" input[name=reason]"`, chromedp.SendKeys(reject+" input[name=reason]", "trùng với báo cáo định kỳ", chromedp.ByQuery)},
		{`Click reject+" button[type=submit]"`, chromedp.Click(reject+" button[type=submit]", chromedp.ByQuery)},
		// The page after the redirect, not the one being left: its own marker
		// (waiting for the directive's block to go passed while the old page
		// was unloading, and CI once read the text before the new one came).
		{`WaitVisible done rejected`, chromedp.WaitVisible(`#done[data-done="rejected"]`, chromedp.ByQuery)},
		{`WaitNotPresent doc`, chromedp.WaitNotPresent(fmt.Sprintf("#doc-%d", rig.doc), chromedp.ByQuery)},
		{`Text main`, chromedp.Text(`main`, &after, chromedp.ByQuery)},
		{`shoot "review-done"`, shoot("review-done")},
	}
	var err error
	for _, st := range steps {
		// A node read while the page is still being replaced (the redirect after a
		// POST) is gone before Chromium answers: read it again, a few times at most.
		// Chromium words this two ways: "No node with given id" and, from the
		// click's box-model call, "Could not find node with given id" (CI, stop
		// 30, on the click after a redirect).
		for try := 0; ; try++ {
			err = chromedp.Run(ctx, st.a)
			if err == nil || try == 3 || !staleNode(err) {
				break
			}
			_ = chromedp.Run(ctx, chromedp.WaitReady("main", chromedp.ByQuery))
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", st.name, err)
			break
		}
	}
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.HasSuffix(landing, "/review") {
		t.Errorf("the approver landed on %s, want /review", landing)
	}
	for _, want := range []string{"Nhiệm vụ chờ rà soát", "Giao Sở Tài chánh tỉnh phối hợp kiểm tra hồ sơ quyết toán",
		"lead_unrecognised", "no_deadline", "không có trong danh mục đơn vị", "Xác nhận", "Hiệu chỉnh", "Loại bỏ",
		"Bổ sung nhiệm vụ bị bỏ sót", missed, "chờ rà soát", "Độ tin cậy của trích xuất", "0.95"} {
		if !strings.Contains(page, want) {
			t.Errorf("the review page lacks %q", want)
		}
	}
	t.Logf("the review page as the approver first saw it:\n%s", page)
	if strings.Contains(after, "Giao Sở Xây dựng báo cáo tiến độ") || !strings.Contains(after, "Đã ghi nhận: rejected") {
		t.Errorf("after the review the queue reads:\n%s", after)
	}

	// The portal holds exactly the reviewed set once delivered.
	rig.cycle(t)
	added := rig.task(t, missed)
	want := map[string]bool{auto.Key: true, unknown.Key: true, added.Key: true}
	recs := rig.records()
	if len(recs) != len(want) {
		t.Fatalf("portal records %v, want %v", recs, want)
	}
	for k := range want {
		if _, ok := recs[k]; !ok {
			t.Fatalf("portal lacks %s: %+v", k, recs)
		}
	}
	if r := recs[unknown.Key]; r.Lead.Code != rig.unit["Sở Tài chính"].Code || !strings.HasPrefix(r.Due, "28/12/2026 16:00") {
		t.Fatalf("corrected record %+v", r)
	}
	if r := recs[added.Key]; r.Lead.Code != rig.unit["Sở Xây dựng"].Code || !strings.HasPrefix(r.Due, "30/12/2026") || r.Content != missed {
		t.Fatalf("added record %+v", r)
	}
	for k, v := range map[string]string{unknown.Key: "corrected", untimed.Key: "rejected", added.Key: "added"} {
		tv := rig.task(t, map[string]string{unknown.Key: "Giao Sở Tài chánh", untimed.Key: "Giao Sở Xây dựng", added.Key: missed}[k])
		if tv.ReviewState != v || tv.ReviewBy != "chuyenvien" || tv.ReviewAt == nil {
			t.Errorf("%s: review %s by %q at %v, want %s by chuyenvien", k, tv.ReviewState, tv.ReviewBy, tv.ReviewAt, v)
		}
	}
	notes := 0
	for _, c := range rig.sim.Comments(rig.doc) {
		if strings.Contains(c.Content, "Văn phòng đã rà soát") {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("%d review notes on the directive, want 2 (the correction, the addition)", notes)
	}

	// The next sync changes nothing: same records, same versions, same notes.
	before, comments := rig.records(), len(rig.sim.Comments(rig.doc))
	rig.cycle(t)
	if got := rig.records(); fmt.Sprint(got) != fmt.Sprint(before) || len(rig.sim.Comments(rig.doc)) != comments {
		t.Fatalf("the next sync changed the portal:\nbefore %v\nafter  %v", before, got)
	}
	// A re-sync of the directive (a new version, same text) keeps every review.
	if err := rig.sim.Touch(rig.doc); err != nil {
		t.Fatal(err)
	}
	rig.cycle(t)
	got := rig.records()
	if len(got) != len(before) {
		t.Fatalf("after a re-sync the portal has %v", got)
	}
	for k, r := range before {
		g := got[k]
		if g.Lead != r.Lead || g.Due != r.Due || g.Content != r.Content {
			t.Errorf("after a re-sync %s changed: %+v → %+v", k, r, g)
		}
	}

	// The accepted alias applies at once to the next directive that writes it.
	next, err := rig.sim.AddDirective("Công văn", "UBND-TH", "Về quyết toán", "UBND TỈNH\nGiao Sở Tài chánh tỉnh tổng hợp quyết toán trước ngày 15/01/2027.",
		time.Now().In(connectors.Zone).Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	rig.cycle(t)
	views, err := rig.st.ListTasks(context.Background(), store.TaskFilter{DocumentPortalIDs: []string{fmt.Sprint(next)}})
	if err != nil || len(views) != 1 {
		t.Fatalf("next directive: %v %v", views, err)
	}
	if v := views[0]; v.ReviewState != "auto" || len(v.Lead) != 1 || v.Lead[0].Code != rig.unit["Sở Tài chính"].Code {
		t.Errorf("the alias was not applied: review %s lead %+v", v.ReviewState, v.Lead)
	}

	// cddh_review_outcomes_total after the review.
	// As /metrics exposes it.
	var exposition bytes.Buffer
	bw := bufio.NewWriter(&exposition)
	if err := rig.m.Registry.WriteText(bw); err != nil {
		t.Fatal(err)
	}
	_ = bw.Flush()
	outcomes := map[string]float64{}
	for _, line := range strings.Split(exposition.String(), "\n") {
		var o string
		var v float64
		if _, err := fmt.Sscanf(strings.Replace(line, `"} `, " ", 1), `cddh_review_outcomes_total{outcome="%s %g`, &o, &v); err == nil {
			outcomes[o] = v
		}
	}
	t.Logf("cddh_review_outcomes_total: %v", outcomes)
	if outcomes["corrected"] != 1 || outcomes["rejected"] != 1 || outcomes["added"] != 1 || outcomes["confirmed"] != 0 {
		t.Errorf("cddh_review_outcomes_total = %v, want corrected 1, rejected 1, added 1, confirmed 0", outcomes)
	}
}

// TestReviewRoles: a viewer gets 403 on the review page and every review action,
// even with a valid CSRF token; an approver gets 403 on the sync's health.
func TestReviewRoles(t *testing.T) {
	rig := setupReviewRig(t)
	held := rig.task(t, "Giao Sở Tài chánh")
	signIn := func(user, pass string) *http.Client {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(rig.srv.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfRe.FindStringSubmatch(string(body))
		if m == nil {
			t.Fatal("no CSRF token on /login")
		}
		resp, err = c.PostForm(rig.srv.URL+"/login", url.Values{"csrf": {m[1]}, "username": {user}, "password": {pass}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in as %s = %d", user, resp.StatusCode)
		}
		return c
	}
	token := func(c *http.Client) string {
		resp, err := c.Get(rig.srv.URL + "/tasks")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfRe.FindStringSubmatch(string(body))
		if m == nil {
			t.Fatalf("no CSRF token on /tasks (%d)", resp.StatusCode)
		}
		return m[1]
	}
	viewer := signIn("xem", "chỉ-xem-2026")
	tok := token(viewer)
	if resp, err := viewer.Get(rig.srv.URL + "/review"); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("viewer GET /review = %v %v", resp.StatusCode, err)
	}
	id := fmt.Sprint(held.ID)
	for _, a := range []struct {
		path string
		form url.Values
	}{
		{"/review/" + id + "/confirm", url.Values{}},
		{"/review/" + id + "/correct", url.Values{"lead": {rig.unit["Sở Tài chính"].Code}}},
		{"/review/" + id + "/reject", url.Values{"reason": {"x"}}},
		{"/review/" + id + "/split", url.Values{"parts": {"a\nb"}}},
		{"/review/" + id + "/merge", url.Values{"with": {id}}},
		{"/review/add", url.Values{"document": {fmt.Sprint(rig.doc)}, "sentence": {"Các đơn vị nghiêm túc thực hiện."}, "lead": {rig.unit["Sở Tài chính"].Code}}},
	} {
		a.form.Set("csrf", tok)
		resp, err := viewer.PostForm(rig.srv.URL+a.path, a.form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("viewer POST %s = %d, want 403", a.path, resp.StatusCode)
		}
	}
	if v := rig.task(t, "Giao Sở Tài chánh"); v.ReviewState != "held" {
		t.Fatalf("a viewer's POST changed the task: %s", v.ReviewState)
	}
	approver := signIn("chuyenvien", "rà-soát-2026")
	if resp, err := approver.Get(rig.srv.URL + "/review"); err != nil || resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("approver GET /review = %v %v\n%s", resp.StatusCode, err, body)
	}
	if resp, err := approver.Get(rig.srv.URL + "/health"); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("approver GET /health = %v %v, want 403 (admins only)", resp.StatusCode, err)
	}
	// Without the token even an approver is refused; with it, a second confirmation
	// of the same task is a conflict, not a second push.
	resp, err := approver.PostForm(rig.srv.URL+"/review/"+id+"/confirm", url.Values{})
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("approver POST without CSRF = %v %v", resp.StatusCode, err)
	}
	atok := token(approver)
	for i, want := range []int{http.StatusSeeOther, http.StatusConflict} {
		resp, err := approver.PostForm(rig.srv.URL+"/review/"+id+"/confirm", url.Values{"csrf": {atok}})
		if err != nil || resp.StatusCode != want {
			t.Fatalf("confirmation %d = %v %v, want %d", i+1, resp.StatusCode, err, want)
		}
	}
}

// FuzzReviewText: the highlight never loses or invents text, and every sentence
// offered for a missed task is in the text.
func FuzzReviewText(f *testing.F) {
	f.Add(reviewDirective, "Giao Sở Xây dựng báo cáo tiến độ các công trình.")
	f.Add("", "")
	f.Add("a. b. c", "b.")
	f.Fuzz(func(t *testing.T, text, sentence string) {
		before, mark, after, found := splitAround(text, sentence)
		if before+mark+after != text || found != (mark != "") && sentence != "" {
			t.Fatalf("split of %q around %q: %q %q %q %v", text, sentence, before, mark, after, found)
		}
		for _, s := range candidateSentences(text, map[string]bool{}) {
			if !strings.Contains(text, s) {
				t.Fatalf("offered %q, not in %q", s, text)
			}
		}
	})
}

// staleNode: whether err is Chromium saying a node chromedp found is no longer
// in the document, which happens when the page was replaced in between.
func staleNode(err error) bool {
	m := err.Error()
	return strings.Contains(m, "No node with given id") || strings.Contains(m, "Could not find node with given id")
}
