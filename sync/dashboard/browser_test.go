package dashboard

import (
	"context"
	"net"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium. The test suite installs it (.ci/install-deps);
// where it cannot be had the browser test skips with a loud message, never silently.
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("CDDH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := exec.LookPath(p); err == nil {
				return p
			}
		}
	}
	t.Skip("!!! BROWSER TEST SKIPPED: no Chromium found (apt-get install chromium, or set CDDH_CHROMIUM) !!!")
	return ""
}

// TestDashboardInRealBrowser signs in through the form in headless Chromium, opens
// every page, checks what a person would see, and saves a screenshot of each.
// browser starts headless Chromium; shoot saves a screenshot into the test's
// screenshot directory (CDDH_SCREENSHOT_DIR, else a temporary one, logged).
func browser(t *testing.T) (context.Context, func(name string) chromedp.Action) {
	t.Helper()
	chrome := chromiumPath(t)
	// Chromium's helper processes may still write to the profile for a moment after
	// the browser exits, so the profile is removed with retries, not by t.TempDir.
	profile, err := os.MkdirTemp("", "cddh-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		// Chromium's first start on a loaded machine (the whole suite under
		// -race, two cores) took more than chromedp's default 20 s to print its
		// DevTools address once in CI: wait as long as the test itself may take.
		chromedp.WSURLReadTimeout(90*time.Second),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	shots := os.Getenv("CDDH_SCREENSHOT_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	t.Logf("screenshots in %s", shots)
	return ctx, func(name string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			var png []byte // quality 100 gives PNG; lower gives JPEG
			if err := chromedp.FullScreenshot(&png, 100).Do(ctx); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		})
	}
}

func TestDashboardInRealBrowser(t *testing.T) {
	b := setup(t, localAuth(t))
	ctx, shoot := browser(t)
	var healthText, tasksText, taskText, reportText, title string
	var charts int
	err := chromedp.Run(ctx,
		chromedp.Navigate(b.srv.URL+"/health"),
		chromedp.WaitVisible(`#username`, chromedp.ByID),
		chromedp.Title(&title),
		shoot("login"),
		chromedp.SendKeys(`#username`, "lanhdao", chromedp.ByID),
		chromedp.SendKeys(`#password`, "mật-khẩu-đúng", chromedp.ByID),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#streams`, chromedp.ByID),
		chromedp.Text(`main`, &healthText, chromedp.ByQuery),
		shoot("health"),
		chromedp.Navigate(b.srv.URL+"/tasks"),
		chromedp.WaitVisible(`#tasks`, chromedp.ByID),
		chromedp.Text(`#tasks`, &tasksText, chromedp.ByID),
		shoot("tasks"),
		chromedp.Click(`#tasks a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#history`, chromedp.ByID),
		chromedp.Text(`main`, &taskText, chromedp.ByQuery),
		shoot("task"),
		chromedp.Navigate(b.srv.URL+"/report?period=2026-03"),
		chromedp.WaitVisible(`#chart-units`, chromedp.ByID),
		chromedp.Text(`main`, &reportText, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll("svg.chart").length`, &charts),
		shoot("report"),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.Contains(title, "Đăng nhập") {
		t.Errorf("sign-in page title = %q", title)
	}
	for _, want := range []string{"Tình trạng đồng bộ", "DI", "partial", "cổng trả về 503", "Hàng đợi cập nhật lên cổng"} {
		if !strings.Contains(healthText, want) {
			t.Errorf("health page lacks %q:\n%s", want, healthText)
		}
	}
	for _, want := range []string{"45/TB-UBND", "Sở Tài chính", "20/03/2026 23:59", "Đang thực hiện trong hạn", "<script>x</script>"} {
		if !strings.Contains(tasksText, want) {
			t.Errorf("tasks page lacks %q (the script tag must show as text):\n%s", want, tasksText)
		}
	}
	for _, want := range []string{"Lịch sử", "TIEP_NHAN", "Trần Thị C", "trước ngày 20/3/2026"} {
		if !strings.Contains(taskText, want) {
			t.Errorf("task page lacks %q:\n%s", want, taskText)
		}
	}
	for _, want := range []string{"Báo cáo định kỳ 2026-03", "Tình hình thực hiện theo đơn vị", "Sở Tài chính", "CSV", "XLSX", "JSON"} {
		if !strings.Contains(reportText, want) {
			t.Errorf("report page lacks %q:\n%s", want, reportText)
		}
	}
	if charts != 3 {
		t.Errorf("the report page draws %d charts, want 3", charts)
	}
}

// TestDashboardThroughProxyInRealBrowser: with auth mode proxy, a reverse proxy
// (here httputil's, on loopback) signs the user in by its headers; Chromium
// browses every page through it.
func TestDashboardThroughProxyInRealBrowser(t *testing.T) {
	_, loop, _ := net.ParseCIDR("127.0.0.1/32")
	b := setup(t, AuthOptions{Mode: "proxy", TrustedProxies: []*net.IPNet{loop}, ProxySecret: []byte(testProxySecret)})
	target, _ := url.Parse(b.srv.URL)
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host
		r.Out.Header.Set("X-Remote-User", "lanh-dao-vp")
		r.Out.Header.Set("X-Remote-Role", "admin")
		r.Out.Header.Set("X-Proxy-Secret", testProxySecret)
	}}
	proxy := httptest.NewServer(rp)
	defer proxy.Close()
	ctx, shoot := browser(t)
	var health, tasks, task, rep string
	err := chromedp.Run(ctx,
		chromedp.Navigate(proxy.URL+"/health"),
		chromedp.WaitVisible(`#streams`, chromedp.ByID),
		chromedp.Text(`header`, &health, chromedp.ByQuery),
		shoot("proxy-health"),
		chromedp.Navigate(proxy.URL+"/tasks"),
		chromedp.WaitVisible(`#tasks`, chromedp.ByID),
		chromedp.Text(`#tasks`, &tasks, chromedp.ByID),
		chromedp.Click(`#tasks a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#history`, chromedp.ByID),
		chromedp.Text(`main`, &task, chromedp.ByQuery),
		shoot("proxy-task"),
		chromedp.Navigate(proxy.URL+"/report?period=2026-03"),
		chromedp.WaitVisible(`#chart-units`, chromedp.ByID),
		chromedp.Text(`main`, &rep, chromedp.ByQuery),
		shoot("proxy-report"),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.Contains(health, "lanh-dao-vp (admin)") || strings.Contains(health, "Đăng xuất") {
		t.Errorf("header through the proxy: %q", health)
	}
	if !strings.Contains(tasks, "Sở Tài chính") || !strings.Contains(task, "TIEP_NHAN") || !strings.Contains(rep, "Sở Tài chính") {
		t.Errorf("pages through the proxy lack their content")
	}
	// The same headers straight from the browser, not through the proxy, come
	// from 127.0.0.1 too here but lack the proxy's secret: TestProxyAuth.
}
