package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestPlainHandler(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"index.html":     "<!doctype html>",
		"eeplay.wasm":    "plain wasm",
		"eeplay.wasm.br": "brotli wasm",
	})
	h := plainHandler(dir)
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/eeplay/sub/", http.StatusOK, "<!doctype html>"},
		// No precompression, whatever the client accepts.
		{"/eeplay/sub/eeplay.wasm", http.StatusOK, "plain wasm"},
		// Only under the sub-path: an absolute URL in the site would miss.
		{"/eeplay.wasm", http.StatusNotFound, "404 page not found\n"},
		{"/index.html", http.StatusNotFound, "404 page not found\n"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.path, nil)
			r.Header.Set("Accept-Encoding", "br, gzip")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body.String(), tt.status, tt.body)
			}
			if got := w.Header().Get("Content-Encoding"); got != "" {
				t.Errorf("Content-Encoding %q, want none", got)
			}
		})
	}
}
