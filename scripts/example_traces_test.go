package scripts_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
	"github.com/eeplay/eeplay/internal/tracetext"
	"github.com/eeplay/eeplay/wasmhost"
)

var update = flag.Bool("update", false, "rewrite the examples' traces (go generate ./scripts does)")

// TestExampleTraces runs each example's Scout test traced, on every
// engine, and checks each transaction's trace, call by call, against
// NAME/NAME.trace, which -update writes.
func TestExampleTraces(t *testing.T) {
	yamls, err := filepath.Glob("*/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, yaml := range yamls {
		dir := filepath.Dir(yaml)
		golden := filepath.Join(dir, dir+".trace")
		t.Run(dir, func(t *testing.T) {
			var want string
			for _, kind := range wasmhost.AvailableEngineKinds() {
				got := exampleTrace(t, yaml, kind)
				switch {
				case want != "" && got != want:
					t.Fatalf("the %s engine traces %s otherwise than the %s engine", kind, yaml, wasmhost.AvailableEngineKinds()[0])
				case want == "" && *update:
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				case want == "":
					committed, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v: run go generate ./scripts", err)
					}
					if string(committed) != got {
						t.Fatalf("%s is stale: run go generate ./scripts and commit the result", golden)
					}
				}
				want = got
			}
		})
	}
}

// exampleTrace runs the Scout test in yaml on the engine kind, tracing
// every transaction, and returns the traces as text.
func exampleTrace(t *testing.T, yaml string, kind wasmhost.EngineKind) string {
	t.Helper()
	text, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	test, err := scout.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	code, err := test.ReadCode(os.DirFS(filepath.Dir(yaml)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{Engine: kind})
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close(ctx)
	var sb strings.Builder
	block := 0
	ctx = core.WithTracer(ctx, func(index int, trace core.Trace) {
		fmt.Fprintf(&sb, "# block %d, transaction %d\n", block, index)
		for _, line := range tracetext.Lines(trace) {
			sb.WriteString(line + "\n")
		}
	})
	result, err := test.Run(ctx, core.NewSimulation(engine), code.Scripts, scout.RunOptions{OnBlock: func(index, _ int) { block = index }})
	if err != nil {
		t.Fatal(err)
	}
	if !result.Passed() {
		t.Fatalf("%s does not pass: %v", yaml, result.StateDifferences)
	}
	return sb.String()
}
