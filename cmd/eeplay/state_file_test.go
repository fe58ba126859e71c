package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// newStateSimulation returns an empty simulation on the default engine.
func newStateSimulation(t *testing.T) *core.Simulation {
	t.Helper()
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { engine.Close(ctx) })
	return core.NewSimulation(engine)
}

// counterOps returns an operation that creates the counter EE, then n
// blocks on shard 5 that each add len(data) to it.
func counterOps(n int, data []byte) []core.Operation {
	ops := []core.Operation{{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("counter")}}}
	for range n {
		ops = append(ops, core.Operation{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 5, Transactions: []core.ShardTransaction{{EEIndex: 0, Data: data}}}})
	}
	return ops
}

// openStore opens the state at path into a new simulation and returns it
// with what openState printed.
func openStore(t *testing.T, path string) (*stateStore, *core.Simulation, string) {
	t.Helper()
	sim := newStateSimulation(t)
	var stdout strings.Builder
	store, err := openState(context.Background(), path, sim, &stdout)
	if err != nil {
		t.Fatalf("openState: %v (printed %q)", err, stdout.String())
	}
	return store, sim, stdout.String()
}

// applyAndSave makes each of ops on store's simulation and saves it, as
// serve does.
func applyAndSave(t *testing.T, store *stateStore, ops []core.Operation) {
	t.Helper()
	for _, op := range ops {
		if err := store.sim.Apply(context.Background(), op); err != nil {
			t.Fatal(err)
		}
		if err := store.save(); err != nil {
			t.Fatal(err)
		}
		if err := store.waitSaved(); err != nil {
			t.Fatal(err)
		}
	}
}

// journalOf returns the journal that follows the first follows of ops and
// holds the rest, as createJournal and save write it.
func journalOf(ops []core.Operation, follows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"format":"eeplay-journal","version":1,"follows":%d,"checksum":%q}`+"\n", follows, core.OperationsChecksum(ops[:follows]))
	for _, op := range ops[follows:] {
		encoded, _ := op.MarshalJSON()
		b.Write(encoded)
		b.WriteByte('\n')
	}
	return b.String()
}

// stateFile writes the simulation file of ops to dir/sim.json.
func stateFile(t *testing.T, dir string, ops []core.Operation) string {
	t.Helper()
	sim := newStateSimulation(t)
	if err := sim.Restore(context.Background(), ops); err != nil {
		t.Fatal(err)
	}
	data, err := core.MarshalSimulationFile(sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, "sim.json", data)
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestJournalRoundTrip checks that each change is appended to the journal
// as one line, the state file left as it was, and that the next start
// loads the state file and the journal, then rewrites the state file with
// both and removes the journal.
func TestJournalRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		// before is how many of the operations the state file holds
		// when the server starts (none: there is no state file).
		before int
	}{
		{"no state file", 0},
		{"a state file", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "sim.json")
			ops := counterOps(4, []byte("abc"))
			var file string
			if tt.before > 0 {
				file = readString(t, stateFile(t, dir, ops[:tt.before]))
			}
			store, _, _ := openStore(t, path)
			applyAndSave(t, store, ops[tt.before:])
			if got, want := readString(t, path+".journal"), journalOf(ops, tt.before); got != want {
				t.Errorf("journal:\n%s\nwant:\n%s", got, want)
			}
			if tt.before > 0 {
				if got := readString(t, path); got != file {
					t.Errorf("the state file changed before a rewrite:\n%s", got)
				}
			} else if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("the state file was written before a rewrite (%v)", err)
			}

			_, sim, printed := openStore(t, path)
			want := fmt.Sprintf("loading the simulation from %s: 5 operations, %d of them from %s.journal\n", path, 5-tt.before, path)
			if printed != want {
				t.Errorf("printed %q, want %q", printed, want)
			}
			if got := sim.Operations(); !reflect.DeepEqual(got, ops) {
				t.Errorf("loaded %+v, want %+v", got, ops)
			}
			assertRewritten(t, path, ops)
		})
	}
}

// assertRewritten checks that the state file at path holds ops and that
// no journal or temporary file is left beside it.
func assertRewritten(t *testing.T, path string, ops []core.Operation) {
	t.Helper()
	got, _, err := core.ParseSimulationFile([]byte(readString(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ops) {
		t.Errorf("the state file holds %d operations, want %d", len(got), len(ops))
	}
	if left, _ := filepath.Glob(path + ".*"); len(left) > 0 {
		t.Errorf("left %q", left)
	}
}

// TestJournalTornTail checks that a journal whose last line was cut short,
// by a kill while it was appended, loads without that line, says so, and
// is folded into the state file.
func TestJournalTornTail(t *testing.T) {
	ops := counterOps(3, []byte("abc"))
	whole := journalOf(ops, 2)
	lastRecord := whole[strings.LastIndexByte(whole[:len(whole)-1], '\n')+1:]
	tests := []struct {
		name   string
		tail   string
		loaded int
	}{
		{"a record without its newline", lastRecord[:len(lastRecord)-1], 3},
		{"half a record", lastRecord[:20], 3},
		{"one byte of a record", "{", 3},
		{"a whole journal", lastRecord, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := stateFile(t, dir, ops[:2])
			writeFile(t, dir, "sim.json.journal", []byte(journalOf(ops[:3], 2)+tt.tail))
			_, sim, printed := openStore(t, path)
			want := fmt.Sprintf("loading the simulation from %s: %d operations, %d of them from %s.journal\n", path, tt.loaded, tt.loaded-2, path)
			if tt.loaded == 3 {
				want += fmt.Sprintf("dropped the last %d bytes of %s.journal: a change cut short while it was saved, never acknowledged\n", len(tt.tail), path)
			}
			if printed != want {
				t.Errorf("printed %q\nwant    %q", printed, want)
			}
			if got := sim.Operations(); !reflect.DeepEqual(got, ops[:tt.loaded]) {
				t.Errorf("loaded %d operations, want %d", len(got), tt.loaded)
			}
			assertRewritten(t, path, ops[:tt.loaded])
		})
	}
}

// TestJournalErrors checks that a journal that is not one, or not this
// state file's, fails the load with a message naming it and the record,
// and changes nothing.
func TestJournalErrors(t *testing.T) {
	ops := counterOps(3, []byte("abc"))
	good := journalOf(ops, 2)
	lines := strings.SplitAfter(good, "\n")
	other := counterOps(3, []byte("xyz"))
	tests := []struct {
		name, journal, want string
	}{
		{"a corrupt record in the middle", lines[0] + lines[1][:10] + "\n" + lines[2],
			`load {J}: record at line 2 (operation 2): not an operation (unexpected EOF): the journal is corrupt`},
		{"an unknown key in a record", lines[0] + `{"create_shard_block":{"shard_index":5,"transactions":[],"slot":1}}` + "\n",
			`load {J}: record at line 2 (operation 2): not an operation (field "create_shard_block.slot": unknown field: want "shard_index" or "transactions"): the journal is corrupt`},
		{"an empty line", lines[0] + "\n" + lines[1],
			`load {J}: record at line 2 (operation 2) is empty: the journal is corrupt`},
		{"no whole header", `{"format":"eeplay-jou`,
			`load {J}: no whole header line: the journal is corrupt; move it away to load the state file alone`},
		{"a header that is not one", "[1,2]\n" + lines[1],
			`load {J}: line 1: not a journal header (want an object of "format", "version", "follows" and "checksum"): the journal is corrupt; move it away to load the state file alone`},
		{"another format", `{"format":"eeplay-simulation","version":1,"follows":0,"checksum":""}` + "\n",
			`load {J}: line 1: format is "eeplay-simulation", want "eeplay-journal": not an eeplay journal`},
		{"another version", `{"format":"eeplay-journal","version":2,"follows":0,"checksum":""}` + "\n",
			`load {J}: line 1: version 2 is not supported: this eeplay reads version 1`},
		{"following more than the state file holds", journalOf(ops, 3),
			`load {J}: it continues the first 3 operations of {F}, which holds 2: the journal belongs to another state file; move it away to load {F} alone`},
		{"following another state file", journalOf(other, 2),
			`load {J}: it continues operations that hash to ` + core.OperationsChecksum(other[:2]) + `, but the first 2 of {F} hash to ` + core.OperationsChecksum(ops[:2]) + `: the journal belongs to another state file, or the state file was edited; move it away to load {F} alone`},
		{"repeating another operation", journalOf(append(ops[:1:1], other[1:]...), 1),
			`load {J}: record at line 2 (operation 1) differs from operation 1 of {F}, which it should repeat: the journal belongs to another state file`},
		{"an operation that fails", lines[0] + `{"create_shard_block":{"shard_index":5,"transactions":[{"data":"0x","ee_index":7}]}}` + "\n",
			`load {F} with {J}: replay operation 2: create shard block on shard 5: transaction 0 (execution environment 7): no such execution environment: 1 exist`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := stateFile(t, dir, ops[:2])
			file := readString(t, path)
			journal := writeFile(t, dir, "sim.json.journal", []byte(tt.journal))
			var stdout strings.Builder
			_, err := openState(context.Background(), path, newStateSimulation(t), &stdout)
			want := strings.NewReplacer("{J}", journal, "{F}", path).Replace(tt.want)
			if err == nil || err.Error() != want {
				t.Errorf("openState: %v\nwant %s", err, want)
			}
			if readString(t, path) != file || readString(t, journal) != tt.journal {
				t.Error("a failed load changed the files")
			}
		})
	}
}

// TestJournalCompaction checks that the state file is rewritten, and the
// journal started again, once the journal outgrows it, and at close; and
// that a journal left by a rewrite that stopped before removing it, whose
// records the state file holds already, loads without doubling them.
func TestJournalCompaction(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sim.json")
	ops := counterOps(40, []byte(strings.Repeat("x", 1000)))
	store, _, _ := openStore(t, path)
	store.slack = 10 << 10
	var rewrites, maxJournal int
	for i, op := range ops {
		applyAndSave(t, store, []core.Operation{op})
		if store.inFile == i+1 {
			rewrites++
		}
		if info, err := os.Stat(path + ".journal"); err == nil {
			maxJournal = max(maxJournal, int(info.Size()))
		}
	}
	fileSize := int(store.size.file)
	if rewrites < 2 || maxJournal > fileSize+int(store.slack)+2100 {
		t.Errorf("%d rewrites, journal up to %d bytes with a state file of %d; want at least 2, and at most the state file's size, the slack and a record", rewrites, maxJournal, fileSize)
	}
	journal := readString(t, path+".journal")
	if err := store.close(); err != nil {
		t.Fatal(err)
	}
	assertRewritten(t, path, ops)

	// A rewrite that stopped before it removed the journal.
	writeFile(t, dir, "sim.json.journal", []byte(journal))
	_, sim, printed := openStore(t, path)
	if want := fmt.Sprintf("loading the simulation from %s: 41 operations, 0 of them from %s.journal\n", path, path); printed != want {
		t.Errorf("printed %q, want %q", printed, want)
	}
	if got := sim.Operations(); !reflect.DeepEqual(got, ops) {
		t.Errorf("loaded %d operations, want %d", len(got), len(ops))
	}
	assertRewritten(t, path, ops)
}

// TestJournalFailures checks that a failed append or sync of the journal
// fails the change's save, and that the next change rewrites the state
// file whole, so that nothing saved afterwards is lost.
func TestJournalFailures(t *testing.T) {
	ops := counterOps(3, []byte("abc"))
	tests := []struct {
		name string
		// fail breaks the journal and makes the change of op, returning
		// the error its save or its wait gives.
		fail func(store *stateStore, op core.Operation) error
		want string
	}{
		{"a failed append", func(store *stateStore, op core.Operation) error {
			store.journal.Close()
			store.sim.Apply(context.Background(), op)
			return store.save()
		}, "write {J}: file already closed"},
		{"a failed sync", func(store *stateStore, op core.Operation) error {
			store.sim.Apply(context.Background(), op)
			if err := store.save(); err != nil {
				return err
			}
			store.journal.Close()
			return store.waitSaved()
		}, "sync {J}: file already closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sim.json")
			store, _, _ := openStore(t, path)
			applyAndSave(t, store, ops[:2])
			err := tt.fail(store, ops[2])
			if want := strings.ReplaceAll(tt.want, "{J}", path+".journal"); err == nil || err.Error() != want {
				t.Fatalf("got %v, want %s", err, want)
			}
			more := counterOps(4, []byte("abc"))[4]
			applyAndSave(t, store, []core.Operation{more})
			if store.inFile != 4 {
				t.Errorf("the state file holds %d operations after the next change, want 4: it was not rewritten", store.inFile)
			}
			if err := store.close(); err != nil {
				t.Fatal(err)
			}
			assertRewritten(t, path, append(ops[:3:3], more))
		})
	}
}

// TestJournalConcurrentChanges makes changes from several goroutines, one
// at a time as the server does, each waiting for its sync outside that
// step: the journal must hold them in the order they were made, and a
// restart load them all.
func TestJournalConcurrentChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sim.json")
	store, sim, _ := openStore(t, path)
	applyAndSave(t, store, counterOps(0, nil))
	var changeMu sync.Mutex
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 25 {
				changeMu.Lock()
				_, err := sim.CreateShardBlock(context.Background(), uint64(g), []core.ShardTransaction{{EEIndex: 0, Data: []byte{byte(i)}}})
				if err == nil {
					err = store.save()
				}
				changeMu.Unlock()
				if err == nil {
					err = store.waitSaved()
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	ops := sim.Operations()
	if got, want := readString(t, path+".journal"), journalOf(ops, 0); got != want {
		t.Errorf("the journal does not hold the %d operations in order", len(ops))
	}
	_, reloaded, _ := openStore(t, path)
	if got := reloaded.Operations(); !reflect.DeepEqual(got, ops) {
		t.Errorf("loaded %d operations, want %d", len(got), len(ops))
	}
}
