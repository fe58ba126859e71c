package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// reportSite writes one line per file of the site in dir, with its size,
// and then how long the build took.
func reportSite(w io.Writer, dir string, took time.Duration) error {
	type file struct {
		path string
		size int64
	}
	var files []file
	width := 0
	shown := displayPath(dir)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		f := file{path: filepath.Join(shown, rel), size: info.Size()}
		files = append(files, f)
		width = max(width, len(f.path))
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing the site: %w", err)
	}
	for _, f := range files {
		fmt.Fprintf(w, "%-*s %10s\n", width, f.path, formatSize(f.size))
	}
	fmt.Fprintf(w, "built %s%c in %.1fs\n", shown, filepath.Separator, took.Seconds())
	return nil
}

// displayPath returns path relative to the working directory when it is
// inside it, as a person would type it, and as it is otherwise.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if !within(wd, path) {
		return path
	}
	rel, _ := filepath.Rel(wd, path)
	return rel
}

// formatSize returns n bytes in the largest binary unit that keeps a
// whole number before the point.
func formatSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}
