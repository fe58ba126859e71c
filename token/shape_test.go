package token_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/eeplay/eeplay/token"
)

// TestTransactionShape: a multiproof's shape is the tree's, its default
// bits included; branches' shape is each account's spec branch and path
// in turn, the nodes two paths share computed once.
func TestTransactionShape(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 50 {
		genesis := randomGenesis(rng, 1+rng.IntN(15))
		tree := mustTree(t, genesis)
		addrs := append(randomAddresses(rng, rng.IntN(4)), genesis[rng.IntN(len(genesis))].Address)
		transfers := transfersAmong(addrs)
		for _, kind := range kinds {
			got := mustProve(t, tree, kind, transfers).Shape()
			want := tree.MultiproofNodes(addrs)
			if kind == token.ProofSingle {
				want = branchesShape(tree, touchedAddresses(transfers))
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, %v: addresses %v: Shape() = %+v\nwant %+v", round, kind, addrs, got, want)
			}
		}
	}
}

// branchesShape is the shape of the branches of addrs (ascending, distinct)
// in tree, from the spec's branch and path indices.
func branchesShape(tree *token.Tree, addrs []token.Address) token.ProofShape {
	var shape token.ProofShape
	computed := map[uint64]bool{}
	for _, g := range leafIndices(addrs) {
		shape.Leaves = append(shape.Leaves, g)
		for height, helper := range specBranchIndices(g) {
			shape.Helpers = append(shape.Helpers, helper)
			shape.DefaultHelpers = append(shape.DefaultHelpers, tree.Node(helper) == token.DefaultNode(height))
		}
		for _, p := range append(specPathIndices(g)[1:], 1) {
			if !computed[p] {
				computed[p] = true
				shape.Computed = append(shape.Computed, p)
			}
		}
	}
	return shape
}
