package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle writes the front end's bundles into dir, each with a linked source
// map: web/src/main.ts as app.js, with app.css for the styles it imports and
// chunks/ for the modules it imports only when first used (the editor, say),
// web/src/core/worker.ts as worker.js, and web/src/compiler/worker.ts as
// compiler.js, with its compilers under compiler/. It writes esbuild's
// warnings to warnings and fails on its errors.
func bundle(root, dir string, warnings io.Writer) error {
	// The page is an ES module, so that a heavy part is a chunk of its own,
	// fetched by a dynamic import() the first time it is needed.
	page := api.Build(bundleOptions(root, dir, api.BuildOptions{
		EntryPointsAdvanced: []api.EntryPoint{{InputPath: "web/src/main.ts", OutputPath: "app"}},
		Format:              api.FormatESModule,
		Splitting:           true,
		ChunkNames:          "chunks/[name]-[hash]",
	}))
	// IIFE, not an ES module: the worker loads wasm_exec.js with
	// importScripts, which module workers do not have.
	worker := api.Build(bundleOptions(root, dir, api.BuildOptions{
		EntryPointsAdvanced: []api.EntryPoint{{InputPath: "web/src/core/worker.ts", OutputPath: "worker"}},
		Format:              api.FormatIIFE,
	}))
	// An ES module worker, as binaryen uses top-level await and
	// import.meta; each compiler (asc with binaryen, wabt) is a chunk of its
	// own, fetched the first time its language is compiled. The compilers'
	// code for Node.js imports Node's modules, which a browser never
	// reaches: they stay imports.
	compiler := api.Build(bundleOptions(root, dir, api.BuildOptions{
		EntryPointsAdvanced: []api.EntryPoint{{InputPath: "web/src/compiler/worker.ts", OutputPath: "compiler"}},
		Format:              api.FormatESModule,
		Splitting:           true,
		ChunkNames:          compilerChunks + "/[name]-[hash]",
		External:            nodeModules,
	}))
	return errors.Join(buildError(page, warnings), buildError(worker, warnings), buildError(compiler, warnings))
}

// compilerChunks is the folder of the site that holds the compiler's chunks.
const compilerChunks = "compiler"

// nodeModules are the modules of Node.js that the compilers import only
// when they run in Node.js.
var nodeModules = []string{"node:*", "fs", "module", "path", "url", "crypto", "os", "worker_threads"}

// bundleOptions returns options with what every bundle of the site shares:
// minified, for the browser, with linked source maps, written to dir.
func bundleOptions(root, dir string, options api.BuildOptions) api.BuildOptions {
	options.AbsWorkingDir = root
	options.Outdir = dir
	options.Platform = api.PlatformBrowser
	options.Target = api.ES2022
	options.Bundle = true
	options.MinifyWhitespace = true
	options.MinifyIdentifiers = true
	options.MinifySyntax = true
	options.Sourcemap = api.SourceMapLinked
	options.Write = true
	// The messages come back in the result, to be reported like every
	// other error.
	options.LogLevel = api.LogLevelSilent
	return options
}

// buildError writes the warnings of an esbuild build to warnings and
// returns its errors, one a line, or nil when it has none.
func buildError(result api.BuildResult, warnings io.Writer) error {
	for _, m := range result.Warnings {
		fmt.Fprintf(warnings, "esbuild warning: %s\n", formatMessage(m))
	}
	if len(result.Errors) == 0 {
		return nil
	}
	lines := make([]string, len(result.Errors))
	for i, m := range result.Errors {
		lines[i] = formatMessage(m)
	}
	return errors.New("esbuild: " + strings.Join(lines, "\nesbuild: "))
}

// formatMessage returns an esbuild message as "file:line: text", with its
// notes on the lines after it.
func formatMessage(m api.Message) string {
	var b strings.Builder
	if m.Location != nil {
		fmt.Fprintf(&b, "%s:%d: ", m.Location.File, m.Location.Line)
	}
	b.WriteString(m.Text)
	for _, n := range m.Notes {
		b.WriteString("\n\t")
		if n.Location != nil {
			fmt.Fprintf(&b, "%s:%d: ", n.Location.File, n.Location.Line)
		}
		b.WriteString(n.Text)
	}
	return b.String()
}
