// Package portalsim is the project's own iOffice-style document portal: it serves
// the whole contract of shared/spec/portal-api.md under /qlvb/api, with realistic
// Đồng Tháp data and the failures a real portal has. `cddh-sync sim`, `demo` and the
// tests of the adapter run against it.
//
// What it guarantees:
//
//   - Determinism. Every document, number, date, body, PDF and edXML package comes
//     from Options.Seed through math/rand/v2 PCG streams; the same seed and
//     Documents give byte-identical answers. Faults, hostile attachments and the
//     automatic clerks draw from separate streams, so switching them on never
//     changes the base data. Generation is chronological: documents are drawn,
//     sorted by issue time, then numbered per notation and year, so register
//     numbers grow with dates as in a real office.
//   - The contract's semantics, including its sharp edges: search is ordered by
//     (ngayCapNhat, id), inclusive to the second, paged by offset, and capped by
//     MaxPageSize (data.size says the cap); a changed document moves to the end;
//     tokens expire after TokenTTL (an unknown token answers HTTP 401, an expired
//     one HTTP 200 with status.code "401"); a secret document's detail is served,
//     its files and edXML are refused (403); PUT of a task record is idempotent by
//     key and bumps version only on change; the clerk feed is append-only with
//     dense ids, inclusive from tuId, and shows actions only for registered tasks;
//     comments are not idempotent, exactly as the real portal.
//   - Faults on demand (Faults): 5xx, 429 with Retry-After, slow answers, bodies cut
//     mid-way, malformed JSON, duplicate pages, documents moving while paging,
//     writes applied but never answered, expiring tokens, and hostile attachments
//     (a traversal name, an executable named .pdf, a huge streamed file, an entity
//     bomb as edXML). Each has a rate in [0, 1]; rate 0 never fires, rate 1 always.
//   - Secrets look real. Mật / Tối mật / Tuyệt mật documents carry a full body, so a
//     test can prove the adapter never reads, stores or logs it.
//
// PDFs are generated in Go (pdf.go) with a Unicode text layer; the body of some
// documents is only in the PDF (noiDung empty). Options.SignPDF is the hook for
// signed PDFs. The data is held in memory; files are built on demand and the huge
// file is streamed, so 10,000 documents generate in a fraction of a second.
//
// Tests drive the simulator while it runs (AddDocument, Touch, Remove, Withdraw,
// Replace, UpdateDocument, AppendAction), script a fault for an exact request
// (Inject), and read its record (Tasks, Comments, Actions, Stats) to assert what
// the adapter did. Package simtest starts it for a test.
package portalsim
