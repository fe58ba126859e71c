//go:build js && wasm

package jsbridge

import (
	"context"
	"strconv"
	"syscall/js"

	"github.com/eeplay/eeplay/core"
)

// traceTransaction returns {receipt, trace}: transaction
// params.transactionIndex of block params.blockIndex on shard
// params.shardIndex run again on its recorded pre-state, and every host
// call it made (core.Simulation.TraceTransaction). Nothing changes.
func traceTransaction(ctx context.Context, b *Bridge, params js.Value) (any, error) {
	shard, block, tx, err := transactionPosition(params)
	if err != nil {
		return nil, err
	}
	receipt, trace, err := b.sim.TraceTransaction(ctx, shard, block, tx)
	if err != nil {
		return nil, err
	}
	value := map[string]any{"calls": hostCallValues(trace.Calls)}
	if trace.Cut != "" {
		value["cut"] = trace.Cut
	}
	return map[string]any{"receipt": receiptValue(receipt), "trace": value}, nil
}

// transactionPosition is params' {shardIndex, blockIndex,
// transactionIndex}.
func transactionPosition(params js.Value) (shard, block, tx uint64, err error) {
	if shard, err = indexParam(params, "shardIndex"); err != nil {
		return 0, 0, 0, err
	}
	if block, err = indexParam(params, "blockIndex"); err != nil {
		return 0, 0, 0, err
	}
	if tx, err = indexParam(params, "transactionIndex"); err != nil {
		return 0, 0, 0, err
	}
	return shard, block, tx, nil
}

// hostCallValues gives each call as {function, args, result?, read,
// written, ticks, error?, calls}.
func hostCallValues(calls []core.HostCall) []any {
	out := make([]any, len(calls))
	for i, c := range calls {
		call := map[string]any{
			"function": c.Function,
			"args":     hostCallArgValues(c),
			"read":     memoryBytesValues(c.Read),
			"written":  memoryBytesValues(c.Written),
			"ticks":    c.Ticks,
			"calls":    hostCallValues(c.Calls),
		}
		if c.Result != nil {
			call["result"] = *c.Result
		}
		if c.Error != "" {
			call["error"] = c.Error
		}
		out[i] = call
	}
	return out
}

// hostCallArgValues gives each argument as {name, value, pointer}: value a
// number for an i32, which any JavaScript number holds, and a BigInt for
// debug_print64's i64, which may not fit one.
func hostCallArgValues(c core.HostCall) []any {
	out := make([]any, len(c.Args))
	for i, a := range c.Args {
		var value any = a.Value
		if c.Function == "debug_print64" {
			value = js.Global().Get("BigInt").Invoke(strconv.FormatUint(a.Value, 10))
		}
		out[i] = map[string]any{"name": a.Name, "value": value, "pointer": a.Pointer}
	}
	return out
}

func memoryBytesValues(list []core.MemoryBytes) []any {
	out := make([]any, len(list))
	for i, m := range list {
		out[i] = map[string]any{"offset": m.Offset, "bytes": uint8Array(m.Bytes)}
	}
	return out
}
