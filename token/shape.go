package token

// ProofShape names, by generalized index, the nodes of a proof, for drawing
// it.
type ProofShape struct {
	// Leaves are the leaves proven, in ascending address order.
	Leaves []uint64 `json:"leaves"`
	// Helpers are the helper nodes in the order the proof lists them: for a
	// multiproof, helper order; for branches, the siblings of each branch
	// from the leaf up, branch after branch, so that a node two branches
	// share appears once for each.
	Helpers []uint64 `json:"helpers"`
	// Computed are the nodes the verifier hashes: every node on a leaf's
	// path above the leaves, the root included, each once, in the order
	// they are first computed (for a multiproof, descending generalized
	// index; the root is last in both).
	Computed []uint64 `json:"computed"`
	// DefaultHelpers[i] says whether Helpers[i] is the default of its
	// height, sent as a bit instead of a node. A proof's bits say so
	// (Transaction.Shape) and so does a tree (Tree.MultiproofNodes);
	// MultiproofNodes, which has neither, leaves it nil.
	DefaultHelpers []bool `json:"default_helpers"`
}

// Shape returns the shape of t's proof. A multiproof's is MultiproofNodes
// of t's accounts; a branch is the multiproof of its account alone, so
// branches take their nodes from MultiproofNodes one account at a time.
// DefaultHelpers comes from the proof's bits. t must hold the proof its
// Kind names, with one branch per account for ProofSingle, as Prove makes
// it and Process requires.
func (t *Transaction) Shape() ProofShape {
	addresses := make([]Address, len(t.Accounts))
	for i, a := range t.Accounts {
		addresses[i] = a.Address
	}
	if t.Kind == ProofMulti {
		shape := MultiproofNodes(addresses)
		shape.DefaultHelpers = make([]bool, len(shape.Helpers))
		for i := range shape.Helpers {
			shape.DefaultHelpers[i] = t.Multiproof.Default(i)
		}
		return shape
	}
	shape := ProofShape{
		Leaves:         make([]uint64, 0, len(addresses)),
		Helpers:        make([]uint64, 0, len(addresses)*TreeDepth),
		Computed:       make([]uint64, 0, len(addresses)*TreeDepth),
		DefaultHelpers: make([]bool, 0, len(addresses)*TreeDepth),
	}
	computed := make(map[uint64]bool)
	for i, a := range addresses {
		branch := MultiproofNodes([]Address{a})
		shape.Leaves = append(shape.Leaves, branch.Leaves...)
		// A single leaf's helpers come one per height, from the leaf up,
		// which is the order of the branch's default bits.
		shape.Helpers = append(shape.Helpers, branch.Helpers...)
		for height := range branch.Helpers {
			shape.DefaultHelpers = append(shape.DefaultHelpers, t.Branches[i].Defaults&(1<<height) != 0)
		}
		for _, g := range branch.Computed {
			if !computed[g] {
				computed[g] = true
				shape.Computed = append(shape.Computed, g)
			}
		}
	}
	return shape
}
