package main

import (
	"net/http"
	"path"
	"strconv"
	"strings"
)

// encodings are the precompressed siblings a file may have, by
// preference: brotli is smaller.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// precompressedTypes are the kinds of file that may have precompressed
// siblings, by extension, with their content type: the Go core (.wasm)
// and the bundles (compressBundles).
var precompressedTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// precompressedHandler serves the files in dir like http.FileServer, but
// answers a request for a .wasm file, or a .js or .css file that has them,
// with its .br or .gz sibling when the client accepts that encoding. Every answer
// says no-cache: while serving a build in progress, the browser must check
// for a newer one.
func precompressedHandler(dir string) http.Handler {
	root := http.Dir(dir)
	files := http.FileServer(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		name := path.Clean("/" + r.URL.Path)
		ext := path.Ext(name)
		contentType, ok := precompressedTypes[ext]
		// A .js or .css file without siblings is served as any other file.
		if !ok || (ext != ".wasm" && !hasSibling(root, name)) {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Vary", "Accept-Encoding")
		w.Header().Set("Content-Type", contentType)
		accept := r.Header.Get("Accept-Encoding")
		for _, e := range encodings {
			if acceptsEncoding(accept, e.name) && serveEncoded(w, r, root, name, e.name, e.suffix) {
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// hasSibling reports whether root holds a precompressed sibling of name.
func hasSibling(root http.FileSystem, name string) bool {
	for _, e := range encodings {
		if f, err := root.Open(name + e.suffix); err == nil {
			f.Close()
			return true
		}
	}
	return false
}

// serveEncoded answers r with the file name+suffix of root, encoded with
// the content coding encoding, and reports whether that file exists.
func serveEncoded(w http.ResponseWriter, r *http.Request, root http.FileSystem, name, encoding, suffix string) bool {
	f, err := root.Open(name + suffix)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		return false
	}
	w.Header().Set("Content-Encoding", encoding)
	http.ServeContent(w, r, name, info.ModTime(), f)
	return true
}

// acceptsEncoding reports whether the Accept-Encoding header value accept
// allows the content coding name: named, or matched by "*", with a
// quality above zero.
func acceptsEncoding(accept, name string) bool {
	named, wildcard := -1.0, -1.0
	for part := range strings.SplitSeq(accept, ",") {
		coding, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			parsed, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			q = parsed
		}
		switch coding = strings.ToLower(strings.TrimSpace(coding)); coding {
		case name:
			named = q
		case "*":
			wildcard = q
		}
	}
	if named >= 0 {
		return named > 0
	}
	return wildcard > 0
}
