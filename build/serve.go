package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"
)

// pollInterval is how often serve looks for changed sources: soon enough
// that a reload after saving shows the change.
const pollInterval = 500 * time.Millisecond

// runServe is the serve command: it builds the site into dist/, serves it
// and rebuilds it when its sources change, until SIGINT or SIGTERM.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "")
	root, code := parseFlagsInRoot(fs, args, stderr)
	if code != exitOK {
		return code
	}
	// Listen before building, so that a busy port fails at once.
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	return serveSite(ctx, listener, root, filepath.Join(root, "dist"), stdout, stderr)
}

// serveSite builds the site of the repository root into out and serves it
// on listener, as serve does, until ctx is done. Until the first build is
// in out it answers every request with 503 and a line saying so, and it
// prints the site's URL only once the site is there to open.
func serveSite(ctx context.Context, listener net.Listener, root, out string, stdout, stderr io.Writer) int {
	sv := &server{out: out, files: precompressedHandler(out), stdout: stdout, stderr: stderr, stopRecompressing: func() {}}
	sv.site = site{root: root, warnings: stderr, quick: true, progress: sv.showProgress}
	sv.url = fmt.Sprintf("http://%s/", listener.Addr())
	httpServer := &http.Server{Handler: sv}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()
	fmt.Fprintf(stdout, "building %s%c to serve it; the URL follows once it is built\n", displayPath(out), filepath.Separator)

	sv.watch(ctx)
	sv.stopRecompressing()

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "serve: shutting down: %v\n", err)
		return exitFailed
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// server serves the last good build of the site in out and replaces it
// with each new one.
type server struct {
	site site
	out  string
	// url is where the site is served, printed once it is built.
	url string
	// files serves out.
	files          http.Handler
	stdout, stderr io.Writer
	// mu is held for reading while a request is served and for writing
	// while a new build replaces out, so that no request sees out missing
	// or half replaced.
	mu sync.RWMutex
	// generation counts the builds put in out, 0 before the first: a
	// recompression of an older one is dropped. Guarded by mu.
	generation int
	// outputMu keeps the progress lines of the Go core and of the web
	// part, built at once, whole.
	outputMu sync.Mutex
	// stopRecompressing ends the recompression of the build in out, once
	// a newer build replaces it or serve stops.
	stopRecompressing context.CancelFunc
	// best is what the last recompression made of each file's contents,
	// by their hash. Guarded by bestMu.
	best   map[[32]byte][]byte
	bestMu sync.Mutex
}

// stillBuilding answers a request before the first build is served: 503,
// not 404, as the site is on its way.
const stillBuilding = "eeplay is still building the site: reload in a few seconds; the terminal running go run ./build serve shows how far it got\n"

// ServeHTTP serves r from the current build.
func (sv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sv.mu.RLock()
	defer sv.mu.RUnlock()
	if sv.generation == 0 {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, stillBuilding)
		return
	}
	sv.files.ServeHTTP(w, r)
}

// showProgress prints a stage of the build as it ends.
func (sv *server) showProgress(stage string, took time.Duration) {
	sv.outputMu.Lock()
	defer sv.outputMu.Unlock()
	fmt.Fprintf(sv.stdout, "  %s in %.1fs\n", stage, took.Seconds())
}

// watch builds the site, then polls its sources and rebuilds it after
// every change until ctx is done. A failed build leaves the last good one
// served and is reported on stderr.
func (sv *server) watch(ctx context.Context) {
	last, err := snapshot(sv.site.root)
	if err != nil {
		fmt.Fprintf(sv.stderr, "serve: watching the sources: %v\n", err)
	}
	// goStale says the served Go core may not match the Go sources: until
	// a build with the Go core succeeds, every rebuild must include it.
	goStale := !sv.rebuildReporting(ctx, true)
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		now, err := snapshot(sv.site.root)
		if err != nil {
			fmt.Fprintf(sv.stderr, "serve: watching the sources: %v\n", err)
			continue
		}
		webChanged, goChanged := last.changed(now)
		if !webChanged && !goChanged {
			continue
		}
		last = now
		goStale = goStale || goChanged
		if sv.rebuildReporting(ctx, goStale) {
			goStale = false
		}
	}
}

// rebuildReporting rebuilds the site like rebuild and reports whether it
// succeeded, writing why not to stderr unless serve is stopping. After the
// first build that succeeds, it prints the URL: the site is there to open.
func (sv *server) rebuildReporting(ctx context.Context, withGo bool) bool {
	first := sv.servedGeneration() == 0
	err := sv.rebuild(ctx, withGo)
	switch {
	case err == nil && first:
		fmt.Fprintf(sv.stdout, "serving %s%c at %s\n", displayPath(sv.out), filepath.Separator, sv.url)
	case err == nil || ctx.Err() != nil:
	case first:
		fmt.Fprintf(sv.stderr, "serve: build failed; serve builds again when a source changes: %v\n", err)
	default:
		fmt.Fprintf(sv.stderr, "serve: build failed, still serving the last good build: %v\n", err)
	}
	return err == nil
}

// rebuild builds the site, with the Go core when withGo is set, and
// serves the result. Whatever is served afterwards, the new build or the
// last good one, is then recompressed at brotli's best in the background;
// a recompression still running stops first, to leave the build the CPU.
func (sv *server) rebuild(ctx context.Context, withGo bool) error {
	sv.stopRecompressing()
	write := func(dir string) error { return sv.site.rebuildWeb(dir, sv.out) }
	if withGo {
		write = func(dir string) error { return sv.site.build(ctx, dir) }
	}
	err := buildSite(sv.out, sv.stdout, write, sv.replace)
	if generation := sv.servedGeneration(); generation > 0 {
		recompressCtx, cancel := context.WithCancel(ctx)
		sv.stopRecompressing = cancel
		go sv.recompress(recompressCtx, generation)
	}
	return err
}

// replace puts the build in staging in out's place while no request is
// being served.
func (sv *server) replace(staging, out string) error {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if err := replaceDir(staging, out); err != nil {
		return err
	}
	sv.generation++
	return nil
}

// servedGeneration returns the generation of the build in out.
func (sv *server) servedGeneration() int {
	sv.mu.RLock()
	defer sv.mu.RUnlock()
	return sv.generation
}
