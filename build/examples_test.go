package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestWriteExamples(t *testing.T) {
	scripts := t.TempDir()
	writeFiles(t, scripts, map[string]string{
		"hashchain/hashchain.wasm": "hashchain wasm",
		"hashchain/hashchain.yaml": "hashchain yaml",
		"hashchain/main.ts":        "// hashchain: every transaction extends a hash chain.\n//\n// more\n",
		// No Scout test: the manifest has no yaml.
		"alpha/alpha.wasm": "alpha wasm",
		"alpha/main.ts":    "  //   alpha:   greets  \r\nexport function main(): void {}\n",
		// No prefix to remove.
		"beta/beta.wasm": "beta wasm",
		"beta/main.ts":   "// Does beta things.\n",
		// Made by the page's Token panel, not with the others.
		"token/token.wasm": "token wasm",
		"token/main.ts":    "// token: a stateless token.\n",
		// The library: its .ts files are copied, and listed for every example.
		"lib/eth2.ts":  "// lib: helpers\n",
		"lib/notes.md": "not copied",
		// Not examples: no NAME.wasm.
		"draft/main.ts":       "// draft: not built yet\n",
		"draft/other.wasm":    "",
		"build.mjs":           "",
		"hashchain/extra.txt": "not copied",
	})
	out := filepath.Join(t.TempDir(), "examples")
	if err := writeExamples(scripts, out); err != nil {
		t.Fatal(err)
	}

	want := `[
  {
    "name": "alpha",
    "wasm": "examples/alpha/alpha.wasm",
    "source": "examples/alpha/main.ts",
    "library": [
      "examples/lib/eth2.ts"
    ],
    "summary": "greets"
  },
  {
    "name": "beta",
    "wasm": "examples/beta/beta.wasm",
    "source": "examples/beta/main.ts",
    "library": [
      "examples/lib/eth2.ts"
    ],
    "summary": "Does beta things."
  },
  {
    "name": "hashchain",
    "wasm": "examples/hashchain/hashchain.wasm",
    "yaml": "examples/hashchain/hashchain.yaml",
    "source": "examples/hashchain/main.ts",
    "library": [
      "examples/lib/eth2.ts"
    ],
    "summary": "every transaction extends a hash chain."
  },
  {
    "name": "token",
    "wasm": "examples/token/token.wasm",
    "source": "examples/token/main.ts",
    "library": [
      "examples/lib/eth2.ts"
    ],
    "summary": "a stateless token.",
    "panel": "token"
  }
]
`
	if got := readFile(t, filepath.Join(out, "examples.json")); got != want {
		t.Errorf("examples.json =\n%s\nwant\n%s", got, want)
	}
	wantFiles := []string{
		"alpha/alpha.wasm", "alpha/main.ts",
		"beta/beta.wasm", "beta/main.ts",
		"examples.json",
		"hashchain/hashchain.wasm", "hashchain/hashchain.yaml", "hashchain/main.ts",
		"lib/eth2.ts",
		"token/main.ts", "token/token.wasm",
	}
	if got := listFiles(t, out); !reflect.DeepEqual(got, wantFiles) {
		t.Errorf("files = %v, want %v", got, wantFiles)
	}
	if got := readFile(t, filepath.Join(out, "hashchain", "hashchain.yaml")); got != "hashchain yaml" {
		t.Errorf("hashchain.yaml = %q, want a copy", got)
	}
}

func TestWriteExamplesErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		err   string
	}{
		{"no main.ts", map[string]string{"foo/foo.wasm": ""}, "example foo: open SCRIPTS/foo/main.ts: no such file or directory"},
		{"no comment", map[string]string{"foo/foo.wasm": "", "foo/main.ts": "export function main(): void {}\n"},
			`example foo: main.ts must start with a "// foo: what it does" comment`},
		{"empty summary", map[string]string{"foo/foo.wasm": "", "foo/main.ts": "// foo:\n"},
			`example foo: main.ts must start with a "// foo: what it does" comment`},
		{"empty file", map[string]string{"foo/foo.wasm": "", "foo/main.ts": ""},
			`example foo: main.ts must start with a "// foo: what it does" comment`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scripts := t.TempDir()
			writeFiles(t, scripts, tt.files)
			err := writeExamples(scripts, t.TempDir())
			if got := strings.ReplaceAll(errorText(err), scripts, "SCRIPTS"); got != tt.err {
				t.Errorf("error = %q, want %q", got, tt.err)
			}
		})
	}
}

// TestRepositoryExamples checks the examples in scripts/ make a manifest,
// so that a new example without a summary fails here rather than in the
// playground.
func TestRepositoryExamples(t *testing.T) {
	out := t.TempDir()
	if err := writeExamples(filepath.Join("..", "scripts"), out); err != nil {
		t.Fatal(err)
	}
	manifest := readFile(t, filepath.Join(out, "examples.json"))
	want := `"summary": "every transaction extends a hash chain."`
	if !strings.Contains(manifest, want) {
		t.Errorf("examples.json has no %s:\n%s", want, manifest)
	}
}
