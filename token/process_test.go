package token_test

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
)

// TestProcessRandomBatches builds random batches on random ledgers, runs
// them through Prove, Encode and Process, and checks the result against the
// transfers applied to a copy of the tree.
func TestProcessRandomBatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 30 {
		tree := mustTree(t, randomGenesis(rng, 1+rng.IntN(30)))
		for batch := range 4 {
			transfers := randomTransfers(rng, tree, 1+rng.IntN(12))
			after, changed := applyTransfers(t, tree, transfers)
			for _, kind := range kinds {
				name := fmt.Sprintf("round %d, batch %d, %v", round, batch, kind)
				tx := mustProve(t, tree, kind, transfers)
				if want := touchedAddresses(transfers); len(tx.Accounts) != len(want) {
					t.Fatalf("%s: %d accounts for %d touched addresses", name, len(tx.Accounts), len(want))
				}
				data := mustEncode(t, tx)
				decoded, err := token.DecodeTransaction(data)
				if err != nil {
					t.Fatalf("%s: DecodeTransaction: %v", name, err)
				}
				if !reflect.DeepEqual(decoded, tx) {
					t.Fatalf("%s: DecodeTransaction(Encode(tx)) = %+v, want %+v", name, decoded, tx)
				}
				res, err := token.Process(tree.Root(), data)
				if err != nil {
					t.Fatalf("%s: Process: %v\ntransfers %+v", name, err, transfers)
				}
				if res.PostState != after.Root() {
					t.Fatalf("%s: post-state %v, want %v", name, res.PostState, after.Root())
				}
				if !slices.Equal(res.Logs, changed) {
					t.Fatalf("%s: logs %v, want %v", name, res.Logs, changed)
				}
				if want := wantTicks(tx, data, after); res.Ticks != want {
					t.Fatalf("%s: %d ticks, want %d", name, res.Ticks, want)
				}
			}
			tree = after
		}
	}
}

// TestProcessTampering changes one thing in valid transactions and checks
// that Process rejects each with the documented message.
func TestProcessTampering(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for round := range 20 {
		tree := mustTree(t, randomGenesis(rng, 2+rng.IntN(20)))
		transfers := randomTransfers(rng, tree, 1+rng.IntN(6))
		for _, kind := range kinds {
			tx := mustProve(t, tree, kind, transfers)
			data := mustEncode(t, tx)
			for _, c := range tamperings(t, rng, tree, tx, data) {
				t.Run(fmt.Sprintf("round %d/%v/%s", round, kind, c.name), func(t *testing.T) {
					_, err := token.Process(tree.Root(), c.data)
					if err == nil || err.Error() != c.want {
						t.Errorf("Process error = %v\nwant %q", err, c.want)
					}
				})
			}
		}
	}
}

type tampering struct {
	name string
	data []byte
	want string
}

// tamperings returns the tampered versions of tx (whose encoding is data).
func tamperings(t *testing.T, rng *rand.Rand, tree *token.Tree, tx *token.Transaction, data []byte) []tampering {
	t.Helper()
	const mismatch = "proof does not match the pre-state root"
	var out []tampering
	add := func(name string, data []byte, want string) {
		out = append(out, tampering{name, data, want})
	}
	reencode := func(change func(tx *token.Transaction)) []byte {
		copied := cloneTransaction(tx)
		change(copied)
		return mustEncode(t, copied)
	}

	// A flipped byte in each proof node.
	var nodeSets [][]core.Root
	if tx.Multiproof != nil {
		nodeSets = append(nodeSets, tx.Multiproof.Nodes)
	}
	for _, b := range tx.Branches {
		nodeSets = append(nodeSets, b.Nodes)
	}
	end := len(data)
	for s := len(nodeSets) - 1; s >= 0; s-- {
		// Proof nodes are the last bytes of the data (of each branch).
		for n := len(nodeSets[s]) - 1; n >= 0; n-- {
			tampered := slices.Clone(data)
			tampered[end-32+rng.IntN(32)] ^= 1 << rng.IntN(8)
			add(fmt.Sprintf("node %d of set %d", n, s), tampered, mismatch)
			end -= 32
		}
		if tx.Branches != nil {
			end -= 8 // the branch's defaults and offset
		}
	}

	i := rng.IntN(len(tx.Accounts))
	add("claimed balance", reencode(func(tx *token.Transaction) { tx.Accounts[i].Balance++ }), mismatch)
	add("claimed nonce", reencode(func(tx *token.Transaction) { tx.Accounts[i].Nonce++ }), mismatch)

	j := rng.IntN(len(tx.Transfers))
	tr := tx.Transfers[j]
	// The sender's nonce at transfer j: the ledger's plus its earlier transfers.
	nonce := tree.Account(tr.Sender).Nonce
	balance := tree.Account(tr.Sender).Balance
	for _, earlier := range tx.Transfers[:j] {
		if earlier.Sender == tr.Sender {
			nonce++
			balance -= earlier.Amount
		}
		if earlier.Recipient == tr.Sender {
			balance += earlier.Amount
		}
	}
	add("wrong nonce", reencode(func(tx *token.Transaction) { tx.Transfers[j].Nonce++ }),
		fmt.Sprintf("transfer %d: nonce %d, but sender %v is at nonce %d", j, tr.Nonce+1, tr.Sender, nonce))
	add("overdraft", reencode(func(tx *token.Transaction) { tx.Transfers[j].Amount = balance + 1 }),
		fmt.Sprintf("transfer %d: sender %v has balance %d, cannot send %d", j, tr.Sender, balance, balance+1))

	add("truncated", data[:len(data)-1], lastFieldError(tx, -1))
	add("trailing byte", append(slices.Clone(data), 0), lastFieldError(tx, +1))
	add("unknown selector", append([]byte{2}, data[1:]...), "malformed transaction: unknown selector 2")
	add("no data", nil, "malformed transaction: no data")
	return out
}

// lastFieldError is the error for data whose last field, the proof's
// nodes, is delta bytes longer.
func lastFieldError(tx *token.Transaction, delta int) string {
	if tx.Multiproof != nil {
		n := 32*len(tx.Multiproof.Nodes) + delta
		if n < 0 {
			// No nodes: the offset of the nodes is past the end.
			at := 8 + len(tx.Multiproof.Defaults)
			return fmt.Sprintf("malformed transaction: proof.nodes: offset %d is outside 8..%d", at, at-1)
		}
		return fmt.Sprintf("malformed transaction: proof.nodes: %d bytes is not a multiple of 32", n)
	}
	last := len(tx.Branches) - 1
	n := 32*len(tx.Branches[last].Nodes) + delta
	if n < 0 {
		return fmt.Sprintf("malformed transaction: branches[%d]: 7 bytes, shorter than its 8-byte fixed part", last)
	}
	return fmt.Sprintf("malformed transaction: branches[%d].nodes: %d bytes is not a multiple of 32", last, n)
}

func cloneTransaction(tx *token.Transaction) *token.Transaction {
	out := &token.Transaction{
		Kind:      tx.Kind,
		Transfers: slices.Clone(tx.Transfers),
		Accounts:  slices.Clone(tx.Accounts),
	}
	if tx.Multiproof != nil {
		out.Multiproof = &token.Multiproof{Defaults: slices.Clone(tx.Multiproof.Defaults), Nodes: slices.Clone(tx.Multiproof.Nodes)}
	}
	if tx.Branches != nil {
		out.Branches = make([]token.Branch, len(tx.Branches))
		for i, b := range tx.Branches {
			out.Branches[i] = token.Branch{Defaults: b.Defaults, Nodes: slices.Clone(b.Nodes)}
		}
	}
	return out
}

// errorLedger is the ledger of TestProcessErrors. 0x30 holds the largest
// balance, beyond what a genesis allows, to reach the overflow check.
func errorLedger(t *testing.T) *token.Tree {
	t.Helper()
	tree := mustTree(t, []token.Account{
		{Address: 0x10, Balance: 100},
		{Address: 0x20, Nonce: 2, Balance: 50},
		{Address: 0x40, Balance: 1},
	})
	tree.Set(token.Account{Address: 0x30, Balance: math.MaxUint64})
	return tree
}

// processCase is a transaction Process must reject with want.
type processCase struct {
	name     string
	preState core.Root
	data     []byte
	want     string
}

// processErrorCases returns one case per check of steps 2 to 4, each for
// both kinds where it applies, on errorLedger.
func processErrorCases(t *testing.T) []processCase {
	t.Helper()
	tree := errorLedger(t)
	base := []token.Transfer{{Sender: 0x10, Recipient: 0x20, Nonce: 0, Amount: 10}}
	tests := []struct {
		name      string
		kinds     []token.ProofKind // both when nil
		transfers []token.Transfer
		change    func(tx *token.Transaction)
		preState  *core.Root // the tree's root when nil
		want      string
	}{
		{
			name: "accounts out of order",
			change: func(tx *token.Transaction) {
				tx.Accounts[0], tx.Accounts[1] = tx.Accounts[1], tx.Accounts[0]
				if tx.Branches != nil {
					tx.Branches[0], tx.Branches[1] = tx.Branches[1], tx.Branches[0]
				}
			},
			want: "account 1 (0x00000010) is not after account 0 (0x00000020): accounts must be in strictly ascending address order",
		},
		{
			name: "account repeated",
			change: func(tx *token.Transaction) {
				tx.Accounts = append(tx.Accounts, tx.Accounts[1])
			},
			want: "account 2 (0x00000020) is not after account 1 (0x00000020): accounts must be in strictly ascending address order",
		},
		{
			name:      "account no transfer touches",
			transfers: []token.Transfer{base[0], {Sender: 0x40, Recipient: 0x40}},
			change:    func(tx *token.Transaction) { tx.Transfers = tx.Transfers[:1] },
			want:      "account 2 (0x00000040) is proven but no transfer touches it",
		},
		{
			name:   "recipient without proof",
			change: func(tx *token.Transaction) { tx.Transfers[0].Recipient = 0x50 },
			want:   "account 1 (0x00000020) is proven but no transfer touches it",
		},
		{
			name:      "recipient without proof, every account touched",
			transfers: []token.Transfer{base[0], {Sender: 0x20, Recipient: 0x10, Nonce: 2}},
			change:    func(tx *token.Transaction) { tx.Transfers[1].Recipient = 0x2a },
			want:      "transfer 1: recipient 0x0000002a has no proof",
		},
		{
			name:      "sender without proof",
			transfers: []token.Transfer{base[0], {Sender: 0x20, Recipient: 0x10, Nonce: 2}},
			change:    func(tx *token.Transaction) { tx.Transfers[1].Sender = 0x2a },
			want:      "transfer 1: sender 0x0000002a has no proof",
		},
		{
			name:  "a default bit missing",
			kinds: []token.ProofKind{token.ProofMulti},
			change: func(tx *token.Transaction) {
				tx.Multiproof.Defaults = dropLastBit(tx.Multiproof.Defaults)
			},
			want: "proof: the 2 accounts need 36 helper nodes, got 35 default bits",
		},
		{
			name:  "a default bit cleared",
			kinds: []token.ProofKind{token.ProofMulti},
			change: func(tx *token.Transaction) {
				// Helper 33 (height 29) is a default: 0x10 and 0x20
				// have non-default helpers at heights 4 and 6 only.
				tx.Multiproof.Defaults[4] &^= 0x02
			},
			want: "proof: 3 default bits are 0 but 2 nodes are given",
		},
		{
			name:   "a branch missing",
			kinds:  []token.ProofKind{token.ProofSingle},
			change: func(tx *token.Transaction) { tx.Branches = tx.Branches[:1] },
			want:   "branches: 2 accounts but 1 branches",
		},
		{
			name:   "a branch node missing",
			kinds:  []token.ProofKind{token.ProofSingle},
			change: func(tx *token.Transaction) { tx.Branches[1].Nodes = tx.Branches[1].Nodes[1:] },
			want:   "branch 1: 3 default bits are 0 but 2 nodes are given",
		},
		{
			name:     "another pre-state",
			preState: &token.EmptyRoot,
			want:     "proof does not match the pre-state root",
		},
		{
			name:   "claimed balance",
			change: func(tx *token.Transaction) { tx.Accounts[0].Balance = 1000 },
			want:   "proof does not match the pre-state root",
		},
		{
			name:   "wrong nonce",
			change: func(tx *token.Transaction) { tx.Transfers[0].Nonce = 1 },
			want:   "transfer 0: nonce 1, but sender 0x00000010 is at nonce 0",
		},
		{
			name:      "second transfer reuses a nonce",
			transfers: []token.Transfer{base[0], {Sender: 0x10, Recipient: 0x20, Nonce: 0, Amount: 1}},
			want:      "transfer 1: nonce 0, but sender 0x00000010 is at nonce 1",
		},
		{
			name:      "overdraft",
			transfers: []token.Transfer{{Sender: 0x10, Recipient: 0x20, Amount: 101}},
			want:      "transfer 0: sender 0x00000010 has balance 100, cannot send 101",
		},
		{
			name:      "overdraft after an earlier transfer",
			transfers: []token.Transfer{{Sender: 0x10, Recipient: 0x20, Amount: 60}, {Sender: 0x10, Recipient: 0x20, Nonce: 1, Amount: 41}},
			want:      "transfer 1: sender 0x00000010 has balance 40, cannot send 41",
		},
		{
			name:      "overdraft to oneself",
			transfers: []token.Transfer{{Sender: 0x40, Recipient: 0x40, Amount: 2}},
			want:      "transfer 0: sender 0x00000040 has balance 1, cannot send 2",
		},
		{
			name:      "overdraft from a new address",
			transfers: []token.Transfer{{Sender: 0x99, Recipient: 0x10, Amount: 1}},
			want:      "transfer 0: sender 0x00000099 has balance 0, cannot send 1",
		},
		{
			name:      "overflow",
			transfers: []token.Transfer{{Sender: 0x40, Recipient: 0x30, Amount: 1}},
			want:      "transfer 0: recipient 0x00000030 balance would pass 2**64 - 1",
		},
	}
	var cases []processCase
	for _, tt := range tests {
		kindsOf := tt.kinds
		if kindsOf == nil {
			kindsOf = kinds
		}
		for _, kind := range kindsOf {
			transfers := tt.transfers
			if transfers == nil {
				transfers = base
			}
			tx := mustProve(t, tree, kind, transfers)
			if tt.change != nil {
				tt.change(tx)
			}
			preState := tree.Root()
			if tt.preState != nil {
				preState = *tt.preState
			}
			cases = append(cases, processCase{tt.name + "/" + kind.String(), preState, mustEncode(t, tx), tt.want})
		}
	}
	return cases
}

func TestProcessErrors(t *testing.T) {
	for _, c := range processErrorCases(t) {
		t.Run(c.name, func(t *testing.T) {
			res, err := token.Process(c.preState, c.data)
			if err == nil || err.Error() != c.want {
				t.Fatalf("Process error = %v\nwant %q", err, c.want)
			}
			if res.PostState != c.preState || res.Logs != nil {
				t.Errorf("a failure gave post-state %v and logs %v, want the pre-state and none", res.PostState, res.Logs)
			}
		})
	}
}

// dropLastBit removes the last bit of a bitlist encoding.
func dropLastBit(b []byte) []byte {
	n := 8*(len(b)-1) + bits.Len64(uint64(b[len(b)-1])) - 1
	bits := make([]bool, n-1)
	for i := range bits {
		bits[i] = b[i/8]>>(i%8)&1 == 1
	}
	out := make([]byte, len(bits)/8+1)
	for i, set := range bits {
		if set {
			out[i/8] |= 1 << (i % 8)
		}
	}
	out[len(bits)/8] |= 1 << (len(bits) % 8)
	return out
}

// TestProcessSelfTransfer checks that a transfer to oneself moves only the
// nonce, even at the largest balance.
func TestProcessSelfTransfer(t *testing.T) {
	tree := errorLedger(t)
	for _, kind := range kinds {
		t.Run(kind.String(), func(t *testing.T) {
			tx := mustProve(t, tree, kind, []token.Transfer{{Sender: 0x30, Recipient: 0x30, Amount: math.MaxUint64}})
			res, err := token.Process(tree.Root(), mustEncode(t, tx))
			if err != nil {
				t.Fatal(err)
			}
			want := []token.Account{{Address: 0x30, Nonce: 1, Balance: math.MaxUint64}}
			if !slices.Equal(res.Logs, want) {
				t.Errorf("logs %v, want %v", res.Logs, want)
			}
		})
	}
}

// TestProcessLogsOnlyChanges checks that a touched account whose values do
// not change (the recipient of nothing) is not logged.
func TestProcessLogsOnlyChanges(t *testing.T) {
	tree := errorLedger(t)
	for _, kind := range kinds {
		t.Run(kind.String(), func(t *testing.T) {
			tx := mustProve(t, tree, kind, []token.Transfer{{Sender: 0x10, Recipient: 0x77, Amount: 0}})
			res, err := token.Process(tree.Root(), mustEncode(t, tx))
			if err != nil {
				t.Fatal(err)
			}
			want := []token.Account{{Address: 0x10, Nonce: 1, Balance: 100}}
			if !slices.Equal(res.Logs, want) {
				t.Errorf("logs %v, want %v", res.Logs, want)
			}
		})
	}
}

// TestProcessTicksOnFailure checks the ticks a failed transaction reports:
// those of the work done before the failure.
func TestProcessTicksOnFailure(t *testing.T) {
	tree := errorLedger(t)
	transfers := []token.Transfer{{Sender: 0x10, Recipient: 0x20, Amount: 5}, {Sender: 0x20, Recipient: 0x40, Nonce: 2, Amount: 5}}
	for _, kind := range kinds {
		t.Run(kind.String(), func(t *testing.T) {
			tx := mustProve(t, tree, kind, transfers)
			leaves := uint64(nonEmptyLeaves(tx.Accounts)) // 3
			verify := 100 * (leaves + uint64(internalHashes(tx)))
			tests := []struct {
				name   string
				change func(tx *token.Transaction)
				ticks  func(n uint64) uint64
			}{
				{"step 2", func(tx *token.Transaction) { tx.Transfers[0].Sender = 0x11 }, func(n uint64) uint64 { return n }},
				{"step 3, wrong value", func(tx *token.Transaction) { tx.Accounts[1].Balance++ }, func(n uint64) uint64 {
					if kind == token.ProofSingle {
						// Every leaf, then branch 0 matches and branch 1 does not.
						return n + 100*(leaves+2*token.TreeDepth)
					}
					return n + verify
				}},
				{"step 4", func(tx *token.Transaction) { tx.Transfers[1].Nonce = 0 }, func(n uint64) uint64 { return n + verify }},
			}
			for _, tt := range tests {
				copied := cloneTransaction(tx)
				tt.change(copied)
				data := mustEncode(t, copied)
				res, err := token.Process(tree.Root(), data)
				if err == nil {
					t.Fatalf("%s: no error", tt.name)
				}
				if want := tt.ticks(uint64(len(data))); res.Ticks != want {
					t.Errorf("%s (%v): %d ticks, want %d", tt.name, err, res.Ticks, want)
				}
			}
		})
	}
}
