package engine

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/sync/handover"
	"cddh-sync/sync/store"
	"cddh-sync/sync/store/storetest"
	"cddh-sync/sync/tracking"
)

// reviewRules extract one task per line starting "Giao": the unit named after
// "Giao" (Sở Tài chính and Sở Xây dựng are in the directory, anything else is
// flagged lead_unrecognised), the deadline after "trước ngày" as dd/mm/yyyy.
func reviewRules() Rules {
	r := simpleRules()
	r.Decider.(*funcRules).extract = func(doc connectors.Document, text string) (Extraction, error) {
		var tasks []store.TaskRow
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "Giao ") {
				continue
			}
			t := store.TaskRow{Content: line, Sentence: line, MustReport: true}
			switch {
			case strings.HasPrefix(line, "Giao Sở Tài chính"):
				t.Lead = []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}}
			case strings.HasPrefix(line, "Giao Sở Xây dựng"):
				t.Lead = []store.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}}
			default:
				name := strings.Fields(line)[1] + " " + strings.Fields(line)[2] + " " + strings.Fields(line)[3]
				t.Lead = []store.UnitRef{{Name: name}}
				t.Flags = []string{tracking.FlagLeadUnrecognised}
			}
			if i := strings.Index(line, "trước ngày "); i >= 0 {
				if d, err := time.ParseInLocation("02/01/2006", strings.TrimRight(line[i+len("trước ngày "):], "."), connectors.Zone); err == nil {
					due := d.Add(24*time.Hour - time.Second)
					t.Nominal, t.Effective, t.DueAt = &d, &d, &due
				}
			}
			if t.Effective == nil {
				t.Flags = append(t.Flags, tracking.FlagNoDeadline)
			}
			tasks = append(tasks, t)
		}
		return Extraction{Tasks: tasks}, nil
	}
	derive := r.Decider.(*funcRules).derive
	r.Decider.(*funcRules).derive = func(t store.DeriveInput, evs []store.EventRow, now time.Time) Derived {
		d := derive(t, evs, now)
		if t.Effective != nil {
			due := endOf(*t.Effective, t.DeadlineTime)
			d.DueAt = &due
		}
		return d
	}
	return r
}

const reviewBody = `UBND TỈNH
Giao Sở Tài chính chủ trì rà soát dự toán ngân sách trước ngày 20/12/2026.
Giao Sở Tài chánh tỉnh phối hợp kiểm tra hồ sơ trước ngày 25/12/2026.
Giao Sở Xây dựng báo cáo tiến độ các công trình.
Đề nghị các đơn vị khẩn trương thực hiện.`

type reviewBundle struct {
	*bundle
	doc int64
}

func setupReview(t *testing.T, mode tracking.Mode) reviewBundle {
	t.Helper()
	b := setup(t, portalsim.Faults{}, 0)
	b.eng.rules = reviewRules()
	b.eng.opts.Review = tracking.Policy{Mode: mode}
	id, err := b.sim.AddDirective("Công văn", "UBND-KT", "Về rà soát", reviewBody, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	return reviewBundle{bundle: b, doc: id}
}

func (b reviewBundle) task(t *testing.T, prefix string) store.TaskView {
	t.Helper()
	views, err := b.st.ListTasks(context.Background(), store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if strings.HasPrefix(v.Content, prefix) && v.State != "cancelled" {
			return v
		}
	}
	for _, v := range views {
		t.Logf("task %s %s %s %q", v.Key, v.State, v.ReviewState, v.Content)
	}
	t.Fatalf("no open task %q", prefix)
	return store.TaskView{}
}

func (b reviewBundle) cycle(t *testing.T) {
	t.Helper()
	if _, err := b.eng.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// records are the portal's task records of the test directive.
func (b reviewBundle) records() map[string]portalsim.Task {
	out := map[string]portalsim.Task{}
	for k, r := range b.sim.Tasks() {
		if r.DocumentID == b.doc {
			out[k] = r
		}
	}
	return out
}

func reviewNotes(sim *portalsim.Sim, doc int64) int {
	n := 0
	for _, c := range sim.Comments(doc) {
		if strings.Contains(c.Content, "Văn phòng đã rà soát") {
			n++
		}
	}
	return n
}

// TestHeldTasksAreNotPushed: under the uncertain policy the unrecognised lead and
// the task without a deadline wait, stored and "chờ rà soát"; only the certain one
// reaches the portal, and the registration note counts the others as waiting.
func TestHeldTasksAreNotPushed(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeUncertain)
	certain := b.task(t, "Giao Sở Tài chính")
	unknown := b.task(t, "Giao Sở Tài chánh")
	untimed := b.task(t, "Giao Sở Xây dựng")
	if certain.ReviewState != "auto" || unknown.ReviewState != "held" || untimed.ReviewState != "held" {
		t.Fatalf("review states %s %s %s, want auto held held", certain.ReviewState, unknown.ReviewState, untimed.ReviewState)
	}
	if untimed.ReviewNote != "flag no_deadline" {
		t.Errorf("held because %q", untimed.ReviewNote)
	}
	recs := b.records()
	if len(recs) != 1 || recs[certain.Key].Key == "" {
		t.Fatalf("portal records %v, want only %s", recs, certain.Key)
	}
	notes := b.sim.Comments(b.doc)
	if len(notes) != 1 || !strings.Contains(notes[0].Content, "2 nhiệm vụ khác đang chờ Văn phòng rà soát") ||
		strings.Contains(notes[0].Content, "Tài chánh") {
		t.Fatalf("registration note %+v", notes)
	}
	// The clock runs: a held task's deadline is stored as extracted.
	if unknown.DueAt == nil {
		t.Error("the held task has no deadline in force")
	}
	b.cycle(t)
	if n := len(b.records()); n != 1 {
		t.Fatalf("a second cycle pushed held tasks: %d records", n)
	}
}

// TestConfirmPushesOnce: a confirmation pushes the record once with one note
// saying the Office reviewed it; a second confirmation is refused.
func TestConfirmPushesOnce(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeAll)
	ctx := context.Background()
	if n := len(b.records()); n != 0 {
		t.Fatalf("policy all pushed %d records", n)
	}
	task := b.task(t, "Giao Sở Tài chính")
	if err := b.eng.Confirm(ctx, task.ID, "chuyenvien1"); err != nil {
		t.Fatal(err)
	}
	if err := b.eng.Confirm(ctx, task.ID, "chuyenvien2"); !errors.Is(err, ErrNotHeld) {
		t.Fatalf("second confirmation: %v, want ErrNotHeld", err)
	}
	// Pushed at once, not at the next cycle.
	for deadline := time.Now().Add(10 * time.Second); len(b.records()) == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the confirmed task did not reach the portal before the next cycle")
		}
	}
	b.cycle(t)
	b.cycle(t)
	recs := b.records()
	if len(recs) != 1 || recs[task.Key].Version != 1 {
		t.Fatalf("records %+v, want %s once", recs, task.Key)
	}
	if n := reviewNotes(b.sim, b.doc); n != 1 {
		t.Fatalf("%d review notes, want 1", n)
	}
	v := b.task(t, "Giao Sở Tài chính")
	if v.ReviewState != "confirmed" || v.ReviewBy != "chuyenvien1" || v.ReviewAt == nil {
		t.Fatalf("review %s by %s at %v", v.ReviewState, v.ReviewBy, v.ReviewAt)
	}
	evs, err := b.st.TaskEvents(ctx, b.st.Pool(), v.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range evs {
		kinds = append(kinds, e.Kind+"/"+e.Actor)
	}
	if !strings.Contains(strings.Join(kinds, " "), "review_confirmed/chuyenvien1") {
		t.Fatalf("history %v lacks the confirmation", kinds)
	}
}

// TestCorrectionSticks: a corrected lead and deadline survive a re-sync of the
// same directive, a restart (a new engine on the same store) and a new version
// with the sentence unchanged; a changed sentence queues the task again with the
// old and new text.
func TestCorrectionSticks(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeUncertain)
	ctx := context.Background()
	task := b.task(t, "Giao Sở Tài chánh")
	due := time.Date(2026, 12, 28, 0, 0, 0, 0, connectors.Zone)
	if err := b.eng.Correct(ctx, task.ID, "chuyenvien1", Correction{Lead: []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}},
		Deadline: &due, DeadlineTime: "16:00"}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	check := func(stage string) {
		t.Helper()
		rec, ok := b.records()[task.Key]
		if !ok || rec.Lead.Code != "000.00.12.H20" || !strings.HasPrefix(rec.Due, "28/12/2026 16:00") {
			t.Fatalf("%s: portal record %+v", stage, rec)
		}
		v := b.task(t, "Giao Sở Tài chánh")
		if v.ReviewState != "corrected" || v.Key != task.Key || len(v.Lead) != 1 || v.Lead[0].Code != "000.00.12.H20" {
			t.Fatalf("%s: task %s %s %+v", stage, v.Key, v.ReviewState, v.Lead)
		}
	}
	check("after the correction")
	version := func() int {
		d, _ := b.sim.Document(b.doc)
		return d.Version
	}
	// A re-sync of the same content (a touched version) and a restart.
	if err := b.sim.Touch(b.doc); err != nil {
		t.Fatal(err)
	}
	eng, err := New(b.client, b.st, reviewRules(), Options{Holder: "test", Logger: b.eng.opts.Logger, WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	eng.deliver = eng.deliverWithBackoff(time.Millisecond)
	b.eng = eng
	b.cycle(t)
	check(fmt.Sprintf("after a re-sync at version %d and a restart", version()))
	// A new version: another task added, the corrected sentence unchanged.
	if err := b.sim.UpdateDocument(b.doc, func(d *portalsim.Document) {
		d.Body += "\nGiao Sở Xây dựng kiểm tra công trình trước ngày 30/12/2026."
	}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	t.Logf("sim version %d, stored %d", version(), count(t, b.st, fmt.Sprintf(`SELECT version FROM documents WHERE portal_id = '%d'`, b.doc)))
	check("after a new version with the sentence unchanged")
	if held := b.task(t, "Giao Sở Xây dựng kiểm tra"); held.ReviewState != "auto" {
		t.Errorf("the new version's certain task is %s", held.ReviewState)
	}
	// A new version that changes the corrected task's sentence.
	if err := b.sim.UpdateDocument(b.doc, func(d *portalsim.Document) {
		d.Body = strings.Replace(d.Body, "phối hợp kiểm tra hồ sơ", "phối hợp kiểm tra toàn bộ hồ sơ", 1)
	}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	again := b.task(t, "Giao Sở Tài chánh")
	if again.ReviewState != "held" || !strings.Contains(again.PreviousSentence, "phối hợp kiểm tra hồ sơ") ||
		!strings.Contains(again.Sentence, "toàn bộ hồ sơ") {
		t.Fatalf("changed sentence: %s, previous %q, now %q", again.ReviewState, again.PreviousSentence, again.Sentence)
	}
	if _, ok := b.records()[again.Key]; ok {
		t.Fatal("the re-queued task was pushed")
	}
}

// TestReviewRace: two approvers act on one held task at once; one outcome is
// recorded and the portal sees one record, pushed once.
func TestReviewRace(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeAll)
	ctx := context.Background()
	task := b.task(t, "Giao Sở Tài chính")
	errs := make([]error, 2)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			if i == 0 {
				errs[i] = b.eng.Confirm(ctx, task.ID, "approver-a")
			} else {
				due := time.Date(2026, 12, 31, 0, 0, 0, 0, connectors.Zone)
				errs[i] = b.eng.Correct(ctx, task.ID, "approver-b", Correction{Deadline: &due})
			}
		}(i)
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrNotHeld):
			t.Fatal(err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d reviews succeeded (%v), want exactly 1", ok, errs)
	}
	if n := count(t, b.st, `SELECT count(*) FROM task_reviews`); n != 1 {
		t.Fatalf("%d reviews recorded", n)
	}
	b.cycle(t)
	b.cycle(t)
	if rec := b.records()[task.Key]; rec.Version != 1 || len(b.records()) != 1 {
		t.Fatalf("records %+v", b.records())
	}
	if n := reviewNotes(b.sim, b.doc); n != 1 {
		t.Fatalf("%d review notes", n)
	}
}

// TestRejectSplitMergeAdd: a rejected task never reaches the portal and stays
// rejected across a re-sync; a split pushes its parts; a merge pushes one task;
// an added task is pushed once and kept by the next version.
func TestRejectSplitMergeAdd(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeAll)
	ctx := context.Background()
	a := b.task(t, "Giao Sở Tài chính")
	c := b.task(t, "Giao Sở Tài chánh")
	x := b.task(t, "Giao Sở Xây dựng")
	if err := b.eng.Reject(ctx, c.ID, "cv", ""); !errors.Is(err, ErrBadCorrection) {
		t.Fatalf("rejection without a reason: %v", err)
	}
	if err := b.eng.Reject(ctx, c.ID, "cv", "trùng với nhiệm vụ 1"); err != nil {
		t.Fatal(err)
	}
	if err := b.eng.Merge(ctx, []int64{a.ID, x.ID}, "cv", Correction{Content: "Rà soát dự toán và báo cáo tiến độ"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Add(ctx, fmt.Sprint(b.doc), "cv", Correction{Sentence: "Đề nghị các đơn vị khẩn trương thực hiện",
		Lead: []store.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.eng.Add(ctx, fmt.Sprint(b.doc), "cv", Correction{Sentence: "không có trong văn bản",
		Lead: []store.UnitRef{{Code: "000.00.15.H20", Name: "Sở Xây dựng"}}}); !errors.Is(err, ErrBadCorrection) {
		t.Fatalf("adding a sentence not in the text: %v", err)
	}
	b.cycle(t)
	want := func(stage string) {
		t.Helper()
		recs := b.records()
		if len(recs) != 2 {
			t.Fatalf("%s: %d records, want the merged and the added task: %+v", stage, len(recs), recs)
		}
		if _, ok := recs[c.Key]; ok {
			t.Fatalf("%s: the rejected task was pushed", stage)
		}
		if _, ok := recs[x.Key]; ok {
			t.Fatalf("%s: the merged-away task was pushed", stage)
		}
		if r := recs[a.Key]; r.Content != "Rà soát dự toán và báo cáo tiến độ" || r.Version != 1 {
			t.Fatalf("%s: merged record %+v", stage, r)
		}
	}
	want("after the review")
	if err := b.sim.UpdateDocument(b.doc, func(d *portalsim.Document) { d.Subject += " (bản sửa)" }); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	want("after a new version")
	if n := count(t, b.st, fmt.Sprintf(`SELECT count(*) FROM tasks WHERE review_state = 'held' AND state <> 'cancelled'
		AND document_id = (SELECT id FROM documents WHERE portal_id = '%d')`, b.doc)); n != 0 {
		views, _ := b.st.ListTasks(ctx, store.TaskFilter{ReviewState: "held"})
		for _, v := range views {
			t.Logf("held: %s %q prev %q note %q", v.Key, v.Content, v.PreviousSentence, v.ReviewNote)
		}
		t.Fatalf("%d tasks held again after a new version", n)
	}
	// A split of a fresh held task.
	if err := b.sim.UpdateDocument(b.doc, func(d *portalsim.Document) {
		d.Body += "\nGiao Sở Xây dựng lập quy hoạch và thẩm định dự án trước ngày 15/01/2027."
	}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	s := b.task(t, "Giao Sở Xây dựng lập quy hoạch")
	if err := b.eng.Split(ctx, s.ID, "cv", []Correction{{Content: "Lập quy hoạch"}, {Content: "Thẩm định dự án"}}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	if r := b.records()[s.Key+"-s2"]; r.Content != "Thẩm định dự án" {
		t.Fatalf("split part 2: %+v", r)
	}
	if r := b.records()[s.Key]; r.Content != "Lập quy hoạch" {
		t.Fatalf("split part 1: %+v", r)
	}
}

// TestReviewsSurviveReplacementAndHandover: a replacing directive's matching task
// inherits the correction of the task it replaces; and a correction survives the
// yearly export and an import into a fresh store, then a re-sync there.
func TestReviewsSurviveReplacementAndHandover(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeAll)
	ctx := context.Background()
	task := b.task(t, "Giao Sở Tài chánh")
	lead := []store.UnitRef{{Code: "000.00.12.H20", Name: "Sở Tài chính"}}
	due := time.Date(2026, 12, 29, 0, 0, 0, 0, connectors.Zone)
	if err := b.eng.Correct(ctx, task.ID, "chuyenvien1", Correction{Lead: lead, Deadline: &due}); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)

	// Export, import into a fresh store, and re-sync there: the correction holds.
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := handover.Export(ctx, b.st, dir, time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	fresh := storetest.New(t)
	if _, err := handover.Import(ctx, fresh, dir, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.sim.Touch(b.doc); err != nil {
		t.Fatal(err)
	}
	imported, err := New(b.client, fresh, reviewRules(), Options{Holder: "test", Logger: b.eng.opts.Logger, WorkDir: t.TempDir(),
		Review: tracking.Policy{Mode: tracking.ModeAll}})
	if err != nil {
		t.Fatal(err)
	}
	imported.deliver = imported.deliverWithBackoff(time.Millisecond)
	if _, err := imported.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	views, err := fresh.ListTasks(ctx, store.TaskFilter{DocumentPortalIDs: []string{fmt.Sprint(b.doc)}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range views {
		if v.Key == task.Key {
			found = true
			if v.ReviewState != "corrected" || v.Lead[0].Code != lead[0].Code || v.Effective == nil || v.Effective.Format("2006-01-02") != "2026-12-29" {
				t.Fatalf("after export, import and a re-sync: %s %+v %v", v.ReviewState, v.Lead, v.Effective)
			}
		}
	}
	if !found {
		t.Fatal("the corrected task is gone after the import")
	}

	// A replacement with the same sentences: its matching task inherits the
	// correction and goes to the portal; its other tasks wait for review.
	repl, err := b.sim.AddDirective("Công văn", "UBND-KT2", "Về rà soát (thay thế)", reviewBody, time.Now().Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.sim.Replace(b.doc, repl); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	b.cycle(t)
	views, err = b.st.ListTasks(ctx, store.TaskFilter{DocumentPortalIDs: []string{fmt.Sprint(repl)}})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, v := range views {
		if v.State == "cancelled" {
			continue
		}
		states[v.Content] = v.ReviewState
		if strings.HasPrefix(v.Content, "Giao Sở Tài chánh") {
			if v.ReviewState != "corrected" || v.Lead[0].Code != lead[0].Code {
				t.Fatalf("the replacement's task: %s %+v", v.ReviewState, v.Lead)
			}
			if rec, ok := b.sim.Tasks()[v.Key]; !ok || rec.Lead.Code != lead[0].Code {
				t.Fatalf("the replacement's corrected task on the portal: %+v %v", rec, ok)
			}
		}
	}
	if states["Giao Sở Xây dựng báo cáo tiến độ các công trình."] != "held" {
		t.Errorf("the replacement's unreviewed task: %v", states)
	}
	// The replaced directive turns out secret: its reviews go, the copies carried
	// to the replacement included.
	if n := count(t, b.st, `SELECT count(*) FROM task_reviews WHERE task_key LIKE '%-r-%'`); n == 0 {
		t.Fatal("no carried review to purge; the check below proves nothing")
	}
	if err := b.sim.Reclassify(b.doc, portalsim.SecrecyConfident); err != nil {
		t.Fatal(err)
	}
	b.cycle(t)
	if n := count(t, b.st, fmt.Sprintf(`SELECT count(*) FROM task_reviews WHERE task_key LIKE '%%-r-%%' OR document_portal_id = '%d'`, b.doc)); n != 0 {
		t.Fatalf("%d reviews of the now secret directive left", n)
	}
}

type openReminders struct{}

func (openReminders) Open(time.Time) bool                                   { return true }
func (openReminders) Horizon(now time.Time) time.Time                       { return now }
func (openReminders) Due(store.RemindCandidate, time.Time) (string, string) { return "", "" }

// TestOverdueReviewReminder: a held task whose review passed the entry limit gets
// one reminder note, naming the directive but not the task; never again, and none
// for a task that went through.
func TestOverdueReviewReminder(t *testing.T) {
	t.Parallel()
	b := setupReview(t, tracking.ModeUncertain)
	b.eng.rules.Reminders = openReminders{}
	funcsOf(b.eng).reviewDue = func(v store.TaskView, now time.Time) (time.Time, bool) {
		return v.CreatedAt.Add(-time.Minute), true // already due
	}
	b.cycle(t)
	b.cycle(t)
	notes := 0
	for _, c := range b.sim.Comments(b.doc) {
		if strings.Contains(c.Content, "đang chờ Văn phòng rà soát đã quá thời hạn") {
			notes++
			if strings.Contains(c.Content, "Tài chánh") {
				t.Errorf("the reminder names the held task's content: %s", c.Content)
			}
		}
	}
	if notes != 2 { // the unrecognised lead and the task without a deadline
		t.Fatalf("%d overdue-review reminders, want 2", notes)
	}
	if n := count(t, b.st, `SELECT count(*) FROM reminders WHERE kind = 'held_overdue'`); n < 2 {
		t.Fatalf("%d held_overdue reminders recorded", n)
	}
}
