// Package extract turns the text of a directive (công văn, thông báo kết luận,
// kế hoạch, quyết định …) into the tasks it assigns: who leads, who coordinates,
// by when, and whether something must be sent back.
//
// It reads the header (number and notation, place and date, urgency and secrecy
// stamps), segments the body into items (numbered conclusions "1.", "a)", "-",
// per-unit headings, "Giao … chủ trì, phối hợp …" sentences) and, for each item that
// names an assignee, resolves the units with rules/units and the deadline with
// rules/deadline. A secret document (Mật, Tối mật, Tuyệt mật, Luật Bảo vệ bí mật nhà
// nước 2018) yields no task and no content: the caller must not store it.
//
// Extract never panics on any input and runs in time linear in the text.
//
// PDF input (cmd/cddh-sync extract) is converted with poppler's pdftotext
// -layout: it is packaged by every distribution (poppler-utils), keeps the reading
// order of the two-column header that Vietnamese directives use, and is far more
// robust on real government PDFs than a pure-Go text extractor, whose absence of
// font-encoding (ToUnicode/CMap) support garbles Vietnamese diacritics.
package extract
