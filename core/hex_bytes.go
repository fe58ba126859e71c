package core

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// HexBytes is a byte string that JSON writes as 0x-prefixed lowercase hex.
type HexBytes []byte

// String returns b as 0x-prefixed lowercase hex.
func (b HexBytes) String() string {
	return "0x" + hex.EncodeToString(b)
}

// MarshalText encodes b as 0x-prefixed lowercase hex.
func (b HexBytes) MarshalText() ([]byte, error) {
	return []byte(b.String()), nil
}

// UnmarshalText decodes hex digits, with or without a 0x prefix.
func (b *HexBytes) UnmarshalText(text []byte) error {
	parsed, err := ParseHex(string(text))
	if err != nil {
		return err
	}
	*b = parsed
	return nil
}

// ParseHex decodes an even number of hex digits, with or without a 0x
// prefix; "" and "0x" are both empty.
func ParseHex(s string) ([]byte, error) {
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	b, err := hex.DecodeString(digits)
	if err != nil {
		return nil, fmt.Errorf("parse hex %q: %w", abbreviate(s), err)
	}
	return b, nil
}

// abbreviate shortens s for an error message: data can be 256 KiB of hex.
func abbreviate(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
