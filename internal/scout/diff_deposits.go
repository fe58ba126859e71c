package scout

import (
	"encoding/hex"
	"fmt"
)

// DiffDeposits describes how the deposits pushed differ from those
// expected, one line per difference, such as
// "deposit_receipts[0]: amount: expected 1, actual 2 (pushed by ...)"; it
// returns nil when they are equal. pushed[i] is the i-th deposit the EEs
// pushed, as its SSZ encoding, and pushedBy[i] names where it came from,
// such as "shard_blocks[3]"; the two have the same length.
func DiffDeposits(expected []Deposit, pushed [][]byte, pushedBy []string) []string {
	var diffs []string
	if len(expected) != len(pushed) {
		diffs = append(diffs, fmt.Sprintf("expected %d deposits, actual %d", len(expected), len(pushed)))
	}
	for i := range max(len(expected), len(pushed)) {
		switch {
		case i >= len(pushed):
			diffs = append(diffs, fmt.Sprintf("deposit_receipts[%d]: expected 0x%x, actual none", i, expected[i].Encode()))
		case i >= len(expected):
			diffs = append(diffs, fmt.Sprintf("deposit_receipts[%d]: expected none, actual 0x%x (pushed by %s)", i, pushed[i], pushedBy[i]))
		default:
			for _, diff := range diffDeposit(expected[i], pushed[i]) {
				diffs = append(diffs, fmt.Sprintf("deposit_receipts[%d]: %s (pushed by %s)", i, diff, pushedBy[i]))
			}
		}
	}
	return diffs
}

// diffDeposit describes how the deposit pushed differs from the one
// expected, field by field, since a whole deposit is 368 hex digits.
func diffDeposit(expected Deposit, pushed []byte) []string {
	actual, ok := DecodeDeposit(pushed)
	if !ok {
		return []string{fmt.Sprintf("expected a %d-byte deposit, actual %d bytes 0x%x", DepositSize, len(pushed), pushed)}
	}
	var diffs []string
	diffBytes := func(field string, expected, actual []byte) {
		if string(expected) != string(actual) {
			diffs = append(diffs, fmt.Sprintf("%s: expected 0x%s, actual 0x%s", field, hex.EncodeToString(expected), hex.EncodeToString(actual)))
		}
	}
	diffBytes("pubkey", expected.Pubkey[:], actual.Pubkey[:])
	diffBytes("withdrawal_credentials", expected.WithdrawalCredentials[:], actual.WithdrawalCredentials[:])
	if expected.Amount != actual.Amount {
		diffs = append(diffs, fmt.Sprintf("amount: expected %d, actual %d", expected.Amount, actual.Amount))
	}
	diffBytes("signature", expected.Signature[:], actual.Signature[:])
	return diffs
}
