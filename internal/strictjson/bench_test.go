package strictjson_test

import (
	"strings"
	"testing"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// BenchmarkByteArray reads the largest transaction data the server takes,
// 262,144 numbers, written as serde writes them.
func BenchmarkByteArray(b *testing.B) {
	const n = 262144
	doc := "[" + strings.TrimSuffix(strings.Repeat("255,", n), ",") + "]"
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		d := strictjson.NewDecoder(strings.NewReader(doc))
		if got, err := d.ByteArray(n, nil); err != nil || len(got) != n {
			b.Fatal(len(got), err)
		}
	}
}
