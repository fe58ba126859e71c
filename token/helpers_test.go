package token_test

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

var kinds = []token.ProofKind{token.ProofMulti, token.ProofSingle}

// newEngine returns an engine with config, closed when t ends.
func newEngine(t testing.TB, config wasmhost.Config) *wasmhost.Engine {
	t.Helper()
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { engine.Close(ctx) })
	return engine
}

// applyTransfers applies valid transfers to a copy of tree as the spec
// says, one by one, and returns the copy with the changed accounts in
// ascending address order: what Process should find.
func applyTransfers(t testing.TB, tree *token.Tree, transfers []token.Transfer) (*token.Tree, []token.Account) {
	t.Helper()
	after := tree.Clone()
	for i, tr := range transfers {
		sender := after.Account(tr.Sender)
		if tr.Nonce != sender.Nonce || tr.Amount > sender.Balance {
			t.Fatalf("transfer %d (%+v) is not valid for %+v", i, tr, sender)
		}
		sender.Nonce++
		sender.Balance -= tr.Amount
		after.Set(sender)
		recipient := after.Account(tr.Recipient)
		recipient.Balance += tr.Amount
		after.Set(recipient)
	}
	var changed []token.Account
	for _, a := range touchedAddresses(transfers) {
		if after.Account(a) != tree.Account(a) {
			changed = append(changed, after.Account(a))
		}
	}
	return after, changed
}

// touchedAddresses returns the senders and recipients, ascending, once each.
func touchedAddresses(transfers []token.Transfer) []token.Address {
	var out []token.Address
	for _, tr := range transfers {
		out = append(out, tr.Sender, tr.Recipient)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// randomTransfers returns up to n transfers valid in order on tree, with
// the cases that matter mixed in: new recipients, transfers to oneself,
// senders that send again, amounts of 0 and whole balances.
func randomTransfers(rng *rand.Rand, tree *token.Tree, n int) []token.Transfer {
	ledger := map[token.Address]token.Account{}
	for _, a := range tree.Accounts() {
		ledger[a.Address] = a
	}
	var transfers []token.Transfer
	var last token.Address
	for len(transfers) < n {
		var funded []token.Address
		for a, acc := range ledger {
			if acc.Balance > 0 {
				funded = append(funded, a)
			}
		}
		if len(funded) == 0 {
			break
		}
		slices.SortFunc(funded, cmp.Compare)
		sender := funded[rng.IntN(len(funded))]
		if len(transfers) > 0 && ledger[last].Balance > 0 && rng.IntN(3) == 0 {
			sender = last
		}
		var recipient token.Address
		switch rng.IntN(8) {
		case 0:
			recipient = sender
		case 1, 2:
			recipient = randomAddress(rng)
		default:
			recipient = funded[rng.IntN(len(funded))]
		}
		s := ledger[sender]
		s.Address = sender
		var amount uint64
		switch rng.IntN(6) {
		case 0:
			amount = 0
		case 1:
			amount = s.Balance
		default:
			amount = rng.Uint64N(s.Balance + 1)
		}
		transfers = append(transfers, token.Transfer{Sender: sender, Recipient: recipient, Nonce: s.Nonce, Amount: amount})
		s.Nonce++
		s.Balance -= amount
		ledger[sender] = s
		r := ledger[recipient]
		r.Address = recipient
		r.Balance += amount
		ledger[recipient] = r
		last = sender
	}
	return transfers
}

func mustProve(t testing.TB, tree *token.Tree, kind token.ProofKind, transfers []token.Transfer) *token.Transaction {
	t.Helper()
	tx, err := token.Prove(tree, kind, transfers)
	if err != nil {
		t.Fatalf("Prove: %v", err)
	}
	return tx
}

func mustEncode(t testing.TB, tx *token.Transaction) []byte {
	t.Helper()
	data, err := tx.Encode()
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return data
}

// wantTicks is the tick rule of docs/token.md for a successful
// transaction: a tick per byte, and 100 per hash: the leaves of the
// non-empty accounts before and after, and the internal nodes computed in
// each of the two passes.
func wantTicks(tx *token.Transaction, data []byte, after *token.Tree) uint64 {
	hashes := 0
	for _, a := range tx.Accounts {
		if a.Nonce != 0 || a.Balance != 0 {
			hashes++
		}
		if b := after.Account(a.Address); b.Nonce != 0 || b.Balance != 0 {
			hashes++
		}
	}
	hashes += 2 * internalHashes(tx)
	return uint64(len(data)) + 100*uint64(hashes)
}

// internalHashes is the number of internal nodes one pass over the proof
// of tx hashes.
func internalHashes(tx *token.Transaction) int {
	if tx.Kind == token.ProofMulti {
		var addrs []token.Address
		for _, a := range tx.Accounts {
			addrs = append(addrs, a.Address)
		}
		return len(token.MultiproofNodes(addrs).Computed)
	}
	return token.TreeDepth * len(tx.Accounts)
}

// nonEmptyLeaves counts the accounts whose leaf costs a hash.
func nonEmptyLeaves(accounts []token.Account) int {
	n := 0
	for _, a := range accounts {
		if a.Nonce != 0 || a.Balance != 0 {
			n++
		}
	}
	return n
}
