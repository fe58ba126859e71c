package scout_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

// validYAML is a test file that Parse accepts, for the tests to break one
// part of at a time.
const validYAML = `beacon_state:
  execution_scripts:
    - ee.wasm
shard_pre_state:
  exec_env_states:
    - "0000000000000000000000000000000000000000000000000000000000000000"
shard_blocks:
  - env: 0
    data: ""
shard_post_state:
  exec_env_states:
    - "0000000000000000000000000000000000000000000000000000000000000000"
`

// validWith is validYAML with the first old replaced by new; it fails the
// test if validYAML has no old.
func validWith(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(validYAML, old) {
		t.Fatalf("no %q in validYAML", old)
	}
	return strings.Replace(validYAML, old, new, 1)
}

// root is a root with every byte b.
func root(b byte) core.Root {
	var r core.Root
	for i := range r {
		r[i] = b
	}
	return r
}

// deposit is a deposit with every byte of each field filled with one
// byte.
func deposit(pubkey, credentials byte, amount uint64, signature byte) scout.Deposit {
	d := scout.Deposit{Amount: amount}
	copy(d.Pubkey[:], bytes.Repeat([]byte{pubkey}, len(d.Pubkey)))
	copy(d.WithdrawalCredentials[:], bytes.Repeat([]byte{credentials}, len(d.WithdrawalCredentials)))
	copy(d.Signature[:], bytes.Repeat([]byte{signature}, len(d.Signature)))
	return d
}

func TestParse(t *testing.T) {
	zero := strings.Repeat("00", 32)
	tests := []struct {
		name string
		yaml string
		want *scout.Test
	}{
		{
			name: "valid",
			yaml: validYAML,
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{}, EEIndex: 0}},
				PostStates:       []core.Root{{}},
			},
		},
		{
			name: "Scout style, two EEs, libraries, paths as written",
			yaml: `beacon_state:
  execution_scripts:
    - ../scripts/a.wasm
    - /abs/b.wasm
  libraries:
    - name: mylib
      file: lib/mylib.wasm
shard_pre_state:
  exec_env_states:
    - "` + zero + `"
    - "0x` + strings.Repeat("11", 32) + `"
shard_blocks:
  - env: 1
    data: "0x0102"
  - env: 0
    data: ""
shard_post_state:
  exec_env_states:
    - "` + strings.Repeat("22", 32) + `"
`,
			want: &scout.Test{
				ExecutionScripts: []string{"../scripts/a.wasm", "/abs/b.wasm"},
				Libraries:        []scout.Library{{Name: "mylib", File: "lib/mylib.wasm"}},
				PreStates:        []core.Root{{}, root(0x11)},
				Blocks:           []core.ShardTransaction{{Data: []byte{1, 2}, EEIndex: 1}, {Data: []byte{}, EEIndex: 0}},
				PostStates:       []core.Root{root(0x22)},
			},
		},
		{
			name: "unquoted and folded hex",
			yaml: `beacon_state:
  execution_scripts:
    - ee.wasm
shard_pre_state:
  exec_env_states:
    - 0x` + strings.Repeat("11", 32) + `
shard_blocks:
  - env: 0
    data:
  - env: 0
    data: 00
  - env: 0
    data: >-
      6865
      6c6c6f
shard_post_state:
  exec_env_states:
    - >-
      ` + strings.Repeat("22", 16) + `
      ` + strings.Repeat("22", 16) + `
`,
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{root(0x11)},
				Blocks:           []core.ShardTransaction{{Data: []byte{}}, {Data: []byte{0}}, {Data: []byte("hello")}},
				PostStates:       []core.Root{root(0x22)},
			},
		},
		{
			name: "unknown keys ignored",
			yaml: "title: not Scout's\n" + validWith(t, "beacon_state:\n", "beacon_state:\n  slot: 7\n") + "shard_post_state_comment: {a: b}\n",
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{}}},
				PostStates:       []core.Root{{}},
			},
		},
		{
			name: "no blocks, no post-states",
			yaml: "beacon_state:\n  execution_scripts: [ee.wasm]\nshard_pre_state:\n  exec_env_states: [\"" + zero + "\"]\n",
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{{}},
				PostStates:       []core.Root{},
			},
		},
		{
			name: "empty deposit_receipts expects no deposits",
			yaml: validYAML + "deposit_receipts: []\n",
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{}}},
				PostStates:       []core.Root{{}},
				CheckDeposits:    true,
			},
		},
		{
			name: "deposits",
			yaml: validYAML + `deposit_receipts:
  - pubkey: "` + strings.Repeat("11", 48) + `"
    withdrawal_credentials: 0x` + strings.Repeat("22", 32) + `
    amount: 32000000000
    signature: >-
      ` + strings.Repeat("33", 48) + `
      ` + strings.Repeat("33", 48) + `
  - pubkey: "` + strings.Repeat("44", 48) + `"
    withdrawal_credentials: "` + strings.Repeat("55", 32) + `"
    amount: 1
    signature: "` + strings.Repeat("66", 96) + `"
    proof: ignored
`,
			want: &scout.Test{
				ExecutionScripts: []string{"ee.wasm"},
				PreStates:        []core.Root{{}},
				Blocks:           []core.ShardTransaction{{Data: []byte{}}},
				PostStates:       []core.Root{{}},
				CheckDeposits:    true,
				Deposits:         []scout.Deposit{deposit(0x11, 0x22, 32_000_000_000, 0x33), deposit(0x44, 0x55, 1, 0x66)},
			},
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

func TestParseErrors(t *testing.T) {
	zero := strings.Repeat("00", 32)
	deposit := func(field, value string) string {
		d := map[string]string{
			"pubkey":                 `"` + strings.Repeat("11", 48) + `"`,
			"withdrawal_credentials": `"` + strings.Repeat("22", 32) + `"`,
			"signature":              `"` + strings.Repeat("33", 96) + `"`,
		}
		d[field] = value
		return validYAML + "deposit_receipts:\n  - pubkey: " + d["pubkey"] +
			"\n    withdrawal_credentials: " + d["withdrawal_credentials"] +
			"\n    amount: 1\n    signature: " + d["signature"] + "\n"
	}
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{
			name:    "empty file",
			yaml:    "",
			wantErr: "beacon_state.execution_scripts is empty or missing",
		},
		{
			name:    "not a Scout file",
			yaml:    "name: something else\n",
			wantErr: "beacon_state.execution_scripts is empty or missing",
		},
		{
			name:    "not YAML",
			yaml:    "beacon_state: [\n",
			wantErr: "yaml: line 1: no ']' closes the flow collection opened here",
		},
		{
			name:    "wrong type",
			yaml:    validWith(t, "env: 0", `env: "first"`),
			wantErr: `yaml: line 8: shard_blocks[0].env: want an unsigned integer, got "first"`,
		},
		{
			name:    "string where a list belongs",
			yaml:    validWith(t, "execution_scripts:\n    - ee.wasm", "execution_scripts: ee.wasm"),
			wantErr: `yaml: line 2: beacon_state.execution_scripts: want a list, got "ee.wasm"`,
		},
		{
			name:    "negative env",
			yaml:    validWith(t, "env: 0", "env: -1"),
			wantErr: `yaml: line 8: shard_blocks[0].env: want an unsigned integer, got "-1"`,
		},
		{
			name:    "no pre-states",
			yaml:    validWith(t, "shard_pre_state:\n  exec_env_states:\n    - \""+zero+"\"\n", ""),
			wantErr: "shard_pre_state.exec_env_states has 0 states for 1 execution_scripts: want one per script",
		},
		{
			name:    "more pre-states than scripts",
			yaml:    validWith(t, `    - "`+zero+`"`, `    - "`+zero+`"`+"\n"+`    - "`+zero+`"`),
			wantErr: "shard_pre_state.exec_env_states has 2 states for 1 execution_scripts: want one per script",
		},
		{
			name:    "pre-state too short",
			yaml:    validWith(t, `    - "`+zero+`"`, `    - "00"`),
			wantErr: `shard_pre_state.exec_env_states[0]: parse root "00": want 64 hex digits, got 2`,
		},
		{
			name:    "post-state not hex",
			yaml:    validWith(t, "shard_post_state:\n  exec_env_states:\n    - \""+zero, "shard_post_state:\n  exec_env_states:\n    - \"zz"+zero[2:]),
			wantErr: `shard_post_state.exec_env_states[0]: parse root "zz00000000000000000000000000000000000000000000000000000000000000": encoding/hex: invalid byte: U+007A 'z'`,
		},
		{
			name:    "data not hex",
			yaml:    validWith(t, `data: ""`, `data: "0xzz"`),
			wantErr: `shard_blocks[0].data: parse hex "0xzz": encoding/hex: invalid byte: U+007A 'z'`,
		},
		{
			name:    "odd number of hex digits",
			yaml:    validWith(t, `data: ""`, `data: "abc"`),
			wantErr: `shard_blocks[0].data: parse hex "abc": encoding/hex: odd length hex string`,
		},
		{
			name:    "no such EE",
			yaml:    validWith(t, "env: 0", "env: 1"),
			wantErr: "shard_blocks[0].env: no execution environment 1: execution_scripts has 1",
		},
		{
			name:    "library without a name",
			yaml:    validWith(t, "beacon_state:\n", "beacon_state:\n  libraries:\n    - file: lib.wasm\n"),
			wantErr: "beacon_state.libraries[0]: want both name and file",
		},
		{
			name:    "library without a file",
			yaml:    validWith(t, "beacon_state:\n", "beacon_state:\n  libraries:\n    - name: a\n      file: a.wasm\n    - name: b\n"),
			wantErr: "beacon_state.libraries[1]: want both name and file",
		},
		{
			name:    "deposit pubkey too short",
			yaml:    validYAML + "deposit_receipts:\n  - pubkey: \"11\"\n",
			wantErr: "deposit_receipts[0].pubkey: want 48 bytes, got 1",
		},
		{
			name:    "deposit withdrawal_credentials not hex",
			yaml:    deposit("withdrawal_credentials", "xyz"),
			wantErr: `deposit_receipts[0].withdrawal_credentials: parse hex "xyz": encoding/hex: invalid byte: U+0078 'x'`,
		},
		{
			name:    "deposit signature too long",
			yaml:    deposit("signature", strings.Repeat("33", 97)),
			wantErr: "deposit_receipts[0].signature: want 96 bytes, got 97",
		},
		{
			name:    "deposit amount not a number",
			yaml:    validYAML + "deposit_receipts:\n  - amount: lots\n",
			wantErr: `yaml: line 14: deposit_receipts[0].amount: want an unsigned integer, got "lots"`,
		},
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
			if got != nil {
				t.Errorf("Parse = %+v with an error, want nil", got)
			}
		})
	}
}
