# cddh-sync: the two commands README.md opens with are `make demo` and `make test`.
# Both install what a fresh Debian machine lacks (PostgreSQL, poppler-utils) first.
GO      ?= go
BIN     := bin/cddh-sync
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: all deps build test demo vet fmt-check bench fuzz clean

all: build

deps:
	@.ci/install-deps

# -trimpath: the binary names no build directory, and a copy of the tree elsewhere
# (the newcomer test) reuses the build cache.
build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/cddh-sync

# The full suite, race detector on, against a real PostgreSQL (DATABASE_URL if set,
# otherwise a throwaway embedded cluster). Prints a summary and fails if any test
# fails or none ran.
test: deps
	@.ci/test

# Works from any directory, as root or not: as root in a private directory (a clone
# in /root) the embedded cluster lives under /var/lib/cddh-sync/embedded, and the
# demo says so. DEMO_ARGS=--once stops after the first sync.
demo: deps build
	./$(BIN) demo $(DEMO_ARGS)

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
