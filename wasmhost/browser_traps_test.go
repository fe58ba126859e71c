package wasmhost

import "testing"

func TestBrowserStackTrace(t *testing.T) {
	tests := []struct {
		name  string
		stack string
		want  string
	}{
		{
			name:  "named and unnamed frames",
			stack: "RuntimeError: unreachable\n    at main (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)\n    at wasm://wasm/0f1e2d3c:wasm-function[12]:0x3b",
			want:  "\n\t.main at 0x1a2\n\t.$12 at 0x3b",
		},
		{
			name:  "names with spaces and parentheses",
			stack: "    at <alloc::string::String as core::fmt::Display>::fmt (wasm://wasm/0f1e2d3c:wasm-function[4]:0x1a2)\n    at f (x) (wasm://wasm/ab:wasm-function[5]:0xff)\n\tat g ( (wasm://wasm/ab:wasm-function[6]:0x0)",
			want:  "\n\t.<alloc::string::String as core::fmt::Display>::fmt at 0x1a2\n\t.f (x) at 0xff\n\t.g ( at 0x0",
		},
		{
			name:  "the EE's frames are the first run of wasm frames",
			stack: "Error\n    at Object.eth2_loadPreStateRoot (glue.js:10:5)\n    at main (wasm://wasm/aa:wasm-function[1]:0x10)\n    at run (glue.js:20:3)\n    at runtime.go (wasm://wasm/bb:wasm-function[900]:0x9999)",
			want:  "\n\t.main at 0x10",
		},
		{
			name:  "a parenthesis closing an unnamed frame, none closing a named one",
			stack: "at wasm://wasm/aa:wasm-function[1]:0x10)\nat f (wasm://wasm/aa:wasm-function[2]:0x20",
			want:  "\n\t.$1 at 0x10\n\t.f at 0x20",
		},
		{
			name:  "not frames",
			stack: "at main (wasm://wasm/aa:wasm-function[x]:0x10)\nat main (wasm://wasm/aa:wasm-function[1]:0X10)\nat main (wasm://wasm/aa:wasm-function[1]:0x)\nat main (wasm://wasm/aa:wasm-function[1]:0x10))\nat  (wasm://wasm/aa:wasm-function[1]:0x10\nat main (wasm://wasm/a:b:wasm-function[1]:0x10)\nmain (wasm://wasm/aa:wasm-function[1]:0x10)\nat main (wasm://wasm/aa:wasm-function[1]:0x10)\r\nat main (wasm://wasm/aa:wasm-function[]:0x10)",
			want:  "",
		},
		{
			name:  "white space before at",
			stack: " \t\f\rat wasm://wasm/:wasm-function[0]:0xabcdef0123456789",
			want:  "\n\t.$0 at 0xabcdef0123456789",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := browserStackTrace(tt.stack); got != tt.want {
				t.Errorf("browserStackTrace = %q, want %q", got, tt.want)
			}
		})
	}
}
