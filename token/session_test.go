package token_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// sessionShard is the shard the sessions of the tests follow.
const sessionShard = 3

// sessionSimulation returns a simulation, its engine and the random
// genesis of accounts and seed, with EE 0 made of code starting from the
// genesis' root.
func sessionSimulation(t *testing.T, code []byte, accounts int, seed uint64) (*core.Simulation, core.Engine, []token.Account) {
	t.Helper()
	engine := newEngine(t, wasmhost.Config{})
	sim := core.NewSimulation(engine)
	genesis, err := token.RandomGenesis(seed, accounts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.CreateExecutionEnvironment(context.Background(), code, mustTree(t, genesis).Root()); err != nil {
		t.Fatal(err)
	}
	return sim, engine, genesis
}

// attachSession returns a session of EE 0 of sim on sessionShard, whose
// genesis is genesis, made from seed 1.
func attachSession(t *testing.T, sim *core.Simulation, engine core.Engine, genesis []token.Account) *token.Session {
	t.Helper()
	session, err := token.NewSession(context.Background(), sim, engine, token.SessionConfig{Genesis: genesis, Seed: 1, ShardIndex: sessionShard})
	if err != nil {
		t.Fatal(err)
	}
	return session
}

func mustStatus(t *testing.T, session *token.Session) token.SessionStatus {
	t.Helper()
	status, err := session.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	return status
}

func mustBuild(t *testing.T, session *token.Session, kind token.ProofKind, requests []token.TransferRequest) *token.Transaction {
	t.Helper()
	tx, err := session.Build(context.Background(), kind, requests)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return tx
}

// processCost is the cost of transfers with the proof approach kind on
// tree, as Process counts it, and the tree after them.
func processCost(t *testing.T, tree *token.Tree, kind token.ProofKind, transfers []token.Transfer) (token.Cost, *token.Tree) {
	t.Helper()
	tx := mustProve(t, tree, kind, transfers)
	data := mustEncode(t, tx)
	result, err := token.Process(tree.Root(), data)
	if err != nil {
		t.Fatal(err)
	}
	after := tree.Clone()
	for _, account := range result.Logs {
		after.Set(account)
	}
	return token.Cost{DataBytes: len(data), ProofBytes: tx.ProofBytes(), Ticks: result.Ticks}, after
}

// TestSession follows a block without token transactions and one with two,
// each built on the ledger the one before leaves, and compares the proof
// approaches on the second block: the sum of what Process counts for each
// transaction.
func TestSession(t *testing.T) {
	ctx := context.Background()
	sim, engine, genesis := sessionSimulation(t, scripts.Token, 5, 1)
	session := attachSession(t, sim, engine, genesis)
	tree := mustTree(t, genesis)
	want := token.SessionStatus{
		ShardIndex: sessionShard, GenesisAccounts: 5, Seed: 1,
		Accounts: tree.Accounts(), Root: tree.Root(), EERoot: tree.Root(), InSync: true,
	}
	if got := mustStatus(t, session); !reflect.DeepEqual(got, want) {
		t.Fatalf("status after attaching:\n%+v\nwant\n%+v", got, want)
	}

	if _, err := sim.CreateShardBlock(ctx, sessionShard, nil); err != nil {
		t.Fatal(err)
	}
	sender, recipient := genesis[0].Address, genesis[1].Address
	first := mustBuild(t, session, token.ProofMulti, []token.TransferRequest{
		{Sender: sender, Recipient: recipient, Amount: 10},
		{Sender: sender, Recipient: 7, Amount: 1},
	})
	if got := first.Transfers[1].Nonce; got != 1 {
		t.Errorf("second transfer's nonce = %d, want 1", got)
	}
	if got := len(first.Shape().Leaves); got != 3 {
		t.Errorf("%d leaves in the proof, want 3", got)
	}
	multi, afterFirst := processCost(t, tree, token.ProofMulti, first.Transfers)
	single, _ := processCost(t, tree, token.ProofSingle, first.Transfers)
	if multi.ProofBytes != first.ProofBytes() {
		t.Errorf("Process's multiproof has %d bytes of proof, Build's %d", multi.ProofBytes, first.ProofBytes())
	}
	// From the account the first transaction made, so that a comparison on
	// the ledger before the block would fail.
	secondTransfers := []token.Transfer{{Sender: 7, Recipient: recipient, Amount: 1}}
	second := mustProve(t, afterFirst, token.ProofSingle, secondTransfers)
	secondMulti, afterSecond := processCost(t, afterFirst, token.ProofMulti, secondTransfers)
	secondSingle, _ := processCost(t, afterFirst, token.ProofSingle, secondTransfers)
	if _, err := sim.CreateShardBlock(ctx, sessionShard, []core.ShardTransaction{
		{EEIndex: 0, Data: mustEncode(t, first)},
		{EEIndex: 0, Data: mustEncode(t, second)},
	}); err != nil {
		t.Fatal(err)
	}

	// Build follows the new blocks before it builds.
	if next := mustBuild(t, session, token.ProofMulti, []token.TransferRequest{{Sender: sender, Recipient: recipient, Amount: 1}}); next.Transfers[0].Nonce != 2 {
		t.Errorf("nonce after the block = %d, want 2", next.Transfers[0].Nonce)
	}
	got := mustStatus(t, session)
	for i, c := range got.Comparisons {
		if c.Multi.Duration <= 0 || c.Single.Duration <= 0 {
			t.Errorf("comparison %d: durations %v and %v, want both positive", i, c.Multi.Duration, c.Single.Duration)
		}
		got.Comparisons[i].Multi.Duration, got.Comparisons[i].Single.Duration = 0, 0
	}
	want.Accounts, want.Root, want.EERoot, want.FollowedBlocks = afterSecond.Accounts(), afterSecond.Root(), afterSecond.Root(), 2
	want.Comparisons = []token.BlockComparison{{BlockIndex: 1, Comparison: token.Comparison{
		Transfers: 3, Multi: multi.Add(secondMulti), Single: single.Add(secondSingle),
	}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("status after the blocks:\n%+v\nwant\n%+v", got, want)
	}
	if len(got.Accounts) != 6 {
		t.Errorf("%d accounts, want 6 (the transfer to address 7 made one)", len(got.Accounts))
	}
}

func TestNewSessionErrors(t *testing.T) {
	sim, engine, attached := sessionSimulation(t, scripts.Token, 5, 1)
	genesis, err := token.RandomGenesis(2, 5)
	if err != nil {
		t.Fatal(err)
	}
	repeated := []token.Account{{Address: 1, Balance: 1}, {Address: 1, Balance: 2}}
	tests := []struct {
		name   string
		config token.SessionConfig
		want   string
	}{
		{"wrong genesis", token.SessionConfig{Genesis: genesis, Seed: 2},
			"EE 0 starts from " + mustTree(t, attached).Root().String() + ", not from the root of this genesis (5 accounts, seed 2), " + mustTree(t, genesis).Root().String()},
		{"bad genesis", token.SessionConfig{Genesis: repeated}, "genesis account 1 (0x00000001) repeats the address of genesis account 0"},
		{"no such EE", token.SessionConfig{Genesis: genesis, EEIndex: 1}, "get execution environment: no execution environment 1: 1 exist"},
		{"no such shard", token.SessionConfig{Genesis: genesis, ShardIndex: 64}, "shard 64 does not exist: ShardCount is 64"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			_, err := token.NewSession(context.Background(), sim, engine, test.config)
			if err == nil || err.Error() != test.want {
				t.Fatalf("got %v\nwant %s", err, test.want)
			}
		})
	}
}

// TestSessionOutOfSync: a session on an EE that is not the token EE (the
// hashchain EE, which logs its 32-byte state) falls out of sync, says why,
// and compares nothing.
func TestSessionOutOfSync(t *testing.T) {
	sim, engine, genesis := sessionSimulation(t, scripts.Hashchain, 5, 1)
	session := attachSession(t, sim, engine, genesis)
	tx := mustBuild(t, session, token.ProofMulti, []token.TransferRequest{{Sender: genesis[0].Address, Recipient: 7, Amount: 1}})
	if _, err := sim.CreateShardBlock(context.Background(), sessionShard, []core.ShardTransaction{{EEIndex: 0, Data: mustEncode(t, tx)}}); err != nil {
		t.Fatal(err)
	}
	eeRoot, err := sim.GetExecutionEnvironmentState(0, sessionShard)
	if err != nil {
		t.Fatal(err)
	}
	root := mustTree(t, genesis).Root()
	want := token.SessionStatus{
		ShardIndex: sessionShard, GenesisAccounts: 5, Seed: 1,
		Accounts: mustTree(t, genesis).Accounts(), Root: root, EERoot: eeRoot,
		Problem:        "block 0, transaction 0, log 0: 32 bytes, want 20 (a serialized Account)",
		FollowedBlocks: 1,
	}
	if got := mustStatus(t, session); !reflect.DeepEqual(got, want) {
		t.Fatalf("status:\n%+v\nwant\n%+v", got, want)
	}
}

// TestSessionCompareFails: a comparison that fails on a ledger in sync is
// an error, which names the block. SetProgram has the comparisons run on a
// program whose tick budget the transfers exceed.
func TestSessionCompareFails(t *testing.T) {
	ctx := context.Background()
	sim, engine, genesis := sessionSimulation(t, scripts.Token, 5, 1)
	session := attachSession(t, sim, engine, genesis)
	starved, err := newEngine(t, wasmhost.Config{TickBudget: 1000}).Compile(ctx, scripts.Token)
	if err != nil {
		t.Fatal(err)
	}
	session.SetProgram(starved)
	tx := mustBuild(t, session, token.ProofMulti, []token.TransferRequest{{Sender: genesis[0].Address, Recipient: 7, Amount: 1}})
	data := mustEncode(t, tx)
	if _, err := sim.CreateShardBlock(ctx, sessionShard, []core.ShardTransaction{{EEIndex: 0, Data: data}}); err != nil {
		t.Fatal(err)
	}
	_, starvedErr := starved.Execute(ctx, mustTree(t, genesis).Root(), data)
	if starvedErr == nil {
		t.Fatal("the transaction ran within 1000 ticks")
	}
	want := "block 0: compare proofs: multi: " + starvedErr.Error()
	if _, err := session.Status(ctx); err == nil || err.Error() != want {
		t.Fatalf("Status: got %v\nwant %s", err, want)
	}
}
