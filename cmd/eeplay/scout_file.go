package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/eeplay/eeplay/core"
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
	return readWasm(test, filepath.Dir(path))
}

// readWasm reads the wasm files that test names, relative to dir.
func readWasm(test *scout.Test, dir string) (*scoutTest, error) {
	t := &scoutTest{Test: test}
	for i, script := range test.ExecutionScripts {
		code, err := readRelative(dir, script)
		if err != nil {
			return nil, fmt.Errorf("beacon_state.execution_scripts[%d]: %w", i, err)
		}
		t.scripts = append(t.scripts, code)
	}
	for i, lib := range test.Libraries {
		code, err := readRelative(dir, lib.File)
		if err != nil {
			return nil, fmt.Errorf("beacon_state.libraries[%d]: %w", i, err)
		}
		t.libraries = append(t.libraries, wasmhost.Library{Name: lib.Name, Code: code})
	}
	return t, nil
}

// readRelative reads the file at path, which is relative to dir unless it
// is absolute.
func readRelative(dir, path string) ([]byte, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	return readFileAtMost(path, core.MaxWasmCodeSize, "MaxWasmCodeSize")
}
