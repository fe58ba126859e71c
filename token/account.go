package token

import (
	"encoding/binary"
	"fmt"

	"github.com/eeplay/eeplay/core"
)

// Address names an account: the tree has one leaf for every 32-bit address.
type Address uint32

// String returns a as 0x followed by 8 hex digits, the form the EE's
// messages use.
func (a Address) String() string {
	return fmt.Sprintf("0x%08x", uint32(a))
}

// Account is one ledger entry. It is also the EE's log: the serialized
// Account (20 bytes) with the account's new values.
type Account struct {
	Address Address `json:"address"`
	// Nonce is the number of transfers the account has sent.
	Nonce   uint64 `json:"nonce"`
	Balance uint64 `json:"balance"`
}

// accountSize is the length of a serialized Account.
const accountSize = 4 + 8 + 8

// empty reports whether a is the account every address starts as, whose
// leaf is 32 zero bytes.
func (a Account) empty() bool {
	return a.Nonce == 0 && a.Balance == 0
}

// Leaf returns the tree leaf of a: 32 zero bytes for the empty account,
// otherwise hash_tree_root(AccountState(nonce, balance)). The address is not
// part of the leaf; it is the leaf's position. (Account's generated
// HashTreeRoot covers the address too and is not a leaf.)
func Leaf(a Account) core.Root {
	if a.empty() {
		return core.Root{}
	}
	var chunks [64]byte
	binary.LittleEndian.PutUint64(chunks[0:], a.Nonce)
	binary.LittleEndian.PutUint64(chunks[32:], a.Balance)
	return hashChunks(&chunks)
}

// readAccount decodes a 20-byte serialized Account; b must be that long.
func readAccount(b []byte) Account {
	return Account{
		Address: Address(binary.LittleEndian.Uint32(b[0:])),
		Nonce:   binary.LittleEndian.Uint64(b[4:]),
		Balance: binary.LittleEndian.Uint64(b[12:]),
	}
}
