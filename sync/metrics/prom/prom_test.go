package prom

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
)

type constCollector struct{ d *Desc }

func (c constCollector) Describe(ch chan<- *Desc) { ch <- c.d }
func (c constCollector) Collect(ch chan<- Metric) {
	ch <- MustNewConstMetric(c.d, GaugeValue, 3, "a\"b\\c\nd")
}

func sample(t *testing.T) *Registry {
	t.Helper()
	r := NewRegistry()
	cv := NewCounterVec(CounterOpts{Name: "x_requests_total", Help: "Requests by code.\nSecond line \\ here."}, []string{"endpoint", "code"})
	gv := NewGaugeVec(GaugeOpts{Name: "x_lag_seconds", Help: "Lag."}, []string{"stream"})
	hv := NewHistogramVec(HistogramOpts{Name: "x_duration_seconds", Help: "Duration of one cycle.", Buckets: ExponentialBuckets(0.5, 2, 3)}, []string{"stream"})
	c := NewCounter(CounterOpts{Name: "x_skipped_total", Help: "Skipped."})
	unused := NewCounterVec(CounterOpts{Name: "x_unused_total", Help: "Never touched."}, []string{"kind"})
	r.MustRegister(cv, gv, hv, c, unused, constCollector{NewDesc("x_queue", "Queue.", []string{"name"}, nil)})
	cv.WithLabelValues("list", "200").Inc()
	cv.WithLabelValues("list", "200").Add(2)
	cv.WithLabelValues("detail", "500").Inc()
	gv.WithLabelValues("documents").Set(1.5)
	gv.WithLabelValues("documents").Dec()
	for _, v := range []float64{0.1, 0.5, 0.7, 1.5, 9} {
		hv.WithLabelValues("tasks").Observe(v)
	}
	return r
}

// TestExposition pins the text format: HELP/TYPE per family, sorted families and
// series, escaped help and label values, cumulative buckets with an inclusive le
// and +Inf, _sum and _count, a counter without labels at 0, an untouched vector
// absent.
func TestExposition(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := sample(t).WriteText(bufio.NewWriter(&b)); err != nil {
		t.Fatal(err)
	}
	want := `# HELP x_duration_seconds Duration of one cycle.
# TYPE x_duration_seconds histogram
x_duration_seconds_bucket{stream="tasks",le="0.5"} 2
x_duration_seconds_bucket{stream="tasks",le="1"} 3
x_duration_seconds_bucket{stream="tasks",le="2"} 4
x_duration_seconds_bucket{stream="tasks",le="+Inf"} 5
x_duration_seconds_sum{stream="tasks"} 11.8
x_duration_seconds_count{stream="tasks"} 5
# HELP x_lag_seconds Lag.
# TYPE x_lag_seconds gauge
x_lag_seconds{stream="documents"} 0.5
# HELP x_queue Queue.
# TYPE x_queue gauge
x_queue{name="a\"b\\c\nd"} 3
# HELP x_requests_total Requests by code.\nSecond line \\ here.
# TYPE x_requests_total counter
x_requests_total{endpoint="detail",code="500"} 1
x_requests_total{endpoint="list",code="200"} 3
# HELP x_skipped_total Skipped.
# TYPE x_skipped_total counter
x_skipped_total 0
`
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestPromtoolAccepts: Prometheus's own linter parses the output.
func TestPromtoolAccepts(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("SKIPPED: promtool not installed (apt-get install prometheus); the exposition was not checked by Prometheus's parser")
	}
	srv := httptest.NewServer(Handler(sample(t), 0))
	defer srv.Close()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", srv.URL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Fatalf("content type %q", ct)
	}
	cmd := exec.Command(bin, "check", "metrics")
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.CombinedOutput()
	if err != nil && !strings.Contains(string(out), "should have") { // lint hints (naming) are not parse errors
		t.Fatalf("promtool: %v\n%s\n%s", err, out, body)
	}
	if strings.Contains(string(out), "error") {
		t.Fatalf("promtool reports an error:\n%s", out)
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func(){
		"bad name": func() { NewCounterVec(CounterOpts{Name: "1x"}, nil) },
		"twice": func() {
			r := NewRegistry()
			r.MustRegister(NewCounter(CounterOpts{Name: "a"}), NewCounter(CounterOpts{Name: "a"}))
		},
		"wrong label arity": func() { NewGaugeVec(GaugeOpts{Name: "g"}, []string{"a"}).WithLabelValues("x", "y") },
		"counter decrease":  func() { NewCounter(CounterOpts{Name: "c"}).Add(-1) },
		"unsorted buckets":  func() { NewHistogramVec(HistogramOpts{Name: "h", Buckets: []float64{2, 1}}, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestGather: the families as client_golang's Gatherer gives them, for tests that
// read a counter's value.
func TestGather(t *testing.T) {
	t.Parallel()
	mfs, err := sample(t).Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			key := mf.GetName()
			for _, l := range m.GetLabel() {
				key += "," + l.GetName() + "=" + l.GetValue()
			}
			got[key] = m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	want := map[string]float64{
		"x_requests_total,endpoint=list,code=200":   3,
		"x_requests_total,endpoint=detail,code=500": 1,
		"x_lag_seconds,stream=documents":            0.5,
		"x_skipped_total":                           0,
		"x_queue,name=a\"b\\c\nd":                   3,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%q = %v (present %v), want %v", k, g, ok, v)
		}
	}
}
