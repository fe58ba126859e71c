package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sync"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/strictjson"
)

// The state of eeplay serve --state is two files: the state file, a
// simulation file as the page and core.ParseSimulationFile read it, and
// beside it the journal, the state file's name and ".journal", which holds
// the changes made since the state file was last written, so that saving a
// change costs in proportion to the change, not to the history. The
// journal is text: a header line,
//
//	{"format":"eeplay-journal","version":1,"follows":N,"checksum":"sha256:0x..."}
//
// saying that it continues the state file's first N operations, whose
// checksum (core.OperationsChecksum) it gives, then one line per
// operation, as core.Operation.MarshalJSON writes it. A change is appended
// and synced before it is acknowledged. The state file is rewritten whole
// (compacted) when the journal outgrows it, at start when a journal was
// left, and at a clean shutdown, which leaves no journal.
const (
	journalFormat  = "eeplay-journal"
	journalVersion = 1
	// journalSlack is how much larger than the state file the journal
	// grows before the state file is rewritten: the rewrites cost, summed,
	// about twice the final file, whatever the number of changes.
	journalSlack = 1 << 20
)

// journalHeader is the journal's first line.
type journalHeader struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Follows  int    `json:"follows"`
	Checksum string `json:"checksum"`
}

// stateStore saves the simulation of eeplay serve --state: save appends
// each change to the journal, waitSaved syncs it, sharing one sync among
// the changes made meanwhile, and close rewrites the state file whole.
type stateStore struct {
	path, journalPath string
	sim               *core.Simulation
	projects          []core.Project // the page's editor's, written back
	// slack is journalSlack, smaller in tests.
	slack int64

	mu      sync.Mutex
	synced  *sync.Cond // signalled when a sync of the journal ends
	journal *os.File   // nil until the first change after a rewrite
	saved   int        // operations in the state file and the journal
	inFile  int        // operations in the state file
	fileSum string     // their checksum
	size    struct{ file, journal int64 }
	// appends counts the appends to the journal and the rewrites; durable
	// is how many of them are known to be on the disk.
	appends, durable uint64
	syncing          bool
	// broken is the error of a failed sync or a failed append that could
	// not be undone: until the state file is rewritten, the journal may
	// miss changes or hold a torn record.
	broken error
}

// openState restores sim from the state file at path and its journal, if
// there are any, each operation under sim's time limit, so that an EE
// whose start function never ends, or a block that spins, fails the load
// instead of hanging it, and returns the store that saves sim's changes
// there. It first removes the temporary files of saves that did not
// finish. A journal's last line cut short, by a kill while it was
// appended, is dropped: it held a change never acknowledged. Any other
// fault fails the load, changing nothing. When there was a journal, the
// state file is then rewritten with everything and the journal removed. It
// says on stdout what it does.
func openState(ctx context.Context, path string, sim *core.Simulation, stdout io.Writer) (*stateStore, error) {
	s := &stateStore{path: path, journalPath: path + ".journal", sim: sim, slack: journalSlack}
	s.synced = sync.NewCond(&s.mu)
	if err := removeUnfinishedSaves(path, stdout); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	fileExists := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var ops []core.Operation
	if fileExists {
		if ops, s.projects, err = core.ParseSimulationFile(data); err != nil {
			return nil, fmt.Errorf("load %s: %w", path, err)
		}
	}
	s.inFile, s.size.file = len(ops), int64(len(data))
	s.fileSum = core.OperationsChecksum(ops)

	journal, err := os.ReadFile(s.journalPath)
	journalExists := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var more []core.Operation
	var torn int
	if journalExists {
		if more, torn, err = parseJournal(journal, ops, path); err != nil {
			return nil, fmt.Errorf("load %s: %w", s.journalPath, err)
		}
	}
	if !fileExists && !journalExists {
		return s, nil
	}
	all := append(ops, more...)
	noun := "operations"
	if len(all) == 1 {
		noun = "operation"
	}
	if journalExists {
		fmt.Fprintf(stdout, "loading the simulation from %s: %d %s, %d of them from %s\n", path, len(all), noun, len(more), s.journalPath)
	} else {
		fmt.Fprintf(stdout, "loading the simulation from %s: %d %s\n", path, len(all), noun)
	}
	if err := sim.Restore(ctx, all); err != nil {
		if journalExists {
			return nil, fmt.Errorf("load %s with %s: %w", path, s.journalPath, err)
		}
		return nil, fmt.Errorf("load %s: read simulation file: %w", path, err)
	}
	s.saved = len(ops)
	if !journalExists {
		return s, nil
	}
	if torn > 0 {
		fmt.Fprintf(stdout, "dropped the last %d bytes of %s: a change cut short while it was saved, never acknowledged\n", torn, s.journalPath)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.rewrite(); err != nil {
		return nil, fmt.Errorf("load %s: rewrite it with %s: %w", path, s.journalPath, err)
	}
	return s, nil
}

// parseJournal returns the operations that data, the journal of the state
// file at path, adds to fileOps, the state file's, and the length of its
// last line when that line is cut short (no newline ends it). The records
// that fileOps holds already, left by a rewrite that stopped before it
// removed the journal, must repeat them.
func parseJournal(data []byte, fileOps []core.Operation, path string) ([]core.Operation, int, error) {
	end := bytes.LastIndexByte(data, '\n') + 1
	torn := len(data) - end
	lines := bytes.Split(data[:end], []byte{'\n'})
	lines = lines[:len(lines)-1] // after the last newline
	if len(lines) == 0 {
		return nil, 0, errors.New("no whole header line: the journal is corrupt; move it away to load the state file alone")
	}
	var header journalHeader
	err := strictjson.Check(lines[0], reflect.TypeFor[journalHeader]())
	if err == nil && json.Unmarshal(lines[0], &header) != nil {
		// encoding/json would name the Go type.
		err = errors.New(`want an object of "format", "version", "follows" and "checksum"`)
	}
	switch {
	case err != nil:
		return nil, 0, fmt.Errorf("line 1: not a journal header (%w): the journal is corrupt; move it away to load the state file alone", err)
	case header.Format != journalFormat:
		return nil, 0, fmt.Errorf("line 1: format is %q, want %q: not an eeplay journal", header.Format, journalFormat)
	case header.Version != journalVersion:
		return nil, 0, fmt.Errorf("line 1: version %d is not supported: this eeplay reads version %d", header.Version, journalVersion)
	case header.Follows < 0 || header.Follows > len(fileOps):
		return nil, 0, fmt.Errorf("it continues the first %d operations of %s, which holds %d: the journal belongs to another state file; move it away to load %s alone", header.Follows, path, len(fileOps), path)
	}
	if sum := core.OperationsChecksum(fileOps[:header.Follows]); sum != header.Checksum {
		return nil, 0, fmt.Errorf("it continues operations that hash to %s, but the first %d of %s hash to %s: the journal belongs to another state file, or the state file was edited; move it away to load %s alone", header.Checksum, header.Follows, path, sum, path)
	}
	var more []core.Operation
	for i, line := range lines[1:] {
		index := header.Follows + i
		var op core.Operation
		if len(line) == 0 {
			return nil, 0, fmt.Errorf("record at line %d (operation %d) is empty: the journal is corrupt", i+2, index)
		}
		if err := op.UnmarshalJSON(line); err != nil {
			return nil, 0, fmt.Errorf("record at line %d (operation %d): not an operation (%w): the journal is corrupt", i+2, index, err)
		}
		if index < len(fileOps) {
			if want, _ := fileOps[index].MarshalJSON(); !bytes.Equal(line, want) {
				return nil, 0, fmt.Errorf("record at line %d (operation %d) differs from operation %d of %s, which it should repeat: the journal belongs to another state file", i+2, index, index, path)
			}
			continue
		}
		more = append(more, op)
	}
	return more, torn, nil
}

// save appends to the journal the changes made to the simulation since the
// last save, without syncing (waitSaved does), or rewrites the state file
// whole when the journal has outgrown it or may have lost a change. It is
// server.Config.OnChange, called one change at a time, in order.
func (s *stateStore) save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ops := s.sim.OperationsFrom(s.saved)
	if len(ops) == 0 {
		return nil
	}
	if s.broken != nil || s.size.journal >= s.size.file+s.slack {
		return s.rewrite()
	}
	if s.journal == nil {
		if err := s.createJournal(); err != nil {
			return err
		}
	}
	var records []byte
	for _, op := range ops {
		encoded, _ := op.MarshalJSON() // never fails
		records = append(append(records, encoded...), '\n')
	}
	if _, err := s.journal.Write(records); err != nil {
		// Undo a partial record, which would sit before the next ones;
		// the changes are appended again with the next.
		if undo := s.journal.Truncate(s.size.journal); undo != nil {
			s.broken = err
		}
		return err
	}
	s.size.journal += int64(len(records))
	s.saved += len(ops)
	s.appends++
	return nil
}

// waitSaved returns once every change saved so far is on the disk. One
// caller syncs the journal while the others wait for its sync, or for the
// next one if theirs came after it started. It is server.Config.WaitSaved.
func (s *stateStore) waitSaved() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	target := s.appends
	for s.durable < target {
		switch {
		case s.broken != nil:
			return s.broken
		case s.syncing:
			s.synced.Wait()
			continue
		}
		s.syncing = true
		journal, upTo := s.journal, s.appends
		s.mu.Unlock()
		err := journal.Sync()
		s.mu.Lock()
		s.syncing = false
		if err != nil {
			// After a failed fsync the kernel may have dropped the
			// pages: only a rewrite says what is on the disk.
			s.broken = err
		} else {
			s.durable = max(s.durable, upTo)
		}
		s.synced.Broadcast()
	}
	return nil
}

// close rewrites the state file with every change and removes the
// journal, for a clean shutdown.
func (s *stateStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sim.OperationsFrom(s.saved)) == 0 && s.saved == s.inFile && s.journal == nil && s.broken == nil {
		return nil
	}
	return s.rewrite()
}

// rewrite writes the state file whole, with every operation of the
// simulation, and then removes the journal. A crash in between leaves a
// journal whose records the state file holds already, which the next
// load skips. Everything saved is then on the disk.
func (s *stateStore) rewrite() error {
	for s.syncing {
		s.synced.Wait()
	}
	// No change is made meanwhile: save runs one change at a time, and
	// openState and close when none is.
	ops := s.sim.Operations()
	data, err := core.MarshalSimulationFile(s.sim, s.projects)
	if err != nil {
		return err
	}
	if err := writeFileSynced(s.path, data); err != nil {
		return err
	}
	if s.journal != nil {
		s.journal.Close()
		s.journal = nil
	}
	if err := os.Remove(s.journalPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.broken = err
		return err
	}
	if err := syncDir(s.path); err != nil {
		s.broken = err
		return err
	}
	s.saved, s.inFile, s.size.file, s.size.journal, s.broken = len(ops), len(ops), int64(len(data)), 0, nil
	s.fileSum = core.OperationsChecksum(ops)
	s.appends++
	s.durable = s.appends
	return nil
}

// createJournal starts a journal that follows the state file: its header
// is written to a temporary file, synced, and renamed into place, so that
// a journal is never without its header.
func (s *stateStore) createJournal() error {
	header, err := json.Marshal(journalHeader{Format: journalFormat, Version: journalVersion, Follows: s.inFile, Checksum: s.fileSum})
	if err != nil {
		return err
	}
	header = append(header, '\n')
	if err := writeFileSynced(s.journalPath, header); err != nil {
		return err
	}
	journal, err := os.OpenFile(s.journalPath, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	s.journal, s.size.journal = journal, int64(len(header))
	return nil
}

// writeFileSynced writes data to path whole or not at all: to a temporary
// file beside it, synced to the disk, then renamed over it, and the rename
// synced too, so that a crash leaves the old file or the new one.
func writeFileSynced(path string, data []byte) error {
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
	return syncDir(path)
}

// syncDir syncs the directory holding path, so that a file created,
// renamed or removed there stays so after a crash.
func syncDir(path string) error {
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// removeUnfinishedSaves removes the temporary files that writeFileSynced
// leaves beside path (the state file, or its journal) when the program is
// killed while writing: path, a dot, the digits os.CreateTemp puts there,
// and .tmp. Nothing else is touched, and only regular files.
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
	unfinished := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `(\.journal)?\.[0-9]+\.tmp$`)
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
