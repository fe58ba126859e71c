package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// findRoot returns the repository root: the nearest directory at or above
// dir that holds go.mod, so that every command works from any directory of
// the repository.
func findRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod in %s or any directory above it: run build inside the eeplay repository", dir)
		}
	}
}

// workingRoot returns the repository root above the working directory.
func workingRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	return findRoot(wd)
}
