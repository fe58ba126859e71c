//go:build js && wasm

package jsbridge

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

func TestProfileTransaction(t *testing.T) {
	for _, engine := range []string{"wazero", "cross-check"} {
		t.Run(engine, func(t *testing.T) {
			b := newBridge(t)
			call(t, b, "setEngine", map[string]any{"engine": engine})
			call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("profile_tree"))})
			call(t, b, "createShardBlock", map[string]any{"shardIndex": 1, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x"}}})

			got := call(t, b, "profileTransaction", map[string]any{"shardIndex": 1, "blockIndex": 0, "transactionIndex": 0})
			stored := call(t, b, "getShardBlock", map[string]any{"shardIndex": 1, "blockIndex": 0}).Get("receipts").Index(0)
			if a, b := got.Get("receipt").Get("postState").String(), stored.Get("postState").String(); a != b {
				t.Errorf("profiled post-state %s, want the stored %s", a, b)
			}
			profile := got.Get("profile")
			measured := regexp.MustCompile(`^mean of [0-9]+ runs: wall-clock time on wazero's interpreter, .*; the browser's clock steps by up to 0.1 ms`)
			if measure := profile.Get("measure").String(); !measured.MatchString(measure) {
				t.Errorf("measure = %q", measure)
			}
			var nodes []string
			tree := profile.Get("tree")
			for i := range tree.Length() {
				n := tree.Index(i)
				nodes = append(nodes, fmt.Sprintf("%s<%d calls=%d ticks=%d/%d", n.Get("name").String(), n.Get("caller").Int(), n.Get("calls").Int(), n.Get("selfTicks").Int(), n.Get("totalTicks").Int()))
				if n.Get("totalNanos").Float() < n.Get("selfNanos").Float() {
					t.Errorf("node %d: total below self", i)
				}
			}
			want := "main<-1 calls=1 ticks=0/9 a<0 calls=2 ticks=0/6 b<1 calls=2 ticks=6/6 b<0 calls=1 ticks=3/3 down<0 calls=1 ticks=0/0"
			if strings.Join(nodes, " ") != want {
				t.Errorf("tree = %s\nwant   %s", strings.Join(nodes, " "), want)
			}
			functions := profile.Get("functions")
			if functions.Length() != 4 {
				t.Errorf("%d functions, want 4 (main, a, b, down)", functions.Length())
			}
			if !profile.Get("cut").IsUndefined() {
				t.Errorf("cut = %s", describe(profile.Get("cut")))
			}
		})
	}
}

func TestProfileTransactionBadInput(t *testing.T) {
	b := newBridge(t)
	call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(testee.Wasm("counter"))})
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{map[string]any{"eeIndex": 0, "data": "0x01"}}})
	cases := []struct {
		name   string
		engine string
		params map[string]any
		want   string
	}{
		{"no such block", "wazero", map[string]any{"shardIndex": 3, "blockIndex": 9, "transactionIndex": 0}, "profile transaction: shard 3 has no block 9: it has 1"},
		{"no such transaction", "wazero", map[string]any{"shardIndex": 3, "blockIndex": 0, "transactionIndex": 1}, "profile transaction: block 0 on shard 3 has no transaction 1: it has 1"},
		{"no such shard", "wazero", map[string]any{"shardIndex": 64, "blockIndex": 0, "transactionIndex": 0}, "profile transaction: shard 64 does not exist: ShardCount is 64"},
		{"no index", "wazero", map[string]any{"shardIndex": 3, "blockIndex": 0}, "profileTransaction: transactionIndex: want a non-negative integer, got nothing"},
		{"browser engine", "browser", map[string]any{"shardIndex": 3, "blockIndex": 0, "transactionIndex": 0}, "profile transaction: the engine cannot measure each function: it gives no hook on a function's entry and exit; wazero's engines can"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			call(t, b, "setEngine", map[string]any{"engine": c.engine})
			_, err := b.Call(ctx, "profileTransaction", js.ValueOf(c.params))
			if err == nil || err.Error() != c.want {
				t.Errorf("profileTransaction(%v) = %v, want %s", c.params, err, c.want)
			}
		})
	}
}

func TestMeanProfile(t *testing.T) {
	run := func(nanos ...uint64) core.Profile {
		return core.Profile{
			Measure: "time",
			Functions: []core.FunctionProfile{
				{Name: "main", Calls: 1, SelfNanos: nanos[0], TotalNanos: nanos[1], TotalTicks: 5},
				{Name: "f", Calls: 2, SelfNanos: nanos[2], TotalNanos: nanos[2], SelfTicks: 5, TotalTicks: 5},
			},
			Tree: []core.ProfileNode{
				{Name: "main", Caller: -1, Calls: 1, SelfNanos: nanos[0], TotalNanos: nanos[1], TotalTicks: 5},
				{Name: "f", Caller: 0, Calls: 2, SelfNanos: nanos[2], TotalNanos: nanos[2], SelfTicks: 5, TotalTicks: 5},
			},
		}
	}
	meanOf := func(runs ...core.Profile) core.Profile {
		var sum profileSum
		for _, r := range runs {
			sum.add(r)
		}
		return sum.mean()
	}
	got := meanOf(run(100, 400, 300), run(300, 400, 100), run(200, 400, 0))
	want := core.Profile{
		Measure: "mean of 3 runs: time",
		Functions: []core.FunctionProfile{
			{Name: "main", Calls: 1, SelfNanos: 200, TotalNanos: 400, TotalTicks: 5},
			{Name: "f", Calls: 2, SelfNanos: 133, TotalNanos: 133, SelfTicks: 5, TotalTicks: 5},
		},
		Tree: []core.ProfileNode{
			{Name: "main", Caller: -1, Calls: 1, SelfNanos: 200, TotalNanos: 400, TotalTicks: 5},
			{Name: "f", Caller: 0, Calls: 2, SelfNanos: 133, TotalNanos: 133, SelfTicks: 5, TotalTicks: 5},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mean of three runs =\n%+v\nwant\n%+v", got, want)
	}
	if one := run(1, 2, 3); !reflect.DeepEqual(meanOf(one), one) {
		t.Errorf("the mean of one run is not the run")
	}
}
