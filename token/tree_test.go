package token_test

import (
	"cmp"
	"crypto/sha256"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/token"
	ssz "github.com/ferranbt/fastssz"
)

func TestEmptyRoot(t *testing.T) {
	want, err := core.ParseRoot("0xc6f67e02e6e4e1bdefb994c6098953f34636ba2b6ca20a4721d2b26a886722ff")
	if err != nil {
		t.Fatal(err)
	}
	if token.EmptyRoot != want {
		t.Errorf("EmptyRoot = %v, want %v", token.EmptyRoot, want)
	}
	if got := token.DefaultNode(token.TreeDepth); got != want {
		t.Errorf("DefaultNode(32) = %v, want %v", got, want)
	}
	tree, err := token.NewTree(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := tree.Root(); got != want {
		t.Errorf("empty tree root = %v, want %v", got, want)
	}
}

func TestDefaultNode(t *testing.T) {
	z := core.Root{}
	for h := 0; h <= token.TreeDepth; h++ {
		if got := token.DefaultNode(h); got != z {
			t.Errorf("DefaultNode(%d) = %v, want %v", h, got, z)
		}
		z = sha256.Sum256(append(z[:], z[:]...))
	}
	for _, h := range []int{-1, token.TreeDepth + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("DefaultNode(%d) did not panic", h)
				}
			}()
			token.DefaultNode(h)
		}()
	}
}

// accountStateRoot is hash_tree_root(AccountState(nonce, balance)) of the
// spec, by fastssz's own merkleization: independent of token.Leaf.
func accountStateRoot(nonce, balance uint64) (core.Root, error) {
	hh := ssz.NewHasher()
	indx := hh.Index()
	hh.PutUint64(nonce)
	hh.PutUint64(balance)
	hh.Merkleize(indx)
	return hh.HashRoot()
}

// specLeaf is the leaf of a from the spec's definition.
func specLeaf(t testing.TB, a token.Account) core.Root {
	t.Helper()
	if a.Nonce == 0 && a.Balance == 0 {
		return core.Root{}
	}
	root, err := accountStateRoot(a.Nonce, a.Balance)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestLeaf(t *testing.T) {
	tests := []struct {
		name    string
		account token.Account
	}{
		{"empty", token.Account{Address: 7}},
		{"balance only", token.Account{Address: 7, Balance: 1000}},
		{"nonce only", token.Account{Nonce: 1}},
		{"both", token.Account{Address: 0xffffffff, Nonce: 3, Balance: 1 << 63}},
		{"largest", token.Account{Nonce: ^uint64(0), Balance: ^uint64(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := token.Leaf(tt.account), specLeaf(t, tt.account); got != want {
				t.Errorf("Leaf(%+v) = %v, want %v", tt.account, got, want)
			}
		})
	}
	if got, want := token.Leaf(token.Account{Address: 1, Balance: 5}), token.Leaf(token.Account{Address: 2, Balance: 5}); got != want {
		t.Errorf("the leaf depends on the address: %v != %v", got, want)
	}
}

// naiveRoot merkleizes the non-empty accounts from scratch, recursively,
// without any cache: the reference for Tree.
func naiveRoot(t testing.TB, accounts []token.Account) core.Root {
	t.Helper()
	var nonEmpty []token.Account
	for _, a := range accounts {
		if a.Nonce != 0 || a.Balance != 0 {
			nonEmpty = append(nonEmpty, a)
		}
	}
	slices.SortFunc(nonEmpty, func(a, b token.Account) int { return cmp.Compare(a.Address, b.Address) })
	return naiveSubtree(t, nonEmpty, token.TreeDepth, 0)
}

// naiveSubtree is the root of the subtree of height h whose first address
// is first, holding accounts.
func naiveSubtree(t testing.TB, accounts []token.Account, h int, first uint64) core.Root {
	if len(accounts) == 0 {
		z := core.Root{}
		for range h {
			z = sha256.Sum256(append(z[:], z[:]...))
		}
		return z
	}
	if h == 0 {
		return specLeaf(t, accounts[0])
	}
	mid := first + 1<<(h-1)
	split, _ := slices.BinarySearchFunc(accounts, mid, func(a token.Account, m uint64) int { return cmp.Compare(uint64(a.Address), m) })
	left := naiveSubtree(t, accounts[:split], h-1, first)
	right := naiveSubtree(t, accounts[split:], h-1, mid)
	return sha256.Sum256(append(left[:], right[:]...))
}

// randomAddress draws from a small range half the time, so that accounts
// share long paths and neighbours, and from all 32 bits otherwise.
func randomAddress(rng *rand.Rand) token.Address {
	if rng.IntN(2) == 0 {
		return token.Address(rng.IntN(64))
	}
	return token.Address(rng.Uint32())
}

// randomGenesis returns n accounts at distinct random addresses with
// random balances and nonces, none empty.
func randomGenesis(rng *rand.Rand, n int) []token.Account {
	seen := map[token.Address]bool{}
	var out []token.Account
	for len(out) < n {
		a := randomAddress(rng)
		if seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, token.Account{Address: a, Nonce: rng.Uint64N(3), Balance: 1 + rng.Uint64N(1000)})
	}
	return out
}

func mustTree(t testing.TB, genesis []token.Account) *token.Tree {
	t.Helper()
	tree, err := token.NewTree(genesis)
	if err != nil {
		t.Fatalf("NewTree: %v", err)
	}
	return tree
}

func TestTreeAgainstNaiveRoot(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		genesis := randomGenesis(rng, rng.IntN(12))
		tree := mustTree(t, genesis)
		if got, want := tree.Root(), naiveRoot(t, genesis); got != want {
			t.Fatalf("round %d: root of %v = %v, want %v", round, genesis, got, want)
		}
		// Change, add and remove accounts.
		ledger := map[token.Address]token.Account{}
		for _, a := range genesis {
			ledger[a.Address] = a
		}
		for range 10 {
			a := token.Account{Address: randomAddress(rng), Nonce: rng.Uint64N(2), Balance: rng.Uint64N(3)}
			if rng.IntN(4) == 0 && len(genesis) > 0 {
				a = token.Account{Address: genesis[rng.IntN(len(genesis))].Address}
			}
			tree.Set(a)
			ledger[a.Address] = a
			if got, want := tree.Root(), naiveRoot(t, slices.Collect(maps.Values(ledger))); got != want {
				t.Fatalf("round %d: root after Set(%+v) = %v, want %v", round, a, got, want)
			}
			if got := tree.Account(a.Address); got != a {
				t.Errorf("Account(%v) = %+v, want %+v", a.Address, got, a)
			}
		}
		var want []token.Account
		for _, a := range ledger {
			if a.Nonce != 0 || a.Balance != 0 {
				want = append(want, a)
			}
		}
		slices.SortFunc(want, func(a, b token.Account) int { return cmp.Compare(a.Address, b.Address) })
		if got := tree.Accounts(); !slices.Equal(got, want) {
			t.Errorf("round %d: Accounts() = %v, want %v", round, got, want)
		}
	}
}

func TestTreeRemoveAll(t *testing.T) {
	genesis := []token.Account{{Address: 1, Balance: 5}, {Address: 2, Nonce: 1}, {Address: 0xffffffff, Balance: 9}}
	tree := mustTree(t, genesis)
	for _, a := range genesis {
		tree.Set(token.Account{Address: a.Address})
	}
	if tree.Root() != token.EmptyRoot {
		t.Errorf("root after removing every account = %v, want EmptyRoot", tree.Root())
	}
	if got := tree.Accounts(); len(got) != 0 {
		t.Errorf("Accounts() = %v, want none", got)
	}
	if got := tree.Node(1<<32 + 1); got != (core.Root{}) {
		t.Errorf("leaf of a removed account = %v, want zero", got)
	}
}

func TestTreeNode(t *testing.T) {
	a := token.Account{Address: 5, Balance: 10}
	tree := mustTree(t, []token.Account{a})
	leaf := uint64(1)<<32 + 5
	leafNode := token.Leaf(a)
	tests := []struct {
		name   string
		gindex uint64
		want   core.Root
	}{
		{"root", 1, tree.Root()},
		{"leaf", leaf, token.Leaf(a)},
		{"empty sibling leaf", leaf ^ 1, core.Root{}},
		{"default at height 3", (leaf >> 3) ^ 1, token.DefaultNode(3)},
		{"parent (address 5 is a right child)", leaf >> 1, sha256.Sum256(append(make([]byte, 32), leafNode[:]...))},
		{"zero index", 0, core.Root{}},
		{"past the leaves", 1 << 33, core.Root{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tree.Node(tt.gindex); got != tt.want {
				t.Errorf("Node(%d) = %v, want %v", tt.gindex, got, tt.want)
			}
		})
	}
}

func TestTreeClone(t *testing.T) {
	tree := mustTree(t, []token.Account{{Address: 1, Balance: 5}})
	root := tree.Root()
	clone := tree.Clone()
	clone.Set(token.Account{Address: 2, Balance: 3})
	if tree.Root() != root || tree.Account(2) != (token.Account{Address: 2}) {
		t.Errorf("changing a clone changed the tree")
	}
	if clone.Root() == root {
		t.Errorf("the clone did not change")
	}
}

func TestNewTreeErrors(t *testing.T) {
	tests := []struct {
		name    string
		genesis []token.Account
		want    string
	}{
		{
			name:    "empty account",
			genesis: []token.Account{{Address: 1, Balance: 1}, {Address: 42}},
			want:    "genesis account 1 (0x0000002a) is empty: nonce and balance are 0",
		},
		{
			name:    "repeated address",
			genesis: []token.Account{{Address: 42, Balance: 1}, {Address: 1, Balance: 1}, {Address: 42, Nonce: 1}},
			want:    "genesis account 2 (0x0000002a) repeats the address of genesis account 0",
		},
		{
			name:    "supply overflow",
			genesis: []token.Account{{Address: 1, Balance: 1 << 63}, {Address: 0xdeadbeef, Balance: 1 << 63}},
			want:    "genesis account 1 (0xdeadbeef) brings the sum of balances past 2**64 - 1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := token.NewTree(tt.genesis)
			if err == nil || err.Error() != tt.want {
				t.Errorf("NewTree error = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := token.NewTree([]token.Account{{Address: 1, Balance: ^uint64(0)}, {Address: 2, Nonce: 7}}); err != nil {
		t.Errorf("a supply of exactly 2**64 - 1: %v", err)
	}
}

func TestAddressString(t *testing.T) {
	if got := token.Address(42).String(); got != "0x0000002a" {
		t.Errorf("Address(42).String() = %q", got)
	}
}
