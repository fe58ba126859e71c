package main

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
)

// deposit is Scout's Deposit, what an EE pushes through
// eth2_pushNewDeposit to move ether to the beacon chain.
type deposit struct {
	pubkey                [48]byte
	withdrawalCredentials [32]byte
	amount                uint64
	signature             [96]byte
}

// depositSize is the length of a deposit's SSZ encoding: every field has a
// fixed size.
const depositSize = 48 + 32 + 8 + 96

// encode returns d's SSZ encoding: the fields in order, amount as a
// little-endian uint64.
func (d deposit) encode() []byte {
	b := make([]byte, 0, depositSize)
	b = append(b, d.pubkey[:]...)
	b = append(b, d.withdrawalCredentials[:]...)
	b = binary.LittleEndian.AppendUint64(b, d.amount)
	return append(b, d.signature[:]...)
}

// decodeDeposit decodes a deposit's SSZ encoding; ok is false when b has
// the wrong length.
func decodeDeposit(b []byte) (d deposit, ok bool) {
	if len(b) != depositSize {
		return deposit{}, false
	}
	b = b[copy(d.pubkey[:], b):]
	b = b[copy(d.withdrawalCredentials[:], b):]
	d.amount = binary.LittleEndian.Uint64(b)
	copy(d.signature[:], b[8:])
	return d, true
}

// diffDeposits describes how the deposits pushed differ from those
// expected, one line per difference; it returns nil when they are equal.
// pushedBy[i] names where pushed[i] came from.
func diffDeposits(expected []deposit, pushed [][]byte, pushedBy []string) []string {
	var diffs []string
	if len(expected) != len(pushed) {
		diffs = append(diffs, fmt.Sprintf("expected %d deposits, actual %d", len(expected), len(pushed)))
	}
	for i := range max(len(expected), len(pushed)) {
		switch {
		case i >= len(pushed):
			diffs = append(diffs, fmt.Sprintf("deposit_receipts[%d]: expected 0x%x, actual none", i, expected[i].encode()))
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
func diffDeposit(expected deposit, pushed []byte) []string {
	actual, ok := decodeDeposit(pushed)
	if !ok {
		return []string{fmt.Sprintf("expected a %d-byte deposit, actual %d bytes 0x%x", depositSize, len(pushed), pushed)}
	}
	var diffs []string
	diffBytes := func(field string, expected, actual []byte) {
		if string(expected) != string(actual) {
			diffs = append(diffs, fmt.Sprintf("%s: expected 0x%s, actual 0x%s", field, hex.EncodeToString(expected), hex.EncodeToString(actual)))
		}
	}
	diffBytes("pubkey", expected.pubkey[:], actual.pubkey[:])
	diffBytes("withdrawal_credentials", expected.withdrawalCredentials[:], actual.withdrawalCredentials[:])
	if expected.amount != actual.amount {
		diffs = append(diffs, fmt.Sprintf("amount: expected %d, actual %d", expected.amount, actual.amount))
	}
	diffBytes("signature", expected.signature[:], actual.signature[:])
	return diffs
}
