// Package outbox delivers push-backs to the portal exactly once.
//
// The engine writes outbox rows in the same transaction as the change that causes
// them (architecture invariant 1); this package delivers them later, outside any
// transaction, so a slow portal never holds a database transaction open.
//
// Guarantees:
//   - Rows are claimed with FOR UPDATE SKIP LOCKED under a lease, so several daemons
//     share the queue without delivering a row twice at once; a crashed deliverer's
//     lease simply expires.
//   - Task records (PUT /cddh/nhiemvu/{key}) and receive_status are idempotent on the
//     portal: they are retried freely. A newer revision of a task record replaces a
//     pending one, and an in-flight older delivery cannot mark the newer one done.
//   - Comments are NOT idempotent on the portal. Each carries a stable marker
//     "[cddh:<key>]". When a post's answer is lost (ErrUnknownOutcome) the row is
//     marked 'unknown', and before any further attempt the deliverer lists the
//     document's comments and looks for the marker: found means delivered. So a
//     comment applied but whose response was lost is never posted twice.
//   - Failures back off exponentially with jitter (persisted in next_attempt_at),
//     up to MaxBackoff, and are retried until they pass: an outage, a lost answer
//     or refused credentials never lose a push-back (after MaxAttempts the row is
//     logged once as outbox.stuck; the oldest pending row's age is a metric with
//     an alert). Only a record the portal rejects (a permanent error) moves to the
//     dead-letter state, with an outbox.dead log event and a metric, for
//     provincial IT to look at.
package outbox
