package token

import (
	"math/bits"

	"github.com/eeplay/eeplay/core"
)

// Branch proves one account: the TreeDepth siblings of its path, from the
// leaf up, with the defaults left out.
type Branch struct {
	// Defaults has bit h (value 1 << h) set when the sibling at height h is
	// Z[h], which is then not in Nodes.
	Defaults uint32 `json:"defaults"`
	// Nodes are the other siblings, from height 0 up.
	Nodes []core.Root `json:"nodes" ssz-max:"32" ssz-size:"?,32"`
}

// proveBranch returns the minimal branch of address a in t.
func proveBranch(t *Tree, a Address) Branch {
	b := Branch{Nodes: []core.Root{}}
	g := leafIndex(a)
	for h := range TreeDepth {
		if sibling := t.Node(g ^ 1); sibling == zeroHashes[h] {
			b.Defaults |= 1 << h
		} else {
			b.Nodes = append(b.Nodes, sibling)
		}
		g >>= 1
	}
	return b
}

// zeroBits returns the number of siblings b sends as nodes.
func (b *Branch) zeroBits() int {
	return TreeDepth - bits.OnesCount32(b.Defaults)
}

// siblings expands b into its TreeDepth siblings, from height 0 up. The
// caller has checked that b has one node per zero bit.
func (b *Branch) siblings() (out [TreeDepth]core.Root) {
	nodes := b.Nodes
	for h := range TreeDepth {
		if b.Defaults&(1<<h) != 0 {
			out[h] = zeroHashes[h]
		} else {
			out[h], nodes = nodes[0], nodes[1:]
		}
	}
	return out
}

// branchPath returns the nodes on the path of address a, by height, from its
// leaf and siblings: path[0] is the leaf and path[TreeDepth] the root. It
// costs TreeDepth hashes.
func branchPath(a Address, leaf core.Root, siblings *[TreeDepth]core.Root) (path [TreeDepth + 1]core.Root) {
	path[0] = leaf
	for h := range TreeDepth {
		if uint32(a)>>h&1 == 0 {
			path[h+1] = hashPair(path[h], siblings[h])
		} else {
			path[h+1] = hashPair(siblings[h], path[h])
		}
	}
	return path
}

// branchesRoot computes the root after the leaves of addrs (ascending,
// distinct, at least one) change to leaves, from the accounts' siblings,
// which it updates as it goes: after each account's path is computed, the
// sibling of every later account that lies on that path takes the path's
// new node. The later account's sibling at height h lies on the path
// exactly when the two addresses first differ at bit h. The last path then
// holds every change, as accounts come in ascending order. It hashes
// TreeDepth internal nodes per account.
func branchesRoot(addrs []Address, leaves []core.Root, siblings [][TreeDepth]core.Root) (root core.Root) {
	for i, a := range addrs {
		path := branchPath(a, leaves[i], &siblings[i])
		for j := i + 1; j < len(addrs); j++ {
			h := bits.Len32(uint32(a^addrs[j])) - 1
			siblings[j][h] = path[h]
		}
		root = path[TreeDepth]
	}
	return root
}
