package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// recompressChunk is how much brotli is given at once, so that a stale
// recompression notices it is no longer wanted.
const recompressChunk = 256 << 10

// recompress rewrites the .br siblings of the build generation in sv.out,
// which serve compressed quickly, at brotli's best, so that serve sends
// the bytes `go run ./build` writes. Each file is swapped in whole while no
// request is served; once out holds a newer build, the work is dropped.
// Files whose contents a previous pass already compressed are taken from
// it, so a rebuild of the web part alone does not recompress the Go core.
func (sv *server) recompress(ctx context.Context, generation int) {
	files, err := bundleFiles(sv.out)
	if err != nil {
		fmt.Fprintf(sv.stderr, "serve: recompressing: %v\n", err)
		return
	}
	files = append([]string{filepath.Join(sv.out, "eeplay.wasm")}, files...)
	best := map[[sha256.Size]byte][]byte{}
	var quick, smaller int64
	for _, file := range files {
		sv.mu.RLock()
		data, err := os.ReadFile(file)
		info, statErr := os.Stat(file + ".br")
		sv.mu.RUnlock()
		if err == nil {
			err = statErr
		}
		if err != nil {
			if sv.current(generation) {
				fmt.Fprintf(sv.stderr, "serve: recompressing: %v\n", err)
			}
			return
		}
		key := sha256.Sum256(data)
		compressed, ok := sv.bestCompressed(key)
		if !ok {
			compressed, err = brotliBest(ctx, data)
			if err != nil {
				return // serve is stopping
			}
		}
		best[key] = compressed
		if ok, err := sv.swapIn(generation, file+".br", compressed); !ok || err != nil {
			if err != nil {
				fmt.Fprintf(sv.stderr, "serve: recompressing: %v\n", err)
			}
			return
		}
		quick += info.Size()
		smaller += int64(len(compressed))
	}
	sv.bestMu.Lock()
	sv.best = best
	sv.bestMu.Unlock()
	sv.outputMu.Lock()
	defer sv.outputMu.Unlock()
	fmt.Fprintf(sv.stdout, "recompressed the %d .br files at brotli's best, as go run ./build does: %s in all, from %s\n", len(files), formatSize(smaller), formatSize(quick))
}

// bestCompressed returns what the last pass of recompress made of the
// contents whose hash is key.
func (sv *server) bestCompressed(key [sha256.Size]byte) ([]byte, bool) {
	sv.bestMu.Lock()
	defer sv.bestMu.Unlock()
	compressed, ok := sv.best[key]
	return compressed, ok
}

// swapIn replaces the file path with data, if out still holds build
// generation, and reports whether it did.
func (sv *server) swapIn(generation int, path string, data []byte) (bool, error) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.generation != generation {
		return false, nil
	}
	tmp := path + ".best"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return false, err
	}
	return true, os.Rename(tmp, path)
}

// current reports whether out still holds build generation.
func (sv *server) current(generation int) bool {
	sv.mu.RLock()
	defer sv.mu.RUnlock()
	return sv.generation == generation
}

// brotliBest compresses data at brotli's best, as writeCompressed does for
// a full build, giving up when ctx is done.
func brotliBest(ctx context.Context, data []byte) ([]byte, error) {
	var out bytes.Buffer
	w := brotli.NewWriterLevel(&out, brotli.BestCompression)
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := min(len(data), recompressChunk)
		if _, err := w.Write(data[:n]); err != nil {
			return nil, err
		}
		data = data[n:]
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), ctx.Err()
}
