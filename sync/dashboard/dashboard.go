// Package dashboard is the server-rendered dashboard on http.listen, for the Office's
// leaders and provincial IT: sync health per stream, the push-back queue and dead
// letters, and the tasks with their history and signature verdicts.
//
// It is plain html/template (no front-end build). Every page needs a signed-in person
// with a role (rules.md §7, 000 Đ8.3b): local users with bcrypt hashes from the
// configuration, or a trusted reverse proxy's headers; only /healthz and /readyz are
// anonymous, and they live in package web. Sessions live in the store behind a
// random cookie (HttpOnly, SameSite=Strict, Secure over TLS), and every form
// carries a CSRF token bound to the session by an HMAC (auth.go). The interface is Vietnamese, with English on request; dates are
// dd/MM/yyyy in Asia/Ho_Chi_Minh.
package dashboard

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rs/zerolog"

	"cddh-sync/connectors"
	"cddh-sync/connectors/edxml"
	"cddh-sync/sync/report"
	"cddh-sync/sync/store"
	"cddh-sync/sync/tracking"
)

//go:embed templates/*.html
var templateFS embed.FS

// States the task filter offers (rules.md §4).
var states = []string{"assigned", "in_progress", "urged", "reported", "approved", "rejected", "returned", "cancelled"}

// Options configure the dashboard.
type Options struct {
	Store  *store.Store
	Auth   AuthOptions
	Logger zerolog.Logger
	// StatusText renders a task's status in the profile's words at now; nil shows the
	// internal state.
	StatusText func(t store.TaskView, now time.Time) string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Report builds the periodic report for a period as the report command does,
	// with its labels in the profile's words; nil hides the report page.
	Report func(ctx context.Context, p report.Period) (report.Report, report.Labels, error)
	// Review performs the Office's review actions (the engine); nil hides the
	// review page.
	Review Reviewer
	// Units is the unit directory the review forms pick lead and coordinating
	// units from.
	Units func() []store.UnitRef
}

// Dashboard serves the pages.
type Dashboard struct {
	opts  Options
	auth  *authenticator
	pages map[string]*template.Template
}

// New validates the options and parses the templates.
func New(opts Options) (*Dashboard, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	a, err := newAuthenticator(opts.Auth, opts.Store)
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"dt": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				return v.In(connectors.Zone).Format("02/01/2006 15:04")
			case *time.Time:
				if v == nil {
					return ""
				}
				return v.In(connectors.Zone).Format("02/01/2006 15:04")
			}
			return ""
		},
		"short": func(s string) string {
			if utf8.RuneCountInString(s) <= 160 {
				return s
			}
			r := []rune(s)
			return string(r[:160]) + "…"
		},
		"outcomeClass": func(o string) string {
			switch o {
			case "ok":
				return "ok"
			case "partial":
				return "warn"
			case "failed":
				return "bad"
			}
			return ""
		},
		"exchangeWords": func(code string) string { return edxml.StatusCode(code).Words() },
		"sigClass": func(ind string) string {
			switch ind {
			case "TOTAL_PASSED":
				return "ok"
			case "":
				return ""
			}
			return "bad"
		},
	}
	d := &Dashboard{opts: opts, auth: a, pages: map[string]*template.Template{}}
	funcs["statusChart"] = statusByUnit
	funcs["trendChart"] = onTimeTrend
	funcs["overdueChart"] = overdueBars
	for _, p := range []string{"login", "health", "tasks", "task", "report", "review"} {
		t, err := template.New(p).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, err
		}
		d.pages[p] = t
	}
	return d, nil
}

// Mount registers the dashboard's routes on mux.
func (d *Dashboard) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/tasks", http.StatusSeeOther) })
	mux.HandleFunc("GET /login", d.loginPage)
	mux.HandleFunc("POST /login", d.login)
	mux.HandleFunc("POST /logout", d.RequireRole(RoleViewer, d.logout))
	// Roles mean something (rules.md §7, §9): viewers read tasks and reports,
	// approvers also review, admins also see the sync's health and dead letters.
	mux.HandleFunc("GET /health", d.RequireRole(RoleAdmin, d.health))
	if d.opts.Review != nil {
		d.mountReview(mux)
	}
	mux.HandleFunc("GET /tasks", d.RequireRole(RoleViewer, d.tasks))
	mux.HandleFunc("GET /tasks/{id}", d.RequireRole(RoleViewer, d.task))
	if d.opts.Report != nil {
		mux.HandleFunc("GET /report", d.RequireRole(RoleViewer, d.reportPage))
		for _, f := range []string{"csv", "xlsx", "json"} {
			mux.HandleFunc("GET /report."+f, d.RequireRole(RoleViewer, d.reportFile))
		}
	}
}

type pageData struct {
	Lang, Page, User, Role, CSRF string
	LocalAuth                    bool
	IsAdmin, CanReview           bool // the navigation follows the role
	Data                         any
	status                       func(store.TaskView, time.Time) string
	now                          time.Time
}

func (p pageData) T(key string) string { return translate(p.Lang, key) }

// ReviewWords names a review state (rules.md §9) in the page's language.
func (p pageData) ReviewWords(state string) string {
	if p.Lang == "en" {
		if state == "" {
			return string(tracking.Auto)
		}
		return state
	}
	return tracking.ReviewState(state).Words()
}

// Status renders a task's status words.
func (p pageData) Status(t store.TaskView) string {
	if p.status != nil {
		return p.status(t, p.now)
	}
	return t.State
}

func (d *Dashboard) lang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "vi" {
		d.auth.setCookie(w, r, "cddh_lang", l, 365*24*3600)
		return l
	}
	if c, err := r.Cookie("cddh_lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "vi"
}

func (d *Dashboard) render(w http.ResponseWriter, r *http.Request, status int, page string, p principal, data any) {
	pd := pageData{Lang: d.lang(w, r), Page: page, User: p.Name, CSRF: d.auth.csrfToken(w, r, p),
		LocalAuth: d.auth.opts.Mode == "local", Data: data, status: d.opts.StatusText, now: d.opts.Now()}
	if p.Role != RoleNone {
		pd.Role = p.Role.String()
	}
	pd.IsAdmin, pd.CanReview = p.Role >= RoleAdmin, p.Role >= RoleApprover && d.opts.Review != nil
	pd.Page = pd.T(map[string]string{"login": "signin", "task": "tasks"}[page])
	if pd.Page == "" {
		pd.Page = pd.T(page)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:")
	w.WriteHeader(status)
	if err := d.pages[page].ExecuteTemplate(w, "layout", pd); err != nil {
		d.opts.Logger.Error().Str("event", "dashboard.render_failed").Str("page", page).Err(err).Msg("rendering a dashboard page")
	}
}

func (d *Dashboard) loginPage(w http.ResponseWriter, r *http.Request) {
	d.render(w, r, http.StatusOK, "login", principal{}, nil)
}

func (d *Dashboard) ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), 10*time.Second)
}

func (d *Dashboard) fail(w http.ResponseWriter, err error) {
	d.opts.Logger.Error().Str("event", "dashboard.query_failed").Err(err).Msg("dashboard query")
	http.Error(w, "the tracking store did not answer; see the daemon's log", http.StatusServiceUnavailable)
}

func (d *Dashboard) health(w http.ResponseWriter, r *http.Request, p principal) {
	ctx, cancel := d.ctx(r)
	defer cancel()
	var data struct {
		Streams []store.StreamStatus
		Runs    []store.RunRow
		Outbox  store.OutboxStats
		Dead    []store.DeadLetter
	}
	var err error
	if data.Streams, err = d.opts.Store.StreamHealth(ctx); err != nil {
		d.fail(w, err)
		return
	}
	if data.Runs, err = d.opts.Store.RecentRuns(ctx, 30); err != nil {
		d.fail(w, err)
		return
	}
	if data.Outbox, err = d.opts.Store.OutboxStats(ctx); err != nil {
		d.fail(w, err)
		return
	}
	if data.Dead, err = d.opts.Store.DeadLetters(ctx, 20); err != nil {
		d.fail(w, err)
		return
	}
	data.Outbox.OldestPendingAge = data.Outbox.OldestPendingAge.Round(time.Second)
	d.render(w, r, http.StatusOK, "health", p, data)
}

func (d *Dashboard) tasks(w http.ResponseWriter, r *http.Request, p principal) {
	ctx, cancel := d.ctx(r)
	defer cancel()
	q := r.URL.Query()
	f := store.TaskFilter{UnitCode: q.Get("unit"), Limit: 500}
	for _, s := range states {
		if q.Get("state") == s {
			f.State = s
		}
	}
	period := strings.TrimSpace(q.Get("period"))
	if period != "" {
		pr, err := report.ParsePeriod(period)
		if err != nil {
			http.Error(w, translate(d.lang(w, r), "bad_period")+": "+err.Error(), http.StatusBadRequest)
			return
		}
		f.DueFrom, f.DueTo = &pr.From, &pr.To
	}
	overdue := q.Get("overdue") == "1"
	if overdue {
		now := d.opts.Now()
		f.DueBefore = &now
	}
	ts, err := d.opts.Store.ListTasks(ctx, f)
	if err != nil {
		d.fail(w, err)
		return
	}
	d.render(w, r, http.StatusOK, "tasks", p, map[string]any{
		"Tasks": ts, "Unit": f.UnitCode, "State": f.State, "States": states, "Overdue": overdue, "Period": period,
	})
}

func (d *Dashboard) task(w http.ResponseWriter, r *http.Request, p principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctx, cancel := d.ctx(r)
	defer cancel()
	ts, err := d.opts.Store.ListTasks(ctx, store.TaskFilter{ID: id})
	if err != nil {
		d.fail(w, err)
		return
	}
	if len(ts) == 0 {
		http.NotFound(w, r)
		return
	}
	hist, err := d.opts.Store.TaskEvents(ctx, d.opts.Store.Pool(), id)
	if err != nil {
		d.fail(w, err)
		return
	}
	d.render(w, r, http.StatusOK, "task", p, map[string]any{"Task": ts[0], "History": hist})
}

// period reads ?period= (default: the current year in Asia/Ho_Chi_Minh).
func (d *Dashboard) period(r *http.Request) (report.Period, error) {
	name := strings.TrimSpace(r.URL.Query().Get("period"))
	if name == "" {
		name = d.opts.Now().In(connectors.Zone).Format("2006")
	}
	return report.ParsePeriod(name)
}

// loadReport builds the report of ?period=; on a bad period or a failure it
// answers the request itself and returns false.
func (d *Dashboard) loadReport(ctx context.Context, w http.ResponseWriter, r *http.Request) (report.Period, report.Report, report.Labels, bool) {
	pr, err := d.period(r)
	if err != nil {
		http.Error(w, translate(d.lang(w, r), "bad_period")+": "+err.Error(), http.StatusBadRequest)
		return pr, report.Report{}, report.Labels{}, false
	}
	rep, labels, err := d.opts.Report(ctx, pr)
	if err != nil {
		d.fail(w, err)
		return pr, rep, labels, false
	}
	return pr, rep, labels, true
}

// reportPage shows the periodic report with its charts and download links.
func (d *Dashboard) reportPage(w http.ResponseWriter, r *http.Request, p principal) {
	ctx, cancel := d.ctx(r)
	defer cancel()
	pr, rep, labels, ok := d.loadReport(ctx, w, r)
	if !ok {
		return
	}
	// The on-time trend: the twelve months up to this one, by month of deadline.
	var trend []trendPoint
	now := d.opts.Now().In(connectors.Zone)
	for i := 11; i >= 0; i-- {
		m := time.Date(now.Year(), now.Month()-time.Month(i), 1, 0, 0, 0, 0, connectors.Zone)
		mp, err := report.ParsePeriod(m.Format("2006-01"))
		if err != nil {
			d.fail(w, err)
			return
		}
		mr, _, err := d.opts.Report(ctx, mp)
		if err != nil {
			d.fail(w, err)
			return
		}
		trend = append(trend, trendPoint{Month: m.Format("01/2006"), Rate: mr.Total.OnTimeRate})
	}
	d.render(w, r, http.StatusOK, "report", p, map[string]any{"R": rep, "L": labels, "Trend": trend, "Period": pr.Name})
}

// reportFile downloads the report as CSV, XLSX or JSON: the same bytes as the
// report command.
func (d *Dashboard) reportFile(w http.ResponseWriter, r *http.Request, p principal) {
	format := strings.TrimPrefix(r.URL.Path, "/report.")
	ctx, cancel := d.ctx(r)
	defer cancel()
	pr, rep, labels, ok := d.loadReport(ctx, w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	var err error
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "json": "application/json",
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format]
	switch format {
	case "csv":
		err = report.WriteCSV(&buf, rep, labels)
	case "xlsx":
		err = report.WriteXLSX(&buf, rep, labels)
	default:
		err = report.WriteJSON(&buf, rep)
	}
	if err != nil {
		d.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bao-cao-%s.%s"`, pr.Name, format))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
