package scout_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// withScripts is a test file whose beacon_state.execution_scripts is
// value, written after the key as is, with n zero pre-states: the scripts'
// names show how the YAML reader read value.
func withScripts(value string, n int) string {
	return "beacon_state:\n  execution_scripts:" + value + "\nshard_pre_state:\n  exec_env_states:\n" +
		strings.Repeat("    - \""+strings.Repeat("00", 32)+"\"\n", n)
}

func TestParseYAMLValues(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"block sequence", "\n    - a.wasm\n    - b c.wasm # comment\n", []string{"a.wasm", "b c.wasm"}},
		{"sequence at its key's indentation", "\n  - a\n  - b", []string{"a", "b"}},
		{"flow sequence over lines", " [a, \"b\",\n    'c', # comment\n    d,\n  ]", []string{"a", "b", "c", "d"}},
		{"single-quoted", " ['it''s', '#x', 'a\n\n    b\n    c']", []string{"it's", "#x", "a\nb c"}},
		{"double-quoted escapes", ` ["\\ \" \' \/ \t|\n|\x41\u00e9\U0001F600", "a\
      b", "c
      d"]`, []string{"\\ \" ' / \t|\n|Aé\U0001F600", "ab", "c d"}},
		{"plain over lines", "\n    - a\n      b\n\n      c\n    - d#e f:g", []string{"a b\nc", "d#e f:g"}},
		{"digits and words stay as written", " [0x10, 007, 1e3, true, .inf]", []string{"0x10", "007", "1e3", "true", ".inf"}},
		{"literal", "\n    - |\n      a\n       b\n\n    - |-\n      a\n    - |+\n      a\n", []string{"a\n b\n", "a", "a\n\n"}},
		{"folded", "\n    - >\n      a\n      b\n\n      c\n        d\n      e\n    - >-\n      a\n      b\n    - >+\n      a\n", []string{"a b\nc\n  d\ne\n", "a b", "a\n\n"}},
		{"indentation indicator", "\n    - |2\n        a\n       b\n    - >1-\n      a", []string{"  a\n b\n", " a"}},
		{"comment right after a quote", "\n    - \"a\"#c\n    - 'b'#c", []string{"a", "b"}},
		{"null items are no items", " [a, ~, null, b]", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scout.Parse([]byte(withScripts(tt.yaml, len(tt.want))))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got.ExecutionScripts, tt.want) {
				t.Errorf("execution_scripts = %q, want %q", got.ExecutionScripts, tt.want)
			}
		})
	}
}

func TestParseYAMLDocument(t *testing.T) {
	zero := strings.Repeat("00", 32)
	base := func(ees ...uint64) *scout.Test {
		test := &scout.Test{ExecutionScripts: []string{"a", "b"}, PreStates: []core.Root{{}, {}}, PostStates: []core.Root{}}
		for _, ee := range ees {
			test.Blocks = append(test.Blocks, core.ShardTransaction{Data: []byte{}, EEIndex: ee})
		}
		return test
	}
	checked := base()
	checked.CheckDeposits = true
	tests := []struct {
		name string
		yaml string
		want *scout.Test
	}{
		{
			name: "markers, BOM, comments, flow mappings, unknown keys",
			yaml: "\uFEFF# a test\n---\nbeacon_state: {execution_scripts: [a, b], x: {y: [1, {z: }, w: [v]]}}\n\nshard_pre_state:\r\n  exec_env_states: [" + zero + ", " + zero + "]\nshard_blocks: [{env: 1, data: ''}, {}]\nnotes: ?x\n...\n# end\n",
			want: base(1, 0),
		},
		{
			name: "sequence items opening mappings",
			yaml: "beacon_state:\n  execution_scripts: [a, b]\nshard_pre_state:\n  exec_env_states: [" + zero + ", " + zero + "]\nshard_blocks:\n- env: 1\n  data:\n-\n  env: 0x1\n- data: \"\"\n  env: 0o1\n  other:\n  - - 1\n",
			want: base(1, 1, 1),
		},
		{
			name: "env in every form YAML allows for an integer",
			yaml: "beacon_state:\n  execution_scripts: [a, b]\nshard_pre_state:\n  exec_env_states: [" + zero + ", " + zero + "]\nshard_blocks: [{env: +1}, {env: 0b1}, {env: 0_1}, {env: ~}]\n",
			want: base(1, 1, 1, 0),
		},
		{
			name: "null deposit_receipts checks none",
			yaml: "beacon_state:\n  execution_scripts: [a, b]\nshard_pre_state:\n  exec_env_states: [" + zero + ", " + zero + "]\ndeposit_receipts:\n",
			want: base(),
		},
		{
			name: "deposit_receipts of null items expects none",
			yaml: "beacon_state:\n  execution_scripts: [a, b]\nshard_pre_state:\n  exec_env_states: [" + zero + ", " + zero + "]\ndeposit_receipts:\n  -\n",
			want: checked,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scout.Parse([]byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseYAMLErrors(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{"anchor", "a: &x 1\n", "yaml: line 1: anchors and aliases are not supported"},
		{"alias", "a: 1\nb:\n  - *x\n", "yaml: line 3: anchors and aliases are not supported"},
		{"tag", "a: !!str 1\n", "yaml: line 1: tags are not supported"},
		{"complex key", "? a\n: b\n", "yaml: line 1: complex keys (?) are not supported"},
		{"collection as key", "[a]: b\n", "yaml: line 1: complex keys (collections as keys) are not supported"},
		{"merge key", "a: {<<: {b: c}}\n", "yaml: line 1: merge keys (<<) are not supported"},
		{"two documents", "a: 1\n---\nb: 2\n", "yaml: line 2: more than one document is not supported"},
		{"directive", "%YAML 1.2\n---\n", "yaml: line 1: directives are not supported"},
		{"tab indentation", "a:\n\tb: 1\n", "yaml: line 2: a tab indents the line: YAML indents with spaces only"},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", `yaml: line 3: key "a" is already defined at line 1`},
		{"duplicate flow key", "x: {a: 1, a: 2}\n", `yaml: line 1: key "a" is already defined at line 1`},
		{"too deep", strings.Repeat("[", 101) + strings.Repeat("]", 101), "yaml: line 1: nesting deeper than 100 levels"},
		{"too deep in blocks", strings.Repeat("- ", 101) + "a\n", "yaml: line 1: nesting deeper than 100 levels"},
		{"quote not closed", "a: 'b\n", "yaml: line 1: a quoted value is not closed"},
		{"flow not closed", "a: {b: [c}\n", "yaml: line 1: want ',' or ']', got '}'"},
		{"bad escape", `a: "\q"`, `yaml: line 1: unknown escape "\\q" in a double-quoted value`},
		{"control character", "a: b\x01\n", "yaml: line 1: character U+0001 is not allowed: YAML allows no control characters but tab and line breaks"},
		{"not UTF-8", "a: \xff\n", "yaml: line 1: the text is not UTF-8"},
		{"bad indentation", "a:\n    b: 1\n  c: 2\n", "yaml: line 3: unexpected 'c': check the indentation"},
		{"value holding a key", "a: b: c\n", "yaml: line 1: unexpected ':': a value cannot hold a key (quote it, or put the mapping on its own lines)"},
		{"sequence on its key's line", "a: - b\n", "yaml: line 1: a sequence cannot start on its key's line: start it on the next line"},
		{"pair in a flow sequence for a string", "beacon_state: {execution_scripts: [b: c]}\n", "yaml: line 1: beacon_state.execution_scripts[0]: want a string, got a mapping"},
		{"file not a mapping", "- a\n", `yaml: line 1: the file: want a mapping, got a list`},
		{"scalar for a mapping", "beacon_state: yes\n", `yaml: line 1: beacon_state: want a mapping, got "yes"`},
		{"mapping for a string", "beacon_state:\n  execution_scripts:\n    - {a: b}\n", "yaml: line 3: beacon_state.execution_scripts[0]: want a string, got a mapping"},
		{"list for an integer", "shard_blocks:\n  - env: [1]\n", "yaml: line 2: shard_blocks[0].env: want an unsigned integer, got a list"},
		{"float env", "shard_blocks:\n  - env: 1.0\n", `yaml: line 2: shard_blocks[0].env: want an unsigned integer, got "1.0"`},
		{"quoted env", "shard_blocks:\n  - env: '1'\n", `yaml: line 2: shard_blocks[0].env: want an unsigned integer, got "1"`},
		{"env over 64 bits", "shard_blocks:\n  - env: 18446744073709551616\n", `yaml: line 2: shard_blocks[0].env: want an unsigned integer, got "18446744073709551616"`},
		{"deposit_receipts not a list", "deposit_receipts: {}\n", "yaml: line 1: deposit_receipts: want a list, got a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := scout.Parse([]byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse = %+v, want error %q", got, tt.wantErr)
			}
			if err.Error() != tt.wantErr {
				t.Errorf("Parse error:\n%s\nwant:\n%s", err, tt.wantErr)
			}
		})
	}
}
