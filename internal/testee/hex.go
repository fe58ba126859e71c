package testee

import (
	"encoding/hex"
	"strings"
	"testing"
)

// MustHex decodes s, hex digits that spaces may split into groups for
// reading, failing t if it is not hex.
func MustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
