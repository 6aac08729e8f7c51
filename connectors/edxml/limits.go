package edxml

import "errors"

// Limits caps what Parse and ParseStatus accept. A zero field takes its default.
type Limits struct {
	// MaxPackageBytes caps the raw XML. Default 64 MiB.
	MaxPackageBytes int64
	// MaxDepth caps element nesting. Default 64.
	MaxDepth int
	// MaxElements caps the number of elements in the document. Default 20000.
	MaxElements int
	// MaxAttachments caps Attachment elements. Default 50.
	MaxAttachments int
	// MaxAttachmentBytes caps one attachment after base64 decoding. Default 48 MiB
	// (a 64 MiB package cannot carry more than that in base64).
	MaxAttachmentBytes int64
	// MaxUnzippedBytes caps the sum of all zip entries of all attachments, after
	// inflating. Default 100 MiB.
	MaxUnzippedBytes int64
	// MaxZipEntries caps the entries of one zip archive (an attachment or a zip inside
	// it). Default 1000.
	MaxZipEntries int
	// MaxZipRatio caps how many times an entry of more than 1 MiB may inflate its
	// compressed size. Default 200 (text and spreadsheets stay well below; zip bombs
	// run to 1000 and more).
	MaxZipRatio int
}

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{
		MaxPackageBytes:    64 << 20,
		MaxDepth:           64,
		MaxElements:        20000,
		MaxAttachments:     50,
		MaxAttachmentBytes: 48 << 20,
		MaxUnzippedBytes:   100 << 20,
		MaxZipEntries:      1000,
		MaxZipRatio:        200,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxPackageBytes <= 0 {
		l.MaxPackageBytes = d.MaxPackageBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = d.MaxElements
	}
	if l.MaxAttachments <= 0 {
		l.MaxAttachments = d.MaxAttachments
	}
	if l.MaxAttachmentBytes <= 0 {
		l.MaxAttachmentBytes = d.MaxAttachmentBytes
	}
	if l.MaxUnzippedBytes <= 0 {
		l.MaxUnzippedBytes = d.MaxUnzippedBytes
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = d.MaxZipEntries
	}
	if l.MaxZipRatio <= 0 {
		l.MaxZipRatio = d.MaxZipRatio
	}
	return l
}

// Errors returned (wrapped, with context) by Parse and ParseStatus. Test with errors.Is.
var (
	// ErrDoctype: the document holds a DOCTYPE or other <!...> declaration.
	ErrDoctype = errors.New("edxml: DOCTYPE or declaration not allowed")
	// ErrEntity: the document declares or references an entity beyond the five XML ones.
	ErrEntity = errors.New("edxml: entity declaration or reference not allowed")
	// ErrTooLarge: a size limit (package, attachment count or size) was exceeded.
	ErrTooLarge = errors.New("edxml: too large")
	// ErrTooDeep: elements nest deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("edxml: nesting too deep")
	// ErrTooManyElements: more elements than Limits.MaxElements.
	ErrTooManyElements = errors.New("edxml: too many elements")
	// ErrZipBomb: a zip attachment declares or inflates beyond the limits.
	ErrZipBomb = errors.New("edxml: zip attachment inflates beyond limits")
	// ErrNestedZip: zips nested deeper than two levels (a zip in a zip in a zip).
	ErrNestedZip = errors.New("edxml: zip nested deeper than 2 levels")
	// ErrUnsafeName: a zip entry name is absolute or climbs out with "..".
	ErrUnsafeName = errors.New("edxml: unsafe zip entry name")
	// ErrMalformed: not well-formed XML, bad base64, bad zip, or a bad field value.
	ErrMalformed = errors.New("edxml: malformed")
	// ErrNotEdXML: well-formed XML without the expected edXML element.
	ErrNotEdXML = errors.New("edxml: not an edXML message")
	// ErrStatusMessage: Parse was given a status message (use Read or ParseStatus).
	ErrStatusMessage = errors.New("edxml: a status message, not a document package")
	// ErrPackageMessage: ParseStatus was given a document package (use Read or Parse).
	ErrPackageMessage = errors.New("edxml: a document package, not a status message")
	// ErrLeadingBytes: bytes before the XML declaration <?xml. Refused, as the
	// official parser refuses them (res_edoc_new.edxml).
	ErrLeadingBytes = errors.New("edxml: bytes before the XML declaration")
	// ErrContentType: Build was asked for an attachment whose ContentType an official
	// receiver would misread (application/zip on a file not named .zip that is not a
	// zip wrapper: the receiver unzips it and keeps only its first entry).
	ErrContentType = errors.New("edxml: content type does not fit the attachment")
)
