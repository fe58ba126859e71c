package checks

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// web/src is laid out by layer and feature: core/ is the eeplay object,
// ui/ the kit the panels share, every other folder a panel, and main.ts
// wires them. The layers import only downwards, and panels only
// themselves, so that each can change without the others.
const (
	ruleCore  = "core/ imports nothing outside core/"
	ruleUI    = "ui/ imports no panel"
	rulePanel = "a panel imports no other panel"
	ruleMain  = "nothing but main.ts imports main.ts"
)

// importSpecifiers matches the module specifier of every form of import:
// import … from '…' and export … from '…' (type-only too, over several
// lines), import '…', and import('…').
var importSpecifiers = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:import|export)\s[^;'"()]*?\bfrom\s*['"]([^'"]+)['"]`),
	regexp.MustCompile(`(?m)^\s*import\s*['"]([^'"]+)['"]`),
	regexp.MustCompile(`\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)`),
}

// importViolations returns, sorted, a message for each import in the
// TypeScript files under src (web/src) that breaks a rule of its layout.
// Only relative imports are web/src's own modules; the others are packages.
func importViolations(src string) ([]string, error) {
	entries, err := os.ReadDir(src)
	if err != nil {
		return nil, fmt.Errorf("listing the folders of web/src: %w", err)
	}
	panels := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "core" && e.Name() != "ui" {
			panels[e.Name()] = true
		}
	}
	var violations []string
	err = filepath.WalkDir(src, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(file, ".ts") {
			return err
		}
		text, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, file)
		from := filepath.ToSlash(rel)
		for _, re := range importSpecifiers {
			for _, m := range re.FindAllStringSubmatch(string(text), -1) {
				spec := m[1]
				if !strings.HasPrefix(spec, ".") {
					continue
				}
				if rule := brokenRule(from, path.Join(path.Dir(from), spec), panels); rule != "" {
					violations = append(violations, fmt.Sprintf("web/src/%s imports %q: %s", from, spec, rule))
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the imports of web/src: %w", err)
	}
	slices.Sort(violations)
	return violations, nil
}

// brokenRule returns the rule that from importing to breaks, or "". Both
// are paths relative to web/src; to may lack its extension.
func brokenRule(from, to string, panels map[string]bool) string {
	fromFolder, _, _ := strings.Cut(from, "/")
	toFolder, _, _ := strings.Cut(to, "/")
	switch {
	case strings.TrimSuffix(strings.TrimSuffix(to, ".ts"), ".js") == "main" && from != "main.ts":
		return ruleMain
	case fromFolder == "core" && toFolder != "core":
		return ruleCore
	case fromFolder == "ui" && panels[toFolder]:
		return ruleUI
	case panels[fromFolder] && panels[toFolder] && fromFolder != toFolder:
		return rulePanel
	}
	return ""
}

func TestWebSrcImportRules(t *testing.T) {
	// Beside the files each case adds, a tree that keeps every rule, with
	// every form of import.
	allowed := map[string]string{
		"main.ts":               "import './style.css';\nimport { createEeplay } from './core/eeplay';\nimport { Grid } from './blocks/grid';\nimport { TokenPanel } from './token/panel';\n",
		"core/eeplay.ts":        "import type { Eeplay } from './api';\nexport { toHex } from './bytes';\nconst w = import('./worker');\n",
		"core/bytes.test.ts":    "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { toHex } from './bytes';\n",
		"ui/dom.ts":             "import { toHex } from '../core/bytes';\n",
		"blocks/grid.ts":        "import {\n  h,\n  replace,\n} from '../ui/dom';\nimport type { Eeplay } from '../core/api';\nimport { Shard } from './shard';\n",
		"token/panel.ts":        "import { h } from '../ui/dom';\nimport { drawProof } from './drawing';\n",
		"token/chart/bars.ts":   "import { countShape } from '../drawing';\nimport { s } from '../../ui/svg';\n",
		"guide/guide.ts":        "// Shows the steps that import an EE from the examples.\nimport { h } from '../ui/dom';\n",
		"token/not-a-module.md": "import { Grid } from '../blocks/grid';\n",
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "allowed"},
		{
			name:  "core imports ui",
			files: map[string]string{"core/store.ts": "import { h } from '../ui/dom';\n"},
			want:  []string{`web/src/core/store.ts imports "../ui/dom": ` + ruleCore},
		},
		{
			name:  "core imports a panel with import()",
			files: map[string]string{"core/api.ts": "export async function load() {\n  return import('../token/panel');\n}\n"},
			want:  []string{`web/src/core/api.ts imports "../token/panel": ` + ruleCore},
		},
		{
			name:  "core imports a file beside the folders",
			files: map[string]string{"core/worker.ts": "import '../style.css';\n"},
			want:  []string{`web/src/core/worker.ts imports "../style.css": ` + ruleCore},
		},
		{
			name:  "a test in core imports a panel",
			files: map[string]string{"core/bytes.test.ts": "import type { Grid } from '../blocks/grid';\n"},
			want:  []string{`web/src/core/bytes.test.ts imports "../blocks/grid": ` + ruleCore},
		},
		{
			name:  "ui re-exports a panel",
			files: map[string]string{"ui/model.ts": "export { drawProof } from '../token/drawing';\nexport type { Grid } from '../blocks/grid';\n"},
			want: []string{
				`web/src/ui/model.ts imports "../blocks/grid": ` + ruleUI,
				`web/src/ui/model.ts imports "../token/drawing": ` + ruleUI,
			},
		},
		{
			name:  "a panel imports another over several lines",
			files: map[string]string{"guide/guide.ts": "import {\n  Grid,\n  type Cell,\n} from '../blocks/grid';\n"},
			want:  []string{`web/src/guide/guide.ts imports "../blocks/grid": ` + rulePanel},
		},
		{
			name:  "a panel imports another for its side effects",
			files: map[string]string{"scout/panel.ts": "import '../token/panel';\n"},
			want:  []string{`web/src/scout/panel.ts imports "../token/panel": ` + rulePanel},
		},
		{
			name:  "a nested file of a panel imports another panel",
			files: map[string]string{"token/chart/bars.ts": "import type { Grid } from '../../blocks/grid';\n"},
			want:  []string{`web/src/token/chart/bars.ts imports "../../blocks/grid": ` + rulePanel},
		},
		{
			// Every folder but core/ and ui/ is a panel, without a list.
			name:  "a new panel folder",
			files: map[string]string{"charts/line.ts": "import { countShape } from '../token/drawing';\n"},
			want:  []string{`web/src/charts/line.ts imports "../token/drawing": ` + rulePanel},
		},
		{
			name: "main.ts imported",
			files: map[string]string{
				"ui/names.ts":   "import { model } from '../main';\n",
				"blocks/x.ts":   "import { model } from '../main.ts';\n",
				"core/store.ts": "import type { Model } from '../main.js';\n",
			},
			want: []string{
				`web/src/blocks/x.ts imports "../main.ts": ` + ruleMain,
				`web/src/core/store.ts imports "../main.js": ` + ruleMain,
				`web/src/ui/names.ts imports "../main": ` + ruleMain,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			writeTree(t, src, allowed)
			writeTree(t, src, tt.files)
			got, err := importViolations(src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("importViolations =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestWebSrcKeepsItsImportRules(t *testing.T) {
	violations, err := importViolations(filepath.Join(repoRoot(t), "web", "src"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Error(v)
	}
}

// writeTree writes files, paths relative to dir mapped to contents, into
// dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, contents := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(contents), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
