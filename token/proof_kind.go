package token

import "fmt"

// ProofKind says how a transaction proves its accounts. Its values are the
// selectors of the TokenTransaction union.
type ProofKind uint8

const (
	// ProofMulti is one multiproof for all the accounts (MultiproofBatch).
	ProofMulti ProofKind = 0
	// ProofSingle is one Merkle branch per account (BranchBatch).
	ProofSingle ProofKind = 1
)

// String returns "multi" or "single", the names ParseProofKind accepts.
func (k ProofKind) String() string {
	switch k {
	case ProofMulti:
		return "multi"
	case ProofSingle:
		return "single"
	}
	return fmt.Sprintf("ProofKind(%d)", uint8(k))
}

// ParseProofKind returns the kind named "multi" or "single".
func ParseProofKind(s string) (ProofKind, error) {
	switch s {
	case "multi":
		return ProofMulti, nil
	case "single":
		return ProofSingle, nil
	}
	return 0, fmt.Errorf("proof kind %q: want multi or single", s)
}
