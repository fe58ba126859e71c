package core_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

// storedOperations returns the operations of sim as the page stores them:
// each as Operation.MarshalJSON writes it.
func storedOperations(t *testing.T, sim *core.Simulation) [][]byte {
	t.Helper()
	var stored [][]byte
	for _, op := range sim.Operations() {
		encoded, err := op.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, encoded)
	}
	return stored
}

func TestMarshalStoredOperationsRoundTrip(t *testing.T) {
	sim := busySimulation(t)
	file, err := core.MarshalStoredOperations(storedOperations(t, sim), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := core.MarshalSimulationFile(sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != string(want) {
		t.Errorf("MarshalStoredOperations =\n%s\nwant MarshalSimulationFile's\n%s", file, want)
	}
	var fields struct {
		Version  int    `json:"version"`
		Checksum string `json:"checksum"`
	}
	if err := json.Unmarshal(file, &fields); err != nil {
		t.Fatal(err)
	}
	if sum := core.OperationsChecksum(sim.Operations()); fields.Version != 3 || fields.Checksum != sum {
		t.Errorf("version %d, checksum %s; want version 3, checksum %s", fields.Version, fields.Checksum, sum)
	}
	ops, _, err := core.ParseSimulationFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ops, sim.Operations()) {
		t.Errorf("read back %+v\nwant %+v", ops, sim.Operations())
	}
	read, _, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), file)
	if err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, read, sim)
}

func TestMarshalStoredOperations(t *testing.T) {
	zero := "0x" + strings.Repeat("00", 32)
	block := `{"create_shard_block":{"shard_index":1,"transactions":[{"data":"0x","ee_index":9}]}}`
	tests := []struct {
		name   string
		stored []string
		want   string
	}{
		{
			name:   "none",
			stored: nil,
			want: `{
 "format": "eeplay-simulation",
 "version": 3,
 "checksum": "sha256:0x4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
 "operations": []
}`,
		},
		{
			// Read as operations, so written as the core writes them.
			name:   "not as the core writes them",
			stored: []string{`{ "create_shard_block": {"transactions": [{"ee_index": 9, "data": "0X0A"}], "shard_index": 1} }`},
			want: `{
 "format": "eeplay-simulation",
 "version": 3,
 "checksum": "` + core.OperationsChecksum([]core.Operation{{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 1, Transactions: []core.ShardTransaction{{EEIndex: 9, Data: []byte{10}}}}}}) + `",
 "operations": [
  {
   "create_shard_block": {
    "shard_index": 1,
    "transactions": [
     {
      "data": "0x0a",
      "ee_index": 9
     }
    ]
   }
  }
 ]
}`,
		},
		{
			name:   "one not JSON",
			stored: []string{`{"create_execution_environment":{"initial_state":"` + zero + `","wasm_code":"0x"}}`, "\x00\xffnot an operation{", block},
			want: `{
 "format": "eeplay-simulation",
 "version": 1,
 "operations": [
  {
   "create_execution_environment": {
    "initial_state": "` + zero + `",
    "wasm_code": "0x"
   }
  },
  {
   "create_shard_block": {
    "shard_index": 1,
    "transactions": [
     {
      "data": "0x",
      "ee_index": 9
     }
    ]
   }
  }
 ],
 "unreadable_operations": [
  {
   "position": 1,
   "bytes": "0x00ff6e6f7420616e206f7065726174696f6e7b"
  }
 ]
}`,
		},
		{
			// JSON goes in as it is, though no reader takes it as an operation.
			name:   "JSON but no operation",
			stored: []string{block, `{"note": "<b>&</b>", "big": 18446744073709551616}`, `[1,2]`, "{\"cut\": "},
			want: `{
 "format": "eeplay-simulation",
 "version": 1,
 "operations": [
  {
   "create_shard_block": {
    "shard_index": 1,
    "transactions": [
     {
      "data": "0x",
      "ee_index": 9
     }
    ]
   }
  },
  {
   "note": "<b>&</b>",
   "big": 18446744073709551616
  },
  [
   1,
   2
  ]
 ],
 "unreadable_operations": [
  {
   "position": 3,
   "bytes": "0x7b22637574223a20"
  }
 ]
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := make([][]byte, len(tt.stored))
			for i, s := range tt.stored {
				stored[i] = []byte(s)
			}
			got, err := core.MarshalStoredOperations(stored, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("MarshalStoredOperations =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMarshalStoredOperationsReadsBack(t *testing.T) {
	// A version 3 file is read as it is; a version 1 file once its
	// unreadable operations are taken out.
	file, err := core.MarshalStoredOperations([][]byte{[]byte(`{"create_shard_block":{"shard_index":3,"transactions":[]}}`), []byte("garbage")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const unknown = `read simulation file: field "unreadable_operations": unknown field: want "format", "version", "checksum", "operations" or "projects"`
	if _, _, err := core.ParseSimulationFile(file); err == nil || err.Error() != unknown {
		t.Fatalf("ParseSimulationFile of a file with unreadable operations = %v, want %q", err, unknown)
	}
	mended := editFileFields(t, file, func(fields map[string]json.RawMessage) { delete(fields, "unreadable_operations") })
	ops, _, err := core.ParseSimulationFile(mended)
	if err != nil {
		t.Fatal(err)
	}
	want := []core.Operation{{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 3, Transactions: []core.ShardTransaction{}}}}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("read back %+v, want %+v", ops, want)
	}
}
