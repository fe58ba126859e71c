package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindChromium(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"chromium": "#!/bin/sh\n", "notexec": ""})
	if err := os.Chmod(filepath.Join(dir, "chromium"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, fromEnv, wantPath, err string
	}{
		{"from env", filepath.Join(dir, "chromium"), filepath.Join(dir, "chromium"), ""},
		{"missing", filepath.Join(dir, "none"), filepath.Join(dir, "none"),
			"chromium not found at " + filepath.Join(dir, "none") + ": install Debian's chromium package (apt-get install -y chromium) or set EEPLAY_CHROMIUM"},
		{"not executable", filepath.Join(dir, "notexec"), filepath.Join(dir, "notexec"),
			"chromium not found at " + filepath.Join(dir, "notexec") + ": install Debian's chromium package (apt-get install -y chromium) or set EEPLAY_CHROMIUM"},
		{"directory", dir, dir,
			"chromium not found at " + dir + ": install Debian's chromium package (apt-get install -y chromium) or set EEPLAY_CHROMIUM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := findChromium(tt.fromEnv)
			if path != tt.wantPath {
				t.Errorf("path = %q, want %q", path, tt.wantPath)
			}
			if got := errorText(err); got != tt.err {
				t.Errorf("error = %q, want %q", got, tt.err)
			}
		})
	}
	if path, _ := findChromium(""); path != "/usr/bin/chromium" {
		t.Errorf("findChromium(\"\") = %q, want Debian's /usr/bin/chromium", path)
	}
}
