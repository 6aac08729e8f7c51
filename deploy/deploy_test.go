// Package deploy_test checks what ships beside the binary: the Prometheus rules
// (promtool), the Grafana dashboard (only exported metrics), and the Debian
// package, installed with dpkg and started with its unit's ExecStart line.
package deploy_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// exported lists the metric names sync/metrics/metrics.go registers, read from its
// source so the rules and the dashboard cannot drift from it.
func exported(t *testing.T) map[string]bool {
	t.Helper()
	src, err := os.ReadFile("../sync/metrics/metrics.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{"up": true}
	for _, m := range regexp.MustCompile(`"(cddh_[a-z_]+)"`).FindAllStringSubmatch(string(src), -1) {
		names[m[1]] = true
		if strings.HasSuffix(m[1], "_seconds") && strings.Contains(string(src), "Name: \""+m[1]+"\", Help: \"Duration") {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				names[m[1]+s] = true
			}
		}
	}
	if !strings.Contains(string(src), "collectors.NewGoCollector()") || !strings.Contains(string(src), "NewProcessCollector") {
		t.Fatal("metrics.go no longer registers the Go and process collectors the dashboard uses")
	}
	for _, n := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		names[n] = true
	}
	if len(names) < 15 {
		t.Fatalf("found only %d metric names in metrics.go", len(names))
	}
	return names
}

var metricRef = regexp.MustCompile(`\b((?:cddh|go|process)_[a-z_]+|up)\b`)

func checkRefs(t *testing.T, where, expr string, names map[string]bool) int {
	t.Helper()
	n := 0
	for _, m := range metricRef.FindAllString(expr, -1) {
		if !names[m] {
			t.Errorf("%s uses %s, which cddh-sync does not export", where, m)
		}
		n++
	}
	return n
}

// TestPrometheusRules: promtool checks the rules and runs their unit tests, and
// every metric they use is one cddh-sync exports.
func TestPrometheusRules(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Skip("!!! PROMETHEUS RULES NOT CHECKED: no promtool (apt-get install prometheus; .ci/install-deps does) !!!")
	}
	for _, args := range [][]string{{"check", "rules", "prometheus/alerts.yml"}, {"test", "rules", "prometheus/alerts_test.yml"}} {
		out, err := exec.Command(promtool, args...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "SUCCESS") {
			t.Fatalf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	raw, err := os.ReadFile("prometheus/alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	names := exported(t)
	alerts := map[string]bool{}
	var expr strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.Contains(line, "summary:") || strings.Contains(line, "description:") {
			continue
		}
		if a, ok := strings.CutPrefix(strings.TrimSpace(line), "- alert: "); ok {
			alerts[a] = true
		}
		expr.WriteString(line + "\n")
	}
	if checkRefs(t, "alerts.yml", expr.String(), names) < 8 {
		t.Error("alerts.yml refers to too few metrics")
	}
	for _, a := range []string{"CddhSyncStreamStale", "CddhSyncOutboxDeadLetters", "CddhSyncReviewBacklogOverdue",
		"CddhSyncSignatureFailuresRising", "CddhSyncPortalErrors", "CddhSyncDatabaseDown"} {
		if !alerts[a] {
			t.Errorf("alerts.yml lacks %s", a)
		}
	}
}

// TestGrafanaDashboard: the dashboard is valid JSON, its panels query only
// exported metrics, and it covers every cddh_ metric family.
func TestGrafanaDashboard(t *testing.T) {
	raw, err := os.ReadFile("grafana/cddh-sync.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title  string `json:"title"`
		UID    string `json:"uid"`
		Panels []struct {
			ID      int    `json:"id"`
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("grafana/cddh-sync.json: %v", err)
	}
	names := exported(t)
	used := map[string]bool{}
	ids := map[int]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			checkRefs(t, "panel "+p.Title, q.Expr, names)
			for _, m := range metricRef.FindAllString(q.Expr, -1) {
				used[strings.TrimSuffix(m, "_bucket")] = true
			}
		}
	}
	for n := range names {
		if strings.HasPrefix(n, "cddh_") && !strings.HasSuffix(n, "_bucket") && !strings.HasSuffix(n, "_sum") && !strings.HasSuffix(n, "_count") && !used[n] {
			t.Errorf("the dashboard shows nothing of %s", n)
		}
	}
}

// TestDebianPackage builds the package with `make deb`, installs it with dpkg -i,
// checks the user, the directories and the conffile, runs the unit's ExecStart line
// as the unit's user (systemd is not running here) with a NOTIFY_SOCKET, waits for
// READY=1, checks /healthz and /readyz, reloads with SIGHUP, stops with SIGTERM,
// and purges the package. Root and dpkg only; it changes this machine, so it
// refuses to run where cddh-sync is already installed.
func TestDebianPackage(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("!!! DEBIAN PACKAGE NOT TESTED: needs root (dpkg -i) !!!")
	}
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("!!! DEBIAN PACKAGE NOT TESTED: no dpkg on this machine !!!")
	}
	if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", "cddh-sync").Output(); err == nil && strings.Contains(string(out), "installed") {
		t.Fatalf("cddh-sync is already installed on this machine (%s): the test would replace it", out)
	}
	_, statErr := os.Stat("/var/lib/cddh-sync")
	hadState := statErr == nil
	var stateInfo os.FileInfo
	if hadState {
		stateInfo, _ = os.Stat("/var/lib/cddh-sync")
	}
	if _, err := os.Stat("/var/lib/cddh-sync/cddh-data"); err == nil {
		t.Fatal("/var/lib/cddh-sync/cddh-data exists: an installation's store; the test would start on it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	mk := exec.CommandContext(ctx, "make", "deb")
	mk.Dir = ".."
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make deb: %v\n%s", err, out)
	}
	debs, _ := filepath.Glob("../bin/cddh-sync_*_amd64.deb")
	if len(debs) != 1 || !regexp.MustCompile(`^cddh-sync_[0-9][A-Za-z0-9.+~]*_amd64\.deb$`).MatchString(filepath.Base(debs[0])) {
		t.Fatalf("make deb made %v, want one cddh-sync_<version>_amd64.deb", debs)
	}
	deb := debs[0]
	if out, err := exec.Command("dpkg-deb", "-I", deb, "conffiles").Output(); err != nil || strings.TrimSpace(string(out)) != "/etc/cddh-sync/config.yaml" {
		t.Fatalf("conffiles: %q %v", out, err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("dpkg", "-i", deb)
	t.Cleanup(func() {
		if out, err := exec.Command("dpkg", "--purge", "cddh-sync").CombinedOutput(); err != nil {
			t.Errorf("dpkg --purge: %v\n%s", err, out)
		}
		if _, err := user.Lookup("cddh-sync"); err == nil {
			t.Error("purge left the cddh-sync user")
		}
		// What the test made goes; a directory that was there gets its owner and
		// mode back.
		if !hadState {
			_ = os.RemoveAll("/var/lib/cddh-sync")
		} else {
			_ = os.RemoveAll("/var/lib/cddh-sync/cddh-data")
			st := stateInfo.Sys().(*syscall.Stat_t)
			_ = os.Chown("/var/lib/cddh-sync", int(st.Uid), int(st.Gid))
			_ = os.Chmod("/var/lib/cddh-sync", stateInfo.Mode().Perm())
		}
	})
	u, err := user.Lookup("cddh-sync")
	if err != nil {
		t.Fatalf("postinst created no cddh-sync user: %v", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	for path, want := range map[string]struct {
		mode     os.FileMode
		uid, gid int
	}{
		"/var/lib/cddh-sync":                {0o750, uid, gid},
		"/etc/cddh-sync":                    {0o750, 0, gid},
		"/etc/cddh-sync/config.yaml":        {0o640, 0, gid},
		"/usr/bin/cddh-sync":                {0o755, 0, 0},
		"/usr/lib/cddh-sync/cddh-sync-full": {0o755, 0, 0},
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		if fi.Mode().Perm() != want.mode || int(st.Uid) != want.uid || int(st.Gid) != want.gid {
			t.Errorf("%s: mode %o owner %d:%d, want %o %d:%d", path, fi.Mode().Perm(), st.Uid, st.Gid, want.mode, want.uid, want.gid)
		}
	}
	unit, err := os.ReadFile("/lib/systemd/system/cddh-sync.service")
	if err != nil {
		t.Fatal(err)
	}
	directives := map[string]string{}
	for _, line := range strings.Split(string(unit), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			directives[k] = v
		}
	}
	for k, v := range map[string]string{"Type": "notify", "Restart": "on-failure", "NoNewPrivileges": "yes", "ProtectSystem": "strict",
		"ProtectHome": "yes", "PrivateTmp": "yes", "ReadWritePaths": "/var/lib/cddh-sync", "User": "cddh-sync"} {
		if directives[k] != v {
			t.Errorf("unit: %s=%q, want %q", k, directives[k], v)
		}
	}
	if directives["WatchdogSec"] == "" {
		t.Error("unit: no WatchdogSec")
	}
	if out, err := exec.Command("systemd-analyze", "verify", "/lib/systemd/system/cddh-sync.service").CombinedOutput(); err == nil {
		t.Logf("systemd-analyze verify: ok %s", out)
	} else {
		t.Logf("systemd-analyze verify (informational, systemd is not running here): %v %s", err, out)
	}

	// The unit's ExecStart line, as its User, in its WorkingDirectory.
	argv := strings.Fields(directives["ExecStart"])
	if len(argv) < 2 || argv[0] != "/usr/bin/cddh-sync" {
		t.Fatalf("ExecStart=%q", directives["ExecStart"])
	}
	sockDir, err := os.MkdirTemp("", "cddh-notify-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	_ = os.Chmod(sockDir, 0o711)
	sock := filepath.Join(sockDir, "notify")
	notify, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer notify.Close()
	_ = os.Chmod(sock, 0o666)
	port := freePort(t)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = directives["WorkingDirectory"]
	cmd.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/var/lib/cddh-sync",
		"NOTIFY_SOCKET=" + sock, "CDDH_HTTP_LISTEN=127.0.0.1:" + strconv.Itoa(port),
		"CDDH_PORTAL_PASSWORD=not-used", "CDDH_LOG_FORMAT=json"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, Setpgid: true}
	logs, err := os.CreateTemp("", "cddh-deb-log-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(logs.Name())
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()
	showLog := func() string { b, _ := os.ReadFile(logs.Name()); return string(b) }
	ready := make(chan string, 16)
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := notify.Read(buf)
			if err != nil {
				close(ready)
				return
			}
			ready <- string(buf[:n])
		}
	}()
	waitFor := func(state string, within time.Duration) {
		t.Helper()
		deadline := time.After(within)
		for {
			select {
			case msg, ok := <-ready:
				if !ok {
					t.Fatalf("notify socket closed before %s", state)
				}
				if strings.Contains(msg, state) {
					return
				}
			case err := <-exited:
				t.Fatalf("the daemon exited before %s: %v\n%s", state, err, showLog())
			case <-deadline:
				t.Fatalf("no %s within %s\n%s", state, within, showLog())
			}
		}
	}
	start := time.Now()
	waitFor("READY=1", 5*time.Minute)
	t.Logf("READY=1 after %s (first start: initdb of the embedded store under /var/lib/cddh-sync)", time.Since(start).Round(time.Second))
	// /usr/bin/cddh-sync, the light front binary, replaced itself with the full
	// one: the unit's main PID (NotifyAccess=main) is the daemon.
	if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", cmd.Process.Pid)); err != nil || exe != "/usr/lib/cddh-sync/cddh-sync-full" {
		t.Errorf("the unit's process runs %q (%v), want /usr/lib/cddh-sync/cddh-sync-full", exe, err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if code, body := get(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, base+"/readyz"); code != 200 {
		t.Fatalf("/readyz = %d %q\n%s", code, body, showLog())
	}
	if fi, err := os.Stat("/var/lib/cddh-sync/cddh-data/pgdata"); err != nil || int(fi.Sys().(*syscall.Stat_t).Uid) != uid {
		t.Fatalf("the embedded store is not the service user's under /var/lib/cddh-sync: %v", err)
	}
	// SIGHUP (systemctl reload): still serving, and it says what it reloaded.
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor("RELOADING=1", 30*time.Second)
	waitFor("READY=1", 30*time.Second)
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Fatalf("/healthz after SIGHUP = %d", code)
	}
	if !strings.Contains(showLog(), `"event":"config.reloaded"`) {
		t.Fatalf("no config.reloaded in the log:\n%s", showLog())
	}
	// Root's commands on the running installation: doctor reaches the running
	// embedded store, backup dumps it.
	confPath := argv[len(argv)-1]
	out, _ := exec.CommandContext(ctx, "/usr/bin/cddh-sync", "doctor", "--config", confPath).CombinedOutput()
	if !strings.Contains(string(out), "ok    database") || !strings.Contains(string(out), "(running)") {
		t.Fatalf("doctor as root on the running installation:\n%s", out)
	}
	dump := filepath.Join(sockDir, "backup.dump")
	if out, err := exec.CommandContext(ctx, "/usr/bin/cddh-sync", "backup", "--config", confPath, "--out", dump).CombinedOutput(); err != nil {
		t.Fatalf("backup as root of the running installation: %v\n%s", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor("STOPPING=1", 60*time.Second)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, showLog())
		}
	case <-time.After(90 * time.Second):
		t.Fatalf("the daemon did not stop within 90s of SIGTERM\n%s", showLog())
	}
	// With the daemon stopped, root's restore starts the embedded cluster as the
	// service user (store.embedded_user in the packaged configuration) and refuses
	// the store, which holds data.
	out, err = exec.CommandContext(ctx, "/usr/bin/cddh-sync", "restore", "--config", confPath, "--in", dump).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "the store is not empty") {
		t.Fatalf("restore over the installation's store: %v\n%s", err, out)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	for i := 0; ; i++ {
		resp, err := c.Get(url)
		if err != nil {
			if i < 20 && errors.Is(err, syscall.ECONNREFUSED) {
				time.Sleep(250 * time.Millisecond)
				continue
			}
			t.Fatalf("GET %s: %v", url, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
}
