package wasmhost

// The host interface is written in three places: the table (hostFunctions),
// the AssemblyScript declarations EEs import (scripts/lib/eth2.ts) and the
// documentation (docs/host-functions.md). These tests hold the other two to
// the table.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/tetratelabs/wazero/api"
)

const (
	eth2TSPath    = "scripts/lib/eth2.ts"
	hostDocsPath  = "docs/host-functions.md"
	repositoryDir = ".."
)

// declaredByAssemblyScript is the host function eth2.ts leaves out:
// AssemblyScript's runtime declares and imports env.abort itself.
const declaredByAssemblyScript = "abort"

// assemblyScriptTypes are the wasm value types of the AssemblyScript types a
// declaration may use; usize and isize are those of wasm32.
var assemblyScriptTypes = map[string]api.ValueType{
	"bool": i32, "i8": i32, "u8": i32, "i16": i32, "u16": i32, "i32": i32, "u32": i32, "isize": i32, "usize": i32,
	"i64": i64, "u64": i64,
	"f32": api.ValueTypeF32, "f64": api.ValueTypeF64,
}

var (
	// eth2TSDeclaration is one declaration of eth2.ts:
	//
	//	@external("env", "eth2_useTicks")
	//	export declare function eth2_useTicks(ticks: i32): void;
	eth2TSDeclaration = regexp.MustCompile(`@external\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)\s*export\s+declare\s+function\s+(\w+)\s*\(([^)]*)\)\s*:\s*(\w+)\s*;`)
	// eth2TSExternal and eth2TSDeclare find what eth2TSDeclaration must
	// match, so that a declaration in another form fails the test rather
	// than going unchecked.
	eth2TSExternal = regexp.MustCompile(`@external\b`)
	eth2TSDeclare  = regexp.MustCompile(`\bdeclare\s+function\b`)
	eth2TSParam    = regexp.MustCompile(`^(\w+)\s*:\s*(\w+)$`)

	// docsEntry is the heading of a host function's entry in the docs:
	//
	//	### `eth2_useTicks(ticks: i32)`
	docsEntry = regexp.MustCompile("(?m)^### `((\\w+)\\(.*)`$")
	// docsIndexRow is a row of the docs' function index: name, link to the
	// entry, signature, alias.
	//
	//	| [`eth2_useTicks`](#eth2_useticksticks-i32) | `(ticks: i32)` | `eth2.useTicks` | |
	docsIndexRow = regexp.MustCompile("(?m)^\\| \\[`(\\w+)`\\]\\(#([^)]*)\\) \\| `([^`]*)` \\| ([^|]*?) \\|")
	// docsSignature is a signature written in the docs' text, with
	// parameter types or a result, e.g. `debug_log(ptr: i32, length: i32)`
	// in a table; a call such as `eth2_useTicks(0)` is not one.
	docsSignature = regexp.MustCompile("`(\\w+)\\(([^`)]*)\\)( -> [^`]*)?`")
)

// signatureText writes a function's signature under name as the docs head
// its entry: eth2_blockDataCopy(ptr: i32, offset: i32, length: i32), or
// eth2_blockDataSize() -> i32.
func signatureText(name string, paramNames []string, params, results []api.ValueType) string {
	typed := make([]string, len(params))
	for i, t := range params {
		typed[i] = paramNames[i] + ": " + api.ValueTypeName(t)
	}
	text := name + "(" + strings.Join(typed, ", ") + ")"
	if len(results) > 0 {
		text += " -> " + valueTypeNames(results)
	}
	return text
}

// tableSignature is f's signature as the table has it, under name.
func tableSignature(name string, f *hostFunction) string {
	return signatureText(name, f.paramNames, f.params, f.results)
}

func readRepositoryFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repositoryDir, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEth2TSMatchesTheTable checks that eth2.ts declares every host
// function, but abort, once, each under its import's name, with the
// table's parameter names, parameter types and result.
func TestEth2TSMatchesTheTable(t *testing.T) {
	source := readRepositoryFile(t, eth2TSPath)
	declarations := eth2TSDeclaration.FindAllStringSubmatchIndex(source, -1)
	externals, declares := len(eth2TSExternal.FindAllString(source, -1)), len(eth2TSDeclare.FindAllString(source, -1))
	if externals != len(declarations) || declares != len(declarations) {
		t.Fatalf("%s has %d @external and %d declare function, but %d declarations in the form @external(\"module\", \"name\") export declare function name(param: type, ...): type;",
			eth2TSPath, externals, declares, len(declarations))
	}
	declared := map[*hostFunction]bool{}
	for _, match := range declarations {
		group := func(i int) string { return source[match[2*i]:match[2*i+1]] }
		imported := importName{group(1), group(2)}
		f, ok := hostFunctions[imported]
		if !ok {
			t.Errorf("%s declares %s, which is not a host function", eth2TSPath, imported)
			continue
		}
		if declared[f] {
			t.Errorf("%s declares %s a second time, as %s", eth2TSPath, f.name, imported)
		}
		declared[f] = true
		signature, err := assemblyScriptSignature(group(3), group(4), group(5))
		if err != nil {
			t.Errorf("%s: %s: %s", eth2TSPath, imported, err)
			continue
		}
		if want := tableSignature(imported.name, f); signature != want {
			t.Errorf("%s declares %s as %s, want %s", eth2TSPath, imported, signature, want)
		}
	}
	for _, f := range tableFunctions() {
		if !declared[f] && f.name != declaredByAssemblyScript {
			t.Errorf("%s does not declare host function %s", eth2TSPath, f.name)
		}
	}
}

// assemblyScriptSignature writes the declaration of function, with params
// ("ptr: usize, length: i32") and result, as signatureText does, in wasm
// value types.
func assemblyScriptSignature(function, params, result string) (string, error) {
	var names []string
	var types, results []api.ValueType
	if params = strings.TrimSpace(params); params != "" {
		for _, param := range strings.Split(params, ",") {
			match := eth2TSParam.FindStringSubmatch(strings.TrimSpace(param))
			if match == nil {
				return "", fmt.Errorf("parameter %q is not in the form name: type", strings.TrimSpace(param))
			}
			t, ok := assemblyScriptTypes[match[2]]
			if !ok {
				return "", fmt.Errorf("parameter %s has type %s, which has no wasm value type here", match[1], match[2])
			}
			names = append(names, match[1])
			types = append(types, t)
		}
	}
	if result != "void" {
		t, ok := assemblyScriptTypes[result]
		if !ok {
			return "", fmt.Errorf("result type %s has no wasm value type here", result)
		}
		results = append(results, t)
	}
	return signatureText(function, names, types, results), nil
}

// TestDocsHaveAnEntryPerHostFunction checks that the docs have one entry
// for each host function, headed by its signature, and none for anything
// else.
func TestDocsHaveAnEntryPerHostFunction(t *testing.T) {
	entries := map[string]string{}
	for _, match := range docsEntry.FindAllStringSubmatch(readRepositoryFile(t, hostDocsPath), -1) {
		signature, name := match[1], match[2]
		f, ok := hostFunctions[importName{hostModuleName, name}]
		switch {
		case !ok:
			t.Errorf("%s has an entry for %s, which is not a host function", hostDocsPath, name)
		case entries[name] != "":
			t.Errorf("%s has a second entry for %s", hostDocsPath, name)
		case signature != tableSignature(name, f):
			t.Errorf("%s heads the entry for %s %s, want %s", hostDocsPath, name, signature, tableSignature(name, f))
		}
		entries[name] = signature
	}
	for _, f := range tableFunctions() {
		if entries[f.name] == "" {
			t.Errorf("%s has no entry for host function %s (a heading ### `%s`)", hostDocsPath, f.name, tableSignature(f.name, f))
		}
	}
}

// TestDocsIndexListsTheHostFunctions checks the docs' function index: a
// row for each host function and none for anything else, each with the
// table's signature, a link to the function's entry and its alias.
func TestDocsIndexListsTheHostFunctions(t *testing.T) {
	listed := map[string]bool{}
	for _, match := range docsIndexRow.FindAllStringSubmatch(readRepositoryFile(t, hostDocsPath), -1) {
		name, anchor, signature, alias := match[1], match[2], match[3], match[4]
		f, ok := hostFunctions[importName{hostModuleName, name}]
		if !ok {
			t.Errorf("%s indexes %s, which is not a host function", hostDocsPath, name)
			continue
		}
		if listed[name] {
			t.Errorf("%s indexes %s twice", hostDocsPath, name)
		}
		listed[name] = true
		if want := strings.TrimPrefix(tableSignature(name, f), name); signature != want {
			t.Errorf("%s indexes %s with signature %s, want %s", hostDocsPath, name, signature, want)
		}
		if want := headingAnchor("`" + tableSignature(name, f) + "`"); anchor != want {
			t.Errorf("%s indexes %s with a link to #%s, want #%s, its entry", hostDocsPath, name, anchor, want)
		}
		wantAlias := "none"
		if exports := f.exports(); len(exports) > 1 {
			wantAlias = "`" + exports[1].String() + "`"
		}
		if alias != wantAlias {
			t.Errorf("%s indexes %s with alias %s, want %s", hostDocsPath, name, alias, wantAlias)
		}
	}
	for _, f := range tableFunctions() {
		if !listed[f.name] {
			t.Errorf("%s does not index host function %s", hostDocsPath, f.name)
		}
	}
}

// TestDocsSignaturesMatchTheTable checks the signatures of host functions
// that the docs write outside the headings of their entries, such as the
// table of debug lines.
func TestDocsSignaturesMatchTheTable(t *testing.T) {
	for i, line := range strings.Split(readRepositoryFile(t, hostDocsPath), "\n") {
		if strings.HasPrefix(line, "### ") {
			continue // an entry's heading: TestDocsHaveAnEntryPerHostFunction
		}
		for _, match := range docsSignature.FindAllStringSubmatch(line, -1) {
			name, params, result := match[1], match[2], match[3]
			f, ok := hostFunctions[importName{hostModuleName, name}]
			if !ok || (!strings.Contains(params, ":") && result == "") {
				continue // not a host function's signature
			}
			if signature := strings.Trim(match[0], "`"); signature != tableSignature(name, f) {
				t.Errorf("%s:%d writes %s, want %s", hostDocsPath, i+1, signature, tableSignature(name, f))
			}
		}
	}
}

// headingAnchor is the anchor GitHub gives a Markdown heading: lower case,
// spaces as hyphens, and no punctuation but hyphens and underscores.
func headingAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		}
	}
	return b.String()
}
