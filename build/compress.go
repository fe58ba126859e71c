package main

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/andybalholm/brotli"
)

// writeCompressed writes path.br and path.gz, path's contents compressed
// with brotli at brotliLevel and gzip at its best, so that a server can
// send them as they are. Both run at once: brotli's best is slow.
func writeCompressed(path string, brotliLevel int) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	var brErr, gzErr error
	wg.Go(func() {
		brErr = writeCompressedFile(path+".br", data, func(w io.Writer) io.WriteCloser {
			return brotli.NewWriterLevel(w, brotliLevel)
		})
	})
	wg.Go(func() {
		gzErr = writeCompressedFile(path+".gz", data, func(w io.Writer) io.WriteCloser {
			// The level is a constant that exists, so there is no error.
			zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			return zw
		})
	})
	wg.Wait()
	return errors.Join(brErr, gzErr)
}

// writeCompressedFile writes data to path through the compressor that
// newWriter returns.
func writeCompressedFile(path string, data []byte, newWriter func(io.Writer) io.WriteCloser) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := newWriter(f)
	_, err = zw.Write(data)
	err = errors.Join(err, zw.Close(), f.Close())
	if err != nil {
		return fmt.Errorf("compressing to %s: %w", path, err)
	}
	return nil
}
