package status

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/rules/calendar"
	"cddh-sync/rules/profile"
)

// The shipped profiles, in the order the expected words are written below.
var profiles = []string{"dong-thap", "dong-nai", "ba-ria-vung-tau", "kien-giang"}

type bundle struct {
	cal      *calendar.Calendar
	profiles map[string]*profile.Profile
}

func setup(t testing.TB) bundle {
	t.Helper()
	b := bundle{cal: calendar.Default(), profiles: map[string]*profile.Profile{}}
	for _, n := range profiles {
		p, err := profile.Load(n)
		if err != nil {
			t.Fatalf("profile %s: %v", n, err)
		}
		b.profiles[n] = p
	}
	return b
}

// at builds a local time in 2026. March 2026: Mon 16, Fri 20, Sat 21, Mon 23.
func at(month, day, hour, minute int) time.Time {
	return time.Date(2026, time.Month(month), day, hour, minute, 0, 0, connectors.Zone)
}

func ev(key string, kind EventKind, t time.Time) Event {
	return Event{Key: key, Kind: kind, At: t, Actor: "cv.vp"}
}

func ext(key string, t, newDeadline time.Time, doc string) Event {
	return Event{Key: key, Kind: EventExtended, At: t, NewDeadline: newDeadline, DocID: doc}
}

// A task assigned on Tue 10/3/2026 and due "trước ngày 20/3/2026" (a Friday).
var task = TaskInput{Key: "t1", AssignedAt: at(3, 10, 9, 0), Deadline: at(3, 20, 0, 0)}

var (
	assign = ev("a", EventAssigned, at(3, 10, 9, 0))
	ack    = ev("ack", EventAcknowledged, at(3, 11, 8, 0))
)

type want struct {
	state      State
	timeliness Timeliness
	penalty    string // Đồng Tháp's (001 Đ5.2); the other profiles set none
	words      [4]string
}

// Every row of rules.md §4's Đồng Tháp table, each boundary, and the other
// states, with each shipped profile's words written out.
var table = []struct {
	name   string
	task   TaskInput
	events []Event
	now    time.Time
	want   want
}{
	{"not reported, not acknowledged, before deadline", task, []Event{assign}, at(3, 18, 10, 0),
		want{Assigned, OnTime, "", [4]string{"Chưa thực hiện trong hạn", "Chưa thực hiện", "Chưa thực hiện", "Chưa thực hiện trong hạn"}}},
	{"not reported, acknowledged, before deadline", task, []Event{assign, ack}, at(3, 18, 10, 0),
		want{InProgress, OnTime, "", [4]string{"Đang thực hiện trong hạn", "Đang thực hiện", "Đang thực hiện", "Đang thực hiện"}}},
	{"not reported, not acknowledged, deadline passed", task, []Event{assign}, at(3, 23, 8, 0),
		want{Assigned, Late, "", [4]string{"Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn"}}},
	{"not reported, acknowledged, deadline passed", task, []Event{assign, ack}, at(3, 23, 8, 0),
		want{InProgress, Late, "", [4]string{"Đang thực hiện quá hạn", "Đang thực hiện", "Đang thực hiện quá hạn", "Đang thực hiện"}}},
	{"deadline day 23:59 still on time", task, []Event{assign}, at(3, 20, 23, 59),
		want{Assigned, OnTime, "", [4]string{"Chưa thực hiện trong hạn", "Chưa thực hiện", "Chưa thực hiện", "Chưa thực hiện trong hạn"}}},
	{"00:00 the next day late", task, []Event{assign}, at(3, 21, 0, 0),
		want{Assigned, Late, "", [4]string{"Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn", "Chưa thực hiện quá hạn"}}},
	{"reported on time, no decision", task, []Event{assign, ack, ev("r", EventReported, at(3, 19, 10, 0))}, at(3, 25, 10, 0),
		want{Reported, OnTime, "", [4]string{"Chờ xác nhận", "Chờ phê duyệt", "Chờ duyệt", "Đã thực hiện"}}},
	{"reported late, no decision", task, []Event{assign, ev("r", EventReported, at(3, 23, 10, 0))}, at(3, 24, 10, 0),
		want{Reported, Late, "", [4]string{"Chờ xác nhận", "Chờ phê duyệt", "Chờ duyệt", "Đã thực hiện"}}},
	{"reported on time, approved after the deadline (001 Đ5.1)", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 19, 10, 0)), ev("d", EventApproved, at(3, 25, 9, 0))}, at(3, 26, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"reported on time, rejected before the deadline, deadline not passed", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 16, 10, 0)), ev("x", EventRejected, at(3, 17, 9, 0))}, at(3, 18, 10, 0),
		want{Rejected, OnTime, "", [4]string{"Đang thực hiện trong hạn", "Từ chối", "Từ chối", "Đang thực hiện"}}},
	{"reported on time, rejected before the deadline, deadline passed with no new report", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 16, 10, 0)), ev("x", EventRejected, at(3, 17, 9, 0))}, at(3, 21, 0, 0),
		want{Rejected, Late, profile.PenaltyApplied, [4]string{"Đang thực hiện quá hạn", "Từ chối", "Từ chối", "Đang thực hiện"}}},
	{"reported on time, rejected after the deadline", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 19, 10, 0)), ev("x", EventRejected, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Rejected, Late, profile.PenaltyApplied, [4]string{"Đang thực hiện quá hạn", "Từ chối", "Từ chối", "Đang thực hiện"}}},
	{"reported late, approved", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 23, 10, 0)), ev("d", EventApproved, at(3, 23, 11, 0))}, at(3, 24, 10, 0),
		want{Approved, Late, profile.PenaltyConsidered, [4]string{"Đã hoàn thành quá hạn", "Hoàn thành", "Hoàn thành quá hạn", "Đã thực hiện"}}},
	{"reported late, rejected", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 23, 10, 0)), ev("x", EventRejected, at(3, 24, 9, 0))}, at(3, 24, 10, 0),
		want{Rejected, Late, profile.PenaltyApplied, [4]string{"Đang thực hiện quá hạn", "Từ chối", "Từ chối", "Đang thực hiện"}}},
	{"report at 23:59 of the deadline day is on time", task,
		[]Event{assign, ev("r", EventReported, at(3, 20, 23, 59)), ev("d", EventApproved, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"report at 00:00 the next day is late", task,
		[]Event{assign, ev("r", EventReported, at(3, 21, 0, 0)), ev("d", EventApproved, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Approved, Late, profile.PenaltyConsidered, [4]string{"Đã hoàn thành quá hạn", "Hoàn thành", "Hoàn thành quá hạn", "Đã thực hiện"}}},
	// 001 Đ14.4's 15:00 rule gives the unit until the next working day to RECORD a
	// report issued after 15:00; the moment that counts stays the issue time, so a
	// report issued at 16:30 on the deadline day is on time.
	{"report after 15:00 on the deadline day is on time", task,
		[]Event{assign, ev("r", EventReported, at(3, 20, 16, 30)), ev("d", EventApproved, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"written time: report at 16:00 for 'trước 16 giờ' is on time",
		TaskInput{Deadline: at(3, 20, 16, 0), DeadlineHasTime: true},
		[]Event{ev("r", EventReported, at(3, 20, 16, 0)), ev("d", EventApproved, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"written time: report at 16:01 for 'trước 16 giờ' is late",
		TaskInput{Deadline: at(3, 20, 16, 0), DeadlineHasTime: true},
		[]Event{ev("r", EventReported, at(3, 20, 16, 1)), ev("d", EventApproved, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Approved, Late, profile.PenaltyConsidered, [4]string{"Đã hoàn thành quá hạn", "Hoàn thành", "Hoàn thành quá hạn", "Đã thực hiện"}}},
	{"a deadline on Saturday rolls to Monday",
		TaskInput{Deadline: at(3, 21, 0, 0)},
		[]Event{ev("r", EventReported, at(3, 23, 10, 0)), ev("d", EventApproved, at(3, 23, 11, 0))}, at(3, 24, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"rejected, reported again in time, approved", task,
		[]Event{assign, ev("r1", EventReported, at(3, 16, 10, 0)), ev("x", EventRejected, at(3, 17, 9, 0)),
			ev("r2", EventReported, at(3, 19, 9, 0)), ev("d", EventApproved, at(3, 24, 9, 0))}, at(3, 24, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"rejected, reported again late, approved", task,
		[]Event{assign, ev("r1", EventReported, at(3, 16, 10, 0)), ev("x", EventRejected, at(3, 17, 9, 0)),
			ev("r2", EventReported, at(3, 23, 9, 0)), ev("d", EventApproved, at(3, 24, 9, 0))}, at(3, 24, 10, 0),
		want{Approved, Late, profile.PenaltyConsidered, [4]string{"Đã hoàn thành quá hạn", "Hoàn thành", "Hoàn thành quá hạn", "Đã thực hiện"}}},
	{"extension granted before the report: judged against the new deadline", task,
		[]Event{assign, ack, ext("g", at(3, 19, 9, 0), at(3, 27, 0, 0), "vb-77"), ev("r", EventReported, at(3, 25, 10, 0)),
			ev("d", EventApproved, at(3, 30, 9, 0))}, at(3, 30, 10, 0),
		want{Approved, OnTime, "", [4]string{"Đã hoàn thành trong hạn", "Hoàn thành", "Hoàn thành trong hạn", "Đã thực hiện"}}},
	{"extension granted after the deadline passed, before the report", task,
		[]Event{assign, ack, ext("g", at(3, 23, 9, 0), at(3, 31, 0, 0), "vb-78"), ev("r", EventReported, at(3, 25, 10, 0))}, at(3, 26, 10, 0),
		want{Reported, OnTime, "", [4]string{"Chờ xác nhận", "Chờ phê duyệt", "Chờ duyệt", "Đã thực hiện"}}},
	{"extension granted after a late report does not make it on time (001 Đ5.2d)", task,
		[]Event{assign, ack, ev("r", EventReported, at(3, 23, 10, 0)), ext("g", at(3, 24, 9, 0), at(3, 31, 0, 0), "vb-79"),
			ev("d", EventApproved, at(3, 25, 9, 0))}, at(3, 25, 10, 0),
		want{Approved, Late, profile.PenaltyConsidered, [4]string{"Đã hoàn thành quá hạn", "Hoàn thành", "Hoàn thành quá hạn", "Đã thực hiện"}}},
	{"extension keeps an open task on time", task,
		[]Event{assign, ack, ext("g", at(3, 19, 9, 0), at(3, 27, 0, 0), "vb-80")}, at(3, 24, 10, 0),
		want{InProgress, OnTime, "", [4]string{"Đang thực hiện trong hạn", "Đang thực hiện", "Đang thực hiện", "Đang thực hiện"}}},
	{"urged before acknowledgement: words unchanged in Đồng Tháp", task,
		[]Event{assign, ev("u", EventUrged, at(3, 17, 9, 0))}, at(3, 18, 10, 0),
		want{Urged, OnTime, "", [4]string{"Chưa thực hiện trong hạn", "Yêu cầu thực hiện", "Chưa thực hiện", "Chưa thực hiện trong hạn"}}},
	{"urged after acknowledgement, overdue", task,
		[]Event{assign, ack, ev("u", EventUrged, at(3, 23, 9, 0))}, at(3, 23, 10, 0),
		want{Urged, Late, "", [4]string{"Đang thực hiện quá hạn", "Yêu cầu thực hiện", "Đang thực hiện quá hạn", "Đang thực hiện"}}},
	{"urged after a late rejection keeps the penalty", task,
		[]Event{assign, ev("r", EventReported, at(3, 19, 10, 0)), ev("x", EventRejected, at(3, 23, 9, 0)), ev("u", EventUrged, at(3, 24, 9, 0))}, at(3, 24, 10, 0),
		want{Urged, Late, profile.PenaltyApplied, [4]string{"Đang thực hiện quá hạn", "Yêu cầu thực hiện", "Từ chối", "Đang thực hiện"}}},
	{"urged after a late rejection, then acknowledged: still rejected", task,
		[]Event{assign, ev("r", EventReported, at(3, 19, 10, 0)), ev("x", EventRejected, at(3, 23, 9, 0)), ev("u", EventUrged, at(3, 24, 9, 0)),
			ev("ack2", EventAcknowledged, at(3, 24, 9, 30))}, at(3, 24, 10, 0),
		want{Rejected, Late, profile.PenaltyApplied, [4]string{"Đang thực hiện quá hạn", "Từ chối", "Từ chối", "Đang thực hiện"}}},
	{"urged then reported", task,
		[]Event{assign, ev("u", EventUrged, at(3, 17, 9, 0)), ev("r", EventReported, at(3, 18, 9, 0))}, at(3, 18, 10, 0),
		want{Reported, OnTime, "", [4]string{"Chờ xác nhận", "Chờ phê duyệt", "Chờ duyệt", "Đã thực hiện"}}},
	{"returned as mis-assigned", task,
		[]Event{assign, ev("t", EventReturned, at(3, 11, 9, 0))}, at(3, 23, 10, 0),
		want{Returned, Pending, "", [4]string{"Trả lại", "Trả lại", "Chuyển lại Văn phòng", "Chuyển lại Văn phòng"}}},
	{"returned, then assigned again", task,
		[]Event{assign, ev("t", EventReturned, at(3, 11, 9, 0)), ev("a2", EventAssigned, at(3, 12, 9, 0))}, at(3, 13, 10, 0),
		want{Assigned, OnTime, "", [4]string{"Chưa thực hiện trong hạn", "Chưa thực hiện", "Chưa thực hiện", "Chưa thực hiện trong hạn"}}},
	{"cancelled", task, []Event{assign, ev("h", EventCancelled, at(3, 12, 9, 0))}, at(3, 23, 10, 0),
		want{Cancelled, Pending, "", [4]string{"Đã hủy", "Đã hủy", "Đã hủy", "Đã hủy"}}},
	{"directive withdrawn", task, []Event{assign, ack, ev("w", EventWithdrawn, at(3, 12, 9, 0))}, at(3, 23, 10, 0),
		want{Cancelled, Pending, "", [4]string{"Đã hủy", "Đã hủy", "Đã hủy", "Đã hủy"}}},
	{"directive replaced", task, []Event{assign, ev("rp", EventReplaced, at(3, 12, 9, 0))}, at(3, 23, 10, 0),
		want{Cancelled, Pending, "", [4]string{"Đã hủy", "Đã hủy", "Đã hủy", "Đã hủy"}}},
	{"no deadline (tracked by Kiên Giang 003 Đ4)", TaskInput{AssignedAt: at(3, 10, 9, 0)}, []Event{assign}, at(9, 1, 10, 0),
		want{Assigned, Pending, "", [4]string{"Chưa thực hiện trong hạn", "Chưa thực hiện", "Chưa thực hiện", "Chưa thực hiện"}}},
}

func TestReplayTable(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, tt := range table {
		for i, name := range profiles {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				r := Replay(tt.task, tt.events, tt.now, b.cal, b.profiles[name])
				if r.State != tt.want.state || r.Timeliness != tt.want.timeliness {
					t.Errorf("state %s/%s, want %s/%s; history %+v", r.State, r.Timeliness, tt.want.state, tt.want.timeliness, r.History)
				}
				if r.StatusText != tt.want.words[i] {
					t.Errorf("status text %q, want %q", r.StatusText, tt.want.words[i])
				}
				wantPenalty := ""
				if name == "dong-thap" {
					wantPenalty = tt.want.penalty
				}
				if r.Penalty != wantPenalty {
					t.Errorf("penalty %q, want %q", r.Penalty, wantPenalty)
				}
				if r.Warnings != 0 {
					t.Errorf("%d warnings in a legal sequence: %+v", r.Warnings, r.History)
				}
			})
		}
	}
}

func TestReplayFields(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := b.profiles["dong-thap"]
	events := []Event{assign, ack,
		ext("g1", at(3, 19, 9, 0), at(3, 27, 0, 0), "vb-1"),
		ext("g2", at(3, 26, 9, 0), at(3, 31, 16, 0), "vb-2"),
		ev("r", EventReported, at(3, 30, 15, 30)),
		ev("d", EventApproved, at(3, 31, 8, 0)),
	}
	events[3].NewDeadlineHasTime = true // "trước 16 giờ ngày 31/3"
	r := Replay(task, events, at(4, 1, 10, 0), b.cal, p)
	if r.Extensions != 2 {
		t.Errorf("extensions = %d, want 2", r.Extensions)
	}
	if want := time.Date(2026, 3, 31, 16, 0, 0, 0, connectors.Zone); r.Deadline == nil || !r.Deadline.Equal(want) {
		t.Errorf("deadline in force = %v, want %v", r.Deadline, want)
	}
	if want := time.Date(2026, 3, 20, 23, 59, 59, 0, connectors.Zone); r.OriginalDeadline == nil || !r.OriginalDeadline.Equal(want) {
		t.Errorf("original deadline = %v, want %v", r.OriginalDeadline, want)
	}
	if r.ReportedAt == nil || !r.ReportedAt.Equal(at(3, 30, 15, 30)) {
		t.Errorf("reported_at = %v", r.ReportedAt)
	}
	if r.DecidedAt == nil || !r.DecidedAt.Equal(at(3, 31, 8, 0)) {
		t.Errorf("decided_at = %v", r.DecidedAt)
	}
	if len(r.History) != len(events) {
		t.Fatalf("history has %d entries, want %d", len(r.History), len(events))
	}
	if h := r.History[2]; h.Event != EventExtended || h.Deadline == nil || h.FromState != InProgress || h.ToState != InProgress {
		t.Errorf("extension entry = %+v", h)
	}
	if h := r.History[5]; h.FromState != Reported || h.ToState != Approved || h.By != "cv.vp" {
		t.Errorf("approval entry = %+v", h)
	}
	if r.StatusText != "Đã hoàn thành trong hạn" {
		t.Errorf("status = %q", r.StatusText)
	}
	empty := Replay(TaskInput{}, nil, at(4, 1, 10, 0), b.cal, p)
	if empty.State != Assigned || empty.History == nil || empty.Deadline != nil || empty.ReportedAt != nil {
		t.Errorf("no events: %+v", empty)
	}
}

func TestIllegalEventsWarn(t *testing.T) {
	t.Parallel()
	b := setup(t)
	p := b.profiles["dong-thap"]
	tests := []struct {
		name      string
		events    []Event
		wantState State
		warnings  int
		warnOn    string // key of the event that carries a warning
	}{
		{"approval before any report", []Event{assign, ev("d", EventApproved, at(3, 12, 9, 0))}, Assigned, 1, "d"},
		{"rejection before any report", []Event{assign, ack, ev("x", EventRejected, at(3, 12, 9, 0))}, InProgress, 1, "x"},
		{"approval arriving before its report", []Event{ev("r", EventReported, at(3, 13, 9, 0)), ev("d", EventApproved, at(3, 12, 9, 0))}, Reported, 1, "d"},
		{"report after cancellation", []Event{ev("h", EventCancelled, at(3, 12, 9, 0)), ev("r", EventReported, at(3, 13, 9, 0))}, Cancelled, 1, "r"},
		{"report after approval", []Event{ev("r", EventReported, at(3, 12, 9, 0)), ev("d", EventApproved, at(3, 12, 10, 0)), ev("r2", EventReported, at(3, 13, 9, 0))}, Approved, 1, "r2"},
		{"approved twice", []Event{ev("r", EventReported, at(3, 12, 9, 0)), ev("d", EventApproved, at(3, 12, 10, 0)), ev("d2", EventApproved, at(3, 13, 9, 0))}, Approved, 1, "d2"},
		{"extension without a deadline", []Event{{Key: "g", Kind: EventExtended, At: at(3, 12, 9, 0)}}, Assigned, 1, "g"},
		{"extension for an approved task", []Event{ev("r", EventReported, at(3, 12, 9, 0)), ev("d", EventApproved, at(3, 12, 10, 0)), ext("g", at(3, 13, 9, 0), at(3, 30, 0, 0), "vb")}, Approved, 1, "g"},
		{"same approving document twice", []Event{ext("g1", at(3, 12, 9, 0), at(3, 25, 0, 0), "vb"), ext("g2", at(3, 13, 9, 0), at(3, 26, 0, 0), "vb")}, Assigned, 1, "g2"},
		{"cancelled twice", []Event{ev("h", EventCancelled, at(3, 12, 9, 0)), ev("w", EventWithdrawn, at(3, 13, 9, 0))}, Cancelled, 1, "w"},
		{"urged while reported", []Event{ev("r", EventReported, at(3, 12, 9, 0)), ev("u", EventUrged, at(3, 13, 9, 0))}, Reported, 1, "u"},
		{"returned after approval", []Event{ev("r", EventReported, at(3, 12, 9, 0)), ev("d", EventApproved, at(3, 12, 10, 0)), ev("t", EventReturned, at(3, 13, 9, 0))}, Approved, 1, "t"},
		{"acknowledged twice", []Event{ack, ev("ack2", EventAcknowledged, at(3, 12, 9, 0))}, InProgress, 0, ""},
		{"directive changed after cancellation", []Event{ev("h", EventCancelled, at(3, 12, 9, 0)), ev("a2", EventAssigned, at(3, 13, 9, 0))}, Cancelled, 1, "a2"},
		{"unknown kind", []Event{{Key: "z", Kind: "teleported", At: at(3, 12, 9, 0)}}, Assigned, 1, "z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Replay(task, tt.events, at(3, 18, 10, 0), b.cal, p)
			if r.State != tt.wantState || r.Warnings != tt.warnings {
				t.Fatalf("state %s with %d warnings, want %s with %d: %+v", r.State, r.Warnings, tt.wantState, tt.warnings, r.History)
			}
			for _, h := range r.History {
				if (h.Key == tt.warnOn) != (h.Warning != "") {
					t.Errorf("entry %s warning %q", h.Key, h.Warning)
				}
				if h.Warning != "" && h.FromState != h.ToState {
					t.Errorf("a warned event moved the state: %+v", h)
				}
			}
			if len(r.History) != len(tt.events) {
				t.Errorf("history %d entries, want every event (%d)", len(r.History), len(tt.events))
			}
		})
	}
}

func TestIdempotentAndOrderFree(t *testing.T) {
	t.Parallel()
	b := setup(t)
	for _, tt := range table {
		for _, name := range profiles {
			p := b.profiles[name]
			want := Replay(tt.task, tt.events, tt.now, b.cal, p)
			twice := Replay(tt.task, append(append([]Event{}, tt.events...), tt.events...), tt.now, b.cal, p)
			if !reflect.DeepEqual(want, twice) {
				t.Errorf("%s/%s: applying twice changed the result:\n%+v\n%+v", tt.name, name, want, twice)
			}
			rng := rand.New(rand.NewPCG(uint64(len(tt.name)), 7))
			for range 5 {
				shuffled := append([]Event{}, tt.events...)
				rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := Replay(tt.task, shuffled, tt.now, b.cal, p); !reflect.DeepEqual(want, got) {
					t.Errorf("%s/%s: arrival order changed the result", tt.name, name)
				}
			}
		}
	}
}

func TestOutOfOrderArrival(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// The approval is fetched first, the report (by its issue time earlier) later.
	events := []Event{ev("d", EventApproved, at(3, 19, 14, 0)), ev("r", EventReported, at(3, 19, 9, 0)), assign}
	r := Replay(task, events, at(3, 19, 15, 0), b.cal, b.profiles["dong-thap"])
	if r.State != Approved || r.StatusText != "Đã hoàn thành trong hạn" || r.Warnings != 0 {
		t.Fatalf("got %s %q warnings %d", r.State, r.StatusText, r.Warnings)
	}
	if r.History[0].Key != "a" || r.History[1].Key != "r" || r.History[2].Key != "d" {
		t.Errorf("history not in event-time order: %+v", r.History)
	}
}

func TestNowIsAsOf(t *testing.T) {
	t.Parallel()
	b := setup(t)
	events := []Event{assign, ev("r", EventReported, at(3, 19, 9, 0)), ev("d", EventApproved, at(3, 24, 9, 0))}
	p := b.profiles["dong-thap"]
	tests := []struct {
		now    time.Time
		state  State
		text   string
		future int
	}{
		{at(3, 18, 9, 0), Assigned, "Chưa thực hiện trong hạn", 2},
		{at(3, 19, 9, 0), Reported, "Chờ xác nhận", 1},
		{at(3, 24, 9, 0), Approved, "Đã hoàn thành trong hạn", 0},
	}
	for _, tt := range tests {
		r := Replay(task, events, tt.now, b.cal, p)
		if r.State != tt.state || r.StatusText != tt.text || r.Future != tt.future {
			t.Errorf("now %v: %s %q future %d; want %s %q %d", tt.now, r.State, r.StatusText, r.Future, tt.state, tt.text, tt.future)
		}
	}
}

func TestNormaliseDerivesKeys(t *testing.T) {
	t.Parallel()
	a := Event{Kind: EventUrged, At: at(3, 12, 9, 0)}
	got := Normalise([]Event{a, a, {Kind: EventUrged, At: at(3, 13, 9, 0)}})
	if len(got) != 2 || got[0].Key == "" || got[0].Key == got[1].Key {
		t.Fatalf("Normalise = %+v", got)
	}
}

func TestKindOfAction(t *testing.T) {
	t.Parallel()
	for a, want := range map[connectors.ActionKind]EventKind{
		connectors.ActionAcknowledge: EventAcknowledged, connectors.ActionApprove: EventApproved,
		connectors.ActionReject: EventRejected, connectors.ActionExtend: EventExtended,
		connectors.ActionReturn: EventReturned, connectors.ActionUrge: EventUrged, connectors.ActionCancel: EventCancelled,
	} {
		if got, ok := KindOfAction(a); !ok || got != want {
			t.Errorf("KindOfAction(%s) = %s, %v", a, got, ok)
		}
	}
	if _, ok := KindOfAction("XYZ"); ok {
		t.Error("unknown action mapped")
	}
}

// A deadline on a weekday holiday rolls forward like the calendar says.
func TestDeadlineOnHolidayRollsForward(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var holiday time.Time
	for d := at(1, 1, 0, 0); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !b.cal.IsWorkingDay(d) {
			holiday = d
			break
		}
	}
	if holiday.IsZero() {
		t.Skip("calendar has no weekday holiday in 2026")
	}
	r := Replay(TaskInput{Deadline: holiday}, nil, holiday, b.cal, b.profiles["dong-thap"])
	next := b.cal.RollForward(holiday).In(connectors.Zone)
	if r.Deadline == nil || r.Deadline.Day() != next.Day() || r.Deadline.Month() != next.Month() || r.Deadline.Hour() != 23 {
		t.Errorf("deadline on holiday %s = %v, want end of %s", holiday.Format("2006-01-02"), r.Deadline, next.Format("2006-01-02"))
	}
	if strings.Contains(r.StatusText, "quá hạn") {
		t.Errorf("status %q on the holiday itself", r.StatusText)
	}
}

func BenchmarkReplay(b *testing.B) {
	bd := setup(b)
	events := table[21].events
	p := bd.profiles["dong-thap"]
	for b.Loop() {
		Replay(task, events, at(3, 30, 0, 0), bd.cal, p)
	}
}
