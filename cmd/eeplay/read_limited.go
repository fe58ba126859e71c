package main

import (
	"fmt"
	"io"
	"os"
)

// readFileAtMost reads the file at path, failing without reading further
// once it has more than limit bytes, with a message naming the limit,
// limitName (such as "MaxWasmCodeSize"): a file too large for the core
// is not read whole only to be rejected.
func readFileAtMost(path string, limit int, limitName string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > int64(limit) {
		return nil, fmt.Errorf("%s has %d bytes, over %s (%d bytes)", path, info.Size(), limitName, limit)
	}
	// Not a regular file, or one that grew: read one byte past the limit
	// to tell.
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, fmt.Errorf("%s has more than %s (%d bytes)", path, limitName, limit)
	}
	return b, nil
}
