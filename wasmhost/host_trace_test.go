package wasmhost_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// traced runs data on the probe, traced, with config on the engine kind.
func traced(t *testing.T, engine core.Engine, data []byte) (core.Trace, error) {
	t.Helper()
	program := compile(t, engine, testee.Wasm("probe")).(core.TracingProgram)
	_, trace, err := program.ExecuteTraced(context.Background(), preState, data)
	return trace, err
}

func u32(x uint32) *uint32 { return &x }

func TestTraceRecordsEveryHostCall(t *testing.T) {
	data := testee.Probe{}.Store(0, []byte("hi")).Op(testee.OpPrint, 0, 2).Op(testee.OpUseTicks, 5).
		Op(testee.OpLoadPreStateRoot, 64).Op(testee.OpSavePostStateRoot, memoryEnd)
	size := uint32(len(data))
	want := core.Trace{Calls: []core.HostCall{
		{Function: "eth2_blockDataSize", Args: []core.HostCallArg{}, Result: u32(size)},
		{Function: "eth2_blockDataSize", Args: []core.HostCallArg{}, Result: u32(size)},
		{Function: "eth2_blockDataCopy", Args: []core.HostCallArg{{Name: "ptr", Value: 0x8000, Pointer: true}, {Name: "offset"}, {Name: "length", Value: uint64(size)}},
			Written: []core.MemoryBytes{{Offset: 0x8000, Bytes: core.HexBytes(data)}}},
		{Function: "print", Args: []core.HostCallArg{{Name: "ptr", Pointer: true}, {Name: "length", Value: 2}},
			Read: []core.MemoryBytes{{Offset: 0, Bytes: []byte("hi")}}},
		{Function: "eth2_useTicks", Args: []core.HostCallArg{{Name: "ticks", Value: 5}}, Ticks: 5},
		{Function: "eth2_loadPreStateRoot", Args: []core.HostCallArg{{Name: "ptr", Value: 64, Pointer: true}}, Ticks: 5,
			Written: []core.MemoryBytes{{Offset: 64, Bytes: preState[:]}}},
		{Function: "eth2_savePostStateRoot", Args: []core.HostCallArg{{Name: "ptr", Value: uint64(memoryEnd), Pointer: true}}, Ticks: 5,
			Error: "memory access out of bounds: 32 bytes at offset 131072, but memory is 131072 bytes"},
	}}
	check := func(t *testing.T, engine core.Engine) {
		trace, err := traced(t, engine, data)
		if err == nil {
			t.Fatal("ExecuteTraced succeeded, want the failure the trace ends with")
		}
		if got, want := traceText(t, trace), traceText(t, want); got != want {
			t.Errorf("trace =\n%s\nwant\n%s", got, want)
		}
	}
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		check(t, newEngine(t, wasmhost.Config{Engine: kind}))
	})
	t.Run("cross-check", func(t *testing.T) { check(t, newCrossCheck(t, wasmhost.Config{})) })
}

// traceText is trace as indented JSON, for comparisons whose failures show
// where traces differ.
func traceText(t *testing.T, trace core.Trace) string {
	t.Helper()
	b, err := json.MarshalIndent(trace, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestTraceNestsChildCalls(t *testing.T) {
	data := callChild(expose(childProbe(), "callback"), 0, "run", callbackOps(childOps().Op(testee.OpUseTicks, 3)), 8)
	forEachEngine(t, func(t *testing.T, kind wasmhost.EngineKind) {
		trace, err := traced(t, newEngine(t, wasmhost.Config{Engine: kind}), data)
		if err != nil {
			t.Fatalf("ExecuteTraced: %v", err)
		}
		var callModule *core.HostCall
		for i := range trace.Calls {
			if trace.Calls[i].Function == "eth2_callModule" {
				callModule = &trace.Calls[i]
			}
		}
		if callModule == nil {
			t.Fatalf("no eth2_callModule in the trace: %s", traceText(t, trace))
		}
		// The child reads its argument, calls back, returns; the callback
		// reads its argument and charges ticks.
		var got []string
		var walk func(calls []core.HostCall, depth int)
		walk = func(calls []core.HostCall, depth int) {
			for _, c := range calls {
				got = append(got, strings.Repeat("  ", depth)+c.Function)
				walk(c.Calls, depth+1)
			}
		}
		walk(callModule.Calls, 0)
		want := []string{"eth2_argument", "eth2_call", "  eth2_argument", "  eth2_useTicks", "eth2_return"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("calls under eth2_callModule:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if callModule.Ticks != 3 || callModule.Result == nil {
			t.Errorf("eth2_callModule: ticks %d, result %v; want 3 and a result", callModule.Ticks, callModule.Result)
		}
	})
}

func TestTraceIsCutAtItsBounds(t *testing.T) {
	// useTicks once per iteration until the budget runs out: more calls
	// than MaxTraceCalls.
	calls := testee.Probe{}.Op(testee.OpLoopForever)
	// Copies of 28 KiB of block data: more bytes than MaxTraceBytes.
	var copies testee.Probe
	for range core.MaxTraceBytes/0x7000 + 1 {
		copies = copies.Op(testee.OpBlockDataCopy, 0, 0, 0x7000)
	}
	copies = copies.Store(0x1a000, make([]byte, 0x7000))
	tests := []struct {
		name, cut string
		data      []byte
		lastError string
	}{
		{"calls", "the trace stops after 100000 host calls (MaxTraceCalls); the transaction ran on", calls, ""},
		{"bytes", "the trace stops where the bytes moved between the EE and the host would pass 16777216 (MaxTraceBytes); the transaction ran on", copies, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			engine := newEngine(t, wasmhost.Config{TickBudget: core.MaxTraceCalls + 10})
			trace, _ := traced(t, engine, tt.data)
			if trace.Cut != tt.cut {
				t.Errorf("cut = %q, want %q", trace.Cut, tt.cut)
			}
			if len(trace.Calls) > core.MaxTraceCalls {
				t.Errorf("the trace holds %d calls, more than MaxTraceCalls", len(trace.Calls))
			}
		})
	}
}
