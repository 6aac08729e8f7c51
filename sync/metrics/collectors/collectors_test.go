package collectors

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strconv"
	"testing"

	"cddh-sync/sync/metrics/prom"
)

// TestRuntimeAndProcess: the names the dashboard and alerts use are there, with
// plausible values read from this very process.
func TestRuntimeAndProcess(t *testing.T) {
	t.Parallel()
	r := prom.NewRegistry()
	r.MustRegister(NewGoCollector(), NewProcessCollector(ProcessCollectorOpts{}))
	var b bytes.Buffer
	if err := r.WriteText(bufio.NewWriter(&b)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	value := func(name string) float64 {
		m := regexp.MustCompile(`(?m)^` + name + `(?:\{[^}]*\})? (\S+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("%s missing:\n%s", name, out)
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if value("go_goroutines") < 1 || value("go_memstats_alloc_bytes") <= 0 || value("go_info") != 1 {
		t.Fatalf("runtime values implausible:\n%s", out)
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: the process collector reports nothing here")
	}
	rss := value("process_resident_memory_bytes")
	if rss < 1<<20 || rss > 1<<36 {
		t.Errorf("process_resident_memory_bytes = %v", rss)
	}
	if value("process_open_fds") < 3 || value("process_max_fds") < value("process_open_fds") {
		t.Errorf("fds implausible:\n%s", out)
	}
	if st := value("process_start_time_seconds"); st < 1.6e9 {
		t.Errorf("process_start_time_seconds = %v", st)
	}
	if value("process_cpu_seconds_total") < 0 {
		t.Error("negative CPU time")
	}
}
