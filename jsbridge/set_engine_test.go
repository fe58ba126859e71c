//go:build js && wasm

package jsbridge

import (
	"context"
	"slices"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/internal/testee"
)

func TestSetEngine(t *testing.T) {
	b := newBridge(t)
	if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != "wazero" {
		t.Errorf("engine at start = %q, want wazero", got)
	}
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	block := map[string]any{"shardIndex": 2, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x0102"}}}
	call(t, b, "createShardBlock", block)
	for i, engine := range []string{"browser", "cross-check", "wazero", "browser"} {
		if got := call(t, b, "setEngine", map[string]any{"engine": engine}).Get("engine").String(); got != engine {
			t.Errorf("setEngine(%s) = %q", engine, got)
		}
		if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != engine {
			t.Errorf("engine = %q, want %s", got, engine)
		}
		// The EE from before runs on, on the new engine.
		call(t, b, "createShardBlock", block)
		assertState(t, b, 2, counterRoot(byte(2*(i+2))))
	}
	// A reset keeps the engine.
	call(t, b, "reset", map[string]any{})
	if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != "browser" {
		t.Errorf("engine after reset = %q, want browser", got)
	}
}

func TestSetEngineErrors(t *testing.T) {
	b := newBridge(t)
	for _, tt := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{"engine": "v8"}, `setEngine: unknown engine "v8": want "wazero", "browser" or "cross-check"`},
		{map[string]any{}, "setEngine: engine: want a string, got nothing"},
	} {
		_, err := b.Call(context.Background(), "setEngine", js.ValueOf(tt.params))
		if err == nil || err.Error() != tt.want {
			t.Errorf("setEngine(%v) error = %v, want %s", tt.params, err, tt.want)
		}
	}
	if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != "wazero" {
		t.Errorf("engine after the errors = %q, want wazero", got)
	}
}

func TestCheckEngine(t *testing.T) {
	b := newBridge(t)
	for _, tt := range []struct {
		engine, want string
	}{
		{"wazero", `{"engine":"wazero"}`},
		{"browser", `{"engine":"browser"}`},
		{"cross-check", `{"engine":"cross-check"}`},
		{"turbo", `{"unknown":"unknown engine \"turbo\": want \"wazero\", \"browser\" or \"cross-check\""}`},
		{"Browser", `{"unknown":"unknown engine \"Browser\": want \"wazero\", \"browser\" or \"cross-check\""}`},
	} {
		got := js.Global().Get("JSON").Call("stringify", call(t, b, "checkEngine", map[string]any{"engine": tt.engine})).String()
		if got != tt.want {
			t.Errorf("checkEngine(%q) = %s, want %s", tt.engine, got, tt.want)
		}
	}
	if _, err := b.Call(context.Background(), "checkEngine", js.ValueOf(map[string]any{"engine": 8})); err == nil || err.Error() != "checkEngine: engine: want a string, got 8" {
		t.Errorf("checkEngine(8) error = %v", err)
	}
	if got := call(t, b, "getOverview", map[string]any{}).Get("engine").String(); got != "wazero" {
		t.Errorf("engine after checkEngine = %q, want wazero", got)
	}
}

func TestSetEngineRecompilesTheTokenEE(t *testing.T) {
	b := newBridge(t)
	genesis := attachToken(t, b, 10).Get("accounts")
	// The comparison of each new block runs the token EE once more, on the
	// program compiled for the new engine: the old engine is closed.
	call(t, b, "setEngine", map[string]any{"engine": "browser"})
	built := call(t, b, "tokenBuild", map[string]any{"proof": "multi", "transfers": []any{
		map[string]any{"sender": genesis.Index(0).Get("address"), "recipient": 7, "amount": 1},
	}})
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{
		map[string]any{"eeIndex": 0, "data": built.Get("data")},
	}})
	status := call(t, b, "tokenStatus", map[string]any{})
	if !status.Get("inSync").Bool() || status.Get("comparisons").Length() != 1 {
		t.Errorf("after a block on the browser engine: inSync %v, %d comparisons", status.Get("inSync"), status.Get("comparisons").Length())
	}
}

func TestCreateShardBlockReportsProgress(t *testing.T) {
	b := newBridge(t)
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	var calls [][2]int
	onProgress := js.FuncOf(func(_ js.Value, args []js.Value) any {
		calls = append(calls, [2]int{args[0].Int(), args[1].Int()})
		return nil
	})
	defer onProgress.Release()
	tx := map[string]any{"eeIndex": 0, "data": "0x01"}
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 0, "transactions": []any{tx, tx, tx}, "onProgress": onProgress})
	// The next calls come only after progressInterval: these transactions
	// take far less.
	if want := [][2]int{{0, 3}}; !slices.Equal(calls, want) {
		t.Errorf("onProgress calls = %v, want %v", calls, want)
	}
}
