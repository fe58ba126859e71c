package scout_test

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// wasmFiles holds files of every size the tests need, as regular files and
// as devices, whose size only reading tells.
var wasmFiles = fstest.MapFS{
	"a.wasm":      {Data: []byte("a")},
	"b.wasm":      {Data: []byte("bb")},
	"max.wasm":    {Data: bytes.Repeat([]byte{1}, core.MaxWasmCodeSize)},
	"over.wasm":   {Data: make([]byte, core.MaxWasmCodeSize+1)},
	"max_device":  {Data: make([]byte, core.MaxWasmCodeSize), Mode: fs.ModeDevice},
	"over_device": {Data: make([]byte, core.MaxWasmCodeSize+1), Mode: fs.ModeDevice},
	"c.wasm":      {Data: []byte("c")},
}

// named returns path n times.
func named(path string, n int) []string {
	return slices.Repeat([]string{path}, n)
}

// atTheLimit is how many times a file of MaxWasmCodeSize may be named.
const atTheLimit = scout.MaxTestCodeSize / core.MaxWasmCodeSize

func TestReadCode(t *testing.T) {
	test := &scout.Test{
		ExecutionScripts: []string{"a.wasm", "b.wasm", "a.wasm"},
		Libraries:        []scout.Library{{Name: "x", File: "b.wasm"}, {Name: "y", File: "c.wasm"}},
	}
	code, err := test.ReadCode(wasmFiles)
	if err != nil {
		t.Fatal(err)
	}
	want := &scout.Code{
		Scripts:   [][]byte{[]byte("a"), []byte("bb"), []byte("a")},
		Libraries: [][]byte{[]byte("bb"), []byte("c")},
	}
	if !slices.EqualFunc(code.Scripts, want.Scripts, bytes.Equal) || !slices.EqualFunc(code.Libraries, want.Libraries, bytes.Equal) {
		t.Fatalf("ReadCode = %q, %q\nwant %q, %q", code.Scripts, code.Libraries, want.Scripts, want.Libraries)
	}
	// Each distinct file is read once: its entries share the bytes.
	if &code.Scripts[0][0] != &code.Scripts[2][0] || &code.Scripts[1][0] != &code.Libraries[0][0] {
		t.Error("entries naming the same file do not share its bytes")
	}
	if cap(code.Scripts) != len(code.Scripts) {
		t.Errorf("Scripts has capacity %d for %d scripts: appending to it would overwrite Libraries", cap(code.Scripts), len(code.Scripts))
	}
}

func TestReadCodeAtTheLimit(t *testing.T) {
	for _, path := range []string{"max.wasm", "max_device"} {
		t.Run(path, func(t *testing.T) {
			test := &scout.Test{ExecutionScripts: named(path, atTheLimit-1), Libraries: []scout.Library{{Name: "x", File: path}}}
			code, err := test.ReadCode(wasmFiles)
			if err != nil {
				t.Fatal(err)
			}
			first := &code.Scripts[0][0]
			for _, b := range append(code.Scripts, code.Libraries...) {
				if len(b) != core.MaxWasmCodeSize || &b[0] != first {
					t.Fatalf("an entry has %d bytes, or bytes of its own; want the %d shared bytes of %s", len(b), core.MaxWasmCodeSize, path)
				}
			}
		})
	}
}

func TestReadCodeLimits(t *testing.T) {
	tests := []struct {
		name      string
		scripts   []string
		libraries []scout.Library
		want      string
	}{
		{
			// 5.7 MB of YAML that would read 16 GiB.
			name:    "one file named for every EE there can be",
			scripts: named("max.wasm", core.MaxExecutionEnvironments),
			want:    "beacon_state: execution_scripts and libraries name 17179869184 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named",
		},
		{
			name:      "a library one byte over",
			scripts:   named("max.wasm", atTheLimit),
			libraries: []scout.Library{{Name: "x", File: "a.wasm"}},
			want:      "beacon_state: execution_scripts and libraries name 67108865 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named",
		},
		{
			name:    "a device whose size reading tells",
			scripts: append(named("max_device", atTheLimit), "a.wasm"),
			want:    "beacon_state: execution_scripts and libraries name more than MaxTestCodeSize (67108864 bytes) of wasm; a file counts each time it is named",
		},
		{
			name:    "a file over MaxWasmCodeSize",
			scripts: []string{"a.wasm", "over.wasm"},
			want:    "beacon_state.execution_scripts[1]: over.wasm has 262145 bytes, over MaxWasmCodeSize (262144 bytes)",
		},
		{
			name:      "a device over MaxWasmCodeSize",
			scripts:   []string{"a.wasm"},
			libraries: []scout.Library{{Name: "x", File: "over_device"}},
			want:      "beacon_state.libraries[0]: over_device has more than MaxWasmCodeSize (262144 bytes)",
		},
		{
			// Found before the size of the file named after it.
			name:    "a missing file",
			scripts: []string{"missing.wasm", "over.wasm"},
			want:    "beacon_state.execution_scripts[0]: open missing.wasm: file does not exist",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test := &scout.Test{ExecutionScripts: tt.scripts, Libraries: tt.libraries}
			code, err := test.ReadCode(wasmFiles)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("ReadCode = %v\nwant %s", err, tt.want)
			}
			if code != nil {
				t.Errorf("ReadCode returned code with its error")
			}
		})
	}
}

func TestCheckCodeSize(t *testing.T) {
	sizes := map[string]int64{"max.wasm": core.MaxWasmCodeSize, "over.wasm": core.MaxWasmCodeSize + 1, "a.wasm": 1}
	tests := []struct {
		name      string
		scripts   []string
		libraries []scout.Library
		want      string
	}{
		{name: "at the limit", scripts: named("max.wasm", atTheLimit-1), libraries: []scout.Library{{Name: "x", File: "max.wasm"}}},
		{
			name:    "one file named for every EE there can be",
			scripts: named("max.wasm", core.MaxExecutionEnvironments),
			want:    "beacon_state: execution_scripts and libraries name 17179869184 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named",
		},
		{
			name:      "a library one byte over",
			scripts:   named("max.wasm", atTheLimit),
			libraries: []scout.Library{{Name: "x", File: "a.wasm"}},
			want:      "beacon_state: execution_scripts and libraries name 67108865 bytes of wasm, over MaxTestCodeSize (67108864 bytes); a file counts each time it is named",
		},
		{
			name:      "a library over MaxWasmCodeSize",
			scripts:   []string{"a.wasm"},
			libraries: []scout.Library{{Name: "x", File: "over.wasm"}},
			want:      "beacon_state.libraries[0]: over.wasm has 262145 bytes, over MaxWasmCodeSize (262144 bytes)",
		},
		{
			name:    "a missing file",
			scripts: []string{"a.wasm", "missing.wasm", "over.wasm"},
			want:    "beacon_state.execution_scripts[1]: no missing.wasm",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := make(map[string]int)
			test := &scout.Test{ExecutionScripts: tt.scripts, Libraries: tt.libraries}
			err := test.CheckCodeSize(func(path string) (int64, error) {
				calls[path]++
				size, ok := sizes[path]
				if !ok {
					return 0, errors.New("no " + path)
				}
				return size, nil
			})
			if (tt.want == "" && err != nil) || (tt.want != "" && (err == nil || err.Error() != tt.want)) {
				t.Fatalf("CheckCodeSize = %v\nwant %s", err, tt.want)
			}
			for path, n := range calls {
				if n != 1 {
					t.Errorf("size(%s) was called %d times, want once", path, n)
				}
			}
		})
	}
}
