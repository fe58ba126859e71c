package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestPrecompressedHandler(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"eeplay.wasm":    "plain wasm",
		"eeplay.wasm.br": "brotli wasm",
		"eeplay.wasm.gz": "gzip wasm",
		"only.wasm":      "only plain",
		"compiler.js":    "plain js",
		"compiler.js.br": "brotli js",
		"compiler.js.gz": "gzip js",
		"app.js":         "js",
		"app.css":        "css",
		"app.css.gz":     "gzip css",
		"plain.css":      "plain css",
		"index.html":     "<!doctype html>",
	})
	h := precompressedHandler(dir)
	tests := []struct {
		name, path, accept string
		body, encoding     string
		contentType, vary  string
	}{
		{"br", "/eeplay.wasm", "gzip, deflate, br, zstd", "brotli wasm", "br", "application/wasm", "Accept-Encoding"},
		{"gzip", "/eeplay.wasm", "gzip", "gzip wasm", "gzip", "application/wasm", "Accept-Encoding"},
		{"br refused", "/eeplay.wasm", "br;q=0, gzip;q=0.5", "gzip wasm", "gzip", "application/wasm", "Accept-Encoding"},
		{"wildcard", "/eeplay.wasm", "*", "brotli wasm", "br", "application/wasm", "Accept-Encoding"},
		{"wildcard but br", "/eeplay.wasm", "*, br;q=0", "gzip wasm", "gzip", "application/wasm", "Accept-Encoding"},
		{"case", "/eeplay.wasm", "GZIP", "gzip wasm", "gzip", "application/wasm", "Accept-Encoding"},
		{"none", "/eeplay.wasm", "", "plain wasm", "", "application/wasm", "Accept-Encoding"},
		{"identity", "/eeplay.wasm", "identity", "plain wasm", "", "application/wasm", "Accept-Encoding"},
		{"bad quality", "/eeplay.wasm", "br;q=x", "plain wasm", "", "application/wasm", "Accept-Encoding"},
		{"no sibling", "/only.wasm", "br, gzip", "only plain", "", "application/wasm", "Accept-Encoding"},
		{"cleaned path", "/x/../eeplay.wasm", "br", "brotli wasm", "br", "application/wasm", "Accept-Encoding"},
		{"js br", "/compiler.js", "gzip, deflate, br, zstd", "brotli js", "br", "text/javascript; charset=utf-8", "Accept-Encoding"},
		{"js gzip", "/compiler.js", "gzip", "gzip js", "gzip", "text/javascript; charset=utf-8", "Accept-Encoding"},
		{"js none", "/compiler.js", "", "plain js", "", "text/javascript; charset=utf-8", "Accept-Encoding"},
		// A .js file without siblings is a file like any other.
		{"js without siblings", "/app.js", "gzip, br", "js", "", "text/javascript; charset=utf-8", ""},
		{"css gzip", "/app.css", "gzip", "gzip css", "gzip", "text/css; charset=utf-8", "Accept-Encoding"},
		{"css without siblings", "/plain.css", "gzip", "plain css", "", "text/css; charset=utf-8", ""},
		// Only .wasm, .js and .css files are precompressed.
		{"index", "/", "br", "<!doctype html>", "", "text/html; charset=utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.path, nil)
			if tt.accept != "" {
				r.Header.Set("Accept-Encoding", tt.accept)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, want 200", w.Code)
			}
			if got := w.Body.String(); got != tt.body {
				t.Errorf("body %q, want %q", got, tt.body)
			}
			for _, header := range []struct{ name, want string }{
				{"Content-Encoding", tt.encoding},
				{"Content-Type", tt.contentType},
				{"Vary", tt.vary},
				{"Cache-Control", "no-cache"},
			} {
				if got := w.Header().Get(header.name); got != header.want {
					t.Errorf("%s: %q, want %q", header.name, got, header.want)
				}
			}
		})
	}
}

func TestPrecompressedHandlerMissing(t *testing.T) {
	h := precompressedHandler(t.TempDir())
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/eeplay.wasm", nil)
	r.Header.Set("Accept-Encoding", "br")
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotFound {
		t.Errorf("status %d, want 404", w.Code)
	}
	if got := w.Header().Get("Content-Encoding"); got != "" {
		t.Errorf("Content-Encoding %q on a 404, want none", got)
	}
}
