package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"cddh-sync/connectors/ioffice"
	"cddh-sync/connectors/portalsim"
)

// TestOnceDeliversWhatIsPending: a one-off cycle (sync --once, SettleOutbox)
// first tries the push-backs an earlier run left waiting for a long backoff, and
// retries one that keeps failing within its settling (the backoff is capped to a
// quarter of it), so that a second `sync --once` under a flaky portal leaves
// nothing behind. CI saw one task record of TestFaultsConvergeInTwoRuns still
// pending after two runs: it had failed late and waited 18 s more than the run.
func TestOnceDeliversWhatIsPending(t *testing.T) {
	t.Parallel()
	b := setup(t, portalsim.Faults{}, 5)
	ctx := context.Background()
	if _, err := b.eng.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	// As an earlier run would leave them: records failed three times, the next
	// attempt half an hour away.
	tag, err := b.st.Pool().Exec(ctx, `UPDATE outbox SET state = 'pending', attempts = 3,
		next_attempt_at = now() + interval '30 minutes', delivered_at = NULL WHERE kind = 'put_task'`)
	if err != nil {
		t.Fatal(err)
	}
	waiting := int(tag.RowsAffected())
	if waiting < 2 {
		t.Fatalf("%d task records to put back; the test wants several", waiting)
	}
	// The portal then refuses the next four records it is sent (one attempt
	// each: the client does not retry here), then takes them: with a backoff of
	// up to 30 minutes the refused ones would wait long past the run.
	if err := b.sim.Inject("task_put", portalsim.Fault500, portalsim.Fault503, portalsim.Fault500, portalsim.Fault502); err != nil {
		t.Fatal(err)
	}
	user, pass := b.sim.Credentials()
	client, err := ioffice.New(ioffice.Options{BaseURL: b.url, Username: user, Password: pass,
		RateLimit: 1000, Concurrency: 2, Timeout: 2 * time.Second, MaxRetries: -1, BreakerThreshold: 1000})
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	once, err := New(client, b.st, simpleRules(), Options{Holder: "once", Logger: zerolog.New(logs), WorkDir: t.TempDir(),
		SettleOutbox: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = once.Close(context.Background()) })
	began := time.Now()
	if _, err := once.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	if n := count(t, b.st, `SELECT count(*) FROM outbox WHERE state <> 'done'`); n != 0 {
		t.Fatalf("%d push-backs left after a settling cycle (of %d waiting)\n%s", n, waiting, logs.String())
	}
	if got := b.sim.Stats().Faults["5xx"]; got != 4 {
		t.Fatalf("the portal refused %d records, want the 4 scripted", got)
	}
	if took > 4*time.Second {
		t.Errorf("the cycle took %v; its retries should fall due within a second or so", took)
	}
}

// TestOnceTriesAStreamAgain: in a one-off run a stream whose first search
// fails after the client's retries (five refusals here) is tried once more
// after the pause, and the cycle completes; without SetStreamRetry the same
// failure fails the stream (the daemon's next cycle reads it).
func TestOnceTriesAStreamAgain(t *testing.T) {
	t.Parallel()
	for _, retry := range []bool{false, true} {
		b := setup(t, portalsim.Faults{}, 3)
		if retry {
			b.eng.SetStreamRetry(50 * time.Millisecond)
		}
		// The client tries a call five times (four retries): all refused.
		if err := b.sim.Inject("search", portalsim.Fault500, portalsim.Fault502, portalsim.Fault503, portalsim.Fault500, portalsim.Fault500); err != nil {
			t.Fatal(err)
		}
		_, err := b.eng.Cycle(context.Background())
		failed := count(t, b.st, `SELECT count(*) FROM sync_runs WHERE stream = 'DI' AND outcome = 'failed'`)
		switch {
		case retry && (err != nil || failed != 0):
			t.Fatalf("with a retry: cycle %v, %d failed DI runs; want the stream read on the second try", err, failed)
		case !retry && (err == nil || failed != 1):
			t.Fatalf("without a retry: cycle %v, %d failed DI runs; want the stream failed (the injected refusals did not reach it)", err, failed)
		}
		if retry && !strings.Contains(b.logs.String(), `"event":"sync.stream_retry"`) {
			t.Fatal("no sync.stream_retry event")
		}
	}
}
