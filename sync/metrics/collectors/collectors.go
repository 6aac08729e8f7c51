// Package collectors exposes the Go runtime's and the process's own metrics under
// the names client_golang's collectors use (go_goroutines,
// process_resident_memory_bytes, ...), so dashboards and alerts keep working.
// Values are read at scrape time; start-up only names the descriptions.
package collectors

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cddh-sync/sync/metrics/prom"
)

// NewGoCollector reports the Go runtime: goroutines, threads, heap and GC.
func NewGoCollector() prom.Collector { return goCollector{} }

type goCollector struct{}

var (
	goGoroutines = prom.NewDesc("go_goroutines", "Number of goroutines that currently exist.", nil, nil)
	goThreads    = prom.NewDesc("go_threads", "Number of OS threads created.", nil, nil)
	goInfo       = prom.NewDesc("go_info", "Information about the Go environment.", []string{"version"}, nil)
	goAlloc      = prom.NewDesc("go_memstats_alloc_bytes", "Number of bytes allocated in heap and currently in use.", nil, nil)
	goHeapInuse  = prom.NewDesc("go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", nil, nil)
	goSys        = prom.NewDesc("go_memstats_sys_bytes", "Number of bytes obtained from system.", nil, nil)
	goLastGC     = prom.NewDesc("go_memstats_last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.", nil, nil)
	goGCCycles   = prom.NewDesc("go_gc_cycles_total", "Number of completed GC cycles.", nil, nil)
)

func (goCollector) Describe(ch chan<- *prom.Desc) {
	for _, d := range []*prom.Desc{goGoroutines, goThreads, goInfo, goAlloc, goHeapInuse, goSys, goLastGC, goGCCycles} {
		ch <- d
	}
}

func (goCollector) Collect(ch chan<- prom.Metric) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	threads, _ := runtime.ThreadCreateProfile(nil)
	ch <- prom.MustNewConstMetric(goGoroutines, prom.GaugeValue, float64(runtime.NumGoroutine()))
	ch <- prom.MustNewConstMetric(goThreads, prom.GaugeValue, float64(threads))
	ch <- prom.MustNewConstMetric(goInfo, prom.GaugeValue, 1, runtime.Version())
	ch <- prom.MustNewConstMetric(goAlloc, prom.GaugeValue, float64(ms.Alloc))
	ch <- prom.MustNewConstMetric(goHeapInuse, prom.GaugeValue, float64(ms.HeapInuse))
	ch <- prom.MustNewConstMetric(goSys, prom.GaugeValue, float64(ms.Sys))
	ch <- prom.MustNewConstMetric(goLastGC, prom.GaugeValue, float64(ms.LastGC)/1e9)
	ch <- prom.MustNewConstMetric(goGCCycles, prom.CounterValue, float64(ms.NumGC))
}

// ProcessCollectorOpts is kept for client_golang's signature; no option is used.
type ProcessCollectorOpts struct{}

// NewProcessCollector reports this process from /proc/self (Linux): CPU time,
// memory, open file descriptors and start time. Elsewhere it reports nothing.
func NewProcessCollector(ProcessCollectorOpts) prom.Collector { return procCollector{} }

type procCollector struct{}

var (
	procCPU     = prom.NewDesc("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", nil, nil)
	procRSS     = prom.NewDesc("process_resident_memory_bytes", "Resident memory size in bytes.", nil, nil)
	procVirtual = prom.NewDesc("process_virtual_memory_bytes", "Virtual memory size in bytes.", nil, nil)
	procFDs     = prom.NewDesc("process_open_fds", "Number of open file descriptors.", nil, nil)
	procMaxFDs  = prom.NewDesc("process_max_fds", "Maximum number of open file descriptors.", nil, nil)
	procStart   = prom.NewDesc("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", nil, nil)
)

func (procCollector) Describe(ch chan<- *prom.Desc) {
	for _, d := range []*prom.Desc{procCPU, procRSS, procVirtual, procFDs, procMaxFDs, procStart} {
		ch <- d
	}
}

// clockTicks is USER_HZ, 100 on every Linux architecture Go supports.
const clockTicks = 100

func (procCollector) Collect(ch chan<- prom.Metric) {
	if st, err := readStat(); err == nil {
		ch <- prom.MustNewConstMetric(procCPU, prom.CounterValue, float64(st.utime+st.stime)/clockTicks)
		ch <- prom.MustNewConstMetric(procRSS, prom.GaugeValue, float64(st.rss*int64(os.Getpagesize())))
		ch <- prom.MustNewConstMetric(procVirtual, prom.GaugeValue, float64(st.vsize))
		if boot, err := bootTime(); err == nil {
			ch <- prom.MustNewConstMetric(procStart, prom.GaugeValue, float64(boot)+float64(st.start)/clockTicks)
		}
	}
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		ch <- prom.MustNewConstMetric(procFDs, prom.GaugeValue, float64(len(fds)))
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil {
		ch <- prom.MustNewConstMetric(procMaxFDs, prom.GaugeValue, float64(lim.Cur))
	}
}

type stat struct {
	utime, stime, start, vsize, rss int64
}

// readStat reads /proc/self/stat; fields after the command name (which may hold
// spaces and parentheses) are counted from its closing parenthesis.
func readStat() (stat, error) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return stat{}, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return stat{}, os.ErrInvalid
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state): utime 14, stime 15, starttime 22, vsize 23, rss 24.
	if len(f) < 22 {
		return stat{}, os.ErrInvalid
	}
	num := func(field int) int64 { n, _ := strconv.ParseInt(f[field-3], 10, 64); return n }
	return stat{utime: num(14), stime: num(15), start: num(22), vsize: num(23), rss: num(24)}, nil
}

func bootTime() (int64, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "btime "); ok {
			return strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		}
	}
	return time.Now().Unix(), nil
}
