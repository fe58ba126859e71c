package core_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// blockOutcome is everything a block's execution shows from outside.
type blockOutcome struct {
	err      string
	states   []core.Root
	receipts []core.Receipt
}

// runFuzzBlock runs a two-transaction block with data on a fresh
// simulation holding the probe and counter EEs; eeChoice picks the first
// transaction's EE, possibly one that does not exist.
func runFuzzBlock(t *testing.T, data []byte, eeChoice uint8) blockOutcome {
	// A small budget ends runaway probes (opcode 0x16) quickly.
	sim := newSimulation(t, wasmhost.Config{TickBudget: 10_000})
	probe := createEE(t, sim, "probe", core.Root{1})
	createEE(t, sim, "counter", core.Root{2})
	before := shardStates(t, sim, 0)

	_, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{
		{EEIndex: uint64(eeChoice % 3), Data: data},
		{EEIndex: probe, Data: data},
	})
	outcome := blockOutcome{states: shardStates(t, sim, 0)}
	if err != nil {
		var txErr *core.TransactionError
		if !errors.As(err, &txErr) {
			t.Fatalf("a failed block's error is not a *core.TransactionError: %v", err)
		}
		if !reflect.DeepEqual(outcome.states, before) {
			t.Fatalf("a rejected block changed the states from %v to %v", before, outcome.states)
		}
		if _, err := sim.GetShardBlock(0, 0); err == nil {
			t.Fatal("a rejected block was stored")
		}
		outcome.err = err.Error()
		return outcome
	}
	record, err := sim.GetShardBlock(0, 0)
	if err != nil {
		t.Fatalf("an accepted block was not stored: %v", err)
	}
	outcome.receipts = record.Receipts
	return outcome
}

// FuzzCreateShardBlock runs blocks with arbitrary data: the simulation must
// never panic, must stay unchanged when it rejects a block, and must give
// the same outcome every time.
func FuzzCreateShardBlock(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add([]byte(testee.Probe{}.Op(testee.OpLoadPreStateRoot, 0).Op(testee.OpSavePostStateRoot, 0)), uint8(0))
	f.Add([]byte(testee.Probe{}.Store(0, []byte("x")).Op(testee.OpEmitLog, 0, 1).Op(testee.OpUseTicks, 5)), uint8(1))
	f.Add([]byte(testee.Probe{}.Op(testee.OpDiv256, 0, 0, 0)), uint8(2))
	f.Add([]byte(testee.Probe{}.Op(testee.OpLoopForever)), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, eeChoice uint8) {
		first := runFuzzBlock(t, data, eeChoice)
		second := runFuzzBlock(t, data, eeChoice)
		if !reflect.DeepEqual(first, second) {
			t.Fatalf("the same block gave two outcomes:\n%+v\n%+v", first, second)
		}
	})
}
