// Package engine is the poll cycle: it reads the portal's two streams (issued DI and
// incoming DEN) and the clerk action feed, turns what it reads into tracked tasks and
// their history in the store, and queues the push-backs.
//
// Guarantees (shared/design/architecture.md):
//   - One page, one transaction: the documents of a fetched page, the tasks and events
//     derived from them, the outbox rows they cause and the advanced cursor commit
//     together or not at all. Network work (detail, downloads, signature checks)
//     happens before the transaction opens, so no transaction waits on the portal.
//   - Pull at least once, apply exactly once: upserts are keyed by portal id and
//     version (or content hash); events have deterministic keys; re-reading a page is
//     a no-op.
//   - Secrets stay out: a document whose list item or detail says Mật, Tối mật or
//     Tuyệt mật is recorded as (portal id, time) and nothing else, before any of its
//     content is stored, logged or pushed; its files and edXML are never downloaded.
//   - Several instances: each stream is worked under a lease with a fencing term; every
//     page transaction first checks the lease (locking its row), so a paused, stale
//     instance cannot commit a page after another took over.
//   - Errors: a document the engine cannot process (a hostile attachment, a parse
//     failure) is logged, counted as refused, and skipped without stopping the page; a
//     portal or database failure ends the cycle and is retried at the next tick.
package engine
