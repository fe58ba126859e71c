package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The workbench's part of the bench (web/bench/workbench.mjs): bytes on the
// wire for the first load, the editor and the compilers, the time to a
// ready editor, and compile times of every template.

// firstLoadBaselineBytes is what the first load of the page received before
// the workbench: commit 617b501, a full build served by its
// precompressedHandler, counted as workbench.mjs counts a first load (the
// same on each of 5 loads). The workbench must not make it grow.
const firstLoadBaselineBytes = 1_888_157

// workbenchTemplate is a project to compile as the page's templates do: its
// files by path relative to the project root, and its entry.
type workbenchTemplate struct {
	Name     string            `json:"name"`
	Language string            `json:"language"`
	Entry    string            `json:"entry"`
	Files    map[string]string `json:"files"`
}

// workbenchOutput is what workbench.mjs measured.
type workbenchOutput struct {
	// FirstLoadBytes are the bytes of each first load, one per fresh page.
	FirstLoadBytes []float64 `json:"firstLoadBytes"`
	// Editor is, per fresh page, the time from opening the code view and
	// starting a project from the first template to an editor ready for
	// typing, and the bytes that took.
	Editor []struct {
		Millis float64 `json:"millis"`
		Bytes  float64 `json:"bytes"`
	} `json:"editor"`
	Compiles []compileTiming `json:"compiles"`
}

// compileTiming is one template's compiles: the first in fresh pages
// (fetching and starting its compiler included, which took CompilerBytes
// on the wire) and warm ones after it, in milliseconds.
type compileTiming struct {
	Name          string    `json:"name"`
	Language      string    `json:"language"`
	CompilerBytes float64   `json:"compilerBytes"`
	FirstMillis   []float64 `json:"firstMillis"`
	WarmMillis    []float64 `json:"warmMillis"`
}

// watTemplate is the file that holds the workbench's blank WAT EE, which the
// page offers as a template beside the examples: the template literal
// assigned to BLANK_WAT.
const watTemplate = "web/src/editor/blank-wat.ts"

// workbenchTemplates returns the templates to compile: every example EE of
// scripts/ with the library it imports, as the page compiles it, and the
// blank WAT EE.
func workbenchTemplates(root string) ([]workbenchTemplate, error) {
	scripts := filepath.Join(root, "scripts")
	library := map[string]string{}
	libs, err := filepath.Glob(filepath.Join(scripts, "lib", "*.ts"))
	if err != nil {
		return nil, err
	}
	for _, path := range libs {
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		library["lib/"+filepath.Base(path)] = string(text)
	}
	mains, err := filepath.Glob(filepath.Join(scripts, "*", "main.ts"))
	if err != nil {
		return nil, err
	}
	var templates []workbenchTemplate
	for _, path := range mains {
		name := filepath.Base(filepath.Dir(path))
		text, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		files := map[string]string{name + "/main.ts": string(text)}
		for p, t := range library {
			files[p] = t
		}
		templates = append(templates, workbenchTemplate{Name: name, Language: "assemblyscript", Entry: name + "/main.ts", Files: files})
	}
	source, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(watTemplate)))
	if err != nil {
		return nil, fmt.Errorf("the blank WAT template: %w", err)
	}
	_, rest, found := strings.Cut(string(source), "BLANK_WAT = `")
	wat, _, closed := strings.Cut(rest, "`")
	if !found || !closed {
		return nil, fmt.Errorf("the blank WAT template: %s has no BLANK_WAT = `...` literal", watTemplate)
	}
	templates = append(templates, workbenchTemplate{Name: "blank WAT", Language: "wat", Entry: "main.wat", Files: map[string]string{"main.wat": wat}})
	return templates, nil
}

// workbenchTargets are the targets of the workbench's part.
func (r benchReport) workbenchTargets() []target {
	first := target{
		what:  fmt.Sprintf("first load, bytes on the wire, median of %d loads", len(r.output.Workbench.FirstLoadBytes)),
		limit: fmt.Sprintf("≤ %s bytes, the first load before the workbench", formatCount(firstLoadBaselineBytes)),
	}
	if len(r.output.Workbench.FirstLoadBytes) > 0 {
		m := median(r.output.Workbench.FirstLoadBytes)
		first.measured, first.met = formatCount(int(m))+" bytes", m <= firstLoadBaselineBytes
	}
	return []target{first}
}

// workbenchSection returns the report's section on the workbench.
func (r benchReport) workbenchSection() string {
	w := r.output.Workbench
	var b strings.Builder
	b.WriteString("## Workbench\n\n")
	b.WriteString("Bytes on the wire are the response bodies as the server sent them (brotli where the site has a precompressed copy) with their headers, of every request the page and its workers made while that part loaded, each in a fresh browser context.\n\n")
	if len(w.FirstLoadBytes) > 0 {
		fmt.Fprintf(&b, "- first load: %s bytes, median of %d loads (before the workbench: %s bytes)\n", formatCount(int(median(w.FirstLoadBytes))), len(w.FirstLoadBytes), formatCount(firstLoadBaselineBytes))
	}
	if len(w.Editor) > 0 {
		var millis, bytes []float64
		for _, e := range w.Editor {
			millis = append(millis, e.Millis)
			bytes = append(bytes, e.Bytes)
		}
		fmt.Fprintf(&b, "- the editor: %s bytes; from clicking the Code tab, then New project, to an editor ready for typing, %s ms, median of %d\n", formatCount(int(median(bytes))), formatMillis(median(millis)), len(millis))
	}
	if len(w.Compiles) > 0 {
		b.WriteString("\n| Template | Language | compiler bytes on the wire | first compile (ms) | warm compile (ms) |\n")
		b.WriteString("| --- | --- | ---: | ---: | ---: |\n")
		for _, c := range w.Compiles {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Name, c.Language, formatCount(int(c.CompilerBytes)), r.timeCell(c.FirstMillis), r.timeCell(c.WarmMillis))
		}
		b.WriteString("\nA compile's time is the ms that eeplay.compile reports: from the call to its result. The first is a fresh page's first compile, so it includes fetching and starting the compiler in its worker; the warm ones follow it in one page.\n")
	}
	b.WriteString("\n")
	return b.String()
}
