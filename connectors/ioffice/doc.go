// Package ioffice speaks the iOffice-style REST dialect of shared/spec/portal-api.md
// and implements connectors.Portal. Everything Vietnamese on the wire (soKyHieu,
// ngayCapNhat, trangThai, …) stays in the unexported structs of wire.go; callers see
// only connectors' English types.
//
// # What it guarantees
//
//   - Reads are retried on transport errors, timeouts, cut bodies, malformed JSON,
//     HTTP 429, 500, 502, 503 and 504, with capped exponential backoff and full
//     jitter, honouring Retry-After up to Options.MaxRetryAfter (a longer one
//     returns connectors.ErrRateLimited with RetryAfter at once, so the engine can
//     reschedule instead of holding a goroutine). A status.code other than "0" is
//     an error even on HTTP 200.
//   - A refused token (HTTP 401, or status.code "401") leads to a new login and
//     one repetition of the call; a repetition refused again (its session ended
//     meanwhile) does so once more, then the call ends in ErrUnauthorized
//     (maxRelogins); bad credentials end in ErrUnauthorized at once.
//     Concurrent refusals share the new login. Tokens are renewed before the
//     expiresIn the portal announced.
//   - Writes: PUT /cddh/nhiemvu and receive_status are idempotent and retried like
//     reads. A comment (POST /document/comment) is repeated only when the portal
//     certainly did not take it (connection refused, 401, 429, 503); any other
//     failure after sending is connectors.ErrUnknownOutcome, which is deliberately
//     not ErrRetryable: the outbox looks with FindCommentMarker before writing again.
//   - The password and the token are never logged and never put in an error; the
//     bodies of requests and answers are never logged (they may hold secret
//     documents). resty's own logger is silenced for the same reason.
//   - Politeness: at most Options.RateLimit requests per second
//     (golang.org/x/time/rate: a token bucket that waits with a context; writing
//     our own would duplicate a small, well-kept Go-team package) and at most
//     Options.Concurrency requests in flight.
//   - A circuit breaker opens after BreakerThreshold consecutive failed attempts
//     (transport errors, timeouts, 5xx, malformed answers; not 4xx or 429, which
//     prove the portal alive), fails calls at once with a retryable "circuit
//     open" error while cooling down, then lets one probe through.
//   - Downloads stream to a temporary file in the destination directory, stop at
//     MaxDownloadBytes, compute SHA-256 (checked against fileDinhKem when Detail
//     gave one), judge the type by magic bytes (rules.md §6: executables, macros,
//     HTML pages and formats outside the list are refused, whatever the name
//     says), sanitise the Content-Disposition name to one safe path element and
//     only then rename the file into place. Nothing is left behind on failure.
//     Files and edXML of a document known to be secret are never requested.
//   - SearchAll (see Pager) never skips a document although the portal pages by
//     offset and documents move while we page.
//
// # Why the retry loop is ours, not resty's
//
// resty v2's retries have traps that matter here: a custom retry condition
// replaces the default one, SetRetryCount(n) means n+1 attempts, a 5xx after the
// last retry comes back with a nil error, Retry-After is capped by the maximum
// wait, and nothing knows that a comment must not be repeated or that a 401 needs
// a new login first. The loop also has to consult the rate limiter, the
// concurrency slot and the circuit breaker on every attempt and re-read streamed
// bodies. So resty sends single attempts (SetRetryCount(0), no response parsing)
// and client.go decides, in one place, what each outcome means.
//
// # Timeouts
//
// Options.Timeout bounds one attempt, body included. For downloads and edXML it is
// a stall timeout instead: every read that makes progress re-arms it, so a 40 MB
// file on a slow link is not cut while a stalled one is. The caller's context
// bounds the whole call; the client does not sleep past its deadline.
package ioffice
