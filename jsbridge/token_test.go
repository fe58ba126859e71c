//go:build js && wasm

package jsbridge

import (
	"syscall/js"
	"testing"

	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
)

// attachToken creates the token EE with the genesis of accounts and seed 1
// on b and attaches a provider to it on shard 3.
func attachToken(t *testing.T, b *Bridge, accounts int) js.Value {
	t.Helper()
	genesis := call(t, b, "tokenGenesis", map[string]any{"accounts": accounts, "seed": 1})
	ee := call(t, b, "createExecutionEnvironment", map[string]any{"wasmCode": uint8Array(scripts.Token), "initialState": genesis.Get("root").String()})
	return call(t, b, "tokenAttach", map[string]any{"eeIndex": ee.Get("eeIndex").Int(), "shardIndex": 3, "accounts": accounts, "seed": 1})
}

func TestToken(t *testing.T) {
	b := newBridge(t)
	genesis, err := token.RandomGenesis(1, 5)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := token.NewTree(genesis)
	if err != nil {
		t.Fatal(err)
	}
	status := attachToken(t, b, 5)
	if got, want := status.Get("root").String(), tree.Root().String(); got != want {
		t.Errorf("root = %s, want %s", got, want)
	}
	if !status.Get("inSync").Bool() || status.Get("accounts").Length() != 5 || status.Get("comparisons").Length() != 0 {
		t.Errorf("status after attaching: inSync %v, %d accounts, %d comparisons", status.Get("inSync"), status.Get("accounts").Length(), status.Get("comparisons").Length())
	}

	sender, recipient := uint32(genesis[0].Address), uint32(genesis[1].Address)
	built := call(t, b, "tokenBuild", map[string]any{"proof": "multi", "transfers": []any{
		map[string]any{"sender": sender, "recipient": recipient, "amount": 10},
		map[string]any{"sender": sender, "recipient": 7, "amount": 1},
	}})
	if got := built.Get("transfers").Index(1).Get("nonce").Int(); got != 1 {
		t.Errorf("second transfer's nonce = %d, want 1", got)
	}
	if got := built.Get("shape").Get("leaves").Length(); got != 3 {
		t.Errorf("%d leaves in the proof, want 3", got)
	}
	call(t, b, "createShardBlock", map[string]any{"shardIndex": 3, "transactions": []any{
		map[string]any{"eeIndex": 0, "data": built.Get("data")},
	}})

	status = call(t, b, "tokenStatus", map[string]any{})
	if !status.Get("inSync").Bool() || status.Get("followedBlocks").Int() != 1 {
		t.Fatalf("after a block: inSync %v, followedBlocks %v, problem %q", status.Get("inSync"), status.Get("followedBlocks"), status.Get("problem").String())
	}
	if got, want := status.Get("root").String(), status.Get("eeRoot").String(); got != want {
		t.Errorf("provider root %s, EE root %s", got, want)
	}
	if got := status.Get("accounts").Length(); got != 6 {
		t.Errorf("%d accounts, want 6 (the transfer to address 7 made one)", got)
	}
	comparisons := status.Get("comparisons")
	if comparisons.Length() != 1 {
		t.Fatalf("%d comparisons, want 1", comparisons.Length())
	}
	c := comparisons.Index(0)
	if got, want := c.Get("multi").Get("proofBytes").Int(), built.Get("proofBytes").Int(); got != want {
		t.Errorf("compared multiproof bytes %d, built %d", got, want)
	}
	if c.Get("transfers").Int() != 2 || c.Get("single").Get("proofBytes").Int() <= c.Get("multi").Get("proofBytes").Int() || c.Get("single").Get("ticks").Int() == 0 {
		t.Errorf("comparison: %d transfers, multi %d bytes, single %d bytes, %d ticks", c.Get("transfers").Int(),
			c.Get("multi").Get("proofBytes").Int(), c.Get("single").Get("proofBytes").Int(), c.Get("single").Get("ticks").Int())
	}

	call(t, b, "tokenDetach", map[string]any{})
	if _, err := b.Call(ctx, "tokenBuild", js.ValueOf(map[string]any{"proof": "multi", "transfers": []any{}})); err == nil || err.Error() != "token: no token EE is attached" {
		t.Errorf("tokenBuild after tokenDetach: got %v", err)
	}
	attachToken(t, b, 5)
	call(t, b, "reset", map[string]any{})
	if status := call(t, b, "tokenStatus", map[string]any{}); !status.IsNull() {
		t.Errorf("tokenStatus after reset = %s, want null", describe(status))
	}
}

// genesisRoot is the root of the random genesis of accounts and seed.
func genesisRoot(t *testing.T, accounts int, seed uint64) string {
	t.Helper()
	genesis, err := token.RandomGenesis(seed, accounts)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := token.NewTree(genesis)
	if err != nil {
		t.Fatal(err)
	}
	return tree.Root().String()
}

func TestTokenErrors(t *testing.T) {
	wrongGenesis := "token: EE 0 starts from " + genesisRoot(t, 5, 1) + ", not from the root of this genesis (5 accounts, seed 2), " + genesisRoot(t, 5, 2)
	tests := []struct {
		name   string
		method string
		params map[string]any
		want   string
	}{
		{"unknown proof", "tokenBuild", map[string]any{"proof": "zk", "transfers": []any{}}, `tokenBuild: proof: proof kind "zk": want multi or single`},
		{"address too big", "tokenBuild", map[string]any{"proof": "multi", "transfers": []any{map[string]any{"sender": 1 << 32, "recipient": 1, "amount": 1}}},
			"tokenBuild: transfers[0].sender: want an address below 2**32, got 4294967296"},
		{"no amount", "tokenBuild", map[string]any{"proof": "single", "transfers": []any{map[string]any{"sender": 1, "recipient": 1}}},
			"tokenBuild: transfers[0].amount: want a non-negative integer, got nothing"},
		{"no accounts", "tokenGenesis", map[string]any{"accounts": 0, "seed": 1}, "tokenGenesis: accounts: random genesis: 0 accounts: want 1 to 65536"},
		{"too many accounts", "tokenGenesis", map[string]any{"accounts": 1e9, "seed": 1}, "tokenGenesis: accounts: want 1 to 65536, got 1000000000"},
		{"wrong genesis", "tokenAttach", map[string]any{"eeIndex": 0, "shardIndex": 0, "accounts": 5, "seed": 2}, wrongGenesis},
		{"no such EE", "tokenAttach", map[string]any{"eeIndex": 1, "shardIndex": 0, "accounts": 5, "seed": 1}, "token: get execution environment: no execution environment 1: 1 exist"},
		{"no such shard", "tokenAttach", map[string]any{"eeIndex": 0, "shardIndex": 64, "accounts": 5, "seed": 1}, "token: shard 64 does not exist: ShardCount is 64"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			b := newBridge(t)
			attachToken(t, b, 5)
			before := call(t, b, "tokenStatus", map[string]any{}).Get("root").String()
			_, err := b.Call(ctx, test.method, js.ValueOf(test.params))
			if err == nil || err.Error() != test.want {
				t.Fatalf("got %v\nwant %s", err, test.want)
			}
			if after := call(t, b, "tokenStatus", map[string]any{}).Get("root").String(); after != before {
				t.Errorf("the provider's root went from %s to %s", before, after)
			}
		})
	}
}
