package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"cddh-sync/connectors/portalsim/simpki"
)

// The light front binary (cmd/cddh-sync-light, what `make build` writes to
// bin/cddh-sync) runs verify and version itself and replaces itself with this full
// binary for every other command. These tests run both, built as make builds them,
// as real processes.

// buildPair builds the light binary as dir/cddh-sync and the full one beside it as
// dir/cddh-sync-full, as `make build` lays them out.
func buildPair(t testing.TB) (light, full string) {
	t.Helper()
	dir := t.TempDir()
	light, full = filepath.Join(dir, "cddh-sync"), filepath.Join(dir, "cddh-sync-full")
	for _, b := range [][2]string{{light, "../cddh-sync-light"}, {full, "."}} {
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version=light-test", "-o", b[0], b[1])
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}
	return light, full
}

// result is what a process showed: its exit code and both streams.
type result struct {
	code        int
	stdout, err string
}

func runBin(t *testing.T, env []string, bin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%s %q: %v", bin, args, err)
	}
	return result{cmd.ProcessState.ExitCode(), out.String(), errb.String()}
}

func TestLightBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds both binaries")
	}
	light, full := buildPair(t)
	dir := t.TempDir()
	// CDDH_SYNC_FULL names a file that does not exist: whatever the light binary
	// answers itself, it answered without the full one.
	noFull := []string{"CDDH_SYNC_FULL=" + filepath.Join(dir, "no-such-binary")}

	pki, err := simpki.New()
	if err != nil {
		t.Fatal(err)
	}
	root := writeFile(t, dir, "root.pem", string(pki.RootPEM()))
	signedPDF, err := pki.SignPDF(minimalPDF("Chi thi so 17"))
	if err != nil {
		t.Fatal(err)
	}
	tampered := bytes.Replace(signedPDF, []byte("Chi thi so 17"), []byte("Chi thi so 18"), 1)
	sample, err := os.ReadFile("../../connectors/edxml/testdata/official/jdk17_edoc_new.edxml")
	if err != nil {
		t.Fatal(err)
	}
	signedXML, err := pki.SignEdxml(sample)
	if err != nil {
		t.Fatal(err)
	}
	batch := filepath.Join(dir, "batch")
	if err := os.Mkdir(batch, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"signed.pdf": signedPDF, "tampered.pdf": tampered, "unsigned.pdf": minimalPDF("Cong van"),
		"signed.edxml": signedXML, "unsigned.xml": sample, "damaged.pdf": []byte("%PDF-1.7\ngarbage")}
	var paths []string
	for name, data := range files {
		p := filepath.Join(batch, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}

	t.Run("verify is answered by the light binary, byte for byte as the full one", func(t *testing.T) {
		// A fixed validation time: without a timestamp, the best signature time is
		// the moment of the check, which two processes may see a second apart.
		at := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		var cases [][]string
		for _, p := range append(paths, filepath.Join(dir, "missing.pdf")) {
			for _, format := range []string{"json", "text"} {
				cases = append(cases, []string{"verify", "--offline", "--trust", root, "--at", at, "--format", format, p})
			}
			cases = append(cases, []string{"verify", "--offline", p, "--at", "2026-12-01"})
		}
		// Online: the light binary links the revocation fetcher too. The test PKI's
		// CRLs are on a .invalid host, so both binaries fail to fetch them alike.
		cases = append(cases, []string{"verify", "--trust", root, "--at", at, "--format", "json", filepath.Join(batch, "signed.pdf")},
			[]string{"verify", "--trust", root, "--at", at, "--format", "json", filepath.Join(batch, "signed.edxml")})
		cases = append(cases, []string{"verify", "--help"}, []string{"verify"}, []string{"verify", "--bogus", "x"},
			[]string{"verify", "--format", "xml", "x"}, []string{"verify", "--trust", filepath.Join(dir, "nope.pem"), paths[0]})
		passed := 0
		for _, args := range cases {
			l, f := runBin(t, noFull, light, args...), runBin(t, nil, full, args...)
			if l != f {
				t.Errorf("%q:\nlight: %+v\nfull:  %+v", args, l, f)
			}
			if strings.Contains(l.stdout, "TOTAL_PASSED") {
				passed++
			}
		}
		if passed == 0 {
			t.Fatal("no case passed: the comparison covered no valid signature")
		}
		// A batch: the same lines, the same exit code; the summary differs only by
		// its time.
		args := append([]string{"verify", "--offline", "--trust", root, "--at", at, "--format", "json", "--jobs", "2", batch}, paths[:2]...)
		l, f := runBin(t, noFull, light, args...), runBin(t, nil, full, args...)
		seconds := regexp.MustCompile(`in [0-9.]+ s`)
		if l.code != f.code || l.stdout != f.stdout || seconds.ReplaceAllString(l.err, "") != seconds.ReplaceAllString(f.err, "") {
			t.Errorf("batch:\nlight: %+v\nfull:  %+v", l, f)
		}
		if strings.Count(l.stdout, "\n") != len(paths)+2 || l.code != exitNegative {
			t.Errorf("batch: exit %d, %d lines for %d files", l.code, strings.Count(l.stdout, "\n"), len(paths)+2)
		}
	})

	t.Run("version is answered by the light binary", func(t *testing.T) {
		l, f := runBin(t, noFull, light, "version"), runBin(t, nil, full, "version")
		if l != f || l.stdout != "cddh-sync light-test\n" || l.code != exitOK {
			t.Errorf("light %+v, full %+v", l, f)
		}
	})

	t.Run("every other command is the full binary's", func(t *testing.T) {
		for _, args := range [][]string{
			{"calendar", "holidays", "--year", "2026", "--format", "json"},
			{}, {"help"}, {"-h"}, {"--help"}, {"no-such-command"}, {"calendar", "--help"},
			{"extract", "--format", "json", writeFile(t, dir, "cv.txt", "Giao Sở Tài chính báo cáo trước ngày 15/01/2027.")},
			{"tasks", "--bogus"}, {"doctor", "--config", filepath.Join(dir, "missing.yaml")},
		} {
			l, f := runBin(t, nil, light, args...), runBin(t, nil, full, args...)
			if l != f {
				t.Errorf("%q:\nlight: %+v\nfull:  %+v", args, l, f)
			}
		}
		if r := runBin(t, nil, light); r.code != exitUsage || !strings.Contains(r.err, "commands:") {
			t.Errorf("no arguments: %+v", r)
		}
		if r := runBin(t, nil, light, "no-such-command"); r.code != exitUsage {
			t.Errorf("an unknown command: %+v", r)
		}
		// Through a symbolic link elsewhere: the full binary is found next to the
		// link's target.
		link := filepath.Join(t.TempDir(), "cddh-sync")
		if err := os.Symlink(light, link); err != nil {
			t.Fatal(err)
		}
		args := []string{"calendar", "holidays", "--year", "2026", "--format", "json"}
		if l, f := runBin(t, nil, link, args...), runBin(t, nil, full, args...); l != f || l.code != exitOK {
			t.Errorf("through a link:\nlight: %+v\nfull:  %+v", l, f)
		}
	})

	t.Run("the full binary runs in the same process", func(t *testing.T) {
		cmd := exec.Command(light, "sim", "--listen", "127.0.0.1:0", "--docs", "1")
		var errb lockedBuffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(errb.String(), "portal simulator at") {
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("the simulator did not start: %s", errb.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
		exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", cmd.Process.Pid))
		if err != nil || exe != full {
			t.Errorf("process %d runs %q (%v), want %s", cmd.Process.Pid, exe, err, full)
		}
		// SIGTERM reaches the full binary's handler: a clean exit, as without the
		// light one in front.
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("sim after SIGTERM: %v; stderr %s", err, errb.String())
		}
	})

	t.Run("a missing full binary is a clear error", func(t *testing.T) {
		r := runBin(t, noFull, light, "tasks", "--help")
		if r.code != exitRuntime || r.stdout != "" || strings.Count(r.err, "\n") != 1 ||
			!strings.Contains(r.err, "cddh-sync tasks: ") || !strings.Contains(r.err, noFull[0]) {
			t.Errorf("CDDH_SYNC_FULL missing: %+v", r)
		}
		// CDDH_SYNC_FULL names the full binary: the light one runs it from anywhere.
		alone := filepath.Join(t.TempDir(), "cddh-sync")
		data, err := os.ReadFile(light)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(alone, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if r := runBin(t, []string{"CDDH_SYNC_FULL=" + full}, alone, "help"); r.code != exitOK || !strings.Contains(r.err, "commands:") {
			t.Errorf("CDDH_SYNC_FULL=%s: %+v", full, r)
		}
		if _, err := os.Stat("/usr/lib/cddh-sync/cddh-sync-full"); err == nil {
			t.Skip("/usr/lib/cddh-sync/cddh-sync-full is installed on this machine")
		}
		r = runBin(t, []string{"CDDH_SYNC_FULL="}, alone)
		want := fmt.Sprintf("tried %s, /usr/lib/cddh-sync/cddh-sync-full (set CDDH_SYNC_FULL to its path)", filepath.Join(filepath.Dir(alone), "cddh-sync-full"))
		if r.code != exitRuntime || strings.Count(r.err, "\n") != 1 || !strings.Contains(r.err, want) {
			t.Errorf("no full binary anywhere: %+v, want %q", r, want)
		}
	})
}

// TestLightImports: the light binary links none of the daemon's packages, only
// verify's (issue 17: each linked package costs every verify process its
// initialisation). A new dependency of verify belongs on the list deliberately.
func TestLightImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "../cddh-sync-light").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := regexp.MustCompile(`^(cddh-sync/cmd/cddh-sync-light|cddh-sync/cmd/internal/(cli|verifycli|revocation)|cddh-sync/signing(/.*)?|cddh-sync/internal/lazy|github\.com/beevik/etree|golang\.org/x/crypto/ocsp)$`)
	n := 0
	for _, p := range strings.Fields(string(out)) {
		n++
		if !allowed.MatchString(p) {
			t.Errorf("the light binary links %s", p)
		}
	}
	if n < 5 {
		t.Fatalf("go list gave %d packages: %s", n, out)
	}
	std, err := exec.Command("go", "list", "-deps", "../cddh-sync-light").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, std)
	}
	for _, p := range strings.Fields(string(std)) {
		if p == "html/template" || p == "text/template" || p == "database/sql" || p == "log/slog" {
			t.Errorf("the light binary links %s", p)
		}
	}
}
