package main

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

func TestDepositEncode(t *testing.T) {
	d := deposit{amount: 0x0102030405060708}
	for i := range d.pubkey {
		d.pubkey[i] = 0xaa
	}
	for i := range d.withdrawalCredentials {
		d.withdrawalCredentials[i] = 0xbb
	}
	for i := range d.signature {
		d.signature[i] = 0xcc
	}
	// Scout's Deposit in SSZ: the fixed-size fields in order, the amount
	// little-endian.
	want := strings.Repeat("aa", 48) + strings.Repeat("bb", 32) + "0807060504030201" + strings.Repeat("cc", 96)
	got := d.encode()
	if hex.EncodeToString(got) != want {
		t.Errorf("encode() = %x, want %s", got, want)
	}
	if len(got) != depositSize {
		t.Errorf("encode() has %d bytes, want depositSize (%d)", len(got), depositSize)
	}

	decoded, ok := decodeDeposit(got)
	if !ok || decoded != d {
		t.Errorf("decodeDeposit(encode()) = %+v, %t; want %+v, true", decoded, ok, d)
	}
	for _, n := range []int{0, depositSize - 1, depositSize + 1} {
		if _, ok := decodeDeposit(bytes.Repeat([]byte{1}, n)); ok {
			t.Errorf("decodeDeposit of %d bytes succeeded, want failure", n)
		}
	}
}
