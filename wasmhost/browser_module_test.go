package wasmhost

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/eeplay/eeplay/internal/testee"
)

// compiledByWazero compiles code with wazero, which reads it independently
// of prepareBrowserModule.
func compiledByWazero(t *testing.T, code []byte) wazero.CompiledModule {
	t.Helper()
	ctx := context.Background()
	runtime := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
	t.Cleanup(func() { runtime.Close(ctx) })
	compiled, err := runtime.CompileModule(ctx, code)
	if err != nil {
		t.Fatalf("wazero rejects the prepared module: %v", err)
	}
	return compiled
}

func TestPrepareBrowserModuleCapsMemory(t *testing.T) {
	tests := []struct {
		name     string
		module   string
		maxPages uint32
		wantMin  uint32
		wantMax  uint32
	}{
		{"no maximum gets the cap", "trivial", 256, 1, 256},
		{"a maximum over the cap is lowered", "declares_max_memory", 256, 1, 256},
		{"a maximum under the cap stays", "declares_max_memory", 1000, 1, 300},
		{"the minimum stays", "probe", 2, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prepared, err := prepareBrowserModule(testee.Wasm(tt.module), tt.maxPages, true)
			if err != nil {
				t.Fatal(err)
			}
			memory := compiledByWazero(t, prepared.code).ExportedMemories()["memory"]
			max, hasMax := memory.Max()
			if memory.Min() != tt.wantMin || !hasMax || max != tt.wantMax {
				t.Errorf("memory limits = %d, %d (max declared: %v), want %d, %d", memory.Min(), max, hasMax, tt.wantMin, tt.wantMax)
			}
		})
	}
}

func TestPrepareBrowserModuleMovesStart(t *testing.T) {
	tests := []struct {
		name      string
		module    string
		moveStart bool
		wantStart string // the export that replaces the start section
		wantName  string
	}{
		{"start of an EE", "start_calls_host", true, "eeplay.start", "function[0]"},
		{"start already exported", "start_traps", true, "eeplay.start", `function[0] export["init"]`},
		{"start of a library stays", "start_calls_host", false, "", ""},
		{"no start", "trivial", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := testee.Wasm(tt.module)
			prepared, err := prepareBrowserModule(code, 256, tt.moveStart)
			if err != nil {
				t.Fatal(err)
			}
			if prepared.startExport != tt.wantStart || prepared.startName != tt.wantName {
				t.Errorf("start export %q named %q, want %q named %q", prepared.startExport, prepared.startName, tt.wantStart, tt.wantName)
			}
			_, hadStart := findStart(mustSplit(t, code))
			_, hasStart := findStart(mustSplit(t, prepared.code))
			if want := hadStart && tt.wantStart == ""; hasStart != want {
				t.Errorf("start section kept = %v, want %v", hasStart, want)
			}
			if tt.wantStart == "" {
				return
			}
			compiled := compiledByWazero(t, prepared.code)
			if _, ok := compiled.ExportedFunctions()[tt.wantStart]; !ok {
				t.Errorf("no export %q", tt.wantStart)
			}
		})
	}
}

func TestPrepareBrowserModuleAvoidsExportNames(t *testing.T) {
	// start_traps with its export "init" renamed to the name the engine
	// would use. Its sections are small: each length is one LEB128 byte.
	code := testee.Wasm("start_traps")
	sections := mustSplit(t, code)
	out := append([]byte{}, code[:8]...)
	for _, s := range sections {
		body := s.body
		if s.id == sectionExport {
			r := wasmReader{b: body}
			count := r.u32()
			body = []byte{byte(count)}
			for range count {
				name, kind, index := r.name(), r.byte(), r.u32()
				if name == "init" {
					name = startExportName
				}
				body = appendExport(body, name, kind, index)
			}
		}
		out = append(out, s.id, byte(len(body)))
		out = append(out, body...)
	}
	prepared, err := prepareBrowserModule(out, 256, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := startExportName + "_"; prepared.startExport != want {
		t.Errorf("start export = %q, want %q", prepared.startExport, want)
	}
	compiledByWazero(t, prepared.code)
}

func mustSplit(t *testing.T, code []byte) []wasmSection {
	t.Helper()
	sections, err := splitSections(code)
	if err != nil {
		t.Fatal(err)
	}
	return sections
}

func appendExport(b []byte, name string, kind byte, index uint32) []byte {
	b = append(b, byte(len(name)))
	b = append(b, name...)
	return append(b, kind, byte(index))
}
