package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// goOutputs are the files of the site made from the Go sources. A rebuild
// after a change to web/ or scripts/ only takes them from the last build,
// since building the Go core is most of a build's time.
var goOutputs = []string{"eeplay.wasm", "eeplay.wasm.br", "eeplay.wasm.gz", "wasm_exec.js"}

// site builds the static site from the sources of one repository.
type site struct {
	// root is the repository root.
	root string
	// warnings receives esbuild's warnings, which do not fail a build.
	warnings io.Writer
	// quick trades size for time in compressing the Go core and the
	// bundles: brotli's best takes 25 to 90 seconds on the core, a high
	// level short of the best about one and a half, for a file 14% larger.
	// serve wants that, as it rebuilds after every change to the Go
	// sources, and then recompresses at the best in the background
	// (recompress.go); so does the e2e step, whose server sends no
	// precompressed file.
	quick bool
	// progress, when set, is told of each stage of a build as it ends,
	// possibly from several goroutines at once: serve shows them while a
	// newcomer waits for the first build.
	progress func(stage string, took time.Duration)
}

// stageDone tells progress that stage, begun at start, has ended.
func (s site) stageDone(stage string, start time.Time) {
	if s.progress != nil {
		s.progress(stage, time.Since(start))
	}
}

// quickBrotliLevel is the brotli level of a quick build.
const quickBrotliLevel = 9

// build writes the whole site into dir. The Go core and the web part are
// independent and built at once: one mostly waits for the go command, the
// other runs esbuild.
func (s site) build(ctx context.Context, dir string) error {
	var wg sync.WaitGroup
	var goErr, webErr error
	wg.Go(func() { goErr = s.buildGo(ctx, dir) })
	wg.Go(func() { webErr = s.buildWeb(dir) })
	wg.Wait()
	return errors.Join(goErr, webErr)
}

// rebuildWeb writes the site into dir with a fresh web part and the Go
// outputs of the site already built in prev.
func (s site) rebuildWeb(dir, prev string) error {
	for _, name := range goOutputs {
		if err := copyFile(filepath.Join(prev, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("keeping the Go outputs of the last build: %w", err)
		}
	}
	return s.buildWeb(dir)
}

// buildGo writes the Go core as js/wasm, precompressed copies of it, and
// the Go runtime's loader wasm_exec.js, which must come from the same Go as
// the binary.
func (s site) buildGo(ctx context.Context, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	wasm := filepath.Join(dir, "eeplay.wasm")
	start := time.Now()
	// -trimpath and -s -w drop what only a debugger would use: the file
	// goes over the network.
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./cmd/eeplay-wasm")
	cmd.Dir = s.root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("GOOS=js GOARCH=wasm go build ./cmd/eeplay-wasm: %w\n%s", err, strings.TrimSpace(string(out)))
	}
	s.stageDone("compiled the Go core (eeplay.wasm)", start)
	start = time.Now()
	if err := writeCompressed(wasm, s.brotliLevel()); err != nil {
		return err
	}
	s.stageDone("compressed the Go core", start)
	goroot, err := goEnv(ctx, "GOROOT")
	if err != nil {
		return err
	}
	return copyFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js"))
}

// brotliLevel is the level the site's large files are compressed at.
func (s site) brotliLevel() int {
	if s.quick {
		return quickBrotliLevel
	}
	return brotli.BestCompression
}

// buildWeb writes the front end's bundles with precompressed copies, its
// page, the example EEs and the lessons.
func (s site) buildWeb(dir string) error {
	start := time.Now()
	if err := bundle(s.root, dir, s.warnings); err != nil {
		return err
	}
	s.stageDone("bundled the front end", start)
	start = time.Now()
	if err := s.compressBundles(dir); err != nil {
		return err
	}
	s.stageDone("compressed the bundles", start)
	if err := copyFile(filepath.Join(s.root, "web", "index.html"), filepath.Join(dir, "index.html")); err != nil {
		return err
	}
	if err := writeExamples(filepath.Join(s.root, "scripts"), filepath.Join(dir, "examples")); err != nil {
		return err
	}
	return writeLessons(filepath.Join(s.root, "scripts", "lessons"), filepath.Join(s.root, "scripts", "lib"), filepath.Join(dir, "lessons"))
}

// compressedBundles are the files of the bundles, as patterns below the
// site's root, that get precompressed siblings: JavaScript and CSS shrink
// to a quarter or less, and binaryen alone is megabytes of JavaScript.
var compressedBundles = []string{"app.js", "app.css", "worker.js", "chunks/*.js", "compiler.js", compilerChunks + "/*.js"}

// compressBundles writes the .br and .gz siblings of the bundles' files,
// all at once, as brotli's best is slow.
func (s site) compressBundles(dir string) error {
	files, err := bundleFiles(dir)
	if err != nil {
		return err
	}
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, file := range files {
		wg.Go(func() { errs[i] = writeCompressed(file, s.brotliLevel()) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// bundleFiles returns the files of the bundles in the site in dir that
// get precompressed siblings (compressedBundles).
func bundleFiles(dir string) ([]string, error) {
	var files []string
	for _, pattern := range compressedBundles {
		matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
		if err != nil {
			return nil, err
		}
		files = append(files, matches...)
	}
	return files, nil
}

// goEnv returns the value of the go command's environment variable name,
// from the go command on PATH: the one that builds the site.
func goEnv(ctx context.Context, name string) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}
