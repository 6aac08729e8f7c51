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
	// MaxZipEntries caps the entries of one zip attachment. Default 1000.
	MaxZipEntries int
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
	// ErrNestedZip: a zip inside a zip attachment.
	ErrNestedZip = errors.New("edxml: nested zip not allowed")
	// ErrUnsafeName: a zip entry name is absolute or climbs out with "..".
	ErrUnsafeName = errors.New("edxml: unsafe zip entry name")
	// ErrMalformed: not well-formed XML, bad base64, bad zip, or a bad field value.
	ErrMalformed = errors.New("edxml: malformed")
	// ErrNotEdXML: well-formed XML without the expected edXML element.
	ErrNotEdXML = errors.New("edxml: not an edXML message")
)
