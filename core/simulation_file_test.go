package core_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/wasmhost"
)

func TestSimulationFileRoundTrip(t *testing.T) {
	sim := busySimulation(t)
	file, err := core.MarshalSimulationFile(sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(file), "{\n \"format\": \"eeplay-simulation\",\n \"version\": 3,\n \"checksum\": \"sha256:0x") {
		t.Errorf("file starts %.60q", file)
	}
	read, projects, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), file)
	if err != nil {
		t.Fatal(err)
	}
	if projects != nil {
		t.Errorf("projects = %+v, want none", projects)
	}
	assertSameSimulation(t, read, sim)
	again, err := core.MarshalSimulationFile(read, projects)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(file) {
		t.Error("the file read back marshals differently")
	}
}

func TestReadSimulationFileErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"not json", "PK\x03\x04", "read simulation file: not valid JSON (invalid character 'P' looking for beginning of value): the file is corrupt or cut short"},
		{"cut short", `{"format": "eeplay-simulation", "version": 2, "oper`, "read simulation file: not valid JSON (unexpected EOF): the file is corrupt or cut short"},
		{"junk after", `{"format": "eeplay-simulation", "version": 1, "operations": []} {`, "read simulation file: more follows the JSON document: the file is corrupt"},
		{"no checksum", `{"format": "eeplay-simulation", "version": 2, "operations": []}`, "read simulation file: it has no checksum, which version 2 files carry: the file is incomplete"},
		{"wrong checksum", `{"format": "eeplay-simulation", "version": 2, "checksum": "sha256:0x00", "operations": []}`,
			"read simulation file: checksum mismatch: the file says sha256:0x00, its operations hash to sha256:0x4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945: the file is corrupt or was edited"},
		{"other format", `{"format": "eeplay-notes", "version": 1}`, `read simulation file: format is "eeplay-notes", want "eeplay-simulation": not an eeplay simulation file`},
		{"newer version", `{"format": "eeplay-simulation", "version": 4}`, "read simulation file: version 4 is not supported: this eeplay reads versions 1 to 3"},
		{"no checksum in version 3", `{"format": "eeplay-simulation", "version": 3, "operations": []}`, "read simulation file: it has no checksum, which version 3 files carry: the file is incomplete"},
		{"empty", "", "read simulation file: the file is empty: it was never written, or was cut short"},
		{"only whitespace", " \n", "read simulation file: the file is empty: it was never written, or was cut short"},
		{"unknown field", `{"format": "eeplay-simulation", "version": 1, "blocks": []}`, `read simulation file: field "blocks": unknown field: want "format", "version", "checksum", "operations" or "projects"`},
		{"a field in capitals", `{"format": "eeplay-simulation", "version": 1, "Operations": []}`,
			`read simulation file: field "Operations": unknown field; field names are matched exactly: did you mean "operations"?`},
		{"a field given twice", `{"format": "eeplay-simulation", "version": 1, "operations": [], "version": 2}`,
			`read simulation file: field "version": given twice: each field may appear only once`},
		{"an unknown field in an EE", `{"format": "eeplay-simulation", "version": 1, "operations": [{"create_execution_environment": {"initial_state": "0x00", "wasm_code": "0x", "code": "0x"}}]}`,
			`read simulation file: field "operations[0].create_execution_environment.code": unknown field: want "initial_state" or "wasm_code"`},
		{"a transaction field in capitals", `{"format": "eeplay-simulation", "version": 1, "operations": [{"create_shard_block": {"shard_index": 0, "transactions": [{"data": "0x", "EE_INDEX": 0}]}}]}`,
			`read simulation file: field "operations[0].create_shard_block.transactions[0].EE_INDEX": unknown field; field names are matched exactly: did you mean "ee_index"?`},
		{"an operation field given twice", `{"format": "eeplay-simulation", "version": 1, "operations": [{"create_shard_block": {"shard_index": 0, "transactions": [], "shard_index": 70}}]}`,
			`read simulation file: field "operations[0].create_shard_block.shard_index": given twice: each field may appear only once`},
		{"bad hex", `{"format": "eeplay-simulation", "version": 1, "operations": [{"create_execution_environment": {"initial_state": "0x00", "wasm_code": "0x"}}]}`,
			`read simulation file: parse root "0x00": want 64 hex digits, got 2`},
		{"bad operation", `{"format": "eeplay-simulation", "version": 1, "operations": [{}]}`,
			"read simulation file: replay operation 0: operation sets neither create_execution_environment nor create_shard_block"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, _, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), []byte(test.file))
			if err == nil || err.Error() != test.want {
				t.Fatalf("ReadSimulationFile = %v\nwant %q", err, test.want)
			}
		})
	}
}

func TestReadSimulationFileVersion1(t *testing.T) {
	sim := busySimulation(t)
	file, err := core.MarshalSimulationFile(sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A version 1 file is a version 3 file without the checksum and projects.
	v1 := editFileFields(t, file, func(fields map[string]json.RawMessage) {
		delete(fields, "checksum")
		fields["version"] = json.RawMessage("1")
	})
	read, _, err := core.ReadSimulationFile(ctx, newEngine(t, wasmhost.Config{}), v1)
	if err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, read, sim)
}

// editFileFields returns file, a simulation file, with edit applied to its
// top-level fields.
func editFileFields(t *testing.T, file []byte, edit func(fields map[string]json.RawMessage)) []byte {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(file, &fields); err != nil {
		t.Fatal(err)
	}
	edit(fields)
	out, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOperationsChecksum(t *testing.T) {
	ops := busySimulation(t).Operations()
	var encoded []string
	for _, op := range ops {
		b, err := json.Marshal(op)
		if err != nil {
			t.Fatal(err)
		}
		encoded = append(encoded, string(b))
	}
	sum := sha256.Sum256([]byte("[" + strings.Join(encoded, ",") + "]"))
	if got, want := core.OperationsChecksum(ops), "sha256:0x"+hex.EncodeToString(sum[:]); got != want {
		t.Errorf("OperationsChecksum = %s, want %s", got, want)
	}
}
