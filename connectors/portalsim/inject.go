package portalsim

import (
	"fmt"
	"net/http"
)

// Fault is one failure a test scripts for an exact request with Inject. The rates
// of Faults decide at random; a scripted fault strikes exactly where it is put.
type Fault string

// The scriptable faults. Their names are those of the request log and Stats.Faults.
const (
	FaultNone       Fault = "none"         // answer normally (a placeholder in a sequence)
	FaultSlow       Fault = "slow"         // wait Faults.SlowDelay first (or until the caller hangs up)
	Fault500        Fault = "500"          // answer HTTP 500 before doing anything
	Fault502        Fault = "502"          // answer HTTP 502 before doing anything
	Fault503        Fault = "503"          // answer HTTP 503 (no Retry-After) before doing anything
	Fault429        Fault = "429"          // answer HTTP 429 with Retry-After: Faults.RetryAfter
	FaultExpireHTTP Fault = "expire_http"  // the caller's token expires now: HTTP 401
	FaultExpireCode Fault = "expire_code"  // the caller's token expires now: HTTP 200, status.code "401"
	FaultCut        Fault = "cut_mid_body" // send the headers and half the body, then close (a write is applied first)
	FaultMalformed  Fault = "malformed_json"
	FaultDuplicate  Fault = "duplicate_page"   // search page > 1: serve the previous page
	FaultMoving     Fault = "moving_documents" // search: a matching document changes first
	FaultLost       Fault = "lost_response"    // write: apply it, then drop the connection
)

// Inject scripts the next requests to one endpoint (its name as EndpointName
// gives it, e.g. "units", "search", "comment_post"): the first such request
// suffers faults[0], the next faults[1], and so on; FaultNone lets one through.
// Scripted requests do not draw from the rate generator. Inject appends to what
// is already scripted. It refuses a fault the endpoint cannot have (a lost
// response on a read, a moving document outside search, malformed JSON on a
// download or an edXML package, an expired token on login).
func (s *Sim) Inject(endpointName string, faults ...Fault) error {
	ep, ok := endpointByName(endpointName)
	if !ok {
		return fmt.Errorf("portalsim: Inject: unknown endpoint %q", endpointName)
	}
	for _, f := range faults {
		var bad bool
		switch f {
		case FaultNone, FaultSlow, Fault500, Fault502, Fault503, Fault429, FaultCut:
		case FaultExpireHTTP, FaultExpireCode:
			bad = !ep.auth
		case FaultMalformed:
			bad = ep.name == "download" || ep.name == "edxml"
		case FaultDuplicate, FaultMoving:
			bad = !ep.search
		case FaultLost:
			bad = !ep.write
		default:
			return fmt.Errorf("portalsim: Inject: unknown fault %q", f)
		}
		if bad {
			return fmt.Errorf("portalsim: Inject: endpoint %q cannot have fault %q", endpointName, f)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.scripted == nil {
		s.scripted = map[string][]Fault{}
	}
	s.scripted[endpointName] = append(s.scripted[endpointName], faults...)
	return nil
}

// scriptedFate pops the next scripted fault of ep; ok is false when none is
// scripted; mu held.
func (s *Sim) scriptedFate(ep endpoint) (*fate, bool) {
	q := s.scripted[ep.name]
	if len(q) == 0 {
		return nil, false
	}
	flt := q[0]
	s.scripted[ep.name] = q[1:]
	f := &fate{}
	switch flt {
	case FaultSlow:
		f.slow = true
	case Fault500, Fault502, Fault503:
		f.err5xx = true
		f.status5xx = map[Fault]int{Fault500: http.StatusInternalServerError, Fault502: http.StatusBadGateway, Fault503: http.StatusServiceUnavailable}[flt]
	case Fault429:
		f.tooMany = true
	case FaultExpireHTTP, FaultExpireCode:
		f.expire, f.expireHTTP = true, flt == FaultExpireHTTP
	case FaultCut:
		f.cut = true
	case FaultMalformed:
		f.malformed = true
	case FaultDuplicate:
		f.duplicate = true
	case FaultMoving:
		f.moving = true
	case FaultLost:
		f.lost = true
	}
	if flt != FaultNone {
		for _, n := range f.names() {
			s.stats.Faults[n]++
		}
	}
	return f, true
}
