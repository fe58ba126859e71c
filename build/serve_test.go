package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// TestServe serves the repository's site as `go run ./build serve` does:
// until the first build is served every request gets 503 and the line
// saying so, never 404, and the URL is printed only once the site answers;
// then the Go core is recompressed to the bytes a full build writes.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and compresses the Go core at brotli's best twice: a minute or more")
	}
	root, err := findRoot("..")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + listener.Addr().String() + "/"
	var stdout, stderr lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- serveSite(ctx, listener, root, out, &stdout, &stderr) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve exited with %d; stderr:\n%s", code, stderr.String())
		}
	})

	urlLine := "serving " + displayPath(out) + string(filepath.Separator) + " at " + url + "\n"
	waited := 0
	for deadline := time.Now().Add(5 * time.Minute); ; waited++ {
		if time.Now().After(deadline) {
			t.Fatalf("the site did not answer 200 in 5 minutes; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		printed := strings.Contains(stdout.String(), urlLine)
		status, body := get(t, url, "")
		if status == http.StatusOK {
			break
		}
		if status != http.StatusServiceUnavailable || string(body) != stillBuilding {
			t.Fatalf("GET / before the first build = %d %q, want 503 %q", status, body, stillBuilding)
		}
		if printed {
			t.Fatalf("serve printed %q while the site answered 503", urlLine)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if waited == 0 {
		t.Fatal("the site answered at once: the test saw no request before the first build")
	}
	output := waitFor(t, &stdout, urlLine, time.Minute)
	first := "building " + displayPath(out) + string(filepath.Separator) + " to serve it; the URL follows once it is built\n"
	if !strings.HasPrefix(output, first) {
		t.Errorf("stdout starts %q, want %q", output[:min(len(output), len(first))], first)
	}
	for _, stage := range []string{"  compiled the Go core (eeplay.wasm) in ", "  compressed the Go core in ", "  bundled the front end in ", "  compressed the bundles in "} {
		if i := strings.Index(output, stage); i < 0 || i > strings.Index(output, urlLine) {
			t.Errorf("stdout shows no %q before the URL:\n%s", stage, output)
		}
	}

	// The reference is what `go run ./build` writes for the same core,
	// made while serve recompresses: brotli's best is slow.
	_, wasm := get(t, url+"eeplay.wasm", "identity")
	path := filepath.Join(t.TempDir(), "eeplay.wasm")
	if err := os.WriteFile(path, wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	compressed := make(chan error, 1)
	go func() { compressed <- writeCompressed(path, brotli.BestCompression) }()
	waitFor(t, &stdout, "recompressed the ", 10*time.Minute)
	_, served := get(t, url+"eeplay.wasm", "br")
	if err := <-compressed; err != nil {
		t.Fatal(err)
	}
	full, err := os.ReadFile(path + ".br")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("served eeplay.wasm.br: %d bytes; the full build's: %d bytes", len(served), len(full))
	if !bytes.Equal(served, full) {
		t.Errorf("served eeplay.wasm.br has %d bytes, the full build's %d: want the same bytes", len(served), len(full))
	}
}

// get returns the status and body of a GET of url, sending acceptEncoding
// as Accept-Encoding when set: the body is then as the server sent it.
func get(t *testing.T, url, acceptEncoding string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// waitFor waits until b holds want and returns what b holds then.
func waitFor(t *testing.T, b *lockedBuffer, want string, timeout time.Duration) string {
	t.Helper()
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if s := b.String(); strings.Contains(s, want) {
			return s
		}
	}
	t.Fatalf("no %q in %s; output:\n%s", want, timeout, b.String())
	return ""
}

// lockedBuffer is a bytes.Buffer that serve's goroutines and the test may
// use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
