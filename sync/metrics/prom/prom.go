// Package prom is the small part of a Prometheus client that cddh-sync uses:
// counters, gauges and histograms with labels, constant metrics from collectors
// read at scrape time, a registry, and the text exposition format (version 0.0.4).
//
// It replaces github.com/prometheus/client_golang, whose package initialisation
// (default registry, Go and process collectors, protobuf descriptors) cost every
// process of the binary about 2 ms of CPU and ~80 context switches before main,
// `cddh-sync verify` included (issue 17, measured with perf stat). The API mirrors
// client_golang's names so metric definitions read the same.
package prom

import (
	"bufio"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ValueType is the type of a constant metric.
type ValueType int

// Value types.
const (
	CounterValue ValueType = iota + 1
	GaugeValue
)

// Desc describes a metric family: its name, help and label names.
type Desc struct {
	name, help string
	labels     []string
	typ        string // counter, gauge, histogram
}

// NewDesc describes a family of constant metrics (gauges unless a counter value is
// given). constLabels must be nil: cddh-sync uses none.
func NewDesc(name, help string, labels []string, constLabels map[string]string) *Desc {
	if len(constLabels) > 0 {
		panic("prom: constant labels are not supported")
	}
	checkName(name)
	for _, l := range labels {
		checkName(l)
	}
	return &Desc{name: name, help: help, labels: labels}
}

func checkName(n string) {
	if n == "" {
		panic("prom: empty metric or label name")
	}
	for i, r := range n {
		if !(r == '_' || r == ':' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			panic(fmt.Sprintf("prom: invalid metric or label name %q", n))
		}
	}
}

// Metric is one sample (or, for a histogram, one labelled series) of a family.
type Metric interface {
	desc() *Desc
	write(w *expo)
}

// Collector yields metrics at scrape time.
type Collector interface {
	Describe(ch chan<- *Desc)
	Collect(ch chan<- Metric)
}

type constMetric struct {
	d      *Desc
	typ    ValueType
	value  float64
	labels []string
}

func (m *constMetric) desc() *Desc { return m.d }
func (m *constMetric) write(w *expo) {
	w.sample(m.d.name, m.d.labels, m.labels, "", "", m.value)
}

// MustNewConstMetric is a sample of desc read at scrape time.
func MustNewConstMetric(desc *Desc, typ ValueType, value float64, labelValues ...string) Metric {
	if len(labelValues) != len(desc.labels) {
		panic(fmt.Sprintf("prom: %s wants %d label values, got %d", desc.name, len(desc.labels), len(labelValues)))
	}
	return &constMetric{d: desc, typ: typ, value: value, labels: labelValues}
}

// Opts name a metric family.
type Opts struct {
	Name, Help string
}

// CounterOpts name a counter family.
type CounterOpts Opts

// GaugeOpts name a gauge family.
type GaugeOpts Opts

// HistogramOpts name a histogram family and give its upper bounds.
type HistogramOpts struct {
	Name, Help string
	Buckets    []float64
}

// ExponentialBuckets returns count bounds start, start*factor, ...
func ExponentialBuckets(start, factor float64, count int) []float64 {
	if count < 1 || start <= 0 || factor <= 1 {
		panic("prom: ExponentialBuckets needs count >= 1, start > 0 and factor > 1")
	}
	b := make([]float64, count)
	for i := range b {
		b[i] = start
		start *= factor
	}
	return b
}

// DefBuckets are client_golang's default histogram bounds (seconds).
var DefBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// value is a float64 updated atomically under a mutex (scrapes are rare).
type value struct {
	mu sync.Mutex
	v  float64
}

// Counter only goes up.
type Counter interface {
	Inc()
	Add(float64)
}

// Gauge goes up and down.
type Gauge interface {
	Set(float64)
	Inc()
	Dec()
	Add(float64)
}

// Observer takes observations (a histogram's series).
type Observer interface {
	Observe(float64)
}

type counter struct{ value }

func (c *counter) Inc() { c.Add(1) }
func (c *counter) Add(d float64) {
	if d < 0 {
		panic("prom: a counter cannot decrease")
	}
	c.mu.Lock()
	c.v += d
	c.mu.Unlock()
}

type gauge struct{ value }

func (g *gauge) Set(v float64) { g.mu.Lock(); g.v = v; g.mu.Unlock() }
func (g *gauge) Inc()          { g.Add(1) }
func (g *gauge) Dec()          { g.Add(-1) }
func (g *gauge) Add(d float64) { g.mu.Lock(); g.v += d; g.mu.Unlock() }

type histogram struct {
	mu     sync.Mutex
	bounds []float64
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

func (h *histogram) Observe(v float64) {
	i := sort.SearchFloat64s(h.bounds, v) // first bound >= v: le is inclusive
	h.mu.Lock()
	if i < len(h.counts) {
		h.counts[i]++
	}
	h.sum += v
	h.count++
	h.mu.Unlock()
}

// vec is a family with labels: one child per label-value tuple.
type vec[T any] struct {
	d        *Desc
	mu       sync.Mutex
	children map[string]*child[T]
	make     func() *T
}

type child[T any] struct {
	labels []string
	m      *T
}

func (v *vec[T]) with(lvs []string) *T {
	if len(lvs) != len(v.d.labels) {
		panic(fmt.Sprintf("prom: %s wants %d label values, got %d", v.d.name, len(v.d.labels), len(lvs)))
	}
	key := strings.Join(lvs, "\xff")
	v.mu.Lock()
	defer v.mu.Unlock()
	c, ok := v.children[key]
	if !ok {
		c = &child[T]{labels: append([]string(nil), lvs...), m: v.make()}
		v.children[key] = c
	}
	return c.m
}

func (v *vec[T]) snapshot() []*child[T] {
	v.mu.Lock()
	out := make([]*child[T], 0, len(v.children))
	for _, c := range v.children {
		out = append(out, c)
	}
	v.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return slices.Compare(out[i].labels, out[j].labels) < 0 })
	return out
}

func newVec[T any](name, help, typ string, labels []string, mk func() *T) *vec[T] {
	d := NewDesc(name, help, labels, nil)
	d.typ = typ
	return &vec[T]{d: d, children: map[string]*child[T]{}, make: mk}
}

// CounterVec is a counter family with labels.
type CounterVec struct{ v *vec[counter] }

// NewCounterVec makes a counter family.
func NewCounterVec(o CounterOpts, labels []string) *CounterVec {
	return &CounterVec{newVec(o.Name, o.Help, "counter", labels, func() *counter { return &counter{} })}
}

// WithLabelValues is the counter for these label values, created at 0.
func (c *CounterVec) WithLabelValues(lvs ...string) Counter { return c.v.with(lvs) }

// NewCounter makes a counter without labels.
func NewCounter(o CounterOpts) Counter { return &single[counter]{NewCounterVec(o, nil).v} }

// GaugeVec is a gauge family with labels.
type GaugeVec struct{ v *vec[gauge] }

// NewGaugeVec makes a gauge family.
func NewGaugeVec(o GaugeOpts, labels []string) *GaugeVec {
	return &GaugeVec{newVec(o.Name, o.Help, "gauge", labels, func() *gauge { return &gauge{} })}
}

// WithLabelValues is the gauge for these label values, created at 0.
func (g *GaugeVec) WithLabelValues(lvs ...string) Gauge { return g.v.with(lvs) }

// HistogramVec is a histogram family with labels.
type HistogramVec struct {
	v      *vec[histogram]
	bounds []float64
}

// NewHistogramVec makes a histogram family (DefBuckets when o.Buckets is nil).
func NewHistogramVec(o HistogramOpts, labels []string) *HistogramVec {
	b := o.Buckets
	if b == nil {
		b = DefBuckets
	}
	b = slices.Clone(b)
	if !sort.Float64sAreSorted(b) {
		panic("prom: histogram bounds must increase")
	}
	if n := len(b); n > 0 && math.IsInf(b[n-1], 1) {
		b = b[:n-1] // +Inf is implicit
	}
	h := &HistogramVec{bounds: b}
	h.v = newVec(o.Name, o.Help, "histogram", labels, func() *histogram {
		return &histogram{bounds: h.bounds, counts: make([]uint64, len(h.bounds))}
	})
	return h
}

// WithLabelValues is the series for these label values.
func (h *HistogramVec) WithLabelValues(lvs ...string) Observer { return h.v.with(lvs) }

// single is a family without labels: its one child always shows, at 0 at first.
type single[T any] struct{ v *vec[T] }

func (s *single[T]) child() *T { return s.v.with(nil) }

func (s *single[T]) Inc() {
	if c, ok := any(s.child()).(Counter); ok {
		c.Inc()
	}
}

func (s *single[T]) Add(d float64) {
	if c, ok := any(s.child()).(Counter); ok {
		c.Add(d)
	}
}

// family is what the registry writes: a description and its samples.
type family interface {
	describe() *Desc
	writeTo(w *expo)
}

func (v *vec[T]) describe() *Desc { return v.d }

func (v *vec[T]) writeTo(w *expo) {
	for _, c := range v.snapshot() {
		switch m := any(c.m).(type) {
		case *counter:
			m.mu.Lock()
			x := m.v
			m.mu.Unlock()
			w.sample(v.d.name, v.d.labels, c.labels, "", "", x)
		case *gauge:
			m.mu.Lock()
			x := m.v
			m.mu.Unlock()
			w.sample(v.d.name, v.d.labels, c.labels, "", "", x)
		case *histogram:
			m.mu.Lock()
			counts, sum, count := slices.Clone(m.counts), m.sum, m.count
			m.mu.Unlock()
			var cum uint64
			for i, b := range m.bounds {
				cum += counts[i]
				w.sample(v.d.name+"_bucket", v.d.labels, c.labels, "le", formatFloat(b), float64(cum))
			}
			w.sample(v.d.name+"_bucket", v.d.labels, c.labels, "le", "+Inf", float64(count))
			w.sample(v.d.name+"_sum", v.d.labels, c.labels, "", "", sum)
			w.sample(v.d.name+"_count", v.d.labels, c.labels, "", "", float64(count))
		}
	}
}

// Registry holds the families and collectors of one process.
type Registry struct {
	mu         sync.Mutex
	names      map[string]bool
	families   []family
	collectors []Collector
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{names: map[string]bool{}} }

// MustRegister adds metrics made by this package's constructors, or Collectors; a
// name registered twice panics.
func (r *Registry) MustRegister(cs ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range cs {
		switch x := c.(type) {
		case *CounterVec:
			r.addFamily(x.v)
		case *GaugeVec:
			r.addFamily(x.v)
		case *HistogramVec:
			r.addFamily(x.v)
		case *single[counter]:
			x.child() // a counter without labels shows at 0 from the start
			r.addFamily(x.v)
		case Collector:
			ch := make(chan *Desc, 16)
			go func() { x.Describe(ch); close(ch) }()
			for d := range ch {
				r.claim(d.name)
			}
			r.collectors = append(r.collectors, x)
		default:
			panic(fmt.Sprintf("prom: cannot register %T", c))
		}
	}
}

func (r *Registry) addFamily(f family) {
	r.claim(f.describe().name)
	r.families = append(r.families, f)
}

func (r *Registry) claim(name string) {
	if r.names[name] {
		panic("prom: " + name + " registered twice")
	}
	r.names[name] = true
}

// collect reads every family and collector, sorted by family name.
func (r *Registry) collect() []*expo {
	r.mu.Lock()
	fams := slices.Clone(r.families)
	cols := slices.Clone(r.collectors)
	r.mu.Unlock()
	byName := map[string]*expo{}
	var names []string
	get := func(d *Desc, typ string) *expo {
		e, ok := byName[d.name]
		if !ok {
			e = &expo{name: d.name, help: d.help, typ: typ}
			byName[d.name] = e
			names = append(names, d.name)
		}
		return e
	}
	for _, f := range fams {
		d := f.describe()
		f.writeTo(get(d, d.typ))
	}
	for _, c := range cols {
		ch := make(chan Metric, 16)
		go func() { c.Collect(ch); close(ch) }()
		for m := range ch {
			d := m.desc()
			typ := "gauge"
			if cm, ok := m.(*constMetric); ok && cm.typ == CounterValue {
				typ = "counter"
			}
			m.write(get(d, typ))
		}
	}
	sort.Strings(names)
	out := make([]*expo, 0, len(names))
	for _, n := range names {
		e := byName[n]
		if len(e.lines) == 0 {
			continue // a family with no series yet shows nothing, as client_golang does
		}
		sort.SliceStable(e.lines, func(i, j int) bool { return e.lines[i].key < e.lines[j].key })
		out = append(out, e)
	}
	return out
}

// WriteText writes every family in the text exposition format, sorted by name.
func (r *Registry) WriteText(out *bufio.Writer) error {
	for _, e := range r.collect() {
		fmt.Fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", e.name, escapeHelp(e.help), e.name, e.typ)
		for _, l := range e.lines {
			out.WriteString(l.text)
		}
	}
	return out.Flush()
}

// Gather returns the families as client_golang's Gatherer does, with the getters
// its tests use (GetName, GetMetric, GetLabel, GetCounter, GetGauge, GetValue).
// Histogram families carry no per-sample values here.
func (r *Registry) Gather() ([]*MetricFamily, error) {
	var out []*MetricFamily
	for _, e := range r.collect() {
		f := &MetricFamily{name: e.name, help: e.help, typ: e.typ}
		for _, l := range e.lines {
			if l.name != e.name {
				continue // histogram _bucket, _sum, _count lines
			}
			m := &MetricSample{}
			for i, n := range l.labelNames {
				m.labels = append(m.labels, &LabelPair{name: n, value: l.labelValues[i]})
			}
			switch e.typ {
			case "counter":
				m.counter = &SampleValue{value: l.value}
			case "gauge":
				m.gauge = &SampleValue{value: l.value}
			}
			f.metrics = append(f.metrics, m)
		}
		out = append(out, f)
	}
	return out, nil
}

// MetricFamily is one family as Gather returns it.
type MetricFamily struct {
	name, help, typ string
	metrics         []*MetricSample
}

// GetName is the family's name.
func (f *MetricFamily) GetName() string { return f.name }

// GetHelp is the family's help text.
func (f *MetricFamily) GetHelp() string { return f.help }

// GetMetric lists the family's samples.
func (f *MetricFamily) GetMetric() []*MetricSample { return f.metrics }

// MetricSample is one sample: its labels and its counter or gauge value.
type MetricSample struct {
	labels         []*LabelPair
	counter, gauge *SampleValue
}

// GetLabel lists the sample's labels in declaration order.
func (m *MetricSample) GetLabel() []*LabelPair { return m.labels }

// GetCounter is the value of a counter sample, nil otherwise.
func (m *MetricSample) GetCounter() *SampleValue { return m.counter }

// GetGauge is the value of a gauge sample, nil otherwise.
func (m *MetricSample) GetGauge() *SampleValue { return m.gauge }

// SampleValue holds a value; a nil one reads 0, like protobuf getters.
type SampleValue struct{ value float64 }

// GetValue is the value (0 for nil).
func (v *SampleValue) GetValue() float64 {
	if v == nil {
		return 0
	}
	return v.value
}

// LabelPair is one label of a sample.
type LabelPair struct{ name, value string }

// GetName is the label's name.
func (l *LabelPair) GetName() string { return l.name }

// GetValue is the label's value.
func (l *LabelPair) GetValue() string { return l.value }

// Handler serves the registry in the text format.
func Handler(r *Registry, timeout time.Duration) http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = r.WriteText(bufio.NewWriter(w))
	})
	if timeout <= 0 {
		return h
	}
	return http.TimeoutHandler(h, timeout, "metrics collection timed out\n")
}

// expo gathers one family's sample lines.
type expo struct {
	name, help, typ string
	lines           []line
	seq             int
}

type line struct {
	key         string
	text        string
	name        string // the sample's metric name (a histogram's carry suffixes)
	labelNames  []string
	labelValues []string
	value       float64
}

func (e *expo) sample(name string, labelNames, labelValues []string, extraName, extraValue string, v float64) {
	var b strings.Builder
	b.WriteString(name)
	if len(labelNames) > 0 || extraName != "" {
		b.WriteByte('{')
		for i, l := range labelNames {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(l)
			b.WriteString(`="`)
			b.WriteString(escapeLabel(labelValues[i]))
			b.WriteByte('"')
		}
		if extraName != "" {
			if len(labelNames) > 0 {
				b.WriteByte(',')
			}
			b.WriteString(extraName)
			b.WriteString(`="`)
			b.WriteString(extraValue)
			b.WriteByte('"')
		}
		b.WriteByte('}')
	}
	b.WriteByte(' ')
	b.WriteString(formatFloat(v))
	b.WriteByte('\n')
	// Keep series together (label values) and each series' lines in order.
	e.seq++
	e.lines = append(e.lines, line{key: strings.Join(labelValues, "\xff") + "\x00" + fmt.Sprintf("%09d", e.seq), text: b.String(),
		name: name, labelNames: labelNames, labelValues: labelValues, value: v})
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }
