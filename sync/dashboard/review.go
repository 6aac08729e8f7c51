package dashboard

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

// Reviewer performs the Office's review actions (rules.md §9); the engine is one.
// Each call is one transaction: the task must still be held, so of two approvers
// acting at once only the first is recorded (tracking.ErrNotHeld for the other).
type Reviewer interface {
	Confirm(ctx context.Context, taskID int64, by string) error
	Correct(ctx context.Context, taskID int64, by string, c tracking.Correction) error
	Reject(ctx context.Context, taskID int64, by, reason string) error
	Split(ctx context.Context, taskID int64, by string, parts []tracking.Correction) error
	Merge(ctx context.Context, taskIDs []int64, by string, c tracking.Correction) error
	Add(ctx context.Context, documentPortalID, by string, c tracking.Correction) (string, error)
	AcceptAlias(ctx context.Context, spelling string, unit store.UnitRef, by string) error
}

// reviewItem is one held task as the review page shows it: its directive's text
// with the task's sentence highlighted.
type reviewItem struct {
	Task                store.TaskView
	Before, Mark, After string
	Near, Far           string           // the text just before and after the sentence, cut at contextRunes
	Others              []store.TaskView // other held tasks of the directive: merge candidates
	UnknownLead         string           // the written lead name the directory did not know
	FlagsWords          string
}

// reviewDoc is a directive with held tasks.
type reviewDoc struct {
	Doc       store.DirectiveText
	Items     []reviewItem
	Sentences []string // sentences that could be a missed task
}

// splitAround cuts text around the first occurrence of sentence (compared
// exactly, then by folded text); found is false when it is not there.
func splitAround(text, sentence string) (before, mark, after string, found bool) {
	if sentence == "" {
		return text, "", "", false
	}
	// The extractor trims a task's closing punctuation ("./."), and a long task may
	// span lines: try the sentence, then without its end, then its opening words.
	tries := []string{sentence, strings.TrimRight(sentence, "./ ")}
	if r := []rune(sentence); len(r) > 60 {
		tries = append(tries, string(r[:60]))
	}
	for _, s := range tries {
		if s == "" {
			continue
		}
		if i := strings.Index(text, s); i >= 0 {
			return text[:i], s, text[i+len(s):], true
		}
	}
	return text, "", "", false
}

// contextRunes is how much of the directive's text the review page shows around the
// task's sentence; the whole text is one click away.
const contextRunes = 500

func tail(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return "…" + string(r[len(r)-n:])
	}
	return s
}

func head(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// candidateSentences splits a directive's text into sentences a reviewer may pick
// as a missed task, leaving out those already tasks.
func candidateSentences(text string, taken map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		for _, s := range strings.SplitAfter(line, ". ") {
			s = strings.TrimSpace(s)
			if len([]rune(s)) < 20 || seen[s] {
				continue
			}
			seen[s] = true
			if taken[tracking.SentenceHash(s)] || taken[tracking.SentenceHash(strings.TrimSuffix(s, "."))] {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

func (d *Dashboard) reviewPage(w http.ResponseWriter, r *http.Request, p principal) {
	ctx, cancel := d.ctx(r)
	defer cancel()
	held, err := d.opts.Store.ListTasks(ctx, store.TaskFilter{ReviewState: string(tracking.Held), Limit: 500})
	if err != nil {
		d.fail(w, err)
		return
	}
	var order []string
	byDoc := map[string][]store.TaskView{}
	for _, t := range held {
		if _, ok := byDoc[t.DocumentPortalID]; !ok {
			order = append(order, t.DocumentPortalID)
		}
		byDoc[t.DocumentPortalID] = append(byDoc[t.DocumentPortalID], t)
	}
	texts, err := d.opts.Store.DirectiveTexts(ctx, order)
	if err != nil {
		d.fail(w, err)
		return
	}
	all, err := d.opts.Store.ListTasks(ctx, store.TaskFilter{Limit: 5000, DocumentPortalIDs: order})
	if err != nil {
		d.fail(w, err)
		return
	}
	taken := map[string]map[string]bool{}
	for _, t := range all {
		if taken[t.DocumentPortalID] == nil {
			taken[t.DocumentPortalID] = map[string]bool{}
		}
		s := t.Sentence
		if s == "" {
			s = t.Content
		}
		taken[t.DocumentPortalID][tracking.SentenceHash(s)] = true
		taken[t.DocumentPortalID][tracking.SentenceHash(strings.TrimSuffix(s, "."))] = true
	}
	var docs []reviewDoc
	for _, pid := range order {
		doc := reviewDoc{Doc: texts[pid]}
		for _, t := range byDoc[pid] {
			it := reviewItem{Task: t, FlagsWords: strings.Join(t.Flags, ", ")}
			s := t.Sentence
			if s == "" {
				s = t.Content
			}
			it.Before, it.Mark, it.After, _ = splitAround(doc.Doc.Text, s)
			it.Near, it.Far = tail(it.Before, contextRunes), head(it.After, contextRunes)
			for _, o := range byDoc[pid] {
				if o.ID != t.ID {
					it.Others = append(it.Others, o)
				}
			}
			if len(t.Lead) > 0 && t.Lead[0].Code == "" {
				it.UnknownLead = t.Lead[0].Name
			}
			doc.Items = append(doc.Items, it)
		}
		doc.Sentences = candidateSentences(doc.Doc.Text, taken[pid])
		docs = append(docs, doc)
	}
	var unitList []store.UnitRef
	if d.opts.Units != nil {
		unitList = d.opts.Units()
		sort.Slice(unitList, func(i, j int) bool { return unitList[i].Name < unitList[j].Name })
	}
	d.render(w, r, http.StatusOK, "review", p, map[string]any{"Docs": docs, "Count": len(held), "Units": unitList,
		"Done": r.URL.Query().Get("done")})
}

// unitsByCode resolves directory codes picked in a form.
func (d *Dashboard) unitsByCode(codes []string) ([]store.UnitRef, error) {
	var dir []store.UnitRef
	if d.opts.Units != nil {
		dir = d.opts.Units()
	}
	var out []store.UnitRef
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		found := false
		for _, u := range dir {
			if u.Code == c {
				out = append(out, u)
				found = true
				break
			}
		}
		if !found {
			return nil, errors.New("unit " + c + " is not in the directory")
		}
	}
	return out, nil
}

// correctionForm reads a correction from a posted form: content, lead (a
// directory code), coordinating (codes), deadline (yyyy-mm-dd), time (HH:MM),
// recurrence, no_deadline.
func (d *Dashboard) correctionForm(r *http.Request) (tracking.Correction, error) {
	var c tracking.Correction
	c.Content = strings.TrimSpace(r.PostFormValue("content"))
	lead, err := d.unitsByCode([]string{r.PostFormValue("lead")})
	if err != nil {
		return c, err
	}
	c.Lead = lead
	if _, ok := r.PostForm["coordinating"]; ok || r.PostFormValue("set_coordinating") == "1" {
		if c.Coordinating, err = d.unitsByCode(r.PostForm["coordinating"]); err != nil {
			return c, err
		}
		c.SetCoordinating = r.PostFormValue("set_coordinating") == "1"
	}
	if v := strings.TrimSpace(r.PostFormValue("deadline")); v != "" {
		day, err := time.ParseInLocation("2006-01-02", v, connectors.Zone)
		if err != nil {
			return c, errors.New("deadline " + v + " is not a date (yyyy-mm-dd)")
		}
		c.Deadline = &day
	}
	c.DeadlineTime = strings.TrimSpace(r.PostFormValue("time"))
	c.Recurrence = r.PostFormValue("recurrence")
	c.ClearDeadline = r.PostFormValue("no_deadline") == "1"
	c.Sentence = strings.TrimSpace(r.PostFormValue("sentence"))
	return c, nil
}

// reviewAction wraps one review POST: the role and CSRF checks are RequireRole's;
// this answers 400 for a bad form, 409 when the task is no longer held, and
// otherwise redirects to the review page.
func (d *Dashboard) reviewAction(act func(ctx context.Context, r *http.Request, p principal) (string, error)) func(http.ResponseWriter, *http.Request, principal) {
	return func(w http.ResponseWriter, r *http.Request, p principal) {
		if d.opts.Review == nil {
			http.NotFound(w, r)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx, cancel := d.ctx(r)
		defer cancel()
		done, err := act(ctx, r, p)
		lang := d.lang(w, r)
		switch {
		case errors.Is(err, tracking.ErrNotHeld):
			http.Error(w, translate(lang, "review_conflict")+" ("+err.Error()+")", http.StatusConflict)
			return
		case errors.Is(err, tracking.ErrBadCorrection), errors.Is(err, errForm):
			http.Error(w, translate(lang, "review_invalid")+": "+err.Error(), http.StatusBadRequest)
			return
		case err != nil:
			d.fail(w, err)
			return
		}
		d.opts.Logger.Info().Str("event", "dashboard.review").Str("user", p.Name).Str("action", done).Msg("review action")
		http.Redirect(w, r, "/review?done="+done, http.StatusSeeOther)
	}
}

var errForm = errors.New("invalid form")

func formErr(err error) error { return errors.Join(errForm, err) }

func taskID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, formErr(errors.New("task id " + r.PathValue("id") + " is not a number"))
	}
	return id, nil
}

func (d *Dashboard) mountReview(mux *http.ServeMux) {
	mux.HandleFunc("GET /review", d.RequireRole(RoleApprover, d.reviewPage))
	mux.HandleFunc("POST /review/{id}/confirm", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		id, err := taskID(r)
		if err != nil {
			return "", err
		}
		return "confirmed", d.opts.Review.Confirm(ctx, id, p.Name)
	})))
	mux.HandleFunc("POST /review/{id}/correct", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		id, err := taskID(r)
		if err != nil {
			return "", err
		}
		c, err := d.correctionForm(r)
		if err != nil {
			return "", formErr(err)
		}
		if err := d.opts.Review.Correct(ctx, id, p.Name, c); err != nil {
			return "", err
		}
		// The alias offer: the written name the directory did not know becomes an
		// alias of the unit the reviewer picked, applied to later directives.
		if alias := strings.TrimSpace(r.PostFormValue("alias")); alias != "" && len(c.Lead) > 0 {
			if err := d.opts.Review.AcceptAlias(ctx, alias, c.Lead[0], p.Name); err != nil {
				return "", err
			}
			return "corrected_alias", nil
		}
		return "corrected", nil
	})))
	mux.HandleFunc("POST /review/{id}/reject", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		id, err := taskID(r)
		if err != nil {
			return "", err
		}
		return "rejected", d.opts.Review.Reject(ctx, id, p.Name, r.PostFormValue("reason"))
	})))
	mux.HandleFunc("POST /review/{id}/split", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		id, err := taskID(r)
		if err != nil {
			return "", err
		}
		var parts []tracking.Correction
		for _, line := range strings.Split(r.PostFormValue("parts"), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				parts = append(parts, tracking.Correction{Content: line})
			}
		}
		return "split", d.opts.Review.Split(ctx, id, p.Name, parts)
	})))
	mux.HandleFunc("POST /review/{id}/merge", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		id, err := taskID(r)
		if err != nil {
			return "", err
		}
		ids := []int64{id}
		for _, s := range r.PostForm["with"] {
			o, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return "", formErr(errors.New("task id " + s + " is not a number"))
			}
			ids = append(ids, o)
		}
		return "merged", d.opts.Review.Merge(ctx, ids, p.Name, tracking.Correction{Content: r.PostFormValue("content")})
	})))
	mux.HandleFunc("POST /review/add", d.RequireRole(RoleApprover, d.reviewAction(func(ctx context.Context, r *http.Request, p principal) (string, error) {
		c, err := d.correctionForm(r)
		if err != nil {
			return "", formErr(err)
		}
		_, err = d.opts.Review.Add(ctx, r.PostFormValue("document"), p.Name, c)
		return "added", err
	})))
}
