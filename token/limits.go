package token

// The limits of the spec's SSZ types (docs/token.md); the SSZ tags on the
// types repeat them, because sszgen needs literals.
const (
	// TreeDepth is the depth of the account tree: one leaf per 32-bit address.
	TreeDepth = 32
	// MaxTransfers bounds the transfers of one transaction.
	MaxTransfers = 1024
	// MaxAccounts bounds the accounts (and branches) of one transaction:
	// every transfer touches at most two.
	MaxAccounts = 2048
	// MaxProofNodes bounds the helper nodes of a multiproof: MaxAccounts
	// branches of TreeDepth siblings.
	MaxProofNodes = 65536
)
