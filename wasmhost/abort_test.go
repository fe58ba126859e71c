package wasmhost_test

import (
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// TestAbortTextIsEscaped checks that an EE cannot reach a terminal through
// abort: what is not printable in its message and file name is written as
// Go escapes, as in debug lines, on every engine and under the cross-check.
func TestAbortTextIsEscaped(t *testing.T) {
	tests := []struct {
		name   string
		module string
		data   []byte
		want   string // the whole first line: nothing may break it
	}{
		{name: "terminal codes, a newline and a carriage return", module: "hostile_abort",
			want: `abort: \x1b[2J\nPASS: all tests passed at a.ts\r\x1b[1A:1:2`},
		{name: "printable text beyond ASCII is kept, a direction override is not", module: "probe",
			data: testee.Probe{}.Store(96, asString("é\u202e\x00")).Store(196, asString("ü.ts")).Op(testee.OpAbort, 100, 200, 5, 6),
			want: `abort: é\u202e\x00 at ü.ts:5:6`},
	}
	engines := map[string]func(t *testing.T) core.Engine{
		"cross-check": func(t *testing.T) core.Engine { return newCrossCheck(t, wasmhost.Config{}) },
	}
	for _, kind := range engineKinds() {
		engines[string(kind)] = func(t *testing.T) core.Engine { return newEngine(t, wasmhost.Config{Engine: kind}) }
	}
	for name, newEngine := range engines {
		t.Run(name, func(t *testing.T) {
			engine := newEngine(t)
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					assertFailsWithStack(t, compile(t, engine, testee.Wasm(tt.module)), tt.data, tt.want)
				})
			}
		})
	}
}
