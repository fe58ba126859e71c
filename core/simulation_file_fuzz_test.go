package core_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// fileOperations decodes the operations of a simulation file as plainly as
// JSON allows, to compare with what ReadSimulationFile made of them.
func fileOperations(data []byte) ([]core.Operation, error) {
	var file struct {
		Operations []core.Operation `json:"operations"`
	}
	err := json.NewDecoder(bytes.NewReader(data)).Decode(&file)
	return file.Operations, err
}

// sameOperation says whether a and b make the same change: an absent list
// of transactions is an empty one, and absent data is empty data.
func sameOperation(a, b core.Operation) bool {
	switch {
	case (a.CreateExecutionEnvironment == nil) != (b.CreateExecutionEnvironment == nil),
		(a.CreateShardBlock == nil) != (b.CreateShardBlock == nil):
		return false
	case a.CreateExecutionEnvironment != nil:
		x, y := a.CreateExecutionEnvironment, b.CreateExecutionEnvironment
		return x.InitialState == y.InitialState && bytes.Equal(x.WasmCode, y.WasmCode)
	}
	x, y := a.CreateShardBlock, b.CreateShardBlock
	if x.ShardIndex != y.ShardIndex || len(x.Transactions) != len(y.Transactions) {
		return false
	}
	for i := range x.Transactions {
		if x.Transactions[i].EEIndex != y.Transactions[i].EEIndex || !bytes.Equal(x.Transactions[i].Data, y.Transactions[i].Data) {
			return false
		}
	}
	return true
}

var versionField = regexp.MustCompile(`"version": \d+`)

// FuzzReadSimulationFile reads arbitrary bytes as a simulation file: it
// must never panic, must fail with a message that says so, or else give a
// simulation that holds exactly the file's operations, and projects, that
// MarshalSimulationFile takes and writes as a file that reads back to the
// same simulation and projects and writes the same again.
func FuzzReadSimulationFile(f *testing.F) {
	// A small budget ends runaway probes quickly.
	engine := newEngine(f, wasmhost.Config{TickBudget: 10_000})
	sim := core.NewSimulation(engine)
	probe := createEE(f, sim, "probe", core.Root{1})
	counter := createEE(f, sim, "counter", core.Root{2})
	createBlock(f, sim, 3, core.ShardTransaction{EEIndex: counter, Data: []byte("ab")},
		core.ShardTransaction{EEIndex: probe, Data: testee.Probe{}.Store(0, []byte("x")).Op(testee.OpSavePostStateRoot, 0)})
	createBlock(f, sim, 63, core.ShardTransaction{EEIndex: probe, Data: testee.Probe{}.Op(testee.OpPrint32, 7)})
	valid, err := core.MarshalSimulationFile(sim, []core.Project{sampleProject(counter)})
	if err != nil {
		f.Fatal(err)
	}
	empty, err := core.MarshalSimulationFile(core.NewSimulation(engine), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(empty)
	f.Add(bytes.Replace(valid, []byte(`"ee_index": 1,\n`), []byte(`"ee_index": 2,\n`), 1))       // a build of no EE
	f.Add(bytes.Replace(valid, []byte(`"path": "lib/eth2.ts"`), []byte(`"path": "main.ts"`), 1)) // a path twice
	f.Add(valid[:len(valid)/2])                                                                  // truncated
	f.Add(versionField.ReplaceAll(valid, []byte(`"version": 99`)))                               // another version
	f.Add(bytes.Replace(valid, []byte(`"0x`), []byte(`"0xzz`), 1))                               // bad hex
	f.Add(bytes.Replace(valid, []byte(`"shard_index": 63`), []byte(`"shard_index": 64`), 1))     // no such shard
	f.Add([]byte(`{"format": "eeplay-simulation", "version": 1, "operations": [{"create_shard_block": {"shard_index": 0, "transactions": null}}]}`))
	f.Add([]byte(`{"format": "eeplay-simulation", "version": 1, "operations": []}`))
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, data []byte) {
		read, projects, err := core.ReadSimulationFile(ctx, engine, data)
		if err != nil {
			if read != nil {
				t.Fatalf("ReadSimulationFile returned a simulation and the error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "read simulation file: ") {
				t.Fatalf("error %q does not say what failed", err)
			}
			return
		}
		ops := read.Operations()
		given, err := fileOperations(data)
		if err != nil {
			t.Fatalf("ReadSimulationFile accepted a file whose operations do not decode: %v", err)
		}
		if len(ops) != len(given) {
			t.Fatalf("the file has %d operations, the simulation read from it %d", len(given), len(ops))
		}
		for i := range ops {
			if !sameOperation(ops[i], given[i]) {
				t.Fatalf("operation %d of the simulation read differs from the file's", i)
			}
		}

		file, err := core.MarshalSimulationFile(read, projects)
		if err != nil {
			t.Fatalf("MarshalSimulationFile of a simulation read from a file: %v", err)
		}
		again, projectsAgain, err := core.ReadSimulationFile(ctx, engine, file)
		if err != nil {
			t.Fatalf("the file MarshalSimulationFile wrote does not read back: %v\n%s", err, file)
		}
		assertSameSimulation(t, again, read)
		if len(projects) > 0 && !reflect.DeepEqual(projectsAgain, projects) {
			t.Fatalf("projects read back %+v\nwant %+v", projectsAgain, projects)
		}
		if file2, err := core.MarshalSimulationFile(again, projectsAgain); err != nil || !bytes.Equal(file2, file) {
			t.Fatalf("a file read back marshals differently (%v)", err)
		}
	})
}
