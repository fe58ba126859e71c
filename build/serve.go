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
	out := filepath.Join(root, "dist")
	sv := &server{
		site:   site{root: root, warnings: stderr, quick: true},
		out:    out,
		files:  precompressedHandler(out),
		stdout: stdout,
		stderr: stderr,
	}
	httpServer := &http.Server{Handler: sv}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()
	fmt.Fprintf(stdout, "serving %s%c at http://%s/\n", displayPath(sv.out), filepath.Separator, listener.Addr())

	sv.watch(ctx)

	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "%s: shutting down: %v\n", fs.Name(), err)
		return exitFailed
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	return exitOK
}

// server serves the last good build of the site in out and replaces it
// with each new one.
type server struct {
	site site
	out  string
	// files serves out.
	files          http.Handler
	stdout, stderr io.Writer
	// mu is held for reading while a request is served and for writing
	// while a new build replaces out, so that no request sees out missing
	// or half replaced.
	mu sync.RWMutex
}

// ServeHTTP serves r from the current build.
func (sv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sv.mu.RLock()
	defer sv.mu.RUnlock()
	sv.files.ServeHTTP(w, r)
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
// succeeded, writing why not to stderr unless serve is stopping.
func (sv *server) rebuildReporting(ctx context.Context, withGo bool) bool {
	err := sv.rebuild(ctx, withGo)
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(sv.stderr, "serve: build failed, still serving the last good build: %v\n", err)
	}
	return err == nil
}

// rebuild builds the site, with the Go core when withGo is set, and
// serves the result.
func (sv *server) rebuild(ctx context.Context, withGo bool) error {
	write := func(dir string) error { return sv.site.rebuildWeb(dir, sv.out) }
	if withGo {
		write = func(dir string) error { return sv.site.build(ctx, dir) }
	}
	return buildSite(sv.out, sv.stdout, write, sv.replace)
}

// replace puts the build in staging in out's place while no request is
// being served.
func (sv *server) replace(staging, out string) error {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	return replaceDir(staging, out)
}
