package wasmhost

import (
	"maps"
	"testing"
)

// TestSourceNames: a module's function names as its source writes them;
// AssemblyScript's only when the module shows it is AssemblyScript's.
func TestSourceNames(t *testing.T) {
	tests := []struct {
		name    string
		names   map[uint32]string
		exports map[uint32][]string
		want    map[uint32]string
	}{
		{
			"assemblyscript, marked by its standard library",
			map[uint32]string{
				1: "token/main/decode",
				2: "~lib/rt/stub/__new",
				3: "~lib/array/Array<lib/ssz/Name>#__get",
				4: "lib/ssz/Name#toString",
				5: "~start",
				6: "~lib/staticarray/StaticArray<~lib/string/String>#join",
				7: "~lib/string/String.UTF8.encode@varargs",
			},
			nil,
			map[uint32]string{
				1: "token/main.ts:decode",
				2: "~lib/rt/stub.ts:__new",
				3: "~lib/array.ts:Array<lib/ssz/Name>#__get",
				4: "lib/ssz.ts:Name#toString",
				5: "~start",
				6: "~lib/staticarray.ts:StaticArray<~lib/string/String>#join",
				7: "~lib/string.ts:String.UTF8.encode@varargs",
			},
		},
		{
			"assemblyscript without its standard library, marked by main's name (hashchain)",
			map[uint32]string{6: "lib/sha256/compress", 9: "hashchain/main/main"},
			map[uint32][]string{9: {"main"}},
			map[uint32]string{6: "lib/sha256.ts:compress", 9: "hashchain/main.ts:main"},
		},
		{
			"assemblyscript marked by a second export name",
			map[uint32]string{0: "main/run", 1: "main/Thing#get"},
			map[uint32][]string{0: {"main", "run"}},
			map[uint32]string{0: "main.ts:run", 1: "main.ts:Thing#get"},
		},
		{
			"assemblyscript names with nothing before or after a slash, or a slash only in type arguments",
			map[uint32]string{0: "~lib/x/f", 1: "/f", 2: "dir/", 3: "Array<lib/ssz/Name>#__get", 4: "a//b"},
			nil,
			map[uint32]string{0: "~lib/x.ts:f", 1: "/f", 2: "dir/", 3: "Array<lib/ssz/Name>#__get", 4: "a/.ts:b"},
		},
		{
			"names with slashes but no mark of assemblyscript",
			map[uint32]string{0: "src/util/f", 1: "main", 2: "lib~/x"},
			map[uint32][]string{1: {"main"}, 0: {"g"}},
			map[uint32]string{0: "src/util/f", 1: "main", 2: "lib~/x"},
		},
		{
			"an exported function named by its export alone is not a mark",
			map[uint32]string{0: "/main", 1: "a/b"},
			map[uint32][]string{0: {"main"}},
			map[uint32]string{0: "/main", 1: "a/b"},
		},
		{
			"rust and c",
			map[uint32]string{
				0: "_ZN4core3fmt5write17h0123456789abcdefE",
				1: "memcpy",
				2: "_ZN3foo3bar17h0123456789abcdefE",
			},
			map[uint32][]string{3: {"main"}},
			map[uint32]string{0: "core::fmt::write", 1: "memcpy", 2: "foo::bar"},
		},
		{
			"rust names are not demangled in an assemblyscript module",
			map[uint32]string{0: "~lib/x/f", 1: "_ZN4core3fmt5write17h0123456789abcdefE"},
			nil,
			map[uint32]string{0: "~lib/x.ts:f", 1: "_ZN4core3fmt5write17h0123456789abcdefE"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sourceNames(tt.names, tt.exports); !maps.Equal(got, tt.want) {
				t.Errorf("sourceNames(%v, %v) =\n%v\nwant\n%v", tt.names, tt.exports, got, tt.want)
			}
		})
	}
}

// TestRustName: rustc's legacy-mangled names demangled, anything else
// kept as it is.
func TestRustName(t *testing.T) {
	tests := []struct {
		name, mangled, want string
	}{
		{"a path", "_ZN4core3fmt5write17h0123456789abcdefE", "core::fmt::write"},
		{"a trait impl with escapes",
			"_ZN60_$LT$alloc..string..String$u20$as$u20$core..fmt..Display$GT$3fmt17h9c6a7e5c11bb2e57E",
			"<alloc::string::String as core::fmt::Display>::fmt"},
		{"every named escape", "_ZN32_$SP$$BP$$RF$$LT$$GT$$LP$$RP$$C$1f17h0123456789abcdefE", "@*&<>(),::f"},
		{"unicode escapes", "_ZN27_$u7b$$u7d$$u5b$$u5d$$u27$x1f17h0123456789abcdefE", "{}[]'x::f"},
		{"a closure", "_ZN4main28_$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE", "main::{{closure}}"},
		{"a single dot kept", "_ZN3a.b1f17h0123456789abcdefE", "a.b::f"},
		{"a control character is decoded (and escaped later)", "_ZN6a$u1b$1f17h0123456789abcdefE", "a\x1b::f"},
		{"no hash: maybe C++", "_ZN3foo3barE", "_ZN3foo3barE"},
		{"the hash alone", "_ZN17h0123456789abcdefE", "_ZN17h0123456789abcdefE"},
		{"a hash of 15 digits", "_ZN3foo16h0123456789abcdeE", "_ZN3foo16h0123456789abcdeE"},
		{"a hash in upper case", "_ZN3foo17h0123456789ABCDEFE", "_ZN3foo17h0123456789ABCDEFE"},
		{"C++ parameters after E", "_ZN3foo17h0123456789abcdefEv", "_ZN3foo17h0123456789abcdefEv"},
		{"no E", "_ZN3foo17h0123456789abcdef", "_ZN3foo17h0123456789abcdef"},
		{"a length past the end", "_ZN99foo17h0123456789abcdefE", "_ZN99foo17h0123456789abcdefE"},
		{"a length with a leading zero", "_ZN03foo17h0123456789abcdefE", "_ZN03foo17h0123456789abcdefE"},
		{"a length too big for an int", "_ZN99999999999999999999999foo17h0123456789abcdefE", "_ZN99999999999999999999999foo17h0123456789abcdefE"},
		{"an unknown escape", "_ZN5$XX$a17h0123456789abcdefE", "_ZN5$XX$a17h0123456789abcdefE"},
		{"an unclosed escape", "_ZN4$LTa17h0123456789abcdefE", "_ZN4$LTa17h0123456789abcdefE"},
		{"an escape past unicode", "_ZN9$u110000$17h0123456789abcdefE", "_ZN9$u110000$17h0123456789abcdefE"},
		{"a surrogate escape", "_ZN7$ud800$17h0123456789abcdefE", "_ZN7$ud800$17h0123456789abcdefE"},
		{"an empty unicode escape", "_ZN3$u$17h0123456789abcdefE", "_ZN3$u$17h0123456789abcdefE"},
		{"v0 mangling is not decoded", "_RNvCs1234_4core3foo", "_RNvCs1234_4core3foo"},
		{"a C name", "memcpy", "memcpy"},
		{"the prefix alone", "_ZN", "_ZN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rustName(tt.mangled); got != tt.want {
				t.Errorf("rustName(%q) = %q, want %q", tt.mangled, got, tt.want)
			}
		})
	}
}
