package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSnapshotChanges(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"go.mod":                     "module example.com/x\n",
		"web/src/main.ts":            "",
		"scripts/hello/main.ts":      "",
		"core/core.go":               "package core\n",
		"cmd/eeplay-wasm/main_js.go": "package main\n",
		"internal/checks/doc.go":     "package checks\n",
		"web/node_modules/x/x.js":    "",
	})
	tests := []struct {
		name           string
		change         func(t *testing.T)
		web, goChanged bool
	}{
		{"nothing", func(*testing.T) {}, false, false},
		{"web file", func(t *testing.T) { touch(t, filepath.Join(root, "web/src/main.ts")) }, true, false},
		{"new web file", func(t *testing.T) { writeFiles(t, root, map[string]string{"web/src/new.ts": ""}) }, true, false},
		{"removed script", func(t *testing.T) { remove(t, filepath.Join(root, "scripts/hello/main.ts")) }, true, false},
		{"go file", func(t *testing.T) {
			writeFiles(t, root, map[string]string{"core/core.go": "package core // changed\n"})
		}, false, true},
		{"go.mod", func(t *testing.T) { touch(t, filepath.Join(root, "go.mod")) }, false, true},
		{"directory that did not exist", func(t *testing.T) { writeFiles(t, root, map[string]string{"jsbridge/bridge.go": ""}) }, false, true},
		{"not Go", func(t *testing.T) { writeFiles(t, root, map[string]string{"core/testdata/x.wasm": ""}) }, false, false},
		{"unwatched", func(t *testing.T) { writeFiles(t, root, map[string]string{"cmd/eeplay/main.go": "", "docs/x.md": ""}) }, false, false},
		{"node_modules", func(t *testing.T) { touch(t, filepath.Join(root, "web/node_modules/x/x.js")) }, false, false},
	}
	last, err := snapshot(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change(t)
			now, err := snapshot(root)
			if err != nil {
				t.Fatal(err)
			}
			web, goChanged := last.changed(now)
			if web != tt.web || goChanged != tt.goChanged {
				t.Errorf("changed = web %t, Go %t; want web %t, Go %t", web, goChanged, tt.web, tt.goChanged)
			}
			last = now
		})
	}
}

// touch moves path's modification time a second on, as saving it would.
func touch(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	later := info.ModTime().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}
