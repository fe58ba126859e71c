package main

import (
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"strings"
)

// watchedWeb are the directories, relative to the repository root, whose
// every file goes into the site's web part.
var watchedWeb = []string{"web", "scripts"}

// watchedGo are the directories whose Go files make up the Go core, and
// with them go.mod and go.sum at the root.
var watchedGo = []string{"core", "wasmhost", "jsbridge", "cmd/eeplay-wasm", "internal"}

// stamp is what a poll sees of a file: a change to either means the file
// changed.
type stamp struct {
	modTime int64
	size    int64
}

// sources is a snapshot of the files a site is built from, polled rather
// than watched with inotify and the like so that build needs no more
// dependencies and works the same on every system.
type sources struct {
	web, goFiles map[string]stamp
}

// snapshot returns the stamps of the site's sources in the repository
// root.
func snapshot(root string) (sources, error) {
	s := sources{web: map[string]stamp{}, goFiles: map[string]stamp{}}
	for _, dir := range watchedWeb {
		if err := addStamps(s.web, filepath.Join(root, dir), func(string) bool { return true }); err != nil {
			return sources{}, err
		}
	}
	isGo := func(path string) bool { return strings.HasSuffix(path, ".go") }
	for _, dir := range watchedGo {
		if err := addStamps(s.goFiles, filepath.Join(root, dir), isGo); err != nil {
			return sources{}, err
		}
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		if err := addStamps(s.goFiles, filepath.Join(root, name), func(string) bool { return true }); err != nil {
			return sources{}, err
		}
	}
	return s, nil
}

// addStamps adds the stamp of every file under path that keep accepts to
// stamps. A missing path adds nothing: a watched directory may not exist
// yet. Hidden directories and node_modules are skipped, as no source is
// there.
func addStamps(stamps map[string]stamp, path string, keep func(string) bool) error {
	err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != path && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !keep(p) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		stamps[p] = stamp{modTime: info.ModTime().UnixNano(), size: info.Size()}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// changed reports which part of the site the changes from s to newer
// touch.
func (s sources) changed(newer sources) (web, goFiles bool) {
	return !maps.Equal(s.web, newer.web), !maps.Equal(s.goFiles, newer.goFiles)
}
