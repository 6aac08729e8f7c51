// Package store is cddh-sync's tracking store on PostgreSQL: the schema (embedded,
// numbered migrations), the typed queries, and the embedded default cluster.
//
// Guarantees:
//   - Migrations run under a session advisory lock, each in one transaction with its
//     schema_migrations row: two instances starting together are safe, a process
//     killed mid-migration leaves the previous version intact, and re-running does
//     nothing. An edited or unknown migration is refused rather than guessed at.
//   - All SQL lives here. Other packages call typed methods; none builds SQL.
//   - Secret documents leave only a row in skipped_secret (portal id and time): no
//     table has a place for their content.
//   - When no DSN is configured, StartCluster runs a private PostgreSQL from the
//     machine's own binaries (initdb, pg_ctl), on a loopback port with a random
//     scram-sha-256 password kept in the data directory. As root it runs the server as
//     an unprivileged OS user, because initdb refuses root. A server left running by a
//     killed daemon is adopted on the next start, and a lock file keeps two daemons
//     from sharing one embedded cluster (several instances need a real PostgreSQL).
package store
