package wasmhost

import (
	"strconv"
	"strings"
)

// sourceNames returns the function names of a module's name section as
// its source language writes them, for stack traces and profiles:
// AssemblyScript's "token/main/decode" as "token/main.ts:decode", and
// rustc's legacy-mangled "_ZN4core3fmt5write17h0123456789abcdefE" as
// "core::fmt::write". Other names, C's among them, are kept as they are.
// exports holds each exported function's export names, by index.
func sourceNames(names map[uint32]string, exports map[uint32][]string) map[uint32]string {
	rename := rustName
	if isAssemblyScript(names, exports) {
		rename = assemblyScriptName
	}
	renamed := make(map[uint32]string, len(names))
	for index, name := range names {
		renamed[index] = rename(name)
	}
	return renamed
}

// isAssemblyScript reports whether names are AssemblyScript's, which are
// "<file's path without .ts>/<function>": "token/main/decode",
// "~lib/rt/stub/__new". Slashes alone do not tell, as any module may name
// a function "a/b", so it takes one of two marks that AssemblyScript
// leaves and other compilers do not: a function of its standard library,
// whose path it starts with "~lib/" (an EE that allocates nothing may
// have none, as hashchain has none), or an exported function named by its
// file's path and its export name, "hashchain/main/main" exported as
// main, as AssemblyScript names the functions a file exports (and every
// EE exports main). A module without either keeps its names.
func isAssemblyScript(names map[uint32]string, exports map[uint32][]string) bool {
	for index, name := range names {
		if strings.HasPrefix(name, "~lib/") {
			return true
		}
		for _, export := range exports[index] {
			if path, ok := strings.CutSuffix(name, "/"+export); ok && path != "" {
				return true
			}
		}
	}
	return false
}

// assemblyScriptName writes AssemblyScript's name "<path>/<function>" as
// "<path>.ts:<function>", the way its abort messages give a place
// ("token/main.ts:135:5"). The path ends at the last slash before any
// "<", as a generic's type arguments may hold paths of their own:
// "~lib/array/Array<lib/ssz/Name>#__get" is
// "~lib/array.ts:Array<lib/ssz/Name>#__get". A name without such a slash,
// or with nothing on one side of it, such as "~start", is kept.
func assemblyScriptName(name string) string {
	head, _, _ := strings.Cut(name, "<")
	slash := strings.LastIndexByte(head, '/')
	if slash <= 0 || slash == len(name)-1 {
		return name
	}
	return name[:slash] + ".ts:" + name[slash+1:]
}

// rustEscapes are the escapes of rustc's legacy mangling, written between
// dollar signs in a path's segments, besides "$u<hex>$" for any
// character.
var rustEscapes = map[string]string{
	"SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")", "C": ",",
}

// rustName demangles a name rustc mangled in its legacy scheme,
// "_ZN" and the path's segments, each its length and its bytes, then "E",
// the last segment being the hash "h" and 16 hex digits, which is
// dropped: "_ZN4core3fmt5write17h0123456789abcdefE" is "core::fmt::write".
// A name that does not have that form, with its hash (a C++ name may be
// "_ZN...E" too), or whose escapes cannot be decoded, is kept as it is; so
// is a name in rustc's v0 scheme ("_R..."), which is not decoded here.
func rustName(name string) string {
	rest, ok := strings.CutPrefix(name, "_ZN")
	if !ok {
		return name
	}
	var segments []string
	for !strings.HasPrefix(rest, "E") {
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		size, err := strconv.Atoi(rest[:digits])
		if digits == 0 || rest[0] == '0' || err != nil || size > len(rest)-digits {
			return name
		}
		segments = append(segments, rest[digits:digits+size])
		rest = rest[digits+size:]
	}
	if rest != "E" || len(segments) < 2 || !isRustHash(segments[len(segments)-1]) {
		return name
	}
	decoded := make([]string, len(segments)-1)
	for i, segment := range segments[:len(segments)-1] {
		if decoded[i], ok = rustSegment(segment); !ok {
			return name
		}
	}
	return strings.Join(decoded, "::")
}

// isRustHash reports whether segment is a legacy-mangled name's hash, "h"
// and 16 lowercase hex digits.
func isRustHash(segment string) bool {
	hash, ok := strings.CutPrefix(segment, "h")
	return ok && len(hash) == 16 && strings.Trim(hash, "0123456789abcdef") == ""
}

// rustSegment decodes a segment of a legacy-mangled path: its escapes
// ("$LT$" is "<", "$u20$" a space), ".." as "::", and a leading "_" that
// only keeps a segment starting with "$" from starting with it.
func rustSegment(segment string) (string, bool) {
	if strings.HasPrefix(segment, "_$") {
		segment = segment[1:]
	}
	var sb strings.Builder
	for segment != "" {
		switch {
		case strings.HasPrefix(segment, "$"):
			escape, rest, ok := strings.Cut(segment[1:], "$")
			if !ok {
				return "", false
			}
			if plain, ok := rustEscapes[escape]; ok {
				sb.WriteString(plain)
			} else if code, ok := strings.CutPrefix(escape, "u"); ok && code != "" && len(code) <= 6 && strings.Trim(code, "0123456789abcdef") == "" {
				r, _ := strconv.ParseUint(code, 16, 32)
				if r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) {
					return "", false
				}
				sb.WriteRune(rune(r))
			} else {
				return "", false
			}
			segment = rest
		case strings.HasPrefix(segment, ".."):
			sb.WriteString("::")
			segment = segment[2:]
		default:
			sb.WriteByte(segment[0])
			segment = segment[1:]
		}
	}
	return sb.String(), true
}
