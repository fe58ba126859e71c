package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestBuildSiteReplacesTheLastBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	writeFiles(t, out, map[string]string{"stale.js": "from an older build", "index.html": "old"})
	write := func(dir string) error {
		writeFiles(t, dir, map[string]string{"index.html": "new", "examples/examples.json": "[]"})
		return nil
	}
	var stdout strings.Builder
	if err := buildSite(out, &stdout, write, replaceDir); err != nil {
		t.Fatal(err)
	}
	if got, want := listFiles(t, out), []string{"examples/examples.json", "index.html"}; !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v, want %v: no stale file", got, want)
	}
	var fields [][]string
	for line := range strings.Lines(stdout.String()) {
		fields = append(fields, strings.Fields(line))
	}
	if len(fields) == 3 && len(fields[2]) == 4 && strings.HasSuffix(fields[2][3], "s") {
		fields[2][3] = "SECONDS" // how long the build took varies
	}
	want := [][]string{
		{filepath.Join(out, "examples", "examples.json"), "2", "B"},
		{filepath.Join(out, "index.html"), "3", "B"},
		{"built", out + string(filepath.Separator), "in", "SECONDS"},
	}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("buildSite wrote\n%s\nwant the files, their sizes and the time", stdout.String())
	}
	assertNoSiblings(t, out)
}

func TestBuildSiteKeepsTheLastGoodBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	writeFiles(t, out, map[string]string{"index.html": "good"})
	write := func(dir string) error {
		writeFiles(t, dir, map[string]string{"index.html": "half"})
		return errors.New("esbuild: web/src/main.ts:1: broken")
	}
	var stdout strings.Builder
	err := buildSite(out, &stdout, write, replaceDir)
	if got, want := errorText(err), "esbuild: web/src/main.ts:1: broken"; got != want {
		t.Errorf("error %q, want %q", got, want)
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != "good" {
		t.Errorf("index.html = %q, want the last good build's", got)
	}
	if stdout.Len() != 0 {
		t.Errorf("a failed build reported\n%s", stdout.String())
	}
	assertNoSiblings(t, out)
}

func TestBuildSiteIntoNewDirectory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "dist")
	write := func(dir string) error {
		writeFiles(t, dir, map[string]string{"index.html": "new"})
		return nil
	}
	if err := buildSite(out, &strings.Builder{}, write, replaceDir); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q, want %q", got, "new")
	}
}

// assertNoSiblings fails when a build left a staging or old directory
// beside out.
func assertNoSiblings(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside %s: %v, want only it", out, names)
	}
}

func TestOutDir(t *testing.T) {
	root := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		flag, want, err string
	}{
		{flag: "", want: filepath.Join(root, "dist")},
		{flag: "site", want: filepath.Join(wd, "site")},
		{flag: filepath.Join(root, "dist2"), want: filepath.Join(root, "dist2")},
		{flag: root + "x", want: root + "x"},
		{flag: root, err: "-out " + root + " holds the repository, and a build replaces its whole directory"},
		{flag: filepath.Dir(root), err: "-out " + filepath.Dir(root) + " holds the repository, and a build replaces its whole directory"},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			got, err := outDir(root, tt.flag)
			if errorText(err) != tt.err || got != tt.want {
				t.Errorf("outDir(%q) = %q, %v; want %q, %q", tt.flag, got, err, tt.want, tt.err)
			}
		})
	}
}
