package scout

import "encoding/binary"

// Deposit is Scout's Deposit, what an EE pushes through
// eth2_pushNewDeposit to move ether to the beacon chain: an entry of
// deposit_receipts.
type Deposit struct {
	Pubkey                [48]byte
	WithdrawalCredentials [32]byte
	// Amount is in Gwei.
	Amount    uint64
	Signature [96]byte
}

// DepositSize is the length of a deposit's SSZ encoding: every field has a
// fixed size.
const DepositSize = 48 + 32 + 8 + 96

// Encode returns d's SSZ encoding, DepositSize bytes: the fields in order,
// Amount as a little-endian uint64.
func (d Deposit) Encode() []byte {
	b := make([]byte, 0, DepositSize)
	b = append(b, d.Pubkey[:]...)
	b = append(b, d.WithdrawalCredentials[:]...)
	b = binary.LittleEndian.AppendUint64(b, d.Amount)
	return append(b, d.Signature[:]...)
}

// DecodeDeposit decodes a deposit's SSZ encoding, as Encode makes it; ok
// is false when b is not DepositSize bytes long.
func DecodeDeposit(b []byte) (d Deposit, ok bool) {
	if len(b) != DepositSize {
		return Deposit{}, false
	}
	b = b[copy(d.Pubkey[:], b):]
	b = b[copy(d.WithdrawalCredentials[:], b):]
	d.Amount = binary.LittleEndian.Uint64(b)
	copy(d.Signature[:], b[8:])
	return d, true
}
