package portalsim

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"cddh-sync/connectors"
)

// scheduledAction is a clerk action not yet in the feed: it enters the feed, and
// gets its id, when its time has come and its task is registered. Ids are given at
// that moment so that the feed stays append-only in id order (a reader that
// remembers "next id" never misses one).
type scheduledAction struct {
	action Action
	at     time.Time
	seq    uint64
	// extension: create the approving document when the action enters the feed.
	extension bool
	days      int // of the extension
}

// onRegistered is called when the adapter first records a task; mu held. Held-back
// actions for the key are released; the automatic clerks plan their script.
func (s *Sim) onRegistered(t *Task, doc *Document) {
	if s.opts.AutoClerk {
		s.planClerk(t, doc)
	}
	s.promote()
}

// planClerk scripts the clerks' reaction to a new task, drawn from a generator
// seeded by the simulator's seed and the task key, at ClerkStep intervals:
// the unit acknowledges (or, rarely, returns it as mis-assigned); the Office
// sometimes urges; sometimes grants an extension with an approving document; and
// approves or rejects once the unit has reported. A withdrawn or replaced
// directive's task is cancelled.
func (s *Sim) planClerk(t *Task, doc *Document) {
	h := fnv.New64a()
	h.Write([]byte(t.Key))
	r := rand.New(rand.NewPCG(s.opts.Seed^h.Sum64(), streamClerk))
	step := s.opts.ClerkStep
	base := s.now()
	at := func(k int) time.Time { return base.Add(time.Duration(k) * step) }
	unit := t.Lead.Name
	if unit == "" {
		unit = "Đơn vị chủ trì"
	}
	officer := officials[r.IntN(len(officials))]
	plan := func(kind string, k int, by, note string, docID int64) {
		s.clerkSeq++
		s.scheduled = append(s.scheduled, scheduledAction{
			action: Action{TaskKey: t.Key, Kind: kind, By: by, Note: note, DocumentID: docID},
			at:     at(k), seq: s.clerkSeq,
		})
	}
	if doc.State == StateWithdrawn || doc.State == StateReplaced {
		plan(ActionCancel, 1, officer, "Văn bản chỉ đạo đã bị thu hồi hoặc thay thế", doc.ID)
		return
	}
	rep := s.reportFor(t, doc)
	if rep == nil && r.IntN(20) == 0 {
		plan(ActionReturn, 1+r.IntN(2), unit, "Nhiệm vụ không thuộc chức năng, nhiệm vụ của đơn vị", doc.ID)
		return
	}
	if rep != nil {
		// The unit already reported (the history predates the adapter): it had
		// acknowledged the task before, so the feed says so at that earlier time;
		// nobody urges, extends or returns a task already reported.
		s.clerkSeq++
		ack := Action{TaskKey: t.Key, Kind: ActionAcknowledge, By: unit, Note: "Đã tiếp nhận nhiệm vụ", DocumentID: doc.ID}
		if mid := doc.IssuedAt.Add(rep.IssuedAt.Sub(doc.IssuedAt) / 2); mid.After(doc.IssuedAt) && mid.Before(base) {
			ack.At = mid.In(connectors.Zone).Format(layoutDateTime)
		}
		s.scheduled = append(s.scheduled, scheduledAction{action: ack, at: at(1), seq: s.clerkSeq})
		if r.IntN(10) < 8 {
			plan(ActionApprove, 3+r.IntN(3), officer, "Đã hoàn thành nhiệm vụ được giao", doc.ID)
		} else {
			plan(ActionReject, 3+r.IntN(3), officer, "Kết quả chưa đạt yêu cầu, đề nghị đơn vị bổ sung", doc.ID)
		}
		return
	}
	plan(ActionAcknowledge, 1+r.IntN(2), unit, "Đã tiếp nhận nhiệm vụ", doc.ID)
	if r.IntN(10) < 3 {
		plan(ActionUrge, 3+r.IntN(2), officer, "Đề nghị đơn vị khẩn trương thực hiện, báo cáo đúng thời hạn", doc.ID)
	}
	if r.IntN(100) < 15 {
		s.clerkSeq++
		s.scheduled = append(s.scheduled, scheduledAction{
			action:    Action{TaskKey: t.Key, Kind: ActionExtend, By: officer, Note: "Đồng ý gia hạn theo đề nghị của đơn vị"},
			at:        at(5 + r.IntN(2)),
			seq:       s.clerkSeq,
			extension: true,
			days:      7 + r.IntN(14),
		})
	}
}

// reportFor returns the earliest incoming report that answers doc (linked, or
// cited in its summary) sent by t's lead unit, or nil; mu held. The Office approves
// or rejects a task only on its lead unit's report.
func (s *Sim) reportFor(t *Task, doc *Document) *Document {
	var best *Document
	for _, d := range s.docs {
		if d.Direction != Incoming || !(slices.Contains(d.Related, doc.ID) || strings.Contains(d.Subject, doc.Notation)) {
			continue
		}
		if t.Lead.Code != "" && d.IssuerCode != t.Lead.Code || t.Lead.Code == "" && d.IssuerName != t.Lead.Name {
			continue
		}
		if best == nil || d.IssuedAt.Before(best.IssuedAt) {
			best = d
		}
	}
	return best
}

// promote moves due actions of registered tasks into the feed; mu held.
func (s *Sim) promote() {
	if len(s.scheduled) == 0 {
		return
	}
	now := s.now()
	slices.SortStableFunc(s.scheduled, func(a, b scheduledAction) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return int(a.seq - b.seq)
	})
	kept := s.scheduled[:0]
	for _, sa := range s.scheduled {
		t, registered := s.tasks[sa.action.TaskKey]
		if !registered || sa.at.After(now) {
			kept = append(kept, sa)
			continue
		}
		a := sa.action
		if a.At == "" {
			a.At = sa.at.In(connectors.Zone).Format(layoutDateTime)
		}
		if sa.extension {
			a.DocumentID, a.NewDue = s.grantExtension(t, sa.days, sa.at)
		}
		a.ID = s.nextAction
		s.nextAction++
		s.actions = append(s.actions, a)
	}
	s.scheduled = kept
}

// grantExtension issues the Office's approving letter for an automatic GIA_HAN
// and returns its id and the new deadline; mu held.
func (s *Sim) grantExtension(t *Task, days int, at time.Time) (int64, string) {
	due, err := time.ParseInLocation(layoutDateTime, t.Due, connectors.Zone)
	if err != nil {
		due = at
	}
	newDue := dayOf(due).AddDate(0, 0, days)
	at = at.In(connectors.Zone)
	d := &Document{
		ID: s.nextDocID, Direction: Issued, Type: "Công văn",
		Notation:   fmt.Sprintf("%d/VPUBND-TH", 100+s.nextDocID%900),
		Subject:    "V/v gia hạn thời gian thực hiện nhiệm vụ " + t.Notation,
		IssuerName: "Văn phòng Ủy ban nhân dân tỉnh", IssuerCode: CodeOffice,
		Date: dayOf(at), IssuedAt: at, UpdatedAt: s.nextUpdateTime(), Version: 1,
		State: StatePromulgated, Urgency: UrgencyNormal, Secrecy: SecrecyNone,
		Signer: officeDeputy[0], SignerTitle: "Phó Chánh Văn phòng", SignerAuthority: "KT. CHÁNH VĂN PHÒNG",
		Body: "Văn phòng Ủy ban nhân dân tỉnh thông báo: đồng ý gia hạn thời gian thực hiện nhiệm vụ " +
			t.Content + " đến ngày " + textDate(newDue, false) + "./.",
		Recipients: "Nơi nhận:\n- " + t.Lead.Name + ";\n- Lưu: VT.",
		Related:    []int64{t.DocumentID},
	}
	s.nextDocID++
	d.Files = []File{{ID: s.nextFileID, Name: fileName(d), Mime: "application/pdf", Kind: FileBodyPDF}}
	s.nextFileID++
	s.insert(d)
	return d.ID, newDue.Format(layoutDate)
}
