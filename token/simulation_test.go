package token_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// TestProviderFollowsTheEE is the property test of the EE and the provider
// together, on the real simulation: for random geneses and random blocks of
// one to three token transactions of either proof approach, the provider's
// root after each block is the EE's post-state; an altered transaction is
// rejected with the shard unchanged; and a new provider replaying the logs
// from genesis rebuilds exactly the same accounts.
func TestProviderFollowsTheEE(t *testing.T) {
	ctx := context.Background()
	engine := newEngine(t, wasmhost.Config{})
	const shard = 5
	for seed := range uint64(24) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 2))
			genesis, err := token.RandomGenesis(seed, 1+rng.IntN(200))
			if err != nil {
				t.Fatal(err)
			}
			sim := core.NewSimulation(engine)
			provider, err := token.NewProvider(genesis, 0, shard)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := sim.CreateExecutionEnvironment(ctx, scripts.Token, provider.GenesisRoot()); err != nil {
				t.Fatal(err)
			}
			for block := range 1 + rng.IntN(6) {
				txs := randomBlock(t, rng, provider.Accounts(), 1+rng.IntN(3))
				rejectAltered(t, ctx, rng, sim, shard, txs[0])
				if _, err := sim.CreateShardBlock(ctx, shard, txs); err != nil {
					t.Fatalf("block %d: %v", block, err)
				}
				reports, err := provider.Follow(sim)
				if err != nil {
					t.Fatal(err)
				}
				if len(reports) != 1 || !reports[0].InSync {
					t.Fatalf("block %d: reports %+v", block, reports)
				}
				state, err := sim.GetExecutionEnvironmentState(0, shard)
				if err != nil {
					t.Fatal(err)
				}
				if provider.Root() != state {
					t.Fatalf("block %d: provider root %s, EE state %s", block, provider.Root(), state)
				}
			}

			replayed, err := token.NewProvider(genesis, 0, shard)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := replayed.Follow(sim); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(replayed.Accounts(), provider.Accounts()) || replayed.Root() != provider.Root() || !replayed.InSync() {
				t.Errorf("replaying from genesis gives %d accounts and root %s, want %d and %s",
					len(replayed.Accounts()), replayed.Root(), len(provider.Accounts()), provider.Root())
			}
		})
	}
}

// randomBlock returns count token transactions of random transfers, each
// built on the ledger the ones before it leave, with a random proof
// approach each.
func randomBlock(t *testing.T, rng *rand.Rand, ledger []token.Account, count int) []core.ShardTransaction {
	t.Helper()
	var txs []core.ShardTransaction
	for range count {
		// A provider of the ledger so far, to fill in the nonces.
		scratch, err := token.NewProvider(ledger, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		requests, err := token.RandomTransfers(rng, ledger, 1+rng.IntN(30))
		if err != nil {
			t.Fatal(err)
		}
		tx, err := scratch.Build(token.ProofKind(rng.IntN(2)), requests)
		if err != nil {
			t.Fatal(err)
		}
		data, err := tx.Encode()
		if err != nil {
			t.Fatal(err)
		}
		tree, err := token.NewTree(ledger)
		if err != nil {
			t.Fatal(err)
		}
		result, err := token.Process(tree.Root(), data)
		if err != nil {
			t.Fatal(err)
		}
		for _, account := range result.Logs {
			tree.Set(account)
		}
		ledger = tree.Accounts()
		txs = append(txs, core.ShardTransaction{EEIndex: 0, Data: data})
	}
	return txs
}

// rejectAltered submits tx with one random bit of its proof, or of the
// values of an account it proves, flipped, and checks that the block is
// rejected and leaves the shard as it was. (Transfers themselves carry no
// signature: a smaller amount is a different valid transaction.)
func rejectAltered(t *testing.T, ctx context.Context, rng *rand.Rand, sim *core.Simulation, shard uint64, tx core.ShardTransaction) {
	t.Helper()
	decoded, err := token.DecodeTransaction(tx.Data)
	if err != nil {
		t.Fatal(err)
	}
	var nodes []*core.Root
	if decoded.Kind == token.ProofMulti {
		for i := range decoded.Multiproof.Nodes {
			nodes = append(nodes, &decoded.Multiproof.Nodes[i])
		}
	} else {
		for i := range decoded.Branches {
			for j := range decoded.Branches[i].Nodes {
				nodes = append(nodes, &decoded.Branches[i].Nodes[j])
			}
		}
	}
	bit := byte(1) << rng.IntN(8)
	if len(nodes) > 0 && rng.IntN(2) == 0 {
		nodes[rng.IntN(len(nodes))][rng.IntN(32)] ^= bit
	} else {
		account := &decoded.Accounts[rng.IntN(len(decoded.Accounts))]
		if rng.IntN(2) == 0 {
			account.Nonce ^= uint64(bit)
		} else {
			account.Balance ^= uint64(bit)
		}
	}
	data, err := decoded.Encode()
	if err != nil {
		t.Fatal(err)
	}

	before, err := sim.GetShardState(shard)
	if err != nil {
		t.Fatal(err)
	}
	count, err := sim.ShardBlockCount(shard)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sim.CreateShardBlock(ctx, shard, []core.ShardTransaction{{EEIndex: tx.EEIndex, Data: data}})
	var txErr *core.TransactionError
	if !errors.As(err, &txErr) {
		t.Fatalf("an altered transaction was not rejected: %v", err)
	}
	after, err := sim.GetShardState(shard)
	if err != nil {
		t.Fatal(err)
	}
	afterCount, err := sim.ShardBlockCount(shard)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(after.ExecutionEnvironmentStates, before.ExecutionEnvironmentStates) || afterCount != count {
		t.Errorf("a rejected block changed the shard")
	}
}
