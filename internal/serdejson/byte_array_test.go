package serdejson

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestByteArray(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"nil", nil, "[]"},
		{"empty", []byte{}, "[]"},
		{"bytes", []byte{0, 104, 255}, "[0,104,255]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ByteArray(tt.b)
			if string(got) != tt.want {
				t.Fatalf("ByteArray(%v) = %s, want %s", tt.b, got, tt.want)
			}
			// encoding/json reads it back as the numbers it holds.
			var back []int
			if err := json.Unmarshal(got, &back); err != nil || len(back) != len(tt.b) ||
				!slices.EqualFunc(back, tt.b, func(n int, b byte) bool { return n == int(b) }) {
				t.Errorf("read back %v, %v", back, err)
			}
		})
	}
}
