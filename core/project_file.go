package core

import (
	"fmt"
	"strings"
)

// ProjectFile is one file of a Project or of a ProjectBuild: its path
// relative to the project's root ("helloworld/main.ts") and its text.
// ReadOnly marks the shared library, shown so that imports can be read.
type ProjectFile struct {
	Path     string `json:"path"`
	Text     string `json:"text"`
	ReadOnly bool   `json:"read_only,omitempty"`
}

// checkFiles checks files, found at where ("projects[0].files"): one to
// MaxProjectFiles of them, each with a relative path of its own. It
// returns the bytes of their text.
func checkFiles(files []ProjectFile, where string) (int, error) {
	switch {
	case files == nil:
		return 0, fmt.Errorf("%s is missing: want an array of files", where)
	case len(files) == 0:
		return 0, fmt.Errorf("%s is empty: want at least one file", where)
	case len(files) > MaxProjectFiles:
		return 0, fmt.Errorf("%s holds %d: want at most %d", where, len(files), MaxProjectFiles)
	}
	seen := make(map[string]int, len(files))
	size := 0
	for i, f := range files {
		at := fmt.Sprintf("%s[%d].path", where, i)
		if err := checkName(f.Path, at); err != nil {
			return 0, err
		}
		if !relativePath(f.Path) {
			return 0, fmt.Errorf(`%s %q is not a relative path: want names joined by "/", without "." or ".." (like "helloworld/main.ts")`, at, f.Path)
		}
		if before, ok := seen[f.Path]; ok {
			return 0, fmt.Errorf("%s %q is also %s[%d]'s: want each path once", at, f.Path, where, before)
		}
		seen[f.Path] = i
		size += len(f.Text)
	}
	return size, nil
}

// relativePath says whether path names a file under a project's root, as
// on disk: names joined by "/", none empty, "." or "..".
func relativePath(path string) bool {
	if strings.Contains(path, `\`) {
		return false
	}
	for _, part := range strings.Split(path, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// checkEntry checks that entry, found at where, is the path of one of files.
func checkEntry(entry string, files []ProjectFile, where string) error {
	if err := checkName(entry, where); err != nil {
		return err
	}
	for _, f := range files {
		if f.Path == entry {
			return nil
		}
	}
	return fmt.Errorf("%s %q is not among the files: want one of their paths", where, entry)
}
