package token

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/eeplay/eeplay/core"
)

// Result is what the EE does with one transaction.
type Result struct {
	// PostState is the new root, or the pre-state after a failure.
	PostState core.Root `json:"post_state"`
	// Logs are the accounts whose nonce or balance changed, with their new
	// values, in ascending address order: one log of 20 bytes each.
	Logs []Account `json:"logs"`
	// Ticks are the ticks charged: after a failure, those charged before it.
	Ticks uint64 `json:"ticks"`
}

// hashTicks is the price of one SHA-256 over 64 bytes.
const hashTicks = 100

// Process runs the token EE on one transaction, as the Go reference of
// scripts/token: the same checks in the same order (docs/token.md, "What the
// EE does"), the same error messages without any prefix, the same ticks and
// the same logs. On an error, Result holds the pre-state, no logs and the
// ticks charged before the failure.
func Process(preState core.Root, data []byte) (Result, error) {
	res := Result{PostState: preState, Ticks: uint64(len(data))}

	// Step 1: decode.
	tx, err := DecodeTransaction(data)
	if err != nil {
		return res, err
	}

	// Step 2: the accounts.
	index, err := checkAccounts(tx)
	if err != nil {
		return res, err
	}
	addrs := make([]Address, len(tx.Accounts))
	for i, a := range tx.Accounts {
		addrs[i] = a.Address
	}

	// Step 3: the proof, once its counts are right: the leaves of the
	// non-empty accounts, then the internal nodes of one root computation,
	// each hash charged as it is done. recompute is step 5 with the same
	// proof and the same internal nodes.
	var recompute func(leaves []core.Root) core.Root
	var internal int
	switch tx.Kind {
	case ProofMulti:
		proof := tx.Multiproof
		helpers, computed := multiproofIndices(addrs)
		bitCount := bitlistLen(proof.Defaults)
		if bitCount != len(helpers) {
			return res, fmt.Errorf("proof: the %d accounts need %d helper nodes, got %d default bits", len(addrs), len(helpers), bitCount)
		}
		zeros := 0
		for i := range bitCount {
			if !bitlistBit(proof.Defaults, i) {
				zeros++
			}
		}
		if zeros != len(proof.Nodes) {
			return res, fmt.Errorf("proof: %d default bits are 0 but %d nodes are given", zeros, len(proof.Nodes))
		}
		helperNodes := multiproofHelpers(proof, helpers)
		res.Ticks += hashTicks * uint64(nonEmpty(tx.Accounts)+len(computed))
		root := multiproofRoot(addrs, leavesOf(tx.Accounts), helperNodes)
		if root != preState {
			return res, errProofMismatch
		}
		internal = len(computed)
		recompute = func(leaves []core.Root) core.Root {
			return multiproofRoot(addrs, leaves, helperNodes)
		}
	case ProofSingle:
		if len(tx.Branches) != len(addrs) {
			return res, fmt.Errorf("branches: %d accounts but %d branches", len(addrs), len(tx.Branches))
		}
		for i := range tx.Branches {
			b := &tx.Branches[i]
			if b.zeroBits() != len(b.Nodes) {
				return res, fmt.Errorf("branch %d: %d default bits are 0 but %d nodes are given", i, b.zeroBits(), len(b.Nodes))
			}
		}
		internal = TreeDepth * len(addrs)
		res.Ticks += hashTicks * uint64(nonEmpty(tx.Accounts))
		leaves := leavesOf(tx.Accounts)
		siblings := make([][TreeDepth]core.Root, len(addrs))
		for i := range tx.Branches {
			// Each branch in turn: the first whose root differs ends the
			// step, and the later ones are neither hashed nor charged.
			res.Ticks += hashTicks * TreeDepth
			siblings[i] = tx.Branches[i].siblings()
			if path := branchPath(addrs[i], leaves[i], &siblings[i]); path[TreeDepth] != preState {
				return res, errProofMismatch
			}
		}
		recompute = func(leaves []core.Root) core.Root {
			return branchesRoot(addrs, leaves, siblings)
		}
	}

	// Step 4: the transfers.
	accounts := slices.Clone(tx.Accounts)
	for j, tr := range tx.Transfers {
		sender, recipient := &accounts[index[tr.Sender]], &accounts[index[tr.Recipient]]
		if tr.Nonce != sender.Nonce {
			return res, fmt.Errorf("transfer %d: nonce %d, but sender %v is at nonce %d", j, tr.Nonce, sender.Address, sender.Nonce)
		}
		if sender.Balance < tr.Amount {
			return res, fmt.Errorf("transfer %d: sender %v has balance %d, cannot send %d", j, sender.Address, sender.Balance, tr.Amount)
		}
		if sender != recipient && recipient.Balance > math.MaxUint64-tr.Amount {
			return res, fmt.Errorf("transfer %d: recipient %v balance would pass 2**64 - 1", j, recipient.Address)
		}
		// The nonce wraps at 2**64, as a uint64 does.
		sender.Nonce++
		sender.Balance -= tr.Amount
		recipient.Balance += tr.Amount
	}

	// Step 5: the new root.
	res.Ticks += hashTicks * uint64(nonEmpty(accounts)+internal)
	root := recompute(leavesOf(accounts))

	// Step 6: the logs.
	for i, a := range accounts {
		if a != tx.Accounts[i] {
			res.Logs = append(res.Logs, a)
		}
	}
	res.PostState = root
	return res, nil
}

// errProofMismatch is step 3's failure when the proof is well formed.
var errProofMismatch = errors.New("proof does not match the pre-state root")

// checkAccounts is step 2: the accounts are in strictly ascending address
// order, each is touched by some transfer, and every transfer's sender and
// recipient is among them. It returns each address's position.
func checkAccounts(tx *Transaction) (map[Address]int, error) {
	for i := 1; i < len(tx.Accounts); i++ {
		if prev, cur := tx.Accounts[i-1].Address, tx.Accounts[i].Address; cur <= prev {
			return nil, fmt.Errorf("account %d (%v) is not after account %d (%v): accounts must be in strictly ascending address order", i, cur, i-1, prev)
		}
	}
	touched := make(map[Address]bool, 2*len(tx.Transfers))
	for _, tr := range tx.Transfers {
		touched[tr.Sender] = true
		touched[tr.Recipient] = true
	}
	index := make(map[Address]int, len(tx.Accounts))
	for i, a := range tx.Accounts {
		if !touched[a.Address] {
			return nil, fmt.Errorf("account %d (%v) is proven but no transfer touches it", i, a.Address)
		}
		index[a.Address] = i
	}
	for j, tr := range tx.Transfers {
		if _, ok := index[tr.Sender]; !ok {
			return nil, fmt.Errorf("transfer %d: sender %v has no proof", j, tr.Sender)
		}
		if _, ok := index[tr.Recipient]; !ok {
			return nil, fmt.Errorf("transfer %d: recipient %v has no proof", j, tr.Recipient)
		}
	}
	return index, nil
}

// leavesOf returns the leaves of accounts.
func leavesOf(accounts []Account) []core.Root {
	leaves := make([]core.Root, len(accounts))
	for i, a := range accounts {
		leaves[i] = Leaf(a)
	}
	return leaves
}

// nonEmpty counts the accounts whose leaf is a hash: an empty account's
// leaf is 32 zero bytes.
func nonEmpty(accounts []Account) int {
	n := 0
	for _, a := range accounts {
		if !a.empty() {
			n++
		}
	}
	return n
}
