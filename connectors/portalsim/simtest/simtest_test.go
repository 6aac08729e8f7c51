package simtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
)

func login(t *testing.T, url string, sim *portalsim.Sim) string {
	t.Helper()
	u, p := sim.Credentials()
	body := `{"username":"` + u + `","password":"` + p + `","device":"t","type":"SERVICE","language":"VI"}`
	resp, err := http.Post(url+"/qlvb/api/login/v3/", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Data.Token == "" {
		t.Fatalf("login: HTTP %d, %v", resp.StatusCode, err)
	}
	return env.Data.Token
}

// get returns the HTTP status and the envelope's status.code.
func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Authentication-Token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Status struct {
			Code string `json:"code"`
		} `json:"status"`
	}
	json.NewDecoder(resp.Body).Decode(&env) //nolint:errcheck // a missing code is checked by the caller
	return resp.StatusCode, env.Status.Code
}

func TestStartTapAndClock(t *testing.T) {
	t.Parallel()
	clock := NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, connectors.Zone))
	tap := &Tap{}
	sim, url := Start(t, portalsim.Options{Documents: 5, Clock: clock.Now, TokenTTL: time.Minute}, tap.Wrap)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url = %q, want a loopback address", url)
	}
	token := login(t, url, sim)
	units := url + "/qlvb/api/shared/unit/get_all/"
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if code, env := get(t, units, token); code != 200 || env != "0" {
				t.Errorf("units: HTTP %d code %q", code, env)
			}
		})
	}
	wg.Wait()
	if tap.Count("login") != 1 || tap.Count("units") != 4 || tap.MaxInFlight() < 1 {
		t.Errorf("counts: login %d units %d, max in flight %d", tap.Count("login"), tap.Count("units"), tap.MaxInFlight())
	}
	if got := tap.Tokens(); len(got) != 1 || got[0] != token {
		t.Errorf("tokens = %v", got)
	}

	// A hook that answers itself: the simulator never sees the request.
	tap.SetHook(func(w http.ResponseWriter, r *http.Request, ep string) bool {
		if ep == "units" {
			WriteEnvelope(w, http.StatusTeapot, "418", "no")
			return true
		}
		return false
	})
	if code, env := get(t, units, token); code != http.StatusTeapot || env != "418" {
		t.Errorf("hooked call: HTTP %d code %q", code, env)
	}
	tap.SetHook(nil)

	// The clock moves the simulator's time: the token's minute runs out.
	clock.Advance(2 * time.Minute)
	if code, env := get(t, units, token); code != 200 || env != "401" {
		t.Errorf("expired token: HTTP %d code %q, want 200 \"401\"", code, env)
	}
	if code, _ := get(t, url+"/nowhere/", token); code != 404 || tap.Count("") != 1 {
		t.Errorf("unknown route: HTTP %d, counted %d", code, tap.Count(""))
	}
}
