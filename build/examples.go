package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// example is one example EE in examples/examples.json, which the
// playground reads to list them. Its URLs are relative to the site, so the
// site works under any path.
type example struct {
	Name string `json:"name"`
	Wasm string `json:"wasm"`
	// YAML is the EE's Scout test, which not every example has.
	YAML   string `json:"yaml,omitempty"`
	Source string `json:"source"`
	// Library are the shared sources of scripts/lib that every example's
	// main.ts may import (as "../lib/NAME"), so that the page can compile
	// an example as scripts/build.mjs does.
	Library []string `json:"library"`
	Summary string   `json:"summary"`
	// Panel names the page's panel that creates this example's EE, when
	// one does: the page's "Load example EEs" leaves such examples out.
	Panel string `json:"panel,omitempty"`
}

// examplePanels are the examples whose EEs a panel of the page creates, by
// name. The token EE's initial state must be the root of a genesis, which
// the Token panel makes; created with a zero state, as "Load example EEs"
// creates the others, it could never run a transaction.
var examplePanels = map[string]string{"token": "token"}

// writeExamples copies every example EE, a directory scripts/NAME that
// holds NAME.wasm, into dir/NAME (its wasm, its Scout test if it has one,
// and its main.ts), the library they share, scripts/lib, into dir/lib, and
// writes dir/examples.json, sorted by name.
func writeExamples(scripts, dir string) error {
	library, err := copyLibrary(filepath.Join(scripts, "lib"), filepath.Join(dir, "lib"), path.Join("examples", "lib"))
	if err != nil {
		return fmt.Errorf("the example EEs' library: %w", err)
	}
	entries, err := os.ReadDir(scripts)
	if err != nil {
		return fmt.Errorf("listing the example EEs: %w", err)
	}
	// ReadDir sorts by name, and so the manifest is sorted.
	examples := []example{}
	for _, entry := range entries {
		name := entry.Name()
		src := filepath.Join(scripts, name)
		if _, err := os.Stat(filepath.Join(src, name+".wasm")); err != nil {
			// Not an example: scripts/ also holds the EEs' library.
			continue
		}
		e, err := copyExample(src, filepath.Join(dir, name), name)
		if err != nil {
			return fmt.Errorf("example %s: %w", name, err)
		}
		e.Library = library
		examples = append(examples, e)
	}
	manifest, err := json.MarshalIndent(examples, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "examples.json"), append(manifest, '\n'), 0o644)
}

// copyExample copies the example EE name from src to dst and returns its
// manifest entry.
func copyExample(src, dst, name string) (example, error) {
	source, err := os.ReadFile(filepath.Join(src, "main.ts"))
	if err != nil {
		return example{}, err
	}
	summary, err := exampleSummary(name, source)
	if err != nil {
		return example{}, err
	}
	url := func(file string) string { return path.Join("examples", name, file) }
	e := example{Name: name, Wasm: url(name + ".wasm"), Source: url("main.ts"), Summary: summary, Panel: examplePanels[name]}
	files := []string{name + ".wasm", "main.ts"}
	if _, err := os.Stat(filepath.Join(src, name+".yaml")); err == nil {
		e.YAML = url(name + ".yaml")
		files = append(files, name+".yaml")
	}
	for _, file := range files {
		if err := copyFile(filepath.Join(src, file), filepath.Join(dst, file)); err != nil {
			return example{}, err
		}
	}
	return e, nil
}

// copyLibrary copies the .ts files of src, the EEs' shared library, to dst
// and returns their URLs, urlDir/NAME, sorted; none when src does not exist.
func copyLibrary(src, dst, urlDir string) ([]string, error) {
	entries, err := os.ReadDir(src)
	if errors.Is(err, os.ErrNotExist) {
		return []string{}, nil
	}
	if err != nil {
		return nil, err
	}
	urls := []string{}
	for _, entry := range entries {
		name := entry.Name()
		if entry.IsDir() || path.Ext(name) != ".ts" {
			continue
		}
		if err := copyFile(filepath.Join(src, name), filepath.Join(dst, name)); err != nil {
			return nil, err
		}
		urls = append(urls, path.Join(urlDir, name))
	}
	return urls, nil
}

// exampleSummary returns the first line of the comment that starts the
// example name's main.ts, without its "name: " prefix: the line that says
// what the EE does.
func exampleSummary(name string, source []byte) (string, error) {
	line, _, _ := bytes.Cut(source, []byte("\n"))
	text, ok := strings.CutPrefix(strings.TrimSpace(string(line)), "//")
	text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), name+":"))
	if !ok || text == "" {
		// The playground lists the examples by their summaries.
		return "", errors.New(`main.ts must start with a "// ` + name + `: what it does" comment`)
	}
	return text, nil
}
