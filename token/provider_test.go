package token_test

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
)

var _ token.Chain = (*core.Simulation)(nil)

const (
	testEE    = 2
	testShard = 3
)

// fakeChain is one shard's blocks in memory.
type fakeChain struct {
	blocks []core.ShardBlockRecord
	// countErr and blockErr make the chain fail; blockErr only from block
	// failFrom on.
	countErr, blockErr error
	failFrom           uint64
}

func (c *fakeChain) ShardBlockCount(shard uint64) (uint64, error) {
	if c.countErr != nil {
		return 0, c.countErr
	}
	if shard != testShard {
		return 0, nil
	}
	return uint64(len(c.blocks)), nil
}

func (c *fakeChain) GetShardBlock(shard, index uint64) (core.ShardBlockRecord, error) {
	if c.blockErr != nil && index >= c.failFrom {
		return core.ShardBlockRecord{}, c.blockErr
	}
	if shard != testShard || index >= uint64(len(c.blocks)) {
		return core.ShardBlockRecord{}, fmt.Errorf("no block %d on shard %d", index, shard)
	}
	return c.blocks[index], nil
}

// chainBuilder appends blocks to a fakeChain, running the token EE's
// transactions through Process as the simulation runs the EE.
type chainBuilder struct {
	t     *testing.T
	chain *fakeChain
	state core.Root // the token EE's state
}

// blockTx is a transaction of a block: the token EE's when ee is testEE.
type blockTx struct {
	ee   uint64
	data []byte
}

func (b *chainBuilder) addBlock(txs ...blockTx) {
	b.t.Helper()
	record := core.ShardBlockRecord{Block: core.ShardBlock{Transactions: []*core.ShardTransaction{}}, Receipts: []core.Receipt{}}
	for _, tx := range txs {
		record.Block.Transactions = append(record.Block.Transactions, &core.ShardTransaction{Data: tx.data, EEIndex: tx.ee})
		if tx.ee != testEE {
			// Another EE, whose logs are no accounts.
			record.Receipts = append(record.Receipts, core.Receipt{PostState: core.Root{9}, Logs: []core.HexBytes{{1, 2, 3}}})
			continue
		}
		res, err := token.Process(b.state, tx.data)
		if err != nil {
			b.t.Fatalf("block %d: Process: %v", len(b.chain.blocks), err)
		}
		receipt := core.Receipt{PreState: b.state, PostState: res.PostState, Ticks: res.Ticks, Logs: []core.HexBytes{}}
		for _, a := range res.Logs {
			log := binary.LittleEndian.AppendUint32(nil, uint32(a.Address))
			log = binary.LittleEndian.AppendUint64(log, a.Nonce)
			log = binary.LittleEndian.AppendUint64(log, a.Balance)
			receipt.Logs = append(receipt.Logs, log)
		}
		record.Receipts = append(record.Receipts, receipt)
		b.state = res.PostState
	}
	b.chain.blocks = append(b.chain.blocks, record)
}

// randomRequests returns requests valid in order on the ledger.
func randomRequests(t *testing.T, rng *rand.Rand, accounts []token.Account, n int) []token.TransferRequest {
	t.Helper()
	var requests []token.TransferRequest
	for _, tr := range randomTransfers(rng, mustTree(t, accounts), n) {
		requests = append(requests, token.TransferRequest{Sender: tr.Sender, Recipient: tr.Recipient, Amount: tr.Amount})
	}
	return requests
}

func mustProvider(t *testing.T, genesis []token.Account) *token.Provider {
	t.Helper()
	p, err := token.NewProvider(genesis, testEE, testShard)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	return p
}

// followedChain builds a chain of varied blocks while a provider follows
// it, checking every report, and returns the chain and the provider.
func followedChain(t *testing.T, genesis []token.Account) (*fakeChain, *token.Provider) {
	t.Helper()
	rng := rand.New(rand.NewPCG(15, 16))
	p := mustProvider(t, genesis)
	chain := &fakeChain{}
	b := &chainBuilder{t: t, chain: chain, state: p.GenesisRoot()}
	for i := range 12 {
		before := p.Accounts()
		scratch := mustTree(t, before)
		var txs []blockTx
		tokenTxs := 0
		switch i % 4 {
		case 0: // one transaction, built by the provider
			tx, err := p.Build(kinds[i/4%2], randomRequests(t, rng, before, 1+rng.IntN(5)))
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			txs = append(txs, blockTx{ee: 0, data: []byte("other")}, blockTx{ee: testEE, data: mustEncode(t, tx)})
			tokenTxs = 1
		case 1: // no transaction of the token EE
			txs = append(txs, blockTx{ee: 5, data: []byte("x")})
		case 2: // an empty block
		case 3: // three transactions in a row, of both kinds
			for k := range 3 {
				tx := mustProve(t, scratch, kinds[k%2], randomTransfers(rng, scratch, 1+rng.IntN(4)))
				data := mustEncode(t, tx)
				res, err := token.Process(scratch.Root(), data)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range res.Logs {
					scratch.Set(a)
				}
				txs = append(txs, blockTx{ee: testEE, data: data}, blockTx{ee: 1, data: []byte{1}})
			}
			tokenTxs = 3
		}
		b.addBlock(txs...)

		reports, err := p.Follow(chain)
		if err != nil {
			t.Fatalf("block %d: Follow: %v", i, err)
		}
		if len(reports) != 1 {
			t.Fatalf("block %d: %d reports, want 1", i, len(reports))
		}
		r := reports[0]
		var changed []token.Account
		for _, a := range p.Accounts() {
			if !slices.Contains(before, a) {
				changed = append(changed, a)
			}
		}
		for _, a := range before {
			if p.Account(a.Address) == (token.Account{Address: a.Address}) {
				changed = append(changed, token.Account{Address: a.Address})
			}
		}
		slices.SortFunc(changed, func(a, b token.Account) int { return cmp.Compare(a.Address, b.Address) })
		if r.BlockIndex != uint64(i) || r.Transactions != tokenTxs || !r.InSync || r.Problem != "" ||
			r.Root != b.state || r.EERoot != b.state || p.Root() != b.state || !slices.Equal(r.Changed, changed) {
			t.Fatalf("block %d: report %+v\nwant %d transactions, in sync at %v, changed %v", i, r, tokenTxs, b.state, changed)
		}
	}
	return chain, p
}

func TestProviderFollow(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	genesis := randomGenesis(rng, 20)
	chain, p := followedChain(t, genesis)
	if !p.InSync() || p.Problem() != "" || p.Followed() != uint64(len(chain.blocks)) {
		t.Fatalf("after following: in sync %v, problem %q, followed %d", p.InSync(), p.Problem(), p.Followed())
	}
	if reports, err := p.Follow(chain); err != nil || reports != nil {
		t.Errorf("Follow with no new block = %v, %v; want nothing", reports, err)
	}

	// A fresh provider replaying every block rebuilds the same ledger.
	fresh := mustProvider(t, genesis)
	reports, err := fresh.Follow(chain)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != len(chain.blocks) || !fresh.InSync() {
		t.Fatalf("replay: %d reports for %d blocks, in sync %v", len(reports), len(chain.blocks), fresh.InSync())
	}
	if !slices.Equal(fresh.Accounts(), p.Accounts()) || fresh.Root() != p.Root() {
		t.Errorf("replay gives accounts %v\nwant %v", fresh.Accounts(), p.Accounts())
	}
	// So does one on another shard or for another EE: it sees nothing.
	other, err := token.NewProvider(genesis, testEE+1, testShard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Follow(chain); err != nil || !slices.Equal(other.Accounts(), genesis2sorted(genesis)) {
		t.Errorf("a provider of another EE changed: %v", err)
	}
}

func genesis2sorted(genesis []token.Account) []token.Account {
	out := slices.Clone(genesis)
	slices.SortFunc(out, func(a, b token.Account) int { return cmp.Compare(a.Address, b.Address) })
	return out
}

func TestProviderOutOfSync(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	genesis := randomGenesis(rng, 20)
	chain, _ := followedChain(t, genesis)
	const forged = 3 // the block with three token transactions: 0, 2 and 4

	tests := []struct {
		name    string
		forge   func(record *core.ShardBlockRecord)
		problem func(r token.BlockReport) string
	}{
		{
			name:  "wrong post-state",
			forge: func(r *core.ShardBlockRecord) { r.Receipts[4].PostState = core.Root{0xee} },
			problem: func(r token.BlockReport) string {
				return fmt.Sprintf("block %d: the ledger's root is %v but the EE's post-state is %v", forged, r.Root, core.Root{0xee})
			},
		},
		{
			name:  "short log",
			forge: func(r *core.ShardBlockRecord) { r.Receipts[2].Logs[0] = r.Receipts[2].Logs[0][:19] },
			problem: func(token.BlockReport) string {
				return fmt.Sprintf("block %d, transaction 2, log 0: 19 bytes, want 20 (a serialized Account)", forged)
			},
		},
		{
			name:  "long log",
			forge: func(r *core.ShardBlockRecord) { r.Receipts[0].Logs = append(r.Receipts[0].Logs, make([]byte, 21)) },
			problem: func(token.BlockReport) string {
				return fmt.Sprintf("block %d, transaction 0, log %d: 21 bytes, want 20 (a serialized Account)", forged, len(chain.blocks[forged].Receipts[0].Logs))
			},
		},
		{
			name: "changed log",
			forge: func(r *core.ShardBlockRecord) {
				r.Receipts[2].Logs[0] = append(core.HexBytes{}, r.Receipts[2].Logs[0]...)
				r.Receipts[2].Logs[0][19] ^= 1
			},
			problem: func(r token.BlockReport) string {
				return fmt.Sprintf("block %d: the ledger's root is %v but the EE's post-state is %v", forged, r.Root, r.EERoot)
			},
		},
		{
			name:    "missing receipt",
			forge:   func(r *core.ShardBlockRecord) { r.Receipts = r.Receipts[:4] },
			problem: func(token.BlockReport) string { return fmt.Sprintf("block %d: 6 transactions but 4 receipts", forged) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forgedChain := &fakeChain{blocks: slices.Clone(chain.blocks)}
			record := forgedChain.blocks[forged]
			record.Receipts = slices.Clone(record.Receipts)
			for i := range record.Receipts {
				record.Receipts[i].Logs = slices.Clone(record.Receipts[i].Logs)
			}
			tt.forge(&record)
			forgedChain.blocks[forged] = record

			p := mustProvider(t, genesis)
			reports, err := p.Follow(forgedChain)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range reports {
				switch {
				case i < forged:
					if !r.InSync || r.Problem != "" {
						t.Errorf("block %d before the forged one: %+v", i, r)
					}
				case i == forged:
					if want := tt.problem(r); r.InSync || r.Problem != want {
						t.Errorf("forged block: in sync %v, problem %q\nwant %q", r.InSync, r.Problem, want)
					}
					if p.Problem() != r.Problem {
						t.Errorf("Problem() = %q, want the forged block's %q", p.Problem(), r.Problem)
					}
				default:
					if r.InSync || r.Problem == "" {
						t.Errorf("block %d after the forged one: in sync %v, problem %q", i, r.InSync, r.Problem)
					}
				}
			}
			if p.InSync() {
				t.Error("InSync() after a forged block")
			}
			if p.Followed() != uint64(len(forgedChain.blocks)) {
				t.Errorf("Followed() = %d, want %d", p.Followed(), len(forgedChain.blocks))
			}
		})
	}
}

func TestProviderChainErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	genesis := randomGenesis(rng, 5)
	chain, _ := followedChain(t, genesis)
	p := mustProvider(t, genesis)

	chain.countErr = errors.New("no count")
	if _, err := p.Follow(chain); err == nil || err.Error() != "follow shard 3: no count" {
		t.Errorf("Follow error = %v", err)
	}
	chain.countErr = nil

	chain.blockErr, chain.failFrom = errors.New("no block"), 4
	reports, err := p.Follow(chain)
	if err == nil || err.Error() != "follow shard 3: block 4: no block" || len(reports) != 4 {
		t.Errorf("Follow = %d reports, %v; want 4 and the error for block 4", len(reports), err)
	}
	chain.blockErr = nil
	reports, err = p.Follow(chain)
	if err != nil || len(reports) != len(chain.blocks)-4 || reports[0].BlockIndex != 4 {
		t.Errorf("Follow after the failure = %d reports, %v", len(reports), err)
	}
}

func TestProviderBuild(t *testing.T) {
	genesis := []token.Account{{Address: 0xa, Nonce: 2, Balance: 10}, {Address: 0xb, Nonce: 7, Balance: 10}}
	p := mustProvider(t, genesis)
	requests := []token.TransferRequest{
		{Sender: 0xa, Recipient: 0xb, Amount: 1},
		{Sender: 0xb, Recipient: 0xa, Amount: 2},
		{Sender: 0xa, Recipient: 0xc, Amount: 3},
		{Sender: 0xc, Recipient: 0xa, Amount: 1},
		{Sender: 0xa, Recipient: 0xa, Amount: 50}, // an overdraft: built all the same
	}
	want := []token.Transfer{
		{Sender: 0xa, Recipient: 0xb, Nonce: 2, Amount: 1},
		{Sender: 0xb, Recipient: 0xa, Nonce: 7, Amount: 2},
		{Sender: 0xa, Recipient: 0xc, Nonce: 3, Amount: 3},
		{Sender: 0xc, Recipient: 0xa, Nonce: 0, Amount: 1},
		{Sender: 0xa, Recipient: 0xa, Nonce: 4, Amount: 50},
	}
	for _, kind := range kinds {
		t.Run(kind.String(), func(t *testing.T) {
			tx, err := p.Build(kind, requests)
			if err != nil {
				t.Fatal(err)
			}
			if tx.Kind != kind || !slices.Equal(tx.Transfers, want) {
				t.Errorf("Build = %v %+v\nwant %+v", tx.Kind, tx.Transfers, want)
			}
			_, err = token.Process(p.Root(), mustEncode(t, tx))
			if want := "transfer 4: sender 0x0000000a has balance 9, cannot send 50"; err == nil || err.Error() != want {
				t.Errorf("Process error = %v, want %q", err, want)
			}
		})
	}

	tests := []struct {
		name     string
		kind     token.ProofKind
		requests []token.TransferRequest
		want     string
	}{
		{"none", token.ProofMulti, nil, "build transaction: no transfers"},
		{"too many", token.ProofSingle, make([]token.TransferRequest, 1025), "build transaction: 1025 transfers, more than 1024"},
		{"unknown kind", 5, requests, "build transaction: prove: unknown proof kind 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := p.Build(tt.kind, tt.requests); err == nil || err.Error() != tt.want {
				t.Errorf("Build error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNewProvider(t *testing.T) {
	p := mustProvider(t, []token.Account{{Address: 1, Balance: 5}})
	if p.EEIndex() != testEE || p.ShardIndex() != testShard || !p.InSync() || p.GenesisRoot() != p.Root() {
		t.Errorf("new provider: EE %d, shard %d, in sync %v", p.EEIndex(), p.ShardIndex(), p.InSync())
	}
	if got := p.Account(2); got != (token.Account{Address: 2}) {
		t.Errorf("Account(2) = %+v", got)
	}
	if _, err := token.NewProvider([]token.Account{{Address: 1}}, 0, 0); err == nil || err.Error() != "genesis account 0 (0x00000001) is empty: nonce and balance are 0" {
		t.Errorf("NewProvider error = %v", err)
	}
}
