# cddh-sync: the two commands README.md opens with are `make demo` and `make test`.
# Both install what a fresh Debian machine lacks (PostgreSQL, poppler-utils) first.
GO      ?= go
BIN     := bin/cddh-sync
FULL    := bin/cddh-sync-full
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: all deps build test demo deb vet fmt-check bench fuzz clean

# The Debian package is built with nfpm, a Go program run from the Go module proxy at
# a pinned version: no packaging tool to install, and the same nfpm everywhere.
NFPM        ?= $(GO) run github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0
# Debian versions start with a digit: a release tag v1.2.3 gives 1.2.3, otherwise
# 0.0.0~git<commit>.
DEB_VERSION ?= $(shell v=$$(git describe --tags --match 'v[0-9]*' 2>/dev/null) && echo $${v\#v} | tr - '~' || echo 0.0.0~git$$(git rev-parse --short HEAD 2>/dev/null || echo unknown))

all: build

deps:
	@.ci/install-deps

# -trimpath: the binary names no build directory, and a copy of the tree elsewhere
# (the newcomer test) reuses the build cache. CGO_ENABLED=0: a static binary, so no
# dynamic loader runs at each start (about 1 ms of CPU per process, which one-shot
# commands such as `verify` pay once per file; issue 17) and it runs on any Linux;
# nothing in the tree needs cgo (DNS and os/user use Go's own implementations).
# Two binaries: bin/cddh-sync-full is every command (./cmd/cddh-sync); bin/cddh-sync,
# what users run, is the light front (./cmd/cddh-sync-light): it runs verify and
# version itself, without initialising the daemon's dependencies (issue 17), and
# replaces itself with cddh-sync-full (execve, the same PID) for every other command.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(FULL) ./cmd/cddh-sync
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/cddh-sync-light

# The full suite, race detector on, against a real PostgreSQL (DATABASE_URL if set,
# otherwise a throwaway embedded cluster). Prints a summary and fails if any test
# fails or none ran.
test: deps
	@.ci/test

# Works from any directory, as root or not: as root in a private directory (a clone
# in /root) the embedded cluster lives under /var/lib/cddh-sync-embedded, and the
# demo says so. DEMO_ARGS=--once stops after the first sync.
demo: deps build
	./$(BIN) demo $(DEMO_ARGS)

# bin/cddh-sync_<version>_amd64.deb: the binaries (/usr/bin/cddh-sync, the light
# front, and /usr/lib/cddh-sync/cddh-sync-full), /etc/cddh-sync/config.yaml (a
# conffile, from config.example.yaml with the data under /var/lib/cddh-sync), the
# hardened systemd unit, the postinst that creates the cddh-sync user and its
# directories, and the Prometheus rules and Grafana dashboard under
# /usr/share/doc/cddh-sync. deploy/deploy_test.go installs it with dpkg -i.
deb: build
	@mkdir -p bin/deb
	sed -E -e 's|^  data_dir: cddh-data( +)#.*|  data_dir: /var/lib/cddh-sync/cddh-data  # the embedded cluster, in the service'"'"'s state directory|' \
		-e 's|^  embedded_user: postgres( +)#.*|  embedded_user: cddh-sync  # commands run as root (doctor, backup, restore) start the cluster as the service user|' \
		config.example.yaml > bin/deb/config.yaml
	@grep -q '^  data_dir: /var/lib/cddh-sync/cddh-data' bin/deb/config.yaml && grep -q '^  embedded_user: cddh-sync' bin/deb/config.yaml || \
		{ echo "deb: config.example.yaml has no data_dir or embedded_user line to adapt"; exit 1; }
	rm -f bin/cddh-sync_*_amd64.deb
	CDDH_VERSION='$(DEB_VERSION)' $(NFPM) package --config deploy/nfpm.yaml --packager deb --target bin/
	@ls -l bin/cddh-sync_*_amd64.deb

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
