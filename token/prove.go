package token

import (
	"fmt"
	"slices"
)

// Prove returns the transaction of kind for transfers against t: the
// accounts the transfers touch, each once in ascending address order with
// its values in t, and their minimal proof (no node the verifier can
// compute, no default, no account the transfers do not touch). It takes
// the transfers as they are, nonces included, and checks none of them: an
// invalid transfer makes a transaction the EE rejects.
func Prove(t *Tree, kind ProofKind, transfers []Transfer) (*Transaction, error) {
	if len(transfers) == 0 {
		return nil, fmt.Errorf("prove: no transfers")
	}
	if len(transfers) > MaxTransfers {
		return nil, fmt.Errorf("prove: %d transfers, more than %d", len(transfers), MaxTransfers)
	}
	touched := make([]Address, 0, 2*len(transfers))
	for _, tr := range transfers {
		touched = append(touched, tr.Sender, tr.Recipient)
	}
	addrs := sortedAddresses(touched)
	tx := &Transaction{Kind: kind, Transfers: slices.Clone(transfers), Accounts: make([]Account, len(addrs))}
	for i, a := range addrs {
		tx.Accounts[i] = t.Account(a)
	}
	switch kind {
	case ProofMulti:
		tx.Multiproof = proveMultiproof(t, addrs)
	case ProofSingle:
		tx.Branches = make([]Branch, len(addrs))
		for i, a := range addrs {
			tx.Branches[i] = proveBranch(t, a)
		}
	default:
		return nil, fmt.Errorf("prove: unknown proof kind %d", uint8(kind))
	}
	return tx, nil
}
