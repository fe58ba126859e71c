package scout_test

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/scout"
)

func TestDepositEncode(t *testing.T) {
	d := scout.Deposit{Amount: 0x0102030405060708}
	for i := range d.Pubkey {
		d.Pubkey[i] = 0xaa
	}
	for i := range d.WithdrawalCredentials {
		d.WithdrawalCredentials[i] = 0xbb
	}
	for i := range d.Signature {
		d.Signature[i] = 0xcc
	}
	// Scout's Deposit in SSZ: the fixed-size fields in order, the amount
	// little-endian.
	want := strings.Repeat("aa", 48) + strings.Repeat("bb", 32) + "0807060504030201" + strings.Repeat("cc", 96)
	got := d.Encode()
	if hex.EncodeToString(got) != want {
		t.Errorf("Encode() = %x, want %s", got, want)
	}
	if len(got) != scout.DepositSize {
		t.Errorf("Encode() has %d bytes, want DepositSize (%d)", len(got), scout.DepositSize)
	}

	decoded, ok := scout.DecodeDeposit(got)
	if !ok || decoded != d {
		t.Errorf("DecodeDeposit(Encode()) = %+v, %t; want %+v, true", decoded, ok, d)
	}
	for _, n := range []int{0, scout.DepositSize - 1, scout.DepositSize + 1} {
		if _, ok := scout.DecodeDeposit(bytes.Repeat([]byte{1}, n)); ok {
			t.Errorf("DecodeDeposit of %d bytes succeeded, want failure", n)
		}
	}
}
