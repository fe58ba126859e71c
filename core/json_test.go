package core_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
)

func TestJSON(t *testing.T) {
	tests := []struct {
		name  string
		value any
		empty func() any
		want  string
	}{
		{
			name:  "ShardBlockRecord",
			value: &core.ShardBlockRecord{Block: core.ShardBlock{Transactions: []*core.ShardTransaction{{Data: []byte{0xab}, EEIndex: 2}}}, Receipts: []core.Receipt{{PreState: core.Root{1}, PostState: core.Root{2}, Ticks: 3, Deposits: []core.HexBytes{{0xcd}}, Logs: []core.HexBytes{{}}, Debug: []string{"log: hi"}}}},
			empty: func() any { return new(core.ShardBlockRecord) },
			want: `{"block":{"transactions":[{"data":"0xab","ee_index":2}]},"receipts":[{"pre_state":"0x0100000000000000000000000000000000000000000000000000000000000000",` +
				`"post_state":"0x0200000000000000000000000000000000000000000000000000000000000000","ticks":3,"deposits":["0xcd"],"logs":["0x"],"debug":["log: hi"]}]}`,
		},
		{
			name: "Receipt with child modules",
			value: &core.Receipt{PreState: core.Root{1}, PostState: core.Root{1}, Deposits: []core.HexBytes{}, Logs: []core.HexBytes{}, Debug: []string{},
				Modules: []core.ChildModule{{Slot: 2, Size: 1234, SHA256: core.Root{0xab}, Calls: 3, Callbacks: 1}}},
			empty: func() any { return new(core.Receipt) },
			want: `{"pre_state":"0x0100000000000000000000000000000000000000000000000000000000000000","post_state":"0x0100000000000000000000000000000000000000000000000000000000000000",` +
				`"ticks":0,"deposits":[],"logs":[],"debug":[],"modules":[{"slot":2,"size":1234,"sha256":"0xab00000000000000000000000000000000000000000000000000000000000000","calls":3,"callbacks":1}]}`,
		},
		{
			name:  "ExecutionEnvironment",
			value: &core.ExecutionEnvironment{InitialState: core.Root{0xff}, WasmCode: []byte{0, 'a', 's', 'm'}},
			empty: func() any { return new(core.ExecutionEnvironment) },
			want:  `{"initial_state":"0xff00000000000000000000000000000000000000000000000000000000000000","wasm_code":"0x0061736d"}`,
		},
		{
			name:  "ShardState",
			value: &core.ShardState{ExecutionEnvironmentStates: []core.Root{{}}},
			empty: func() any { return new(core.ShardState) },
			want:  `{"execution_environment_states":["0x0000000000000000000000000000000000000000000000000000000000000000"]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("json.Marshal = %s\nwant           %s", b, tt.want)
			}
			decoded := tt.empty()
			if err := json.Unmarshal(b, decoded); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(decoded, tt.value) {
				t.Errorf("round trip = %+v, want %+v", decoded, tt.value)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		parse func() error
		want  string
	}{
		{"root too short", func() error { _, err := core.ParseRoot("0x1234"); return err }, `parse root "0x1234": want 64 hex digits, got 4`},
		{"root not hex", func() error { _, err := core.ParseRoot(strings.Repeat("z", 64)); return err }, `parse root "` + strings.Repeat("z", 64) + `": encoding/hex: invalid byte: U+007A 'z'`},
		{"odd hex", func() error { _, err := core.ParseHex("0xabc"); return err }, `parse hex "0xabc": encoding/hex: odd length hex string`},
		{"long bad hex is abbreviated", func() error { _, err := core.ParseHex("0x" + strings.Repeat("z", 100)); return err },
			`parse hex "0x` + strings.Repeat("z", 38) + `...": encoding/hex: invalid byte: U+007A 'z'`},
		{"JSON root", func() error { var r core.Root; return json.Unmarshal([]byte(`"0x12"`), &r) }, `parse root "0x12": want 64 hex digits, got 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.parse(); err == nil || err.Error() != tt.want {
				t.Errorf("error = %q\nwant    %q", err, tt.want)
			}
		})
	}
	for _, s := range []string{"", "0x"} {
		if b, err := core.ParseHex(s); err != nil || len(b) != 0 {
			t.Errorf("ParseHex(%q) = %x, %v; want empty", s, b, err)
		}
	}
}
