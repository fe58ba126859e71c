package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// need is a set of things a step needs besides Go, which the test command
// provides or checks for before the steps run.
type need int

const (
	// needNode is Node.js 20 or later, and npm.
	needNode need = 1 << iota
	// needNodeModules is the npm packages in node_modules.
	needNodeModules
	// needChromium is a Chromium for the browser tests.
	needChromium
)

// step is one check of the test command.
type step struct {
	name    string
	summary string
	needs   need
	run     func(ctx context.Context, c *tester) error
}

// steps returns every step in the order they run: the quick ones first,
// so that a failure shows early.
func steps() []step {
	return []step{
		{name: "vet", summary: "go vet, natively and as js/wasm", run: vetStep},
		// go needs Node.js too, for internal/checks, but its tests say so
		// themselves; without Node.js the other Go tests still run.
		{name: "go", summary: "go test ./...", run: goStep},
		{name: "js", summary: "the browser build's Go tests as js/wasm under Node.js", needs: needNode, run: jsStep},
		{name: "tsc", summary: "type-check web/src and the browser tests, web/e2e, with tsc", needs: needNode | needNodeModules, run: tscStep},
		{name: "unit", summary: "the front end's unit tests, web/src/**/*.test.ts, under Node.js", needs: needNode, run: unitStep},
		{name: "e2e", summary: "the browser tests, web/e2e, in Chromium against a built site", needs: needNode | needNodeModules | needChromium, run: e2eStep},
	}
}

// stepNames returns the names of every step, as -steps takes them.
func stepNames() string {
	var names []string
	for _, s := range steps() {
		names = append(names, s.name)
	}
	return strings.Join(names, ",")
}

// parseSteps returns the steps that value, a comma-separated list of step
// names, selects, in the order they run whatever the order of the names.
func parseSteps(value string) ([]step, error) {
	named := map[string]bool{}
	for name := range strings.SplitSeq(value, ",") {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			return nil, fmt.Errorf("-steps %q has an empty step name", value)
		case named[name]:
			return nil, fmt.Errorf("-steps names %s twice", name)
		case !slices.ContainsFunc(steps(), func(s step) bool { return s.name == name }):
			return nil, fmt.Errorf("-steps names unknown step %q; the steps are %s", name, stepNames())
		}
		named[name] = true
	}
	var selected []step
	for _, s := range steps() {
		if named[s.name] {
			selected = append(selected, s)
		}
	}
	return selected, nil
}

// jsWasmEnv makes the go command build for the browser.
var jsWasmEnv = []string{"GOOS=js", "GOARCH=wasm"}

// vetStep vets every package, and again as js/wasm those the browser build
// uses, since they have files only that build compiles.
func vetStep(ctx context.Context, c *tester) error {
	return errors.Join(
		c.run(ctx, nil, "go", "vet", "./..."),
		c.run(ctx, jsWasmEnv, "go", "vet", "./core/...", "./wasmhost/...", "./jsbridge/...", "./internal/scout/...", "./cmd/eeplay-wasm/..."),
	)
}

// goStep runs every Go test natively.
func goStep(ctx context.Context, c *tester) error {
	return c.run(ctx, nil, "go", "test", "./...")
}

// jsStep runs the tests of the packages the browser build uses as js/wasm
// under Node.js, and the core's tests once more on the browser engine (the
// wasmhost tests run on both engines by themselves).
func jsStep(ctx context.Context, c *tester) error {
	goroot, err := goEnv(ctx, "GOROOT")
	if err != nil {
		return err
	}
	// Go's go_js_wasm_exec sets V8's stack limit to 8 MiB, the size of the
	// whole thread stack, so an EE's runaway recursion on the browser engine
	// crashes Node instead of throwing; half of it leaves V8 room to throw.
	exec := fmt.Sprintf("node --stack-size=4096 '%s'", filepath.Join(goroot, "lib", "wasm", "wasm_exec_node.js"))
	return errors.Join(
		c.run(ctx, jsWasmEnv, "go", "test", "-count=1", "-exec", exec, "./core/...", "./wasmhost/...", "./jsbridge/...", "./internal/scout/..."),
		c.run(ctx, append([]string{"EEPLAY_TEST_ENGINE=browser"}, jsWasmEnv...), "go", "test", "-count=1", "-exec", exec, "./core/..."),
	)
}

// tscStep type-checks the front end and its tests: the page, the worker,
// the unit tests and the browser tests have separate configurations, since
// the DOM and WebWorker libraries clash and only the tests run under
// Node.js.
func tscStep(ctx context.Context, c *tester) error {
	tsc := filepath.Join("node_modules", ".bin", "tsc")
	return errors.Join(
		c.run(ctx, nil, tsc, "--noEmit", "-p", "web/tsconfig.json"),
		c.run(ctx, nil, tsc, "--noEmit", "-p", "web/tsconfig.worker.json"),
		c.run(ctx, nil, tsc, "--noEmit", "-p", "web/tsconfig.test.json"),
		c.run(ctx, nil, tsc, "--noEmit", "-p", "web/tsconfig.e2e.json"),
	)
}
