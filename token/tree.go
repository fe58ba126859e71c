package token

import (
	"cmp"
	"fmt"
	"maps"
	"math/bits"
	"slices"

	"github.com/eeplay/eeplay/core"
)

// Tree is the ledger as the EE sees it: a sparse Merkle tree of depth
// TreeDepth with one leaf per address. It keeps the non-empty accounts and
// every node that is not a default, by generalized index, so that a Set costs
// at most TreeDepth+1 hashes and any node or proof is a lookup.
//
// The zero Tree is not usable; make one with NewTree. A Tree is not safe for
// concurrent use.
type Tree struct {
	accounts map[Address]Account
	// nodes holds the nodes that differ from the default of their height;
	// every other node is Z[height].
	nodes map[uint64]core.Root
}

// NewTree returns the tree holding the genesis accounts. Their addresses must
// be distinct, none of them may be empty (nonce and balance 0, which is what
// an absent account is) and their balances must sum to at most 2**64 - 1, so
// that no transfer can ever overflow the supply.
func NewTree(genesis []Account) (*Tree, error) {
	t := &Tree{accounts: make(map[Address]Account, len(genesis)), nodes: make(map[uint64]core.Root)}
	first := make(map[Address]int, len(genesis))
	var supply uint64
	for i, a := range genesis {
		if a.empty() {
			return nil, fmt.Errorf("genesis account %d (%v) is empty: nonce and balance are 0", i, a.Address)
		}
		if j, ok := first[a.Address]; ok {
			return nil, fmt.Errorf("genesis account %d (%v) repeats the address of genesis account %d", i, a.Address, j)
		}
		first[a.Address] = i
		var carry uint64
		if supply, carry = bits.Add64(supply, a.Balance, 0); carry != 0 {
			return nil, fmt.Errorf("genesis account %d (%v) brings the sum of balances past 2**64 - 1", i, a.Address)
		}
		t.Set(a)
	}
	return t, nil
}

// Root returns the root of the tree, the EE's state.
func (t *Tree) Root() core.Root {
	return t.Node(1)
}

// Account returns the account at address a: the empty account (nonce and
// balance 0) with that address if the ledger has none.
func (t *Tree) Account(a Address) Account {
	if acc, ok := t.accounts[a]; ok {
		return acc
	}
	return Account{Address: a}
}

// Accounts returns the non-empty accounts in ascending address order.
func (t *Tree) Accounts() []Account {
	out := slices.Collect(maps.Values(t.accounts))
	slices.SortFunc(out, func(a, b Account) int { return cmp.Compare(a.Address, b.Address) })
	return out
}

// Set stores a at its address, replacing what was there, and updates the
// nodes on its path. Setting the empty account removes the address.
func (t *Tree) Set(a Account) {
	if a.empty() {
		delete(t.accounts, a.Address)
	} else {
		t.accounts[a.Address] = a
	}
	g := leafIndex(a.Address)
	node := Leaf(a)
	t.store(g, 0, node)
	for h := range TreeDepth {
		sibling := t.Node(g ^ 1)
		switch {
		case node == zeroHashes[h] && sibling == zeroHashes[h]:
			// An emptied subtree: its root is known without hashing.
			node = zeroHashes[h+1]
		case g&1 == 0:
			node = hashPair(node, sibling)
		default:
			node = hashPair(sibling, node)
		}
		g >>= 1
		t.store(g, h+1, node)
	}
}

// store records node g of height h, keeping only non-defaults.
func (t *Tree) store(g uint64, h int, node core.Root) {
	if node == zeroHashes[h] {
		delete(t.nodes, g)
	} else {
		t.nodes[g] = node
	}
}

// Clone returns an independent copy of t.
func (t *Tree) Clone() *Tree {
	return &Tree{accounts: maps.Clone(t.accounts), nodes: maps.Clone(t.nodes)}
}

// Node returns the node at generalized index gindex: 1 is the root, 2g and
// 2g+1 are the children of g, and the leaf of address a is 2**32 + a. An
// index outside 1..2**33-1 names no node; Node returns the zero root for it.
func (t *Tree) Node(gindex uint64) core.Root {
	if gindex == 0 || gindex >= 2*leafBase {
		return core.Root{}
	}
	if node, ok := t.nodes[gindex]; ok {
		return node
	}
	return zeroHashes[nodeHeight(gindex)]
}
