package token_test

import (
	"testing"

	"github.com/eeplay/eeplay/token"
)

func TestCostAdd(t *testing.T) {
	a := token.Cost{DataBytes: 1, ProofBytes: 2, Ticks: 3, Duration: 4}
	b := token.Cost{DataBytes: 10, ProofBytes: 20, Ticks: 30, Duration: 40}
	want := token.Cost{DataBytes: 11, ProofBytes: 22, Ticks: 33, Duration: 44}
	if got := a.Add(b); got != want {
		t.Errorf("%+v.Add(%+v) = %+v, want %+v", a, b, got, want)
	}
}
