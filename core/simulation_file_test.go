package core_test

import (
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
)

func TestSimulationFileRoundTrip(t *testing.T) {
	sim := busySimulation(t)
	file, err := core.MarshalSimulationFile(sim)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(file), "{\n \"format\": \"eeplay-simulation\",\n \"version\": 1,") {
		t.Errorf("file starts %.60q", file)
	}
	read, err := core.ReadSimulationFile(ctx, newEngine(t), file)
	if err != nil {
		t.Fatal(err)
	}
	assertSameSimulation(t, read, sim)
	again, err := core.MarshalSimulationFile(read)
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
		{"not json", "PK\x03\x04", "read simulation file: invalid character 'P' looking for beginning of value"},
		{"other format", `{"format": "eeplay-notes", "version": 1}`, `read simulation file: format is "eeplay-notes", want "eeplay-simulation": not an eeplay simulation file`},
		{"newer version", `{"format": "eeplay-simulation", "version": 2}`, "read simulation file: version 2 is not supported: this eeplay reads version 1"},
		{"unknown field", `{"format": "eeplay-simulation", "version": 1, "blocks": []}`, `read simulation file: json: unknown field "blocks"`},
		{"bad hex", `{"format": "eeplay-simulation", "version": 1, "operations": [{"create_execution_environment": {"initial_state": "0x00", "wasm_code": "0x"}}]}`,
			`read simulation file: parse root "0x00": want 64 hex digits, got 2`},
		{"bad operation", `{"format": "eeplay-simulation", "version": 1, "operations": [{}]}`,
			"read simulation file: replay operation 0: operation sets neither create_execution_environment nor create_shard_block"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := core.ReadSimulationFile(ctx, newEngine(t), []byte(test.file))
			if err == nil || err.Error() != test.want {
				t.Fatalf("ReadSimulationFile = %v\nwant %q", err, test.want)
			}
		})
	}
}
