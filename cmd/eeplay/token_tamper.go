package main

import (
	"fmt"

	"github.com/eeplay/eeplay/token"
)

// tamper returns altered copies of tx, whose encoding is data, one for each
// way a dishonest or broken client could get a transaction wrong. Each one
// must be rejected by the EE.
func tamper(tx *token.Transaction, data []byte) ([]tampering, error) {
	alterations := []struct {
		name  string
		alter func(tx *token.Transaction) bool // false: does not apply to tx
	}{
		{"changed proof node", changeProofNode},
		{"false balance", func(tx *token.Transaction) bool {
			tx.Accounts[0].Balance++
			return true
		}},
		{"overdraft", func(tx *token.Transaction) bool {
			first := tx.Transfers[0]
			for _, account := range tx.Accounts {
				if account.Address == first.Sender {
					tx.Transfers[0].Amount = account.Balance + 1
				}
			}
			return true
		}},
		{"wrong nonce", func(tx *token.Transaction) bool {
			tx.Transfers[0].Nonce++
			return true
		}},
	}
	var tamperings []tampering
	for _, alteration := range alterations {
		// A fresh copy for each, decoded from the encoding: the alterations
		// change the transaction in place.
		copied, err := token.DecodeTransaction(data)
		if err != nil {
			return nil, fmt.Errorf("decoding the provider's own transaction: %w", err)
		}
		if !alteration.alter(copied) {
			continue
		}
		altered, err := copied.Encode()
		if err != nil {
			return nil, fmt.Errorf("encoding the %s: %w", alteration.name, err)
		}
		tamperings = append(tamperings, tampering{name: alteration.name, data: altered})
	}
	tamperings = append(tamperings, tampering{name: "truncated encoding", data: data[:len(data)-1]})
	return tamperings, nil
}

// changeProofNode flips one bit of the first proof node tx sends. A proof
// made only of defaults has no node to change.
func changeProofNode(tx *token.Transaction) bool {
	switch tx.Kind {
	case token.ProofMulti:
		if len(tx.Multiproof.Nodes) > 0 {
			tx.Multiproof.Nodes[0][0] ^= 1
			return true
		}
	case token.ProofSingle:
		for i := range tx.Branches {
			if len(tx.Branches[i].Nodes) > 0 {
				tx.Branches[i].Nodes[0][0] ^= 1
				return true
			}
		}
	}
	return false
}
