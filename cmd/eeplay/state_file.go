package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/eeplay/eeplay/core"
)

// loadState restores sim from the simulation file at path, if there is
// one, each operation under sim's time limit, so that an EE whose start
// function never ends, or a block that spins, fails the load instead of
// hanging it, and returns the file's projects (the page's editor's), which
// saveState writes back. It first removes the temporary files of saves that
// did not finish. It says on stdout what it does.
func loadState(ctx context.Context, path string, sim *core.Simulation, stdout io.Writer) ([]core.Project, error) {
	if err := removeUnfinishedSaves(path, stdout); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ops, projects, err := core.ParseSimulationFile(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	noun := "operations"
	if len(ops) == 1 {
		noun = "operation"
	}
	fmt.Fprintf(stdout, "loading the simulation from %s: %d %s\n", path, len(ops), noun)
	if err := sim.Restore(ctx, ops); err != nil {
		return nil, fmt.Errorf("load %s: read simulation file: %w", path, err)
	}
	return projects, nil
}

// saveState writes sim, with projects, to path whole or not at all: to a
// temporary file beside it, synced to the disk, then renamed over it, and
// the rename synced too, so that a crash leaves the old file or the new
// one. The server only adds EEs, so the projects' builds stay sim's.
func saveState(path string, sim *core.Simulation, projects []core.Project) error {
	data, err := core.MarshalSimulationFile(sim, projects)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// removeUnfinishedSaves removes the temporary files that saveState leaves
// beside path when the program is killed while saving: path, a dot, the
// digits os.CreateTemp puts there, and .tmp. Nothing else is touched, and
// only regular files.
func removeUnfinishedSaves(path string, stdout io.Writer) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil // the save will say so
		}
		return err
	}
	unfinished := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `\.[0-9]+\.tmp$`)
	for _, entry := range entries {
		if !entry.Type().IsRegular() || !unfinished.MatchString(entry.Name()) {
			continue
		}
		name := filepath.Join(dir, entry.Name())
		if err := os.Remove(name); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed %s, left by a save that did not finish\n", name)
	}
	return nil
}
