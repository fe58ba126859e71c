package token

import (
	"slices"

	"github.com/eeplay/eeplay/core"
)

// Multiproof proves several leaves at once: the helper nodes are the nodes
// outside the leaves' paths that the root needs, in helper order (descending
// generalized index: bottom level first, right to left within a level), as
// the consensus specs' get_helper_indices has them.
type Multiproof struct {
	// Defaults is the SSZ encoding of a Bitlist[MaxProofNodes], delimiter
	// included: one bit per helper node, in helper order. A set bit means
	// the helper is the default of its height and is not in Nodes.
	Defaults []byte `json:"defaults" ssz:"bitlist" ssz-max:"65536"`
	// Nodes are the helper nodes whose bit is 0, in helper order.
	Nodes []core.Root `json:"nodes" ssz-max:"65536" ssz-size:"?,32"`
}

// Default reports whether helper i is sent as a set bit of Defaults, that
// is as the default of its height; false past the last bit.
func (m *Multiproof) Default(i int) bool {
	return i >= 0 && i < bitlistLen(m.Defaults) && bitlistBit(m.Defaults, i)
}

// MultiproofNodes returns the shape of the multiproof of addresses: its
// leaves, helper nodes and computed nodes, with the semantics of the
// consensus specs' get_helper_indices and get_path_indices. Addresses are
// taken as a set; repeats and order do not matter.
func MultiproofNodes(addresses []Address) ProofShape {
	addrs := sortedAddresses(addresses)
	leaves := make([]uint64, len(addrs))
	for i, a := range addrs {
		leaves[i] = leafIndex(a)
	}
	helpers, computed := multiproofIndices(addrs)
	return ProofShape{Leaves: leaves, Helpers: helpers, Computed: computed}
}

// MultiproofNodes returns the shape of the multiproof of addresses in t,
// with DefaultHelpers filled in: a default helper is the one a multiproof
// names with a bit instead of sending it.
func (t *Tree) MultiproofNodes(addresses []Address) ProofShape {
	shape := MultiproofNodes(addresses)
	shape.DefaultHelpers = make([]bool, len(shape.Helpers))
	for i, g := range shape.Helpers {
		shape.DefaultHelpers[i] = t.Node(g) == zeroHashes[nodeHeight(g)]
	}
	return shape
}

// sortedAddresses returns the distinct addresses in ascending order.
func sortedAddresses(addresses []Address) []Address {
	out := slices.Clone(addresses)
	slices.Sort(out)
	return slices.Compact(out)
}

// multiproofIndices returns the helper and computed generalized indices of
// the multiproof of addrs (ascending, distinct). It walks the tree level by
// level from the leaves, each level right to left: a node whose sibling is
// not on a path needs that sibling as a helper, and helpers come out in
// helper order. All leaves are at the same depth, which is what makes the
// level order the descending order.
func multiproofIndices(addrs []Address) (helpers, computed []uint64) {
	helpers, computed = []uint64{}, []uint64{}
	level := make([]uint64, len(addrs))
	for i, a := range addrs {
		level[len(addrs)-1-i] = leafIndex(a)
	}
	for range TreeDepth {
		next := make([]uint64, 0, len(level))
		for i := 0; i < len(level); {
			g := level[i]
			if g&1 == 1 && i+1 < len(level) && level[i+1] == g-1 {
				i += 2
			} else {
				helpers = append(helpers, g^1)
				i++
			}
			next = append(next, g>>1)
		}
		computed = append(computed, next...)
		level = next
	}
	return helpers, computed
}

// proofNode is a node and its generalized index.
type proofNode struct {
	g    uint64
	node core.Root
}

// multiproofRoot computes the root from the leaves of addrs (ascending,
// distinct, at least one) and the helper nodes in helper order, which must
// be exactly as many as multiproofIndices gives. It hashes each computed
// node once.
func multiproofRoot(addrs []Address, leaves []core.Root, helpers []core.Root) core.Root {
	level := make([]proofNode, len(addrs))
	for i, a := range addrs {
		level[len(addrs)-1-i] = proofNode{leafIndex(a), leaves[i]}
	}
	next := make([]proofNode, 0, len(level))
	for range TreeDepth {
		next = next[:0]
		for i := 0; i < len(level); {
			g := level[i].g
			var left, right core.Root
			switch {
			case g&1 == 1 && i+1 < len(level) && level[i+1].g == g-1:
				left, right = level[i+1].node, level[i].node
				i += 2
			case g&1 == 1:
				left, right = helpers[0], level[i].node
				helpers = helpers[1:]
				i++
			default:
				left, right = level[i].node, helpers[0]
				helpers = helpers[1:]
				i++
			}
			next = append(next, proofNode{g >> 1, hashPair(left, right)})
		}
		level, next = next, level
	}
	return level[0].node
}

// proveMultiproof returns the minimal multiproof of addrs (ascending,
// distinct) in t: every default helper is a bit, every other one a node.
func proveMultiproof(t *Tree, addrs []Address) *Multiproof {
	helpers, _ := multiproofIndices(addrs)
	isDefault := make([]bool, len(helpers))
	nodes := []core.Root{}
	for i, g := range helpers {
		node := t.Node(g)
		if node == zeroHashes[nodeHeight(g)] {
			isDefault[i] = true
		} else {
			nodes = append(nodes, node)
		}
	}
	return &Multiproof{Defaults: encodeBitlist(isDefault), Nodes: nodes}
}

// multiproofHelpers expands the helper nodes of proof, whose helpers are at
// generalized indices helpers: a set bit stands for the default of the
// helper's height. The caller has checked that the bit and node counts fit.
func multiproofHelpers(proof *Multiproof, helpers []uint64) []core.Root {
	out := make([]core.Root, len(helpers))
	nodes := proof.Nodes
	for i, g := range helpers {
		if bitlistBit(proof.Defaults, i) {
			out[i] = zeroHashes[nodeHeight(g)]
		} else {
			out[i], nodes = nodes[0], nodes[1:]
		}
	}
	return out
}
