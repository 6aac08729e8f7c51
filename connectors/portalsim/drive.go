package portalsim

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// The driving API: tests change the portal while it runs and read back what the
// adapter did to it.

// ErrNotFound is returned for an unknown document id.
var ErrNotFound = errors.New("portalsim: no such document")

// AddDocument adds a document and returns its id. Zero fields get defaults: a new
// id, direction DI, version 1, state BAN_HANH, ngayVanBan and ngayBanHanh now,
// ngayCapNhat now (never before the latest change), secrecy and urgency "Thường",
// and one PDF of Body when Files is empty. Files with Raw bytes are served as given.
func (s *Sim) AddDocument(d Document) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.ID == 0 {
		d.ID = s.nextDocID
	}
	if _, dup := s.docs[d.ID]; dup {
		return 0, fmt.Errorf("portalsim: document %d already exists", d.ID)
	}
	if d.ID >= s.nextDocID {
		s.nextDocID = d.ID + 1
	}
	now := s.now()
	if d.Direction == "" {
		d.Direction = Issued
	}
	if d.Direction != Issued && d.Direction != Incoming {
		return 0, fmt.Errorf("portalsim: direction must be DI or DEN, got %q", d.Direction)
	}
	if d.IssuedAt.IsZero() {
		d.IssuedAt = now
	}
	d.IssuedAt = d.IssuedAt.In(connectors.Zone)
	if d.Date.IsZero() {
		d.Date = dayOf(d.IssuedAt)
	}
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = s.nextUpdateTime()
	}
	d.UpdatedAt = d.UpdatedAt.In(connectors.Zone).Truncate(time.Second)
	if d.Version == 0 {
		d.Version = 1
	}
	if d.State == "" {
		d.State = StatePromulgated
	}
	if d.Secrecy == "" {
		d.Secrecy = SecrecyNone
	}
	if d.Urgency == "" {
		d.Urgency = UrgencyNormal
	}
	if d.IssuerCode == "" && d.Direction == Issued {
		d.IssuerName, d.IssuerCode = "Ủy ban nhân dân tỉnh Đồng Tháp", CodeProvince
	}
	if d.Type == "" {
		d.Type = "Công văn"
	}
	if len(d.Files) == 0 {
		d.Files = []File{{Name: fileName(&d), Mime: "application/pdf", Kind: FileBodyPDF}}
	}
	for i := range d.Files {
		if d.Files[i].ID == 0 {
			d.Files[i].ID = s.nextFileID
			s.nextFileID++
		}
		if d.Files[i].Raw != nil && d.Files[i].Kind == FileBodyPDF {
			d.Files[i].Kind = FileRaw
		}
		if d.Files[i].Mime == "" {
			d.Files[i].Mime = "application/pdf"
		}
	}
	doc := d
	s.insert(&doc)
	return doc.ID, nil
}

// AddDirective adds an issued directive of the UBND with the given text, issued at
// `issued` (now when zero), and returns its id.
func (s *Sim) AddDirective(typeName, notation, subject, body string, issued time.Time) (int64, error) {
	return s.AddDocument(Document{
		Direction: Issued, Type: typeName, Notation: notation, Subject: subject, Body: body,
		IssuedAt: issued, Directive: true,
	})
}

// AddReport adds a unit's incoming report answering the directives `related` (none
// when the reference is only in the subject) and returns its id.
func (s *Sim) AddReport(unitCode, notation, subject, body string, issued time.Time, related ...int64) (int64, error) {
	u, ok := s.dir.byCode[unitCode]
	if !ok {
		return 0, fmt.Errorf("portalsim: unknown unit code %q", unitCode)
	}
	return s.AddDocument(Document{
		Direction: Incoming, Type: "Báo cáo", Notation: notation, Subject: subject, Body: body,
		IssuedAt: issued, IssuerName: u.Name, IssuerCode: u.Code, Related: related, HasEdxml: true,
		ToCodes: []string{CodeOffice},
	})
}

// Touch records a change to a document: its version increments and its ngayCapNhat
// becomes now (never before the latest change).
func (s *Sim) Touch(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return fmt.Errorf("touch %d: %w", id, ErrNotFound)
	}
	s.touch(d)
	return nil
}

// Remove deletes a document: it leaves search (the later items of its second move
// one place up), and its detail, files and edXML answer 404.
func (s *Sim) Remove(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return fmt.Errorf("remove %d: %w", id, ErrNotFound)
	}
	for i := range d.Files {
		delete(s.files, d.Files[i].ID)
		delete(s.content, d.Files[i].ID)
	}
	delete(s.docs, id)
	s.dirty = true
	return nil
}

// Break makes the document's detail answer HTTP 500 every time while broken is
// set: one bad item among good ones, as a portal with one corrupt record serves it.
func (s *Sim) Break(id int64, broken bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.docs[id]; !ok {
		return fmt.Errorf("break %d: %w", id, ErrNotFound)
	}
	if s.broken == nil {
		s.broken = map[int64]bool{}
	}
	s.broken[id] = broken
	return nil
}

// Reclassify gives a document a new secrecy marking (doMat: SecrecyNone,
// SecrecyConfident, SecrecySecret, SecrecyTopSecret ...) as a new version, the way a
// document first sent as ordinary is marked Mật later.
func (s *Sim) Reclassify(id int64, secrecy string) error {
	return s.UpdateDocument(id, func(d *Document) { d.Secrecy = secrecy })
}

// Withdraw marks a document THU_HOI (a change: version and ngayCapNhat move).
func (s *Sim) Withdraw(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return fmt.Errorf("withdraw %d: %w", id, ErrNotFound)
	}
	d.State = StateWithdrawn
	s.touch(d)
	s.cancelTasks(d)
	return nil
}

// cancelTasks lets the automatic clerks cancel the registered tasks of a withdrawn
// or replaced directive; mu held.
func (s *Sim) cancelTasks(d *Document) {
	if !s.opts.AutoClerk {
		return
	}
	keys := slices.Sorted(maps.Keys(s.tasks))
	for _, k := range keys {
		if s.tasks[k].DocumentID != d.ID {
			continue
		}
		s.clerkSeq++
		s.scheduled = append(s.scheduled, scheduledAction{
			action: Action{TaskKey: k, Kind: ActionCancel, By: officials[0], Note: "Văn bản chỉ đạo đã bị thu hồi hoặc thay thế", DocumentID: d.ID},
			at:     s.now().Add(s.opts.ClerkStep), seq: s.clerkSeq,
		})
	}
}

// Replace marks document old THAY_THE with thayTheBoi = replacement.
func (s *Sim) Replace(old, replacement int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[old]
	if !ok {
		return fmt.Errorf("replace %d: %w", old, ErrNotFound)
	}
	if _, ok := s.docs[replacement]; !ok {
		return fmt.Errorf("replace %d by %d: %w", old, replacement, ErrNotFound)
	}
	d.State, d.ReplacedBy = StateReplaced, replacement
	s.touch(d)
	s.cancelTasks(d)
	return nil
}

// UpdateDocument applies change to a copy of the document and stores it as a new
// version (ngayCapNhat now). Files and ids cannot change.
func (s *Sim) UpdateDocument(id int64, change func(*Document)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return fmt.Errorf("update %d: %w", id, ErrNotFound)
	}
	c := *d
	change(&c)
	c.ID, c.Files = d.ID, d.Files
	if c.EdxmlStatus != "" && c.EdxmlStatusAt.Equal(d.EdxmlStatusAt) {
		c.EdxmlStatusAt = s.now()
	}
	*d = c
	for i := range d.Files {
		delete(s.content, d.Files[i].ID) // the PDF shows the new text
	}
	s.touch(d)
	return nil
}

// AppendAction adds a clerk action to the feed and returns its id. `At` defaults
// to now. An action for a task the adapter has not registered is held back (id 0)
// and enters the feed when the task is registered, as portal-api.md requires.
func (s *Sim) AppendAction(a Action) (int64, error) {
	if strings.TrimSpace(a.TaskKey) == "" {
		return 0, errors.New("portalsim: action needs maNhiemVu")
	}
	switch a.Kind {
	case ActionAcknowledge, ActionApprove, ActionReject, ActionExtend, ActionReturn, ActionUrge, ActionCancel:
	default:
		return 0, fmt.Errorf("portalsim: unknown hanhDong %q", a.Kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if a.At == "" {
		a.At = now.Format(layoutDateTime)
	}
	a.ID = 0
	s.clerkSeq++
	s.scheduled = append(s.scheduled, scheduledAction{action: a, at: now, seq: s.clerkSeq})
	s.promote()
	if _, registered := s.tasks[a.TaskKey]; !registered {
		return 0, nil
	}
	return s.actions[len(s.actions)-1].ID, nil
}

// Document returns a copy of a document's record.
func (s *Sim) Document(id int64) (Document, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return Document{}, false
	}
	c := *d
	c.Files = slices.Clone(d.Files)
	c.Related = slices.Clone(d.Related)
	return c, true
}

// DocumentIDs lists every document id in ascending order.
func (s *Sim) DocumentIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.docs))
}

// Tasks returns the task register, by key.
func (s *Sim) Tasks() map[string]Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]Task, len(s.tasks))
	for k, t := range s.tasks {
		out[k] = *t
	}
	return out
}

// Comments returns the comments on one document, oldest first.
func (s *Sim) Comments(docID int64) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.comments[docID])
}

// AllComments returns every comment, in id order.
func (s *Sim) AllComments() []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, cs := range s.comments {
		out = append(out, cs...)
	}
	slices.SortFunc(out, func(a, b Comment) int { return int(a.ID - b.ID) })
	return out
}

// Actions returns the feed as served (due automatic actions included).
func (s *Sim) Actions() []Action {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.promote()
	return slices.Clone(s.actions)
}

// Stats returns the counters of applied writes and fired faults.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Faults = maps.Clone(s.stats.Faults)
	return st
}

// markerRe finds the adapter's comment markers (portal-api.md: every comment the
// adapter writes ends with "[cddh:<key>]").
var markerRe = regexp.MustCompile(`\[cddh:[^\]]+\]`)

// CommentMarkers counts the distinct markers in all comments, and how many of
// them appear more than once: a duplicated note on the portal.
func (s *Sim) CommentMarkers() (total, duplicated int) {
	seen := map[string]int{}
	for _, c := range s.AllComments() {
		for _, m := range markerRe.FindAllString(c.Content, -1) {
			seen[m]++
		}
	}
	for _, n := range seen {
		total++
		if n > 1 {
			duplicated++
		}
	}
	return total, duplicated
}
