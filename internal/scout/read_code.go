package scout

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"

	"github.com/eeplay/eeplay/core"
)

// MaxTestCodeSize bounds the wasm one test may name: the sizes of the
// files of its execution_scripts and libraries, a file counted each time
// it is named, since each names an EE or a library of its own, whose code
// the core and the engine keep apart. It is 256 EEs of MaxWasmCodeSize
// (64 MiB); Scout's tests name a few small files. Without it, a 5.7 MB
// test naming one 256 KiB file 65,536 times asks for 16 GiB.
const MaxTestCodeSize = 256 * core.MaxWasmCodeSize

// Files opens the wasm files a test names.
type Files interface {
	// Open opens the file at path, as the test writes it. Its errors
	// should name the file, as os.Open's do.
	Open(path string) (fs.File, error)
}

// Code is the wasm of a test's files, read.
type Code struct {
	// Scripts[i] is the code of ExecutionScripts[i]. Scripts that name the
	// same path share one slice: callers must not change it.
	Scripts [][]byte
	// Libraries[i] is the code of Libraries[i].File, shared likewise.
	Libraries [][]byte
}

// namedFile is an entry of the test that names a wasm file: entry index
// of the YAML list list.
type namedFile struct {
	list  string
	index int
	path  string
}

// field is the entry's YAML field, for messages.
func (n namedFile) field() string {
	return fmt.Sprintf("%s[%d]", n.list, n.index)
}

// ReadCode reads the wasm files t names from files, each distinct path
// once. It first checks the files' sizes, without reading them, as
// CheckCodeSize does; reading then stops at either limit, for a file that
// is not a regular one or that grew since. The errors start with the YAML
// field at fault, such as "beacon_state.execution_scripts[0]: ".
func (t *Test) ReadCode(files Files) (*Code, error) {
	named := t.namedFiles()
	sizes, err := checkSizes(named, func(path string) (int64, error) { return statSize(files, path) })
	if err != nil {
		return nil, err
	}

	read := make(map[string][]byte)
	var code [][]byte
	var total int64
	for _, n := range named {
		b, ok := read[n.path]
		if !ok {
			var err error
			if b, err = readAtMost(files, n.path, sizes[n.path]); err != nil {
				return nil, fmt.Errorf("%s: %w", n.field(), err)
			}
			read[n.path] = b
		}
		total += int64(len(b))
		if total > MaxTestCodeSize {
			return nil, fmt.Errorf("beacon_state: execution_scripts and libraries name more than MaxTestCodeSize (%d bytes) of wasm; a file counts each time it is named", MaxTestCodeSize)
		}
		code = append(code, b)
	}
	// Capped, so that appending to Scripts cannot overwrite Libraries.
	scripts := len(t.ExecutionScripts)
	return &Code{Scripts: code[:scripts:scripts], Libraries: code[scripts:]}, nil
}

// CheckCodeSize checks the wasm files t names by their sizes, as size
// reports them, without reading any: MaxWasmCodeSize each, and
// MaxTestCodeSize in all, a file counted each time it is named. size is
// called once for each distinct path; its errors should name the file.
// It is ReadCode's first step, with the same errors, for a caller that
// holds the files already: the page checks what the user gave it before
// it creates any EE.
func (t *Test) CheckCodeSize(size func(path string) (int64, error)) error {
	_, err := checkSizes(t.namedFiles(), size)
	return err
}

// namedFiles lists the entries of t that name a wasm file: the scripts,
// then the libraries.
func (t *Test) namedFiles() []namedFile {
	var named []namedFile
	for i, script := range t.ExecutionScripts {
		named = append(named, namedFile{"beacon_state.execution_scripts", i, script})
	}
	for i, lib := range t.Libraries {
		named = append(named, namedFile{"beacon_state.libraries", i, lib.File})
	}
	return named
}

// checkSizes checks the entries named by the sizes of their files, as
// size reports them, and returns the size of each distinct path.
func checkSizes(named []namedFile, size func(path string) (int64, error)) (map[string]int64, error) {
	sizes := make(map[string]int64)
	var total int64
	for _, n := range named {
		s, ok := sizes[n.path]
		if !ok {
			var err error
			if s, err = size(n.path); err != nil {
				return nil, fmt.Errorf("%s: %w", n.field(), err)
			}
			if s > core.MaxWasmCodeSize {
				return nil, fmt.Errorf("%s: %s has %d bytes, over MaxWasmCodeSize (%d bytes)", n.field(), n.path, s, core.MaxWasmCodeSize)
			}
			sizes[n.path] = s
		}
		total += s
	}
	if total > MaxTestCodeSize {
		return nil, fmt.Errorf("beacon_state: execution_scripts and libraries name %d bytes of wasm, over MaxTestCodeSize (%d bytes); a file counts each time it is named", total, MaxTestCodeSize)
	}
	return sizes, nil
}

// statSize returns the size of the file at path, or 0 for a file that is
// not a regular one, whose size only reading tells.
func statSize(files Files, path string) (int64, error) {
	f, err := files.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if !info.Mode().IsRegular() {
		return 0, nil
	}
	return info.Size(), nil
}

// readAtMost reads the file at path, failing once it has read more than
// MaxWasmCodeSize bytes. size, the file's size when it was checked, sizes
// the buffer, which the code then keeps.
func readAtMost(files Files, path string, size int64) ([]byte, error) {
	f, err := files.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	// ReadFrom grows the buffer unless MinRead bytes are free.
	buf.Grow(int(size) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, core.MaxWasmCodeSize+1)); err != nil {
		return nil, err
	}
	if buf.Len() > core.MaxWasmCodeSize {
		return nil, fmt.Errorf("%s has more than MaxWasmCodeSize (%d bytes)", path, core.MaxWasmCodeSize)
	}
	return buf.Bytes(), nil
}
