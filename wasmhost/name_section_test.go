package wasmhost_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// trapsAtOnce is an EE whose main, function 0, traps.
const trapsAtOnce = "\x00asm\x01\x00\x00\x00" +
	"\x01\x04\x01\x60\x00\x00" + // type section: () -> ()
	"\x03\x02\x01\x00" + // function section: one function of type 0
	"\x05\x03\x01\x00\x01" + // memory section: one of 1 page
	"\x07\x11\x02\x04main\x00\x00\x06memory\x02\x00" + // exports
	"\x0a\x05\x01\x03\x00\x00\x0b" // code: unreachable

// withNameSection returns code with a name section holding subsections.
func withNameSection(code string, subsections ...byte) []byte {
	payload := append([]byte{4, 'n', 'a', 'm', 'e'}, subsections...)
	return append(append([]byte(code), 0, byte(len(payload))), payload...)
}

// trapsNamed is trapsAtOnce with a name section that names main.
func trapsNamed(name string) []byte {
	names := append([]byte{1, 0, byte(len(name))}, name...) // one name, for function 0
	return withNameSection(trapsAtOnce, append([]byte{1, byte(len(names))}, names...)...)
}

// TestStackTraceNamesAreEscaped: function names come from the module, and
// a stack trace shows them as text on every engine: a name holding ESC[2J
// and a newline cannot clear a terminal or fake a line.
func TestStackTraceNamesAreEscaped(t *testing.T) {
	code := trapsNamed("\x1b[2J\nPASS")
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		program := compile(t, newEngine(t, wasmhost.Config{Engine: kind}), code)
		_, err := program.Execute(context.Background(), preState, nil)
		if err == nil {
			t.Fatal("the EE did not trap")
		}
		want := "wasm error: unreachable\nwasm stack trace:\n\t." + `\x1b[2J\nPASS`
		if !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error = %q\nwant it to start %q", err, want)
		}
	})
}

// TestStackTraceNamesFunctions: a trap's stack trace names every function
// the module names, and names an unnamed function by its export, with or
// without a name section, on every engine (the browser engine gives each
// frame's code offset instead of "()").
func TestStackTraceNamesFunctions(t *testing.T) {
	tests := []struct {
		name   string
		code   []byte
		frames []string
	}{
		{"a name section naming one of three functions", testee.Wasm("traps_named"), []string{"fail", "check", "main"}},
		{"no name section", testee.Wasm("traps"), []string{"main"}},
		{"a name section of local names alone", withNameSection(trapsAtOnce, 2, 3, 1, 0, 0), []string{"main"}},
		{"an export name holding ESC[2J, exported before main", []byte(strings.Replace(trapsAtOnce,
			"\x07\x11\x02\x04main\x00\x00", "\x07\x18\x03\x04\x1b[2J\x00\x00\x04main\x00\x00", 1)), []string{`\x1b[2J`}},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				want := "wasm error: unreachable\nwasm stack trace:"
				for _, frame := range tt.frames {
					want += "\n\t." + regexp.QuoteMeta(frame) + `(\(\)| at 0x[0-9a-f]+)`
				}
				_, err := compile(t, engine, tt.code).Execute(context.Background(), preState, nil)
				if err == nil || !regexp.MustCompile("^"+want+"$").MatchString(err.Error()) {
					t.Errorf("error = %q\nwant it to match %q", err, want)
				}
			})
		}
	})
}

// TestStackTraceNamesSourceFunctions: a trap's stack trace names
// functions as their source does on every engine: an AssemblyScript EE's
// as file.ts:function, a Rust function demangled.
func TestStackTraceNamesSourceFunctions(t *testing.T) {
	token, err := os.ReadFile("../scripts/token/token.wasm")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		code    []byte
		data    []byte
		message string   // with the host function's frame, if any
		frames  []string // as wazero writes them; the browser engine gives the code offset instead of the signature
	}{
		{"the token EE given an unknown selector", token, []byte{5},
			"abort: malformed transaction: unknown selector 5 at token/main.ts:135:5\nwasm stack trace:\n\tenv.abort(i32,i32,i32,i32)",
			[]string{"token/main.ts:decode() i32", "token/main.ts:main()"}},
		{"the token EE given a batch too short", token, []byte{0},
			"abort: malformed transaction: batch: 0 bytes, shorter than its 12-byte fixed part at lib/ssz.ts:60:3\nwasm stack trace:\n\tenv.abort(i32,i32,i32,i32)",
			[]string{"lib/ssz.ts:malformed(i32,i32)", "lib/ssz.ts:containerFields(i32,i32,i32,i32,i32) i32", "token/main.ts:decode() i32", "token/main.ts:main()"}},
		{"a Rust function", trapsNamed("_ZN60_$LT$alloc..string..String$u20$as$u20$core..fmt..Display$GT$3fmt17h9c6a7e5c11bb2e57E"), nil,
			"wasm error: unreachable\nwasm stack trace:", []string{"<alloc::string::String as core::fmt::Display>::fmt()"}},
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		engine := newEngine(t, wasmhost.Config{Engine: kind})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				want := regexp.QuoteMeta(tt.message)
				for _, frame := range tt.frames {
					paren := strings.LastIndex(frame, "(")
					want += "\n\t." + regexp.QuoteMeta(frame[:paren]) + "(" + regexp.QuoteMeta(frame[paren:]) + "| at 0x[0-9a-f]+)"
				}
				_, err := compile(t, engine, tt.code).Execute(context.Background(), preState, tt.data)
				if err == nil || !regexp.MustCompile("^"+want+"$").MatchString(err.Error()) {
					t.Errorf("error = %q\nwant it to match %q", err, want)
				}
			})
		}
	})
}
