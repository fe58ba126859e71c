package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// webFiles are the sources of a tiny front end, with one example EE.
var webFiles = map[string]string{
	"web/index.html": `<link rel="stylesheet" href="app.css"><script src="app.js"></script>`,
	"web/src/main.ts": `import "./style.css";
import { greet } from "./greet";
document.body.textContent = greet("page");
document.body.onclick = () => import("./later").then((m) => m.later());
`,
	"web/src/later.ts":  "export function later(): void { document.title = `later, ${document.title}`; }\n",
	"web/src/greet.ts":  "export function greet(who: string): string { return `hello, ${who}`; }\n",
	"web/src/style.css": "body { color: rgb(255, 0, 0); }\n",
	"web/src/core/worker.ts": `declare function importScripts(...urls: string[]): void;
importScripts("wasm_exec.js");
const answer: number = 42;
postMessage(answer);
`,
	"web/src/compiler/worker.ts": `const { compile } = await import("./compile");
postMessage(await compile("source"));
`,
	// Like the compilers, which import Node's modules only in Node.js.
	"web/src/compiler/compile.ts": `export async function compile(source: string): Promise<string> {
  if (typeof process === "object") await import("fs");
  return ` + "`compiled ${source}`" + `;
}
declare const process: unknown;
`,
	"scripts/hello/hello.wasm": "\x00asm",
	"scripts/hello/main.ts":    "// hello: says hello.\n",
}

func TestBuildWeb(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, webFiles)
	out := t.TempDir()
	var warnings strings.Builder
	if err := (site{root: root, warnings: &warnings}).buildWeb(out); err != nil {
		t.Fatal(err)
	}
	if warnings.Len() != 0 {
		t.Errorf("warnings: %s", warnings.String())
	}
	want := []string{
		"app.css", "app.css.br", "app.css.gz", "app.css.map", "app.js", "app.js.br", "app.js.gz", "app.js.map",
		"chunks/later-SACW2VH3.js", "chunks/later-SACW2VH3.js.br", "chunks/later-SACW2VH3.js.gz", "chunks/later-SACW2VH3.js.map",
		"compiler/compile-VOZBVTEU.js", "compiler/compile-VOZBVTEU.js.br", "compiler/compile-VOZBVTEU.js.gz", "compiler/compile-VOZBVTEU.js.map",
		"compiler.js", "compiler.js.br", "compiler.js.gz", "compiler.js.map",
		"examples/examples.json", "examples/hello/hello.wasm", "examples/hello/main.ts",
		// No scripts/lessons: an empty index.
		"index.html", "lessons/index.json", "worker.js", "worker.js.br", "worker.js.gz", "worker.js.map",
	}
	if got := listFiles(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}

	app := readFile(t, filepath.Join(out, "app.js"))
	// Minified, with greet bundled in, the module imported later left to
	// its chunk, and a linked source map.
	for _, part := range []string{"hello, ${", `import("./chunks/later-SACW2VH3.js")`, "//# sourceMappingURL=app.js.map"} {
		if !strings.Contains(app, part) {
			t.Errorf("app.js has no %q:\n%s", part, app)
		}
	}
	if strings.Contains(app, "later, ${") {
		t.Errorf("app.js bundles the module it imports later:\n%s", app)
	}
	if css := readFile(t, filepath.Join(out, "app.css")); !strings.Contains(css, "color:red") {
		t.Errorf("app.css is not the minified style:\n%s", css)
	}
	worker := readFile(t, filepath.Join(out, "worker.js"))
	for _, part := range []string{`importScripts("wasm_exec.js")`, "=42;postMessage(", "//# sourceMappingURL=worker.js.map"} {
		if !strings.Contains(worker, part) {
			t.Errorf("worker.js has no %q:\n%s", part, worker)
		}
	}
	// The compiler: an ES module, its compiler a chunk that keeps its
	// import of Node's module; none of it in app.js.
	compiler := readFile(t, filepath.Join(out, "compiler.js"))
	for _, part := range []string{`import("./compiler/compile-VOZBVTEU.js")`, "postMessage(await ", "//# sourceMappingURL=compiler.js.map"} {
		if !strings.Contains(compiler, part) {
			t.Errorf("compiler.js has no %q:\n%s", part, compiler)
		}
	}
	chunk := readFile(t, filepath.Join(out, "compiler", "compile-VOZBVTEU.js"))
	for _, part := range []string{`import("fs")`, "compiled ${"} {
		if !strings.Contains(chunk, part) {
			t.Errorf("the compiler's chunk has no %q:\n%s", part, chunk)
		}
	}
	if strings.Contains(app, "compiled ${") {
		t.Errorf("app.js bundles the compiler:\n%s", app)
	}
	// Every bundle's file is precompressed, source maps aside.
	for _, name := range []string{"app.js", "app.css", "chunks/later-SACW2VH3.js", "worker.js", "compiler.js", "compiler/compile-VOZBVTEU.js"} {
		plain := readFile(t, filepath.Join(out, name))
		if got := decompress(t, filepath.Join(out, name+".br")); got != plain {
			t.Errorf("%s.br holds %q, want %s", name, got, name)
		}
		if got := decompress(t, filepath.Join(out, name+".gz")); got != plain {
			t.Errorf("%s.gz holds %q, want %s", name, got, name)
		}
	}
	if got := readFile(t, filepath.Join(out, "index.html")); got != webFiles["web/index.html"] {
		t.Errorf("index.html = %q, want a copy", got)
	}
}

func TestBuildWebErrors(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]string
		err     string
	}{
		{"unresolved import", map[string]string{"web/src/main.ts": "import \"./missing\";\n"},
			`esbuild: web/src/main.ts:1: Could not resolve "./missing"`},
		{"syntax errors", map[string]string{
			"web/src/greet.ts":       "export const = 1;\n",
			"web/src/core/worker.ts": "\n\nlet x: = 2;\n",
		}, "esbuild: web/src/greet.ts:1: Expected identifier but found \"=\"\n" +
			"esbuild: web/src/core/worker.ts:3: Unexpected \"=\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, webFiles)
			writeFiles(t, root, tt.changes)
			err := (site{root: root, warnings: &strings.Builder{}}).buildWeb(t.TempDir())
			if got := errorText(err); got != tt.err {
				t.Errorf("error:\n%s\nwant:\n%s", got, tt.err)
			}
		})
	}
}

func TestBuildWebWarnings(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, webFiles)
	writeFiles(t, root, map[string]string{"web/src/greet.ts": `export function greet(who: string): string { return who === -0 ? "zero" : who; }
if (typeof greet === "nothing") {}
`})
	var warnings strings.Builder
	if err := (site{root: root, warnings: &warnings}).buildWeb(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	// Notes follow their message, indented.
	want := "esbuild warning: web/src/greet.ts:1: Comparison with -0 using the \"===\" operator will also match 0\n" +
		"\tFloating-point equality is defined such that 0 and -0 are equal, so \"x === -0\" returns true for both 0 and -0. You need to use \"Object.is(x, -0)\" instead to test for -0.\n" +
		"esbuild warning: web/src/greet.ts:2: The \"typeof\" operator will never evaluate to \"nothing\"\n"
	if warnings.String() != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", warnings.String(), want)
	}
}

func TestRebuildWebKeepsGoOutputs(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, webFiles)
	prev := t.TempDir()
	writeFiles(t, prev, map[string]string{
		"eeplay.wasm": "wasm", "eeplay.wasm.br": "br", "eeplay.wasm.gz": "gz", "wasm_exec.js": "exec",
		"app.js": "stale",
	})
	out := t.TempDir()
	if err := (site{root: root, warnings: &strings.Builder{}}).rebuildWeb(out, prev); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"eeplay.wasm": "wasm", "eeplay.wasm.br": "br", "eeplay.wasm.gz": "gz", "wasm_exec.js": "exec"} {
		if got := readFile(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s = %q, want %q from the last build", name, got, want)
		}
	}
	if got := readFile(t, filepath.Join(out, "app.js")); got == "stale" {
		t.Errorf("app.js is the last build's, want a new bundle")
	}

	err := (site{root: root, warnings: &strings.Builder{}}).rebuildWeb(t.TempDir(), t.TempDir())
	if got, want := errorText(err), "keeping the Go outputs of the last build: open "; !strings.HasPrefix(got, want) {
		t.Errorf("rebuildWeb without a last build: error %q, want it to start %q", got, want)
	}
}
