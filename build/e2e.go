package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// e2ePath is where the e2e step serves the site: a path below the server's
// root, to prove that every URL in the site is relative.
const e2ePath = "/eeplay/sub/"

// e2eStep builds the site into a temporary directory, serves it as any
// static server would, and runs the browser tests, web/e2e/*.test.mjs,
// against it one at a time, since each drives its own Chromium.
func e2eStep(ctx context.Context, c *tester) error {
	tests, err := filepath.Glob(filepath.Join(c.root, "web", "e2e", "*.test.mjs"))
	if err != nil {
		return err
	}
	if len(tests) == 0 {
		return errors.New("found no browser tests: web/e2e has no *.test.mjs")
	}
	tmp, err := os.MkdirTemp("", "eeplay-e2e-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "site")
	s := site{root: c.root, warnings: c.stderr, quick: true}
	if err := buildSite(dir, c.stdout, func(d string) error { return s.build(ctx, d) }, replaceDir); err != nil {
		return err
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := &http.Server{Handler: plainHandler(dir)}
	go server.Serve(listener)
	defer server.Close()
	url := fmt.Sprintf("http://%s%s", listener.Addr(), e2ePath)
	fmt.Fprintf(c.stdout, "serving %s at %s\n", dir, url)

	screenshots := filepath.Join(c.root, "test-results", "screenshots")
	// Screenshots from an earlier run would pass for this one's.
	if err := os.RemoveAll(screenshots); err != nil {
		return err
	}
	if err := os.MkdirAll(screenshots, 0o755); err != nil {
		return err
	}
	args := []string{"--test", "--test-concurrency=1"}
	for _, test := range tests {
		rel, _ := filepath.Rel(c.root, test)
		args = append(args, rel)
	}
	env := []string{"EEPLAY_URL=" + url, "EEPLAY_CHROMIUM=" + c.chromium, "EEPLAY_SCREENSHOTS=" + screenshots}
	err = c.run(ctx, env, "node", args...)
	fmt.Fprintf(c.stdout, "screenshots are in %s\n", screenshots)
	return err
}

// plainHandler serves dir under e2ePath with nothing but http.FileServer:
// no precompression and no special headers, as the simplest static server
// would, since the site must work there.
func plainHandler(dir string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle(e2ePath, http.StripPrefix(strings.TrimSuffix(e2ePath, "/"), http.FileServer(http.Dir(dir))))
	return mux
}
