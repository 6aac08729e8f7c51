// Package edxml is the codec for edXML, the national format for exchanging electronic
// documents between state agencies (QCVN 102:2016/BTTTT, "Cấu trúc thông điệp dữ liệu
// công văn điện tử", amended 2022; namespace http://www.mic.gov.vn/TBT/QCVN_102_2016).
//
// Read tells a document package from a status message and reads either. Parse reads
// a document package (edXML > edXMLEnvelope {edXMLHeader {MessageHeader,
// TraceHeaderList with Bussiness, Signature}, edXMLBody > edXMLManifest} and
// AttachmentEncoded) and refuses a status message (ErrStatusMessage); Build writes a
// package. ParseStatus and BuildStatus read and write status messages (01 arrived …
// 06 done, 13/15/16 for recalls). Dates are yyyy/MM/dd, with yyyy-MM-dd and
// dd/MM/yyyy tolerated, and are always read in connectors.Zone.
//
// # Interoperability with the official library
//
// The layout written is the one of the official VNPT EdXML102 library and of its
// samples (testdata/official, the ground truth): the same namespace declarations,
// element order, "cid:" ContentIds in edXMLManifest and on each Attachment, Paper,
// PromulgationAmount and PageAmount always written (the official parser reads an
// absent count as 1), and never application/zip for a file not named .zip unless it
// is a zip wrapping that file (the official receiver unzips such an attachment and
// keeps its first entry). Status messages are edXML > edXMLEnvelope > edXMLHeader >
// MessageHeader {From, ResponseFor, StaffInfo, StatusCode, Description, Timestamp};
// the legacy Status root is still read.
//
// Input: UTF-8 or UTF-16 (with or without a byte-order mark). Bytes before the XML
// declaration are refused with ErrLeadingBytes, as the official parser refuses them.
//
// # Attachments
//
// One attachment that cannot be read (bad base64, a broken zip, a zip bomb, too
// large) is kept with Attachment.Err set; the package and the other attachments are
// returned. Zips are unpacked to depth 2 (the official sender zips every file that
// is not pdf/doc/docx, so a zip the author attached arrives as a zip in a zip); office
// files (docx, xlsx, pptx, odt, ods …), told by their content and name, are kept whole.
// Attachments outside root > AttachmentEncoded, content outside ContentTransferEncoded
// and manifest references without an attachment are read where possible and listed
// in Package.Warnings.
//
// # Tolerance
//
// Senders differ: the edXML: prefix, a default namespace, another prefix, or no
// namespace at all. Elements are therefore found by local name, never by namespace.
// The XMLDSig signature may be ds:Signature or an unprefixed <Signature> that lands in
// the edXML namespace; Package.HasSignature reports either, and Package.Raw keeps the
// exact bytes so package signing can verify the signature over what was received.
//
// # Hardening
//
// Packages come from outside the province and are hostile until proven otherwise.
//
//   - Before any tree is built, the raw bytes go through encoding/xml's Decoder in
//     strict mode, token by token. The first Directive token (<!DOCTYPE, <!ENTITY, …)
//     stops the parse with ErrDoctype or ErrEntity. encoding/xml never expands
//     declared entities and, strict, refuses unknown entity references, so neither
//     "billion laughs" nor XXE (an external entity pointing at file:///etc/passwd)
//     can be expanded or fetched: nothing is ever read but the given bytes.
//   - The same pass caps the package size (ErrTooLarge), element depth (ErrTooDeep)
//     and element count (ErrTooManyElements), so the tree built afterwards is bounded.
//   - Attachments: their count and each decoded size are capped; the decoded size is
//     checked from the base64 length before decoding allocates anything.
//   - Zip attachments are inflated with two checks against zip bombs: the declared
//     uncompressed sizes must fit the budget first, and every entry is read through an
//     io.LimitReader of the remaining budget, so a lying header is caught after at
//     most budget+1 bytes (ErrZipBomb). The budget (Limits.MaxUnzippedBytes) is shared
//     by all attachments of a package. An entry of more than 1 MiB may not inflate more
//     than Limits.MaxZipRatio times. A zip nested deeper than 2 is refused
//     (ErrNestedZip); entry names that are absolute, carry a drive letter or contain ".." are refused
//     (ErrUnsafeName), so no caller can be tricked into writing outside a folder.
//
// Limits documents the defaults; a zero field takes its default. All errors wrap one
// of the sentinel errors of this package, so callers classify them with errors.Is.
package edxml
