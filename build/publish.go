package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// outDir returns the absolute directory the site goes to: flagValue, or
// dist/ at the repository root when it is empty. It refuses a directory
// that holds the repository, since a build replaces the directory whole.
func outDir(root, flagValue string) (string, error) {
	if flagValue == "" {
		return filepath.Join(root, "dist"), nil
	}
	out, err := filepath.Abs(flagValue)
	if err != nil {
		return "", err
	}
	if within(out, root) {
		return "", fmt.Errorf("-out %s holds the repository, and a build replaces its whole directory", flagValue)
	}
	return out, nil
}

// newStaging returns an empty directory beside out for a build to write,
// so that out keeps the last complete build until the new one is done and
// no stale file survives in it.
func newStaging(out string) (string, error) {
	staging := out + ".new"
	if err := os.RemoveAll(staging); err != nil {
		return "", fmt.Errorf("removing the unfinished build: %w", err)
	}
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return "", err
	}
	return staging, nil
}

// replaceDir puts the directory staging in out's place and removes what
// out held.
func replaceDir(staging, out string) error {
	old := out + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing an older build: %w", err)
	}
	if err := os.Rename(out, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replacing the last build: %w", err)
	}
	if err := os.Rename(staging, out); err != nil {
		return fmt.Errorf("replacing the last build: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("removing the last build: %w", err)
	}
	return nil
}
