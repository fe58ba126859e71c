package token

import "fmt"

// Transaction is one TokenTransaction: transfers, the accounts they touch
// with their values before the transaction (ascending address), and a proof
// of those accounts of kind Kind.
type Transaction struct {
	Kind      ProofKind  `json:"kind"`
	Transfers []Transfer `json:"transfers"`
	Accounts  []Account  `json:"accounts"`
	// Multiproof is the proof when Kind is ProofMulti, nil otherwise.
	Multiproof *Multiproof `json:"multiproof,omitempty"`
	// Branches are the proof when Kind is ProofSingle: Branches[i] proves
	// Accounts[i]. Nil otherwise.
	Branches []Branch `json:"branches,omitempty"`
}

// multiproofBatch is the MultiproofBatch of the spec, union selector 0.
type multiproofBatch struct {
	Transfers []Transfer `ssz-max:"1024"`
	Accounts  []Account  `ssz-max:"2048"`
	Proof     *Multiproof
}

// branchBatch is the BranchBatch of the spec, union selector 1.
type branchBatch struct {
	Transfers []Transfer `ssz-max:"1024"`
	Accounts  []Account  `ssz-max:"2048"`
	Branches  []Branch   `ssz-max:"2048"`
}

// batchFixedSize is the fixed part of both batches: three offsets.
const batchFixedSize = 3 * 4

// Encode returns the transaction's data: the union selector (Kind) and the
// SSZ encoding of the batch. It checks the list limits and that the proof
// matches the kind, not the contents; Process does that.
func (t *Transaction) Encode() ([]byte, error) {
	if err := t.checkLimits(); err != nil {
		return nil, fmt.Errorf("encode transaction: %w", err)
	}
	switch t.Kind {
	case ProofMulti:
		if t.Multiproof == nil {
			return nil, fmt.Errorf("encode transaction: kind multi without a multiproof")
		}
		if t.Branches != nil {
			return nil, fmt.Errorf("encode transaction: kind multi with branches")
		}
		batch := multiproofBatch{Transfers: t.Transfers, Accounts: t.Accounts, Proof: t.Multiproof}
		data, err := batch.MarshalSSZTo(make([]byte, 1, 1+batch.SizeSSZ()))
		if err != nil {
			return nil, fmt.Errorf("encode transaction: %w", err)
		}
		data[0] = byte(ProofMulti)
		return data, nil
	case ProofSingle:
		if t.Multiproof != nil {
			return nil, fmt.Errorf("encode transaction: kind single with a multiproof")
		}
		batch := branchBatch{Transfers: t.Transfers, Accounts: t.Accounts, Branches: t.Branches}
		data, err := batch.MarshalSSZTo(make([]byte, 1, 1+batch.SizeSSZ()))
		if err != nil {
			return nil, fmt.Errorf("encode transaction: %w", err)
		}
		data[0] = byte(ProofSingle)
		return data, nil
	}
	return nil, fmt.Errorf("encode transaction: unknown proof kind %d", uint8(t.Kind))
}

// checkLimits checks the lengths of the lists against the spec's limits,
// so that the error names the list as the spec does.
func (t *Transaction) checkLimits() error {
	if n := len(t.Transfers); n > MaxTransfers {
		return fmt.Errorf("%d transfers, more than %d", n, MaxTransfers)
	}
	if n := len(t.Accounts); n > MaxAccounts {
		return fmt.Errorf("%d accounts, more than %d", n, MaxAccounts)
	}
	if t.Multiproof != nil {
		if n := len(t.Multiproof.Defaults); n > MaxProofNodes/8+1 {
			return fmt.Errorf("proof.defaults: %d bytes, more than %d", n, MaxProofNodes/8+1)
		}
		if n := len(t.Multiproof.Nodes); n > MaxProofNodes {
			return fmt.Errorf("proof.nodes: %d nodes, more than %d", n, MaxProofNodes)
		}
	}
	if n := len(t.Branches); n > MaxAccounts {
		return fmt.Errorf("%d branches, more than %d", n, MaxAccounts)
	}
	for i, b := range t.Branches {
		if n := len(b.Nodes); n > TreeDepth {
			return fmt.Errorf("branches[%d].nodes: %d nodes, more than %d", i, n, TreeDepth)
		}
	}
	return nil
}

// ProofBytes returns how many bytes of the encoding are proof, to compare
// the two kinds. For a multiproof: the defaults bitlist (delimiter byte
// included) and 32 bytes per node; the Multiproof container's own two
// 4-byte offsets are not counted. For branches: the whole serialized
// branches list, that is 12 bytes per branch (its offset in the list, its
// 4-byte defaults and the offset of its nodes) and 32 bytes per node.
// Transfers, accounts, the selector and the batch's offsets are never
// counted.
func (t *Transaction) ProofBytes() int {
	n := 0
	if t.Multiproof != nil {
		n += len(t.Multiproof.Defaults) + 32*len(t.Multiproof.Nodes)
	}
	for _, b := range t.Branches {
		n += 4 + 4 + 4 + 32*len(b.Nodes)
	}
	return n
}
