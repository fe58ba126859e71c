package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// bundle writes the front end's bundles into dir: web/src/main.ts as
// app.js, with app.css for the styles it imports, and web/src/core/worker.ts as
// worker.js, each with a linked source map. It writes esbuild's warnings to
// warnings and fails on its errors.
func bundle(root, dir string, warnings io.Writer) error {
	result := api.Build(api.BuildOptions{
		AbsWorkingDir: root,
		EntryPointsAdvanced: []api.EntryPoint{
			{InputPath: "web/src/main.ts", OutputPath: "app"},
			{InputPath: "web/src/core/worker.ts", OutputPath: "worker"},
		},
		Outdir: dir,
		// IIFE, not ES modules: the worker loads wasm_exec.js with
		// importScripts, which module workers do not have.
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2022,
		Bundle:            true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Sourcemap:         api.SourceMapLinked,
		Write:             true,
		// The messages come back in the result, to be reported like every
		// other error.
		LogLevel: api.LogLevelSilent,
	})
	return buildError(result, warnings)
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
