// Package pdf is a small, defensive PDF object parser built for one job: finding
// signatures and proving what changed after each of them.
//
// # What it reads
//
// Every "%%EOF" marks the end of a revision. For each one the parser finds the
// preceding startxref and follows that cross-reference chain (classic tables and
// xref streams, hybrid /XRefStm, /Prev links), so each Revision is the document
// exactly as a reader would have rendered it at that point. Objects are resolved per
// revision, from their byte offset or from a FlateDecode object stream (PNG
// predictors supported). Strings remember their byte span, so a signature's
// /Contents can be matched against the ByteRange gap.
//
// # What it guarantees
//
//   - Bounded work: input size, revisions, objects, nesting depth, per-stream and
//     total decompressed bytes and a global work budget are capped (Limits); a hostile
//     file gets ErrLimit or ErrSyntax, never a hang or an out-of-memory. Reference
//     loops (/Prev chains, /Length pointing at itself, object streams holding
//     themselves) are cut.
//   - ByteRange: four non-negative integers, starting at 0, inside the file, with a
//     gap that is exactly this signature's /Contents hex string and a covered prefix
//     that ends at a revision boundary. Anything else is ErrFormat. This rejects
//     Universal Signature Forgery (missing, empty or null /Contents or /ByteRange)
//     and Signature Wrapping (a gap that hides more than the signature value).
//   - Later revisions (CheckUpdatesAfter): every object whose value differs between
//     two consecutive revisions is classified by where the signed revision referenced
//     it from. Only a whitelist passes: the catalog gaining /DSS, /AcroForm growing
//     its /Fields, a page growing /Annots with signature widgets, an empty signature
//     field receiving its value and an appearance that belongs to it alone, DSS/VRI
//     data, document information and metadata, and form filling when DocMDP permits
//     it. Anything else, including freeing or re-pointing old objects, is an
//     ErrFormat naming the object. This covers incremental saving attacks, the
//     hide / replace / hide-and-replace shadow attacks, added pages and pyHanko's
//     "sneaky" appearance overrides of objects shared with signed content.
//
// It is not a renderer: content streams are compared as bytes, never interpreted.
// Filters other than FlateDecode are reported as unsupported rather than guessed.
package pdf
