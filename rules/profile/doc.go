// Package profile holds the province profiles of rules.md §8: everything in
// which the seeds disagree, kept as data rather than code.
//
// A profile is a YAML document (the built-ins are embedded from profiles/,
// each citing its seed): the status words pushed to the portal and printed
// in reports, per state and timeliness; the policy for tasks without a
// deadline; the entry, update and review time limits of rules.md §5, in
// working or calendar days, with the cut-off hour and urgency; and which
// outcomes cost a unit emulation points.
//
// Shipped: dong-thap (the default; seed 001), dong-nai (000 Đ3.2's eight
// statuses), ba-ria-vung-tau (002) and kien-giang (003). Where a seed names
// no word for a state (returned and cancelled in 000; every status in 002),
// the profile says so in its comments and uses the adapter's words of
// rules.md §4, so every state always has words.
//
// What Load guarantees:
//   - a province adds a profile, or overrides a built-in key by key (by its
//     name or with `extends:`), from a YAML file in configuration, with no
//     rebuild;
//   - parsing is strict: an unknown key is an error naming the file and the
//     line; a missing or inconsistent setting is an error naming the file and
//     the key (words.returned, limits.entry.unit, ...);
//   - every extra file is validated even when another profile is asked for,
//     so a broken file fails at start-up rather than on the day it is used;
//   - every state has words for on-time and late tasks (and for tasks without
//     a deadline where the profile tracks them), and all words are NFC.
//
// A Profile is read-only once loaded and safe to share between goroutines.
package profile
