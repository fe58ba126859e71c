package core_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// randomModuleConfig has small limits, so that random modules reach them.
var randomModuleConfig = wasmhost.Config{TickBudget: 1000, MaxMemoryPages: 4, MaxReceiptBytes: 4096}

// crossCheckEngines makes the engine FuzzRandomModuleBlock runs on:
// wazero's interpreter checked against the other engine of this platform
// (the compiler natively, the browser's WebAssembly under js/wasm), or the
// interpreter alone where there is no other. It starts afresh every
// 200 uses, since a simulation's compiled modules live as long as their
// engine.
type crossCheckEngines struct {
	t       testing.TB
	uses    int
	engines []*wasmhost.Engine
	engine  core.Engine
}

func (c *crossCheckEngines) get() core.Engine {
	if c.engine != nil && c.uses < 200 {
		c.uses++
		return c.engine
	}
	c.close()
	c.uses = 1
	var kinds []wasmhost.EngineKind
	for _, kind := range wasmhost.AvailableEngineKinds() {
		if kind != wasmhost.Interpreter {
			kinds = append(kinds, kind)
		}
	}
	kinds = append([]wasmhost.EngineKind{wasmhost.Interpreter}, kinds[:min(len(kinds), 1)]...)
	for _, kind := range kinds {
		config := randomModuleConfig
		config.Engine = kind
		engine, err := wasmhost.New(ctx, config)
		if err != nil {
			c.t.Fatal(err)
		}
		c.engines = append(c.engines, engine)
	}
	if len(c.engines) == 1 {
		c.engine = c.engines[0]
	} else {
		c.engine = wasmhost.CrossCheck{Reference: c.engines[0], Candidate: c.engines[1]}
	}
	return c.engine
}

func (c *crossCheckEngines) close() {
	for _, e := range c.engines {
		e.Close(ctx)
	}
	c.engines, c.engine = nil, nil
}

// randomBlockOutcome is everything a block's execution shows from outside.
type randomBlockOutcome struct {
	err      string
	states   []core.Root
	receipts []core.Receipt
	slot     uint64
}

// runRandomBlock creates the EE code on a fresh simulation and runs a
// block of two transactions with data on it, on shard 5; it checks that
// a rejected block changes nothing.
func runRandomBlock(t *testing.T, engine core.Engine, code, data []byte) randomBlockOutcome {
	sim := core.NewSimulation(engine)
	ee, err := sim.CreateExecutionEnvironment(ctx, code, core.Root{0xee, 1})
	if err != nil {
		t.Fatalf("a generated module was rejected: %v", err)
	}
	other := createEE(t, sim, "counter", core.Root{})
	const shard = 5
	before := shardStates(t, sim, shard)
	_, err = sim.CreateShardBlock(ctx, shard, []core.ShardTransaction{
		{EEIndex: ee, Data: data},
		{EEIndex: other, Data: data},
		{EEIndex: ee, Data: data[:len(data)/2]},
	})
	outcome := randomBlockOutcome{states: shardStates(t, sim, shard), slot: sim.Slot()}
	if err == nil {
		record, err := sim.GetShardBlock(shard, 0)
		if err != nil {
			t.Fatalf("an accepted block was not stored: %v", err)
		}
		outcome.receipts = record.Receipts
		if outcome.slot != 1 {
			t.Fatalf("slot %d after one block", outcome.slot)
		}
		return outcome
	}
	outcome.err = err.Error()
	if strings.Contains(outcome.err, "cross-check:") {
		t.Fatalf("the engines disagree: %v", err)
	}
	var txErr *core.TransactionError
	if !errors.As(err, &txErr) {
		t.Fatalf("a failed block's error is not a *core.TransactionError: %v", err)
	}
	if !reflect.DeepEqual(outcome.states, before) || outcome.slot != 0 {
		t.Fatalf("a rejected block changed the states from %v to %v, or the slot to %d", before, outcome.states, outcome.slot)
	}
	if n, _ := sim.ShardBlockCount(shard); n != 0 {
		t.Fatal("a rejected block was stored")
	}
	if r := txErr.Receipt; r.Ticks > randomModuleConfig.TickBudget {
		t.Fatalf("a failed transaction used %d ticks of %d", r.Ticks, randomModuleConfig.TickBudget)
	}
	return outcome
}

// FuzzRandomModuleBlock builds a valid EE from random bytes
// (testee.RandomModule) and runs it in a block: the module must compile,
// nothing may panic, a rejected block must change nothing, the outcome
// must be the same twice, and, where the platform has a second engine,
// wazero's interpreter and that engine must agree on every transaction
// (wasmhost.CrossCheck reports any difference as an error starting
// "cross-check:"). Each receipt must stay within MaxReceiptBytes.
func FuzzRandomModuleBlock(f *testing.F) {
	// Statement kinds: 0/1 host call, 2 local.set, 3 store, 4 grow, 5 loop,
	// 6 if, 7 i64 (0xff: unreachable); see testee.RandomModule. The seeds
	// reach success, host functions failing out of bounds, abort, a trap
	// in wasm, unreachable and the tick budget.
	f.Add([]byte{}, []byte{})
	f.Add([]byte{1, 0, 0, 1, 3, 0}, []byte("data"))
	f.Add([]byte{1, 0, 0, 1, 0, 7, 1, 0, 0, 0}, []byte{})
	f.Add([]byte{1, 0, 0, 3, 6, 0, 0, 0, 5, 0, 0, 4}, []byte("block data"))
	f.Add([]byte{2, 0, 5, 8, 1, 0, 7, 0, 1, 0, 9}, []byte{})
	f.Add([]byte{0, 0, 4, 3, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0}, []byte{1, 2})
	f.Add([]byte{0, 0, 0, 17, 2, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0}, []byte{})
	f.Add([]byte{0, 0, 5, 7, 3, 0, 5, 7, 1, 0, 4, 3, 0, 0, 9, 0, 9}, []byte("xyz"))
	f.Add([]byte{0, 0, 0, 16, 1, 0, 1, 32, 1, 64, 1, 96}, []byte{})
	f.Add([]byte{0, 0, 0xff}, []byte{})
	f.Add([]byte{0, 0, 2, 9, 1, 0, 0, 0, 7, 4}, []byte{})
	f.Add([]byte{0, 0, 0, 5, 2, 0xff, 0xff, 0xff, 0xff}, []byte{})
	engines := &crossCheckEngines{t: f}
	f.Cleanup(engines.close)
	f.Fuzz(func(t *testing.T, choices, data []byte) {
		code := testee.RandomModule(choices)
		if len(data) > 1024 {
			data = data[:1024]
		}
		engine := engines.get()
		first := runRandomBlock(t, engine, code, data)
		second := runRandomBlock(t, engine, code, slices.Clone(data))
		if !reflect.DeepEqual(first, second) {
			t.Fatalf("the same block gave two outcomes:\n%+v\n%+v", first, second)
		}
		for i, r := range first.receipts {
			size := 0
			for _, entries := range [][]core.HexBytes{r.Deposits, r.Logs} {
				for _, e := range entries {
					size += len(e) + 4
				}
			}
			for _, line := range r.Debug {
				size += len(line) + 4
			}
			if size > randomModuleConfig.MaxReceiptBytes || r.Ticks > randomModuleConfig.TickBudget {
				t.Fatalf("receipt %d takes %d bytes and %d ticks, over the limits", i, size, r.Ticks)
			}
		}
	})
}
