package token

import "math/bits"

// The SSZ Bitlist encoding: bit i is bit i%8 of byte i/8, and one more set
// bit (the delimiter) follows the last one, so that the length is known; the
// encoding of n bits has n/8+1 bytes.

// encodeBitlist returns the SSZ encoding of bits.
func encodeBitlist(bitValues []bool) []byte {
	out := make([]byte, len(bitValues)/8+1)
	for i, set := range bitValues {
		if set {
			out[i/8] |= 1 << (i % 8)
		}
	}
	out[len(bitValues)/8] |= 1 << (len(bitValues) % 8)
	return out
}

// bitlistLen returns the number of bits b encodes, or -1 if b has no
// delimiter (it is empty or its last byte is 0).
func bitlistLen(b []byte) int {
	if len(b) == 0 || b[len(b)-1] == 0 {
		return -1
	}
	return 8*(len(b)-1) + bits.Len8(b[len(b)-1]) - 1
}

// bitlistBit returns bit i of the bitlist encoding b; i must be below its
// length.
func bitlistBit(b []byte, i int) bool {
	return b[i/8]>>(i%8)&1 == 1
}
