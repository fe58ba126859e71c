package token

import "errors"

// DecodeGenerated decodes data with the decoders sszgen generated, which
// are laxer than DecodeTransaction, and returns the transaction with its
// generated encoding: the independent decoder the tests compare with.
func DecodeGenerated(data []byte) (*Transaction, []byte, error) {
	if len(data) == 0 || data[0] > 1 {
		return nil, nil, errors.New("no selector")
	}
	if data[0] == byte(ProofMulti) {
		var b multiproofBatch
		if err := b.UnmarshalSSZ(data[1:]); err != nil {
			return nil, nil, err
		}
		again, err := b.MarshalSSZTo([]byte{data[0]})
		return &Transaction{Kind: ProofMulti, Transfers: b.Transfers, Accounts: b.Accounts, Multiproof: b.Proof}, again, err
	}
	var b branchBatch
	if err := b.UnmarshalSSZ(data[1:]); err != nil {
		return nil, nil, err
	}
	again, err := b.MarshalSSZTo([]byte{data[0]})
	return &Transaction{Kind: ProofSingle, Transfers: b.Transfers, Accounts: b.Accounts, Branches: b.Branches}, again, err
}
