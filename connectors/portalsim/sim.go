package portalsim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"cddh-sync/connectors"
)

// DefaultAnchor is where generated history ends when Options.Anchor is zero: a
// fixed moment, so that a seed alone decides the data.
func DefaultAnchor() time.Time {
	return time.Date(2026, time.November, 20, 17, 0, 0, 0, connectors.Zone)
}

// Defaults of Options.
const (
	DefaultDocuments    = 60
	DefaultMaxPageSize  = 100
	DefaultTokenTTL     = 30 * time.Minute
	DefaultUsername     = "cddh"
	DefaultPassword     = "cddh-demo"
	DefaultSlowDelay    = 2 * time.Second
	DefaultHugeFileSize = 30 << 20
	DefaultClerkStep    = time.Minute
	defaultPageSize     = 20
)

// Options configure a simulator. The zero value is usable: 60 documents from seed 0.
type Options struct {
	// Seed decides every generated document (default 0). The same seed gives
	// byte-identical data.
	Seed uint64
	// Documents is how many documents (directives, reports, extension letters) to
	// generate; default DefaultDocuments.
	Documents int
	// Anchor is the end of the generated history; default DefaultAnchor.
	Anchor time.Time
	// Clock is the simulator's now (tokens, updates, comments, clerk actions);
	// default time.Now.
	Clock func() time.Time
	// MaxPageSize caps the search and feed `size`; default DefaultMaxPageSize.
	MaxPageSize int
	// TokenTTL is how long a login token lives; default DefaultTokenTTL.
	TokenTTL time.Duration
	// Username and Password are the one service account; defaults cddh / cddh-demo.
	Username, Password string
	// Latency is added to every answer (default none).
	Latency time.Duration
	// Faults are injected at the given rates; see Faults.
	Faults Faults
	// SignPDF, when set, signs every generated PDF attachment before it is served
	// (its size and sha256 in the detail are those of the signed bytes).
	SignPDF func([]byte) ([]byte, error)
	// SignEdxml, when set, signs every generated edXML package (an XMLDSig
	// Signature in the header); without it the Signature is absent, which the
	// contract allows.
	SignEdxml func([]byte) ([]byte, error)
	// AutoClerk makes simulated clerks act on every registered task (see clerk.go);
	// default off, so tests script the feed themselves.
	AutoClerk bool
	// ClerkStep is the pace of the automatic clerks; default DefaultClerkStep.
	ClerkStep time.Duration
	// Logger receives one JSON line per request (event "sim.request"); default none.
	Logger *slog.Logger
	// ErrorsOnHTTP200 answers the endpoints' own errors (400, 401, 403, 404) with
	// HTTP 200 and the code only in status.code, as some deployments do
	// (portal-api.md: a code other than "0" is an error even on HTTP 200). Faults
	// (5xx, 429) keep their HTTP status.
	ErrorsOnHTTP200 bool
}

// Faults are the failure modes of a real portal, each with a rate in [0, 1]: 0
// never, 1 on every eligible request. They are drawn from a generator seeded by
// Options.Seed, so a run with the same requests fails the same way.
type Faults struct {
	Error5xx        float64 // answer 500, 502 or 503 before doing anything
	TooMany429      float64 // answer 429 with Retry-After
	Slow            float64 // wait SlowDelay before answering
	CutMidBody      float64 // GET: send the headers and half the body, then close
	MalformedJSON   float64 // GET JSON: send a broken JSON document with HTTP 200
	DuplicatePage   float64 // search page > 1: serve the previous page again
	MovingDocuments float64 // search: bump a matching document's ngayCapNhat first
	LostResponse    float64 // PUT/POST: apply the write, then drop the connection
	ExpireTokens    float64 // expire the caller's token: HTTP 401 or status.code "401"
	// HostileAttachments is the share of public issued directives that carry one
	// hostile file: a path-traversal name, an executable named .pdf, a huge file,
	// or an entity-expansion bomb as their edXML. Applied when the data is built.
	HostileAttachments float64

	SlowDelay    time.Duration // default DefaultSlowDelay
	RetryAfter   int           // seconds in Retry-After; default 1
	HugeFileSize int64         // bytes of the huge file; default DefaultHugeFileSize
}

// Validate reports a rate outside [0, 1].
func (f Faults) Validate() error {
	for _, r := range []struct {
		name string
		v    float64
	}{
		{"Error5xx", f.Error5xx}, {"TooMany429", f.TooMany429}, {"Slow", f.Slow},
		{"CutMidBody", f.CutMidBody}, {"MalformedJSON", f.MalformedJSON},
		{"DuplicatePage", f.DuplicatePage}, {"MovingDocuments", f.MovingDocuments},
		{"LostResponse", f.LostResponse}, {"ExpireTokens", f.ExpireTokens},
		{"HostileAttachments", f.HostileAttachments},
	} {
		if !(r.v >= 0 && r.v <= 1) {
			return fmt.Errorf("portalsim: fault rate %s must be between 0 and 1, got %v", r.name, r.v)
		}
	}
	if f.SlowDelay < 0 || f.RetryAfter < 0 || f.HugeFileSize < 0 {
		return errors.New("portalsim: SlowDelay, RetryAfter and HugeFileSize must not be negative")
	}
	return nil
}

// Stats count what the simulator applied, for tests' assertions.
type Stats struct {
	Logins          int
	CommentPosts    int // comments applied (including those whose answer was lost)
	TaskPuts        int // PUTs applied
	TaskChanges     int // PUTs that changed a record (version increments)
	ReceiveStatuses int
	Downloads       int
	Faults          map[string]int // fault name → times fired
	Requests        int            // requests served (faults rolled)
	Faulted         int            // requests that met at least one fault
}

// Sim is one simulated portal. All methods are safe for concurrent use.
type Sim struct {
	opts  Options
	dir   *directory
	clock func() time.Time

	mu          sync.Mutex
	faults      Faults
	faultRNG    *rand.Rand
	docs        map[int64]*Document
	order       map[Direction][]*Document // by (UpdatedAt, ID); rebuilt when dirty
	dirty       bool
	files       map[int64]fileRef
	content     map[int64][]byte // generated file bytes, by file id
	hugeSHA     map[int64]string // sha256 of huge files, by size
	nextDocID   int64
	nextFileID  int64
	lastUpdate  time.Time
	tokens      map[string]time.Time
	tasks       map[string]*Task
	actions     []Action
	scheduled   []scheduledAction
	nextAction  int64
	comments    map[int64][]Comment
	nextComment int64
	stats       Stats
	clerkSeq    uint64
	broken      map[int64]bool     // documents whose detail always fails (Break)
	scripted    map[string][]Fault // by endpoint name (Inject)
}

type fileRef struct {
	doc  *Document
	file *File
}

// New builds a simulator and generates its data.
func New(opts Options) (*Sim, error) {
	if opts.Documents <= 0 {
		opts.Documents = DefaultDocuments
	}
	if opts.Anchor.IsZero() {
		opts.Anchor = DefaultAnchor()
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = DefaultMaxPageSize
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.Username == "" {
		opts.Username = DefaultUsername
	}
	if opts.Password == "" {
		opts.Password = DefaultPassword
	}
	if opts.ClerkStep <= 0 {
		opts.ClerkStep = DefaultClerkStep
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.Faults = withFaultDefaults(opts.Faults)
	if err := opts.Faults.Validate(); err != nil {
		return nil, err
	}
	dir, err := loadDirectory()
	if err != nil {
		return nil, err
	}
	s := &Sim{
		opts:        opts,
		dir:         dir,
		clock:       opts.Clock,
		faults:      opts.Faults,
		faultRNG:    rand.New(rand.NewPCG(opts.Seed, streamFaults)),
		docs:        map[int64]*Document{},
		order:       map[Direction][]*Document{},
		files:       map[int64]fileRef{},
		content:     map[int64][]byte{},
		hugeSHA:     map[int64]string{},
		tokens:      map[string]time.Time{},
		tasks:       map[string]*Task{},
		comments:    map[int64][]Comment{},
		nextAction:  1,
		nextComment: 1,
		nextFileID:  900001,
		stats:       Stats{Faults: map[string]int{}},
	}
	skels := generate(opts.Seed, opts.Documents, opts.Anchor, dir)
	for _, sk := range skels {
		s.insert(sk.doc)
	}
	s.nextDocID = skels[len(skels)-1].doc.ID + 1
	s.addHostile(skels)
	return s, nil
}

func withFaultDefaults(f Faults) Faults {
	if f.SlowDelay == 0 {
		f.SlowDelay = DefaultSlowDelay
	}
	if f.RetryAfter == 0 {
		f.RetryAfter = 1
	}
	if f.HugeFileSize == 0 {
		f.HugeFileSize = DefaultHugeFileSize
	}
	if f.HugeFileSize < 1024 {
		f.HugeFileSize = 1024
	}
	return f
}

// insert registers a document and its files; the caller holds mu or owns s.
func (s *Sim) insert(d *Document) {
	s.docs[d.ID] = d
	for i := range d.Files {
		s.files[d.Files[i].ID] = fileRef{doc: d, file: &d.Files[i]}
	}
	if d.UpdatedAt.After(s.lastUpdate) {
		s.lastUpdate = d.UpdatedAt
	}
	s.dirty = true
}

// addHostile gives a share of public issued directives one hostile attachment, from
// its own random stream so that the rest of the data does not change.
func (s *Sim) addHostile(skels []*skeleton) {
	rate := s.faults.HostileAttachments
	if rate <= 0 {
		return
	}
	r := rand.New(rand.NewPCG(s.opts.Seed, streamHostile))
	for _, sk := range skels {
		d := sk.doc
		if d.Direction != Issued || !d.Directive || d.Secret() || r.Float64() >= rate {
			continue
		}
		var f File
		switch r.IntN(4) {
		case 0:
			f = File{Name: "../../etc/passwd.pdf", Mime: "application/pdf", Kind: FileTraversal}
		case 1:
			f = File{Name: "Phu_luc_" + fileName(d), Mime: "application/pdf", Kind: FileExecutable}
		case 2:
			f = File{Name: "Ho_so_kem_theo_" + fileName(d), Mime: "application/pdf", Kind: FileHuge}
		default:
			d.HasEdxml = true
			d.HostileEdxml = true
			continue
		}
		f.ID = s.nextFileID
		s.nextFileID++
		d.Files = append(d.Files, f)
		s.files[f.ID] = fileRef{doc: d, file: &d.Files[len(d.Files)-1]}
		// Re-point the earlier files: append may have moved the slice.
		for i := range d.Files {
			s.files[d.Files[i].ID] = fileRef{doc: d, file: &d.Files[i]}
		}
	}
}

// now is the clock in the portal's zone, to the second.
func (s *Sim) now() time.Time { return s.clock().In(connectors.Zone).Truncate(time.Second) }

// nextUpdateTime is the ngayCapNhat of a change made now: never before the latest
// one, so that a changed document moves to the end of the search order.
func (s *Sim) nextUpdateTime() time.Time {
	t := s.now()
	if t.Before(s.lastUpdate) {
		t = s.lastUpdate
	}
	s.lastUpdate = t
	return t
}

// sorted returns the documents of one direction by (ngayCapNhat, id); mu held.
func (s *Sim) sorted(dir Direction) []*Document {
	if s.dirty {
		s.order = map[Direction][]*Document{}
		for _, d := range s.docs {
			s.order[d.Direction] = append(s.order[d.Direction], d)
		}
		for _, list := range s.order {
			slices.SortFunc(list, func(a, b *Document) int {
				if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
					return c
				}
				return int(a.ID - b.ID)
			})
		}
		s.dirty = false
	}
	return s.order[dir]
}

// fileBytes returns the bytes of a small file (not FileHuge); mu held.
func (s *Sim) fileBytes(ref fileRef) ([]byte, error) {
	if b, ok := s.content[ref.file.ID]; ok {
		return b, nil
	}
	var b []byte
	switch ref.file.Kind {
	case FileRaw:
		b = ref.file.Raw
	case FileExecutable:
		b = executableBytes()
	case FileTraversal, FileBodyPDF:
		b = buildPDF(ref.doc.Subject, ref.doc.Body)
		if s.opts.SignPDF != nil {
			signed, err := s.opts.SignPDF(b)
			if err != nil {
				return nil, fmt.Errorf("portalsim: sign PDF of file %d: %w", ref.file.ID, err)
			}
			b = signed
		}
	default:
		return nil, fmt.Errorf("portalsim: file %d is streamed, not held", ref.file.ID)
	}
	s.content[ref.file.ID] = b
	return b, nil
}

// fileMeta returns a file's size and the sha256 the detail announces; mu held.
func (s *Sim) fileMeta(ref fileRef) (int64, string, error) {
	size, sum, err := s.servedMeta(ref)
	if err == nil && ref.file.SHA256 != "" {
		sum = ref.file.SHA256
	}
	return size, sum, err
}

// servedMeta returns the size and sha256 of the bytes a download serves; mu held.
func (s *Sim) servedMeta(ref fileRef) (int64, string, error) {
	if ref.file.Kind == FileHuge {
		size := s.faults.HugeFileSize
		if sum, ok := s.hugeSHA[size]; ok {
			return size, sum, nil
		}
		h := sha256.New()
		if _, err := io.Copy(h, &hugeReader{size: size}); err != nil {
			return 0, "", err
		}
		sum := hex.EncodeToString(h.Sum(nil))
		s.hugeSHA[size] = sum
		return size, sum, nil
	}
	b, err := s.fileBytes(ref)
	if err != nil {
		return 0, "", err
	}
	sum := sha256.Sum256(b)
	return int64(len(b)), hex.EncodeToString(sum[:]), nil
}

// Serve answers on ln until ctx is cancelled, then shuts down gracefully (in-flight
// requests get up to five seconds).
func (s *Sim) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // huge attachments and slow faults
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("portalsim: serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close() //nolint:errcheck // already failing; Close only forces connections shut
		return fmt.Errorf("portalsim: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("portalsim: serve %s: %w", ln.Addr(), err)
	}
	return nil
}

// SetFaults changes the request faults while running. HostileAttachments only acts
// when the data is built (New).
func (s *Sim) SetFaults(f Faults) error {
	f = withFaultDefaults(f)
	if err := f.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f.HostileAttachments = s.faults.HostileAttachments
	f.HugeFileSize = s.faults.HugeFileSize
	s.faults = f
	return nil
}

// Credentials returns the service account's username and password.
func (s *Sim) Credentials() (username, password string) {
	return s.opts.Username, s.opts.Password
}
