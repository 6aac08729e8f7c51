package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"cddh-sync/connectors"
	"cddh-sync/connectors/portalsim"
	"cddh-sync/connectors/portalsim/simpki"
)

// faultPresetAll is what `--faults all` switches on: every failure mode at a rate
// that makes a sync cycle meet each of them without making progress impossible.
func faultPresetAll() portalsim.Faults {
	return portalsim.Faults{
		Error5xx: 0.05, TooMany429: 0.05, Slow: 0.05, CutMidBody: 0.03, MalformedJSON: 0.03,
		DuplicatePage: 0.05, MovingDocuments: 0.05, LostResponse: 0.05, ExpireTokens: 0.03,
		HostileAttachments: 0.1,
	}
}

func cmdSim(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e.stderr, "sim", "[--listen ADDR] [--seed N] [--docs N] [--sign=false] [--trust-out FILE] [--faults none|all] [--fault-* RATE]...")
	listen := fs.String("listen", "127.0.0.1:8090", "address to serve the portal API on")
	seed := fs.Int64("seed", 1, "seed for the generated data (the same seed gives the same data)")
	password := fs.String("password", portalsim.DefaultPassword, "password of the service account "+portalsim.DefaultUsername)
	docs := fs.Int("docs", portalsim.DefaultDocuments, "number of documents to generate (directives, reports, letters)")
	anchor := fs.String("anchor", "", "dd/MM/yyyy: the day generated history ends (default "+portalsim.DefaultAnchor().Format("02/01/2006")+")")
	maxPage := fs.Int("max-page-size", portalsim.DefaultMaxPageSize, "largest page size the portal allows")
	ttl := fs.Duration("token-ttl", portalsim.DefaultTokenTTL, "lifetime of a login token")
	latency := fs.Duration("latency", 0, "delay added to every answer, e.g. 20ms")
	autoClerk := fs.Bool("auto-clerk", true, "simulated clerks act on registered tasks")
	clerkStep := fs.Duration("clerk-step", portalsim.DefaultClerkStep, "pace of the simulated clerks")
	preset := fs.String("faults", "none", "fault preset: none or all (each --fault-* flag overrides it)")
	rates := map[string]*float64{}
	for _, f := range []struct{ name, usage string }{
		{"fault-5xx", "rate of 500/502/503 answers"},
		{"fault-429", "rate of 429 answers with Retry-After"},
		{"fault-slow", "rate of answers delayed by --slow-delay"},
		{"fault-cut", "rate of GET answers cut in the middle of the body"},
		{"fault-malformed", "rate of GET answers with broken JSON"},
		{"fault-dup-page", "rate of search pages served twice"},
		{"fault-moving", "rate of searches during which a document changes"},
		{"fault-lost", "rate of writes applied but never answered"},
		{"fault-expire", "rate of calls whose token expires (401 or status.code 401)"},
		{"fault-hostile", "share of directives with a hostile attachment"},
	} {
		rates[f.name] = fs.Float64(f.name, 0, f.usage+" (0..1)")
	}
	slowDelay := fs.Duration("slow-delay", portalsim.DefaultSlowDelay, "delay of a slow answer")
	retryAfter := fs.Int("retry-after", 1, "seconds in the Retry-After of a 429")
	hugeSize := fs.Int64("huge-size", portalsim.DefaultHugeFileSize, "bytes of the huge hostile attachment")
	sign := fs.Bool("sign", true, "sign the directives' PDFs with a demo PKI made at start (the leader's and the organisation's signatures)")
	trustOut := fs.String("trust-out", "", "write the demo PKI's root certificate (PEM) here, for signing.trust_anchors")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf("unexpected argument %q", pos[0])
	}

	var faults portalsim.Faults
	switch *preset {
	case "none":
	case "all":
		faults = faultPresetAll()
	default:
		return usageErrorf("--faults must be none or all, got %q", *preset)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for name, target := range map[string]*float64{
		"fault-5xx": &faults.Error5xx, "fault-429": &faults.TooMany429, "fault-slow": &faults.Slow,
		"fault-cut": &faults.CutMidBody, "fault-malformed": &faults.MalformedJSON,
		"fault-dup-page": &faults.DuplicatePage, "fault-moving": &faults.MovingDocuments,
		"fault-lost": &faults.LostResponse, "fault-expire": &faults.ExpireTokens,
		"fault-hostile": &faults.HostileAttachments,
	} {
		if !set[name] {
			continue
		}
		v := *rates[name]
		if !(v >= 0 && v <= 1) {
			return usageErrorf("--%s must be between 0 and 1, got %v", name, v)
		}
		*target = v
	}
	faults.SlowDelay, faults.RetryAfter, faults.HugeFileSize = *slowDelay, *retryAfter, *hugeSize
	switch {
	case *seed < 0:
		return usageErrorf("--seed must not be negative, got %d", *seed)
	case *docs < 1:
		return usageErrorf("--docs must be at least 1, got %d", *docs)
	case *maxPage < 1:
		return usageErrorf("--max-page-size must be at least 1, got %d", *maxPage)
	case *ttl < time.Second:
		return usageErrorf("--token-ttl must be at least 1s, got %s", *ttl)
	case *latency < 0 || *slowDelay < 0 || *clerkStep <= 0:
		return usageErrorf("--latency and --slow-delay must not be negative, --clerk-step must be positive")
	case *retryAfter < 0 || *hugeSize < 1024:
		return usageErrorf("--retry-after must not be negative and --huge-size must be at least 1024")
	case *password == "":
		return usageErrorf("--password must not be empty")
	}
	var end time.Time
	if *anchor != "" {
		day, err := time.ParseInLocation("02/01/2006", *anchor, connectors.Zone)
		if err != nil {
			return usageErrorf("--anchor must be dd/MM/yyyy, got %q", *anchor)
		}
		end = day.Add(17 * time.Hour)
	}

	if *trustOut != "" && !*sign {
		return usageErrorf("--trust-out needs --sign")
	}

	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	opts := portalsim.Options{
		Seed: uint64(*seed), Documents: *docs, Anchor: end, MaxPageSize: *maxPage,
		TokenTTL: *ttl, Password: *password, Latency: *latency, Faults: faults,
		AutoClerk: *autoClerk, ClerkStep: *clerkStep, Logger: logger,
	}
	if *sign {
		pki, err := simpki.New()
		if err != nil {
			return runtimeErrorf("demo PKI: %v", err)
		}
		opts.SignPDF = pki.SignPDF
		if *trustOut != "" {
			if err := os.WriteFile(*trustOut, pki.RootPEM(), 0o644); err != nil {
				return usageErrorf("--trust-out %s: %v", *trustOut, err)
			}
			fmt.Fprintf(e.stderr, "cddh-sync sim: the demo root certificate is in %s (a new one every run)\n", *trustOut)
		}
	}
	sim, err := portalsim.New(opts)
	if err != nil {
		return usageErrorf("%v", err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return runtimeErrorf("--listen %s: %v", *listen, err)
	}
	user, pass := sim.Credentials()
	fmt.Fprintf(e.stderr, "cddh-sync sim: portal simulator at http://%s/qlvb/api (username %s, password %s; seed %d, %d documents)\n",
		ln.Addr(), user, pass, *seed, *docs)
	if err := sim.Serve(ctx, ln); err != nil {
		return runtimeErrorf("%v", err)
	}
	return nil
}
