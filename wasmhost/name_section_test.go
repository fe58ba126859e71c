package wasmhost_test

import (
	"context"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/wasmhost"
)

// trapsNamed is an EE whose main, function 0, traps, with a name section
// that names main.
func trapsNamed(name string) []byte {
	code := []byte("\x00asm\x01\x00\x00\x00" +
		"\x01\x04\x01\x60\x00\x00" + // type section: () -> ()
		"\x03\x02\x01\x00" + // function section: one function of type 0
		"\x05\x03\x01\x00\x01" + // memory section: one of 1 page
		"\x07\x11\x02\x04main\x00\x00\x06memory\x02\x00" + // exports
		"\x0a\x05\x01\x03\x00\x00\x0b") // code: unreachable
	names := []byte{1, 0, byte(len(name))} // one name, for function 0
	names = append(names, name...)
	payload := append([]byte{4, 'n', 'a', 'm', 'e', 1, byte(len(names))}, names...)
	code = append(code, 0, byte(len(payload)))
	return append(code, payload...)
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
