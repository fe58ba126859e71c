package token

import (
	"crypto/sha256"
	"fmt"
	"math/bits"

	"github.com/eeplay/eeplay/core"
)

// leafBase is the generalized index of the leaf of address 0; the leaf of
// address a is leafBase + a.
const leafBase = uint64(1) << TreeDepth

// zeroHashes is Z: zeroHashes[h] is the root of a subtree of height h with
// only empty leaves.
var zeroHashes = func() (z [TreeDepth + 1]core.Root) {
	for h := range TreeDepth {
		z[h+1] = hashPair(z[h], z[h])
	}
	return z
}()

// EmptyRoot is the root of the tree without accounts, Z[32].
var EmptyRoot = zeroHashes[TreeDepth]

// DefaultNode returns Z[height], the root of a subtree of that height whose
// leaves are all empty; height runs from 0 (a leaf, 32 zero bytes) to
// TreeDepth (the root). It panics for any other height, as an index out of
// range does.
func DefaultNode(height int) core.Root {
	if height < 0 || height > TreeDepth {
		panic(fmt.Sprintf("token.DefaultNode: height %d is outside 0..%d", height, TreeDepth))
	}
	return zeroHashes[height]
}

// hashPair returns sha256(left || right), a node from its two children.
func hashPair(left, right core.Root) core.Root {
	var chunks [64]byte
	copy(chunks[:32], left[:])
	copy(chunks[32:], right[:])
	return hashChunks(&chunks)
}

// hashChunks returns the SHA-256 of 64 bytes: the one hash the EE charges.
func hashChunks(chunks *[64]byte) core.Root {
	return sha256.Sum256(chunks[:])
}

// leafIndex returns the generalized index of the leaf of a.
func leafIndex(a Address) uint64 {
	return leafBase + uint64(a)
}

// nodeHeight returns the height of generalized index g, which must be in
// 1..2*leafBase-1: 0 for leaves, TreeDepth for the root.
func nodeHeight(g uint64) int {
	return TreeDepth + 1 - bits.Len64(g)
}
