package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/wasmhost"
)

// scoutTest is a Scout test file loaded: parsed, checked and its wasm
// read.
type scoutTest struct {
	*scout.Test
	// scripts[i] is the code of ExecutionScripts[i], EE i.
	scripts   [][]byte
	libraries []wasmhost.Library
}

// loadScoutTest reads the Scout test file at path. Wasm paths in it are
// relative to its directory.
func loadScoutTest(path string) (*scoutTest, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	test, err := scout.Parse(text)
	if err != nil {
		return nil, err
	}
	code, err := test.ReadCode(relativeFiles(filepath.Dir(path)))
	if err != nil {
		return nil, err
	}
	t := &scoutTest{Test: test, scripts: code.Scripts}
	for i, lib := range test.Libraries {
		t.libraries = append(t.libraries, wasmhost.Library{Name: lib.Name, Code: code.Libraries[i]})
	}
	return t, nil
}

// relativeFiles opens the files a test names relative to the directory it
// is, the test file's, unless their paths are absolute.
type relativeFiles string

// Open opens the file at path.
func (dir relativeFiles) Open(path string) (fs.File, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(string(dir), path)
	}
	return os.Open(path)
}
