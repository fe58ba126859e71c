package token

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/eeplay/eeplay/core"
)

// DecodeTransaction decodes a transaction's data as step 1 of the EE does,
// strictly: a selector of 0 or 1, every offset where the part before it
// ends, whole items within the list limits, a bitlist with its delimiter, no
// trailing bytes and at least one transfer. Accepted data is the one
// canonical encoding of its transaction, so Encode gives it back. The
// errors are the EE's, starting "malformed transaction: "; docs/token.md
// lists them in the order they are checked.
//
// Decoding does not check the accounts or the proof; Process does.
func DecodeTransaction(data []byte) (*Transaction, error) {
	if len(data) == 0 {
		return nil, malformed("no data")
	}
	kind := ProofKind(data[0])
	if kind != ProofMulti && kind != ProofSingle {
		return nil, malformed("unknown selector %d", data[0])
	}
	proofField := "proof"
	if kind == ProofSingle {
		proofField = "branches"
	}

	body := data[1:]
	size := uint64(len(body))
	if size < batchFixedSize {
		return nil, malformed("batch: %d bytes, shorter than its %d-byte fixed part", size, batchFixedSize)
	}
	transfersAt, accountsAt, proofAt := readOffset(body, 0), readOffset(body, 1), readOffset(body, 2)
	if transfersAt != batchFixedSize {
		return nil, malformed("transfers: offset %d, want %d", transfersAt, batchFixedSize)
	}
	if accountsAt < transfersAt || accountsAt > size {
		return nil, malformed("accounts: offset %d is outside %d..%d", accountsAt, transfersAt, size)
	}
	if proofAt < accountsAt || proofAt > size {
		return nil, malformed("%s: offset %d is outside %d..%d", proofField, proofAt, accountsAt, size)
	}

	tx := &Transaction{Kind: kind}
	transferBytes, err := fixedItems(body[transfersAt:accountsAt], "transfers", "transfers", transferSize, MaxTransfers)
	if err != nil {
		return nil, err
	}
	tx.Transfers = make([]Transfer, len(transferBytes))
	for i, b := range transferBytes {
		tx.Transfers[i] = Transfer{
			Sender:    Address(binary.LittleEndian.Uint32(b[0:])),
			Recipient: Address(binary.LittleEndian.Uint32(b[4:])),
			Nonce:     binary.LittleEndian.Uint64(b[8:]),
			Amount:    binary.LittleEndian.Uint64(b[16:]),
		}
	}
	accountBytes, err := fixedItems(body[accountsAt:proofAt], "accounts", "accounts", accountSize, MaxAccounts)
	if err != nil {
		return nil, err
	}
	tx.Accounts = make([]Account, len(accountBytes))
	for i, b := range accountBytes {
		tx.Accounts[i] = readAccount(b)
	}

	if kind == ProofMulti {
		tx.Multiproof, err = decodeMultiproof(body[proofAt:])
	} else {
		tx.Branches, err = decodeBranches(body[proofAt:])
	}
	if err != nil {
		return nil, err
	}
	if len(tx.Transfers) == 0 {
		return nil, malformed("no transfers")
	}
	return tx, nil
}

// decodeMultiproof decodes the proof of a MultiproofBatch, which runs to the
// end of the data.
func decodeMultiproof(b []byte) (*Multiproof, error) {
	const fixedSize = 2 * 4
	size := uint64(len(b))
	if size < fixedSize {
		return nil, malformed("proof: %d bytes, shorter than its %d-byte fixed part", size, fixedSize)
	}
	defaultsAt, nodesAt := readOffset(b, 0), readOffset(b, 1)
	if defaultsAt != fixedSize {
		return nil, malformed("proof.defaults: offset %d, want %d", defaultsAt, fixedSize)
	}
	if nodesAt < defaultsAt || nodesAt > size {
		return nil, malformed("proof.nodes: offset %d is outside %d..%d", nodesAt, defaultsAt, size)
	}
	defaults := b[defaultsAt:nodesAt]
	switch n := bitlistLen(defaults); {
	case len(defaults) == 0:
		return nil, malformed("proof.defaults: empty, no delimiter bit")
	case n < 0:
		return nil, malformed("proof.defaults: last byte is 0, no delimiter bit")
	case n > MaxProofNodes:
		return nil, malformed("proof.defaults: %d bits, more than %d", n, MaxProofNodes)
	}
	nodes, err := decodeNodes(b[nodesAt:], "proof.nodes", MaxProofNodes)
	if err != nil {
		return nil, err
	}
	return &Multiproof{Defaults: slices.Clone(defaults), Nodes: nodes}, nil
}

// decodeBranches decodes the branches of a BranchBatch, a list of
// variable-size items, which runs to the end of the data: an offset per
// branch, then the branches.
func decodeBranches(b []byte) ([]Branch, error) {
	size := uint64(len(b))
	if size == 0 {
		return []Branch{}, nil
	}
	if size < 4 {
		return nil, malformed("branches: %d bytes, shorter than an offset", size)
	}
	first := readOffset(b, 0)
	if first%4 != 0 || first < 4 || first > size {
		return nil, malformed("branches[0]: offset %d, want a multiple of 4 in 4..%d", first, size)
	}
	count := int(first / 4)
	if count > MaxAccounts {
		return nil, malformed("branches: %d branches, more than %d", count, MaxAccounts)
	}
	offsets := make([]uint64, count+1)
	offsets[0], offsets[count] = first, size
	for i := 1; i < count; i++ {
		offsets[i] = readOffset(b, i)
		if offsets[i] < offsets[i-1] || offsets[i] > size {
			return nil, malformed("branches[%d]: offset %d is outside %d..%d", i, offsets[i], offsets[i-1], size)
		}
	}
	branches := make([]Branch, count)
	for i := range branches {
		item := b[offsets[i]:offsets[i+1]]
		const fixedSize = 4 + 4
		if len(item) < fixedSize {
			return nil, malformed("branches[%d]: %d bytes, shorter than its %d-byte fixed part", i, len(item), fixedSize)
		}
		if at := readOffset(item, 1); at != fixedSize {
			return nil, malformed("branches[%d].nodes: offset %d, want %d", i, at, fixedSize)
		}
		nodes, err := decodeNodes(item[fixedSize:], fmt.Sprintf("branches[%d].nodes", i), TreeDepth)
		if err != nil {
			return nil, err
		}
		branches[i] = Branch{Defaults: binary.LittleEndian.Uint32(item), Nodes: nodes}
	}
	return branches, nil
}

// decodeNodes decodes a List[Bytes32, limit] named field.
func decodeNodes(b []byte, field string, limit int) ([]core.Root, error) {
	items, err := fixedItems(b, field, "nodes", 32, limit)
	if err != nil {
		return nil, err
	}
	nodes := make([]core.Root, len(items))
	for i, item := range items {
		nodes[i] = core.Root(item)
	}
	return nodes, nil
}

// fixedItems splits the list field b into items of itemSize bytes, at most
// limit of them; noun names them in the error.
func fixedItems(b []byte, field, noun string, itemSize, limit int) ([][]byte, error) {
	if len(b)%itemSize != 0 {
		return nil, malformed("%s: %d bytes is not a multiple of %d", field, len(b), itemSize)
	}
	n := len(b) / itemSize
	if n > limit {
		return nil, malformed("%s: %d %s, more than %d", field, n, noun, limit)
	}
	items := make([][]byte, n)
	for i := range items {
		items[i] = b[i*itemSize : (i+1)*itemSize]
	}
	return items, nil
}

// readOffset returns the i-th 4-byte offset of b, which must hold it.
func readOffset(b []byte, i int) uint64 {
	return uint64(binary.LittleEndian.Uint32(b[4*i:]))
}

// malformed returns an error of step 1, with the EE's prefix.
func malformed(format string, args ...any) error {
	return errors.New("malformed transaction: " + fmt.Sprintf(format, args...))
}
