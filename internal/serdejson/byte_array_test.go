package serdejson

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestByteArray(t *testing.T) {
	long := make([]byte, 3*chunk+5)
	for i := range long {
		long[i] = byte(i * 7)
	}
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"nil", nil, "[]"},
		{"empty", []byte{}, "[]"},
		{"bytes", []byte{0, 104, 255}, "[0,104,255]"},
		{"one chunk exactly", make([]byte, chunk), "[" + strings.TrimSuffix(strings.Repeat("0,", chunk), ",") + "]"},
		{"several chunks", long, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ByteArray(tt.b)
			if tt.want != "" && string(got) != tt.want {
				t.Fatalf("ByteArray(%v) = %s, want %s", tt.b, got, tt.want)
			}
			// encoding/json reads it back as the numbers it holds.
			var back []int
			if err := json.Unmarshal(got, &back); err != nil || len(back) != len(tt.b) ||
				!slices.EqualFunc(back, tt.b, func(n int, b byte) bool { return n == int(b) }) {
				t.Errorf("read back %v, %v", back, err)
			}
			var written strings.Builder
			if err := WriteByteArray(&written, tt.b); err != nil || written.String() != string(got) {
				t.Errorf("WriteByteArray wrote %.100s (%v), ByteArray returns %.100s", written.String(), err, got)
			}
		})
	}
}
