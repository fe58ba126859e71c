package token_test

import (
	"crypto/sha256"
	"maps"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
)

// A direct port of the consensus specs' multiproof functions
// (ssz/merkle-proofs.md), sets and all, as the reference.

func specSibling(g uint64) uint64 { return g ^ 1 }
func specParent(g uint64) uint64  { return g / 2 }

func specBranchIndices(g uint64) []uint64 {
	o := []uint64{specSibling(g)}
	for o[len(o)-1] > 1 {
		o = append(o, specSibling(specParent(o[len(o)-1])))
	}
	return o[:len(o)-1]
}

func specPathIndices(g uint64) []uint64 {
	o := []uint64{g}
	for o[len(o)-1] > 1 {
		o = append(o, specParent(o[len(o)-1]))
	}
	return o[:len(o)-1]
}

func specHelperIndices(indices []uint64) []uint64 {
	helpers, paths := map[uint64]bool{}, map[uint64]bool{}
	for _, g := range indices {
		for _, b := range specBranchIndices(g) {
			helpers[b] = true
		}
		for _, p := range specPathIndices(g) {
			paths[p] = true
		}
	}
	var out []uint64
	for g := range helpers {
		if !paths[g] {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// specMultiMerkleRoot is calculate_multi_merkle_root.
func specMultiMerkleRoot(leaves []core.Root, proof []core.Root, indices []uint64) core.Root {
	helperIndices := specHelperIndices(indices)
	objects := map[uint64]core.Root{}
	for i, g := range indices {
		objects[g] = leaves[i]
	}
	for i, g := range helperIndices {
		objects[g] = proof[i]
	}
	keys := slices.Sorted(maps.Keys(objects))
	slices.Reverse(keys)
	for pos := 0; pos < len(keys); pos++ {
		k := keys[pos]
		_, hasSibling := objects[k^1]
		_, hasParent := objects[k/2]
		if hasSibling && !hasParent {
			left, right := objects[(k|1)^1], objects[k|1]
			objects[k/2] = sha256.Sum256(append(left[:], right[:]...))
			keys = append(keys, k/2)
		}
	}
	return objects[1]
}

func randomAddresses(rng *rand.Rand, n int) []token.Address {
	out := make([]token.Address, n)
	for i := range out {
		out[i] = randomAddress(rng)
	}
	return out
}

func leafIndices(addrs []token.Address) []uint64 {
	out := make([]uint64, len(addrs))
	for i, a := range addrs {
		out[i] = 1<<32 + uint64(a)
	}
	return out
}

func TestMultiproofNodesAgainstSpec(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		addrs := randomAddresses(rng, 1+rng.IntN(20))
		distinct := slices.Compact(slices.Sorted(slices.Values(addrs)))
		shape := token.MultiproofNodes(addrs)

		if want := leafIndices(distinct); !slices.Equal(shape.Leaves, want) {
			t.Fatalf("round %d: Leaves = %v, want %v", round, shape.Leaves, want)
		}
		if want := specHelperIndices(leafIndices(distinct)); !slices.Equal(shape.Helpers, want) {
			t.Fatalf("round %d: addresses %v: Helpers = %v, want %v", round, distinct, shape.Helpers, want)
		}
		// Computed: the path indices that are not leaves, and the root.
		computed := map[uint64]bool{1: true}
		for _, g := range leafIndices(distinct) {
			for _, p := range specPathIndices(g)[1:] {
				computed[p] = true
			}
		}
		want := slices.Sorted(maps.Keys(computed))
		slices.Reverse(want)
		if !slices.Equal(shape.Computed, want) {
			t.Fatalf("round %d: Computed = %v, want %v", round, shape.Computed, want)
		}
		if shape.DefaultHelpers != nil {
			t.Fatalf("round %d: DefaultHelpers = %v, want nil without a tree", round, shape.DefaultHelpers)
		}
	}
}

func TestMultiproofNodesEdges(t *testing.T) {
	tests := []struct {
		name      string
		addresses []token.Address
		helpers   int
		computed  int
	}{
		{"none", nil, 0, 0},
		{"one", []token.Address{9}, 32, 32},
		{"siblings", []token.Address{8, 9}, 31, 32},
		{"repeated", []token.Address{9, 9, 9}, 32, 32},
		{"both halves", []token.Address{0, 0xffffffff}, 62, 63},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shape := token.MultiproofNodes(tt.addresses)
			if len(shape.Helpers) != tt.helpers || len(shape.Computed) != tt.computed {
				t.Errorf("%d helpers and %d computed nodes, want %d and %d", len(shape.Helpers), len(shape.Computed), tt.helpers, tt.computed)
			}
		})
	}
}

func TestTreeMultiproofNodes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 50 {
		genesis := randomGenesis(rng, 1+rng.IntN(15))
		tree := mustTree(t, genesis)
		addrs := randomAddresses(rng, 1+rng.IntN(6))
		if rng.IntN(2) == 0 {
			addrs = append(addrs, genesis[rng.IntN(len(genesis))].Address)
		}
		shape := tree.MultiproofNodes(addrs)
		if !slices.Equal(shape.Helpers, token.MultiproofNodes(addrs).Helpers) {
			t.Fatalf("round %d: the tree's helpers differ from MultiproofNodes'", round)
		}
		proof := make([]core.Root, len(shape.Helpers))
		for i, g := range shape.Helpers {
			proof[i] = tree.Node(g)
			height := 33 - bits.Len64(g)
			if shape.DefaultHelpers[i] != (proof[i] == token.DefaultNode(height)) {
				t.Fatalf("round %d: DefaultHelpers[%d] = %v for node %v at height %d", round, i, shape.DefaultHelpers[i], proof[i], height)
			}
		}
		// The defaults a proof sends are the tree's default helpers.
		tx := mustProve(t, tree, token.ProofMulti, transfersAmong(addrs))
		for i := range shape.Helpers {
			if tx.Multiproof.Default(i) != shape.DefaultHelpers[i] {
				t.Fatalf("round %d: Multiproof.Default(%d) = %v, DefaultHelpers says %v", round, i, tx.Multiproof.Default(i), shape.DefaultHelpers[i])
			}
		}
		if tx.Multiproof.Default(-1) || tx.Multiproof.Default(len(shape.Helpers)) {
			t.Fatalf("round %d: Default is true outside the bits", round)
		}
		leaves := make([]core.Root, len(shape.Leaves))
		for i, g := range shape.Leaves {
			leaves[i] = tree.Node(g)
		}
		if got := specMultiMerkleRoot(leaves, proof, shape.Leaves); got != tree.Root() {
			t.Fatalf("round %d: calculate_multi_merkle_root = %v, want the tree root %v", round, got, tree.Root())
		}
	}
}

// transfersAmong returns transfers that touch exactly addrs.
func transfersAmong(addrs []token.Address) []token.Transfer {
	var out []token.Transfer
	for _, a := range addrs {
		out = append(out, token.Transfer{Sender: a, Recipient: a})
	}
	return out
}
