package core

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// Root is a 32-byte value: an execution environment's state on a shard,
// usually the root of a Merkle tree that only the EE understands.
type Root [32]byte

// String returns r as 0x-prefixed lowercase hex.
func (r Root) String() string {
	return "0x" + hex.EncodeToString(r[:])
}

// MarshalText encodes r as 0x-prefixed lowercase hex, which JSON uses too.
func (r Root) MarshalText() ([]byte, error) {
	return []byte(r.String()), nil
}

// UnmarshalText decodes 64 hex digits, with or without a 0x prefix.
func (r *Root) UnmarshalText(text []byte) error {
	parsed, err := ParseRoot(string(text))
	if err != nil {
		return err
	}
	*r = parsed
	return nil
}

// ParseRoot decodes a root written as 64 hex digits, with or without a 0x prefix.
func ParseRoot(s string) (Root, error) {
	var r Root
	digits := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(digits) != 2*len(r) {
		return r, fmt.Errorf("parse root %q: want 64 hex digits, got %d", s, len(digits))
	}
	if _, err := hex.Decode(r[:], []byte(digits)); err != nil {
		return r, fmt.Errorf("parse root %q: %w", s, err)
	}
	return r, nil
}
