//go:build js && wasm

package jsbridge

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/internal/testee"
)

func TestTraceTransaction(t *testing.T) {
	b := newBridge(t)
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("probe"))})
	data := testee.Probe{}.Store(0, []byte("hello")).
		Op(testee.OpEmitLog, 0, 5).
		Op(testee.OpPrint64, 0xffffffff, 0xffffffff).
		Op(testee.OpSavePostStateRoot, 0)
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{
		map[string]any{"eeIndex": 0, "data": uint8Array(testee.Probe{}.Op(testee.OpUseTicks, 1))},
		map[string]any{"eeIndex": 0, "data": uint8Array(data)},
	}})

	got := call(t, b, "traceTransaction", map[string]any{"shardIndex": 3, "blockIndex": 0, "transactionIndex": 1})
	stored := call(t, b, "getShardBlock", map[string]any{"shardIndex": 3, "blockIndex": 0}).Get("receipts").Index(1)
	json := js.Global().Get("JSON")
	for _, field := range []string{"preState", "postState", "ticks", "logs", "debug", "deposits", "modules"} {
		if a, b := json.Call("stringify", got.Get("receipt").Get(field)).String(), json.Call("stringify", stored.Get(field)).String(); a != b {
			t.Errorf("traced receipt's %s = %s, want the stored %s", field, a, b)
		}
	}
	trace := got.Get("trace")
	if !trace.Get("cut").IsUndefined() {
		t.Errorf("cut = %s, want none", describe(trace.Get("cut")))
	}
	calls := trace.Get("calls")
	var functions []string
	for i := range calls.Length() {
		functions = append(functions, calls.Index(i).Get("function").String())
	}
	// The probe reads its block data first: its size (twice), then the bytes.
	want := "eth2_blockDataSize eth2_blockDataSize eth2_blockDataCopy eth2_emitLog debug_print64 eth2_savePostStateRoot"
	if strings.Join(functions, " ") != want {
		t.Fatalf("functions = %s, want %s", strings.Join(functions, " "), want)
	}

	emit := calls.Index(3)
	args := emit.Get("args")
	if args.Length() != 2 || args.Index(0).Get("value").Int() != 0 || !args.Index(0).Get("pointer").Bool() ||
		args.Index(1).Get("value").Int() != 5 || args.Index(1).Get("pointer").Bool() {
		t.Errorf("eth2_emitLog args = %s", json.Call("stringify", args))
	}
	read := emit.Get("read")
	if read.Length() != 1 || read.Index(0).Get("offset").Int() != 0 || string(goBytes(t, read.Index(0).Get("bytes"))) != "hello" {
		t.Errorf("eth2_emitLog read %d pieces", read.Length())
	}
	if emit.Get("written").Length() != 0 || emit.Get("calls").Length() != 0 || !emit.Get("result").IsUndefined() || !emit.Get("error").IsUndefined() {
		t.Errorf("eth2_emitLog = %s", json.Call("stringify", emit))
	}

	// Past 2^53, an i64 is a BigInt.
	value := calls.Index(4).Get("args").Index(0).Get("value")
	// syscall/js knows no BigInt: ask JavaScript.
	described := js.Global().Get("Function").New("v", "return typeof v + ' ' + String(v)").Invoke(value).String()
	if described != "bigint 18446744073709551615" {
		t.Errorf("debug_print64's value = %s, want bigint 18446744073709551615", described)
	}

	save := calls.Index(5)
	saved := save.Get("read").Index(0).Get("bytes")
	if post := stored.Get("postState").String(); "0x"+hexOf(goBytes(t, saved)) != post {
		t.Errorf("eth2_savePostStateRoot read 0x%x, want the post-state %s", goBytes(t, saved), post)
	}
	if save.Get("ticks").Int() != 0 {
		t.Errorf("ticks = %d, want 0", save.Get("ticks").Int())
	}

	size := calls.Index(0)
	if size.Get("result").Type() != js.TypeNumber || size.Get("result").Int() != len(data) {
		t.Errorf("eth2_blockDataSize result = %s", describe(size.Get("result")))
	}
}

func TestTraceTransactionBadInput(t *testing.T) {
	b := newBridge(t)
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x01"}}})
	for _, c := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{"shardIndex": 3, "blockIndex": 9, "transactionIndex": 0}, "trace transaction: shard 3 has no block 9: it has 1"},
		{map[string]any{"shardIndex": 3, "blockIndex": 0, "transactionIndex": 1}, "trace transaction: block 0 on shard 3 has no transaction 1: it has 1"},
		{map[string]any{"shardIndex": 64, "blockIndex": 0, "transactionIndex": 0}, "trace transaction: shard 64 does not exist: ShardCount is 64"},
		{map[string]any{"shardIndex": 3, "blockIndex": 0}, "traceTransaction: transactionIndex: want a non-negative integer, got nothing"},
	} {
		_, err := b.Call(ctx, "traceTransaction", js.ValueOf(c.params))
		if err == nil || err.Error() != c.want {
			t.Errorf("traceTransaction(%v) = %v, want %s", c.params, err, c.want)
		}
	}
}
