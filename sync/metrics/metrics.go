// Package metrics defines what cddh-sync exposes on /metrics for provincial IT. Each
// stream reports its own success time, duration and errors (as Prometheus exporters
// do per collector), so an operator sees which part is sick. Label values are fixed
// vocabularies (stream, endpoint, status class, indication): never a document's
// content, so a secret document cannot leak through a label.
package metrics

import (
	"context"
	"time"

	"cddh-sync/sync/metrics/collectors"
	"cddh-sync/sync/metrics/prom"
)

// Metrics holds the collectors; one instance per process, registered on its own
// registry (no global state).
type Metrics struct {
	Registry *prom.Registry

	StreamLastSuccess *prom.GaugeVec
	StreamLag         *prom.GaugeVec
	StreamDuration    *prom.HistogramVec
	StreamErrors      *prom.CounterVec
	PortalRequests    *prom.CounterVec
	Documents         *prom.CounterVec
	SecretSkipped     prom.Counter
	TasksExtracted    prom.Counter
	Signatures        *prom.CounterVec
	OutboxDelivered   *prom.CounterVec
	OutboxDeadTotal   prom.Counter
	Reminders         *prom.CounterVec
	ReviewOutcomes    *prom.CounterVec
}

// OutboxSource reports the queue's state at scrape time.
type OutboxSource func(ctx context.Context) (pending, dead int, oldest time.Duration, err error)

// New builds and registers every collector. outbox may be nil (no queue gauges).
func New(outbox OutboxSource) *Metrics {
	m := &Metrics{
		Registry: prom.NewRegistry(),
		StreamLastSuccess: prom.NewGaugeVec(prom.GaugeOpts{
			Name: "cddh_stream_last_success_timestamp_seconds", Help: "When the stream last completed a cycle (Unix time)."}, []string{"stream"}),
		StreamLag: prom.NewGaugeVec(prom.GaugeOpts{
			Name: "cddh_stream_lag_seconds", Help: "Age of the newest portal update the stream has committed."}, []string{"stream"}),
		StreamDuration: prom.NewHistogramVec(prom.HistogramOpts{
			Name: "cddh_stream_cycle_duration_seconds", Help: "Duration of one poll cycle.",
			Buckets: prom.ExponentialBuckets(0.05, 2, 14)}, []string{"stream"}),
		StreamErrors: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_stream_errors_total", Help: "Cycles that ended in an error."}, []string{"stream"}),
		PortalRequests: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_portal_requests_total", Help: "Requests to the portal by endpoint and HTTP status (0: transport error)."}, []string{"endpoint", "code"}),
		Documents: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_documents_total", Help: "Documents processed by stream and result (new, changed, unchanged, refused)."}, []string{"stream", "result"}),
		SecretSkipped: prom.NewCounter(prom.CounterOpts{
			Name: "cddh_secret_documents_skipped_total", Help: "Secret documents skipped unread (only counted)."}),
		TasksExtracted: prom.NewCounter(prom.CounterOpts{
			Name: "cddh_tasks_extracted_total", Help: "Tasks extracted from directives."}),
		Signatures: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_signature_verdicts_total", Help: "Signature verdicts by indication."}, []string{"indication"}),
		OutboxDelivered: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_outbox_delivered_total", Help: "Push-backs delivered by kind."}, []string{"kind"}),
		OutboxDeadTotal: prom.NewCounter(prom.CounterOpts{
			Name: "cddh_outbox_dead_letters_total", Help: "Push-backs moved to the dead-letter state (alert on increase)."}),
		Reminders: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_reminders_queued_total", Help: "Reminders queued as portal comments, by kind."}, []string{"kind"}),
		ReviewOutcomes: prom.NewCounterVec(prom.CounterOpts{
			Name: "cddh_review_outcomes_total", Help: "The Office's reviews of extracted tasks by outcome (confirmed, corrected, rejected, added)."}, []string{"outcome"}),
	}
	m.Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.StreamLastSuccess, m.StreamLag, m.StreamDuration, m.StreamErrors, m.PortalRequests, m.Documents,
		m.SecretSkipped, m.TasksExtracted, m.Signatures, m.OutboxDelivered, m.OutboxDeadTotal, m.Reminders,
		m.ReviewOutcomes,
	)
	for _, o := range []string{"confirmed", "corrected", "rejected", "added"} {
		m.ReviewOutcomes.WithLabelValues(o) // every outcome shows, at 0 before the first review
	}
	if outbox != nil {
		m.Registry.MustRegister(&outboxCollector{src: outbox})
	}
	return m
}

var (
	outboxPendingDesc = prom.NewDesc("cddh_outbox_pending", "Push-backs waiting for delivery.", nil, nil)
	outboxDeadDesc    = prom.NewDesc("cddh_outbox_dead", "Push-backs in the dead-letter state.", nil, nil)
	outboxOldestDesc  = prom.NewDesc("cddh_outbox_oldest_pending_age_seconds", "Age of the oldest waiting push-back.", nil, nil)
	outboxUpDesc      = prom.NewDesc("cddh_outbox_query_up", "1 if the outbox could be read at this scrape.", nil, nil)
)

// outboxCollector reads the queue from the store at scrape time, bounded by a timeout
// so a slow database cannot hang /metrics.
type outboxCollector struct{ src OutboxSource }

func (c *outboxCollector) Describe(ch chan<- *prom.Desc) {
	ch <- outboxPendingDesc
	ch <- outboxDeadDesc
	ch <- outboxOldestDesc
	ch <- outboxUpDesc
}

func (c *outboxCollector) Collect(ch chan<- prom.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	pending, dead, oldest, err := c.src(ctx)
	if err != nil {
		ch <- prom.MustNewConstMetric(outboxUpDesc, prom.GaugeValue, 0)
		return
	}
	ch <- prom.MustNewConstMetric(outboxUpDesc, prom.GaugeValue, 1)
	ch <- prom.MustNewConstMetric(outboxPendingDesc, prom.GaugeValue, float64(pending))
	ch <- prom.MustNewConstMetric(outboxDeadDesc, prom.GaugeValue, float64(dead))
	ch <- prom.MustNewConstMetric(outboxOldestDesc, prom.GaugeValue, oldest.Seconds())
}
