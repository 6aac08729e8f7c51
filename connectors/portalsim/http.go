package portalsim

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// reply is a handler's answer before faults are applied to it.
type reply struct {
	status int
	header http.Header
	body   []byte
	stream io.Reader // instead of body, for huge files
	length int64     // of stream
	isJSON bool
}

func jsonReply(status int, code, message string, data any) reply {
	b, err := json.Marshal(envelope{Status: wireStatus{Code: code, Message: message}, Data: data})
	if err != nil {
		b = []byte(`{"status":{"code":"500","message":"lỗi mã hóa JSON"},"data":null}`)
		status = http.StatusInternalServerError
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	return reply{status: status, header: h, body: b, isJSON: true}
}

func ok(data any) reply { return jsonReply(http.StatusOK, "0", "OK", data) }

func fail(status int, message string) reply {
	return jsonReply(status, strconv.Itoa(status), message, nil)
}

// endpoint describes one route and which faults may strike it.
type endpoint struct {
	name   string
	auth   bool // needs a token
	write  bool // applies a change (LostResponse)
	search bool // DuplicatePage and MovingDocuments
	fn     func(s *Sim, r *http.Request, f *fate) reply
}

// fate is what the fault generator decided for one request.
type fate struct {
	slow, err5xx, tooMany, expire, cut, malformed, duplicate, moving, lost bool
	status5xx                                                              int
	expireHTTP                                                             bool // expire with HTTP 401 (else 200 + "401")
}

func (f *fate) names() []string {
	var n []string
	for _, x := range []struct {
		on   bool
		name string
	}{
		{f.slow, "slow"}, {f.err5xx, "5xx"}, {f.tooMany, "429"}, {f.expire, "expire_token"},
		{f.cut, "cut_mid_body"}, {f.malformed, "malformed_json"}, {f.duplicate, "duplicate_page"},
		{f.moving, "moving_documents"}, {f.lost, "lost_response"},
	} {
		if x.on {
			n = append(n, x.name)
		}
	}
	return n
}

// apiPrefix is the portal's context path.
const apiPrefix = "/qlvb/api"

// routes is the API: one pattern per endpoint, with the faults that may strike it.
var routes = []struct {
	pattern string
	ep      endpoint
}{
	{"POST " + apiPrefix + "/login/v3/", endpoint{name: "login", fn: (*Sim).login}},
	{"GET " + apiPrefix + "/document/search/", endpoint{name: "search", auth: true, search: true, fn: (*Sim).search}},
	{"GET " + apiPrefix + "/document/getdetaildocument/{id}/", endpoint{name: "detail", auth: true, fn: (*Sim).detail}},
	{"GET " + apiPrefix + "/shared/integration/doc/edxml/{id}/", endpoint{name: "edxml", auth: true, fn: (*Sim).edxml}},
	{"GET " + apiPrefix + "/file/download/{id}/", endpoint{name: "download", auth: true, fn: (*Sim).download}},
	{"PUT " + apiPrefix + "/cddh/nhiemvu/{key}/", endpoint{name: "task_put", auth: true, write: true, fn: (*Sim).putTask}},
	{"GET " + apiPrefix + "/cddh/nhiemvu/{key}/", endpoint{name: "task_get", auth: true, fn: (*Sim).getTask}},
	{"GET " + apiPrefix + "/cddh/hanhdong/", endpoint{name: "feed", auth: true, fn: (*Sim).feed}},
	{"POST " + apiPrefix + "/document/comment/{id}/", endpoint{name: "comment_post", auth: true, write: true, fn: (*Sim).postComment}},
	{"GET " + apiPrefix + "/document/comment/{id}/", endpoint{name: "comment_list", auth: true, fn: (*Sim).listComments}},
	{"POST " + apiPrefix + "/shared/integration/doc/receive_status/", endpoint{name: "receive_status", auth: true, write: true, fn: (*Sim).receiveStatus}},
	{"GET " + apiPrefix + "/shared/unit/get_all/", endpoint{name: "units", auth: true, fn: (*Sim).units}},
}

// endpointByName finds a route's endpoint; ok is false for an unknown name.
func endpointByName(name string) (endpoint, bool) {
	for _, rt := range routes {
		if rt.ep.name == name {
			return rt.ep, true
		}
	}
	return endpoint{}, false
}

// endpointMux maps a request to its route pattern, for EndpointName.
var endpointMux = sync.OnceValue(func() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.pattern, http.NotFoundHandler())
	}
	return mux
})

// EndpointName is the name of the endpoint a request is for, as the request log
// and Inject spell it ("login", "search", "detail", "edxml", "download",
// "task_put", "task_get", "feed", "comment_post", "comment_list",
// "receive_status", "units"), or "" when no route matches. Test middleware uses
// it to count requests per endpoint.
func EndpointName(r *http.Request) string {
	_, pattern := endpointMux().Handler(r)
	for _, rt := range routes {
		if rt.pattern == pattern {
			return rt.ep.name
		}
	}
	return ""
}

// Handler returns the portal API under /qlvb/api.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.pattern, s.wrap(rt.ep))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeReply(w, fail(http.StatusNotFound, "Không tìm thấy đường dẫn "+r.URL.Path))
	})
	return mux
}

// statusWriter records what was sent, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Sim) wrap(ep endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		f, outcome := s.handle(ep, sw, r)
		attrs := []any{
			"event", "sim.request", "endpoint", ep.name, "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.bytes, "duration_ms", time.Since(start).Milliseconds(),
		}
		if names := f.names(); len(names) > 0 {
			attrs = append(attrs, "faults", names)
		}
		if outcome != "" {
			attrs = append(attrs, "outcome", outcome)
		}
		s.opts.Logger.Info("request", attrs...)
	})
}

// sleep waits d or until the request is abandoned; false when abandoned.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// roll draws this request's faults in a fixed order; mu held.
func (s *Sim) roll(ep endpoint, r *http.Request) *fate {
	if f, ok := s.scriptedFate(ep); ok {
		return f
	}
	f := &fate{}
	fl := s.faults
	hit := func(rate float64, name string) bool {
		if rate <= 0 || s.faultRNG.Float64() >= rate {
			return false
		}
		s.stats.Faults[name]++
		return true
	}
	f.slow = hit(fl.Slow, "slow")
	if f.err5xx = hit(fl.Error5xx, "5xx"); f.err5xx {
		f.status5xx = []int{500, 502, 503}[s.faultRNG.IntN(3)]
	}
	f.tooMany = !f.err5xx && hit(fl.TooMany429, "429")
	if ep.auth {
		if f.expire = hit(fl.ExpireTokens, "expire_token"); f.expire {
			f.expireHTTP = s.faultRNG.IntN(2) == 0
		}
	}
	if r.Method == http.MethodGet {
		f.cut = hit(fl.CutMidBody, "cut_mid_body")
		f.malformed = !f.cut && ep.name != "download" && ep.name != "edxml" && hit(fl.MalformedJSON, "malformed_json")
	}
	if ep.search {
		if page, _ := strconv.Atoi(r.URL.Query().Get("page")); page > 1 {
			f.duplicate = hit(fl.DuplicatePage, "duplicate_page")
		}
		f.moving = hit(fl.MovingDocuments, "moving_documents")
	}
	if ep.write {
		f.lost = hit(fl.LostResponse, "lost_response")
	}
	s.stats.Requests++
	if f.slow || f.err5xx || f.tooMany || f.expire || f.cut || f.malformed || f.duplicate || f.moving || f.lost {
		s.stats.Faulted++
	}
	return f
}

// handle runs one request through latency, faults, auth and the endpoint.
func (s *Sim) handle(ep endpoint, w http.ResponseWriter, r *http.Request) (*fate, string) {
	if !sleep(r, s.opts.Latency) {
		return &fate{}, "abandoned"
	}
	s.mu.Lock()
	f := s.roll(ep, r)
	slowDelay, retryAfter := s.faults.SlowDelay, s.faults.RetryAfter
	s.mu.Unlock()
	if f.slow && !sleep(r, slowDelay) {
		return f, "abandoned"
	}
	if f.err5xx {
		writeReply(w, fail(f.status5xx, "Hệ thống đang bận, vui lòng thử lại sau"))
		return f, ""
	}
	if f.tooMany {
		rep := fail(http.StatusTooManyRequests, "Vượt quá số lượng yêu cầu cho phép")
		rep.header.Set("Retry-After", strconv.Itoa(retryAfter))
		writeReply(w, rep)
		return f, ""
	}
	if ep.auth {
		if rep, denied := s.authorize(r, f); denied {
			writeReply(w, s.errorStatus(rep))
			return f, "unauthorized"
		}
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	}
	rep := ep.fn(s, r, f)
	switch {
	case ep.write && f.lost:
		// An unknown outcome: the write is applied, the answer never arrives.
		hijackClose(w, nil)
		return f, "lost"
	case f.cut && rep.status == http.StatusOK:
		hijackCut(w, rep)
		return f, "cut"
	case f.malformed && rep.isJSON && rep.status == http.StatusOK:
		rep.body = malform(rep.body)
	}
	writeReply(w, s.errorStatus(rep))
	return f, ""
}

// errorStatus moves a 4xx JSON error to HTTP 200 when Options.ErrorsOnHTTP200 is
// set; the envelope's status.code keeps the error.
func (s *Sim) errorStatus(rep reply) reply {
	if s.opts.ErrorsOnHTTP200 && rep.isJSON && rep.status >= 400 && rep.status < 500 && rep.status != http.StatusTooManyRequests {
		rep.status = http.StatusOK
	}
	return rep
}

// authorize checks the token. An unknown token answers HTTP 401; one that has
// expired answers HTTP 200 with status.code "401" — the two ways portal-api.md
// warns about.
func (s *Sim) authorize(r *http.Request, f *fate) (reply, bool) {
	token := r.Header.Get("X-Authentication-Token")
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, known := s.tokens[token]
	if known && f.expire {
		delete(s.tokens, token)
		if f.expireHTTP {
			return fail(http.StatusUnauthorized, "Phiên đăng nhập đã hết hạn"), true
		}
		return jsonReply(http.StatusOK, "401", "Phiên đăng nhập đã hết hạn", nil), true
	}
	if !known {
		return fail(http.StatusUnauthorized, "Chưa đăng nhập hoặc token không hợp lệ"), true
	}
	if !s.clock().Before(exp) {
		delete(s.tokens, token)
		return jsonReply(http.StatusOK, "401", "Phiên đăng nhập đã hết hạn", nil), true
	}
	return reply{}, false
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if rep.stream != nil {
		w.Header().Set("Content-Length", strconv.FormatInt(rep.length, 10))
		w.WriteHeader(rep.status)
		io.CopyN(w, rep.stream, rep.length) //nolint:errcheck // the client may hang up; nothing to do
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	w.Write(rep.body) //nolint:errcheck // the client may hang up; nothing to do
}

// hijackCut sends the status line, the headers with the full Content-Length and
// half of the body, then closes the connection.
func hijackCut(w http.ResponseWriter, rep reply) {
	length := int64(len(rep.body))
	var body io.Reader = bytes.NewReader(rep.body)
	if rep.stream != nil {
		length, body = rep.length, rep.stream
	}
	var head bytes.Buffer
	fmt.Fprintf(&head, "HTTP/1.1 %d %s\r\n", rep.status, http.StatusText(rep.status))
	for k, vs := range rep.header {
		for _, v := range vs {
			fmt.Fprintf(&head, "%s: %s\r\n", k, v)
		}
	}
	fmt.Fprintf(&head, "Content-Length: %d\r\nConnection: close\r\n\r\n", length)
	hijackClose(w, io.MultiReader(&head, io.LimitReader(body, length/2)))
}

// hijackClose takes over the connection, writes what it is given, and closes it.
func hijackClose(w http.ResponseWriter, content io.Reader) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 or a recorder: fall back to an abort the server turns into a reset.
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	if content != nil {
		bw := bufio.NewWriter(conn)
		io.Copy(bw, content) //nolint:errcheck // the connection is being dropped anyway
		bw.Flush()           //nolint:errcheck
	}
}

// malform breaks a JSON document the way a proxy or a crashing portal does: cut
// short with stray bytes after.
func malform(b []byte) []byte {
	n := len(b) * 2 / 3
	out := append([]byte(nil), b[:n]...)
	return append(out, []byte(`,"<html>`)...)
}

// pathID parses the {id} path segment.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(r.PathValue("id")), 10, 64)
	return id, err == nil && id > 0
}
