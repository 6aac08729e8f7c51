package engine

import (
	"context"

	"github.com/jackc/pgx/v5"

	"cddh-sync/connectors"
	"cddh-sync/sync/outbox"
)

// tombstone is the record that overwrites, in the portal's task register, a task
// of a directive later marked secret. The portal has no DELETE for task records,
// so the adapter replaces each one it may have written with this: no content, no
// units, no deadline, no reference, note or signature; only the key the portal
// already holds, the document's portal id (idVanBan, which the register requires
// and which the key already begins with) and the profile's words for a cancelled
// task. Nothing of the document is in it, nor in its outbox row.
func tombstone(key string, docID int64, cancelled string) connectors.TaskRecord {
	return connectors.TaskRecord{Key: key, DocumentID: docID, Status: cancelled}
}

// queueTombstones queues, inside the purge's transaction, one tombstone per task
// record the portal may hold (store.Purged.Pushed). They use the task's own outbox
// key ("task:<key>"), whose row the purge has just deleted: so each is queued once,
// a re-run finds nothing left to purge and queues none, and a record queued later
// for the same key (never, while the document stays secret) would replace it in
// order rather than race it.
func (e *Engine) queueTombstones(ctx context.Context, tx pgx.Tx, docID int64, keys []string) (int, error) {
	words := e.rules.CancelledStatus()
	n := 0
	for _, k := range keys {
		queued, err := outbox.EnqueueTask(ctx, e.st, tx, tombstone(k, docID, words))
		if err != nil {
			return n, err
		}
		if queued {
			n++
		}
	}
	return n, nil
}
