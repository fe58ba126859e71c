package scout_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/scout"
)

func TestDiffStates(t *testing.T) {
	hex := func(b byte) string { return root(b).String() }
	tests := []struct {
		name     string
		expected []core.Root
		actual   []core.Root
		want     []string
	}{
		{name: "none", want: nil},
		{name: "equal", expected: []core.Root{root(1), root(2)}, actual: []core.Root{root(1), root(2)}, want: nil},
		{
			name:     "one differs",
			expected: []core.Root{root(1), root(2)},
			actual:   []core.Root{root(1), root(3)},
			want:     []string{"exec_env_states[1]: expected " + hex(2) + ", actual " + hex(3)},
		},
		{
			name:     "more expected",
			expected: []core.Root{root(1), root(2)},
			actual:   []core.Root{root(4)},
			want: []string{
				"expected 2 exec_env_states, actual 1",
				"exec_env_states[0]: expected " + hex(1) + ", actual " + hex(4),
				"exec_env_states[1]: expected " + hex(2) + ", actual none",
			},
		},
		{
			name:     "more actual",
			expected: nil,
			actual:   []core.Root{root(1)},
			want: []string{
				"expected 0 exec_env_states, actual 1",
				"exec_env_states[0]: expected none, actual " + hex(1),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scout.DiffStates(tt.expected, tt.actual)
			if !slices.Equal(got, tt.want) {
				t.Errorf("DiffStates =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDiffDeposits(t *testing.T) {
	a := deposit(0x11, 0x22, 32_000_000_000, 0x33)
	b := deposit(0x44, 0x55, 1, 0x66)
	amountOnly := deposit(0x11, 0x22, 7, 0x33)
	tests := []struct {
		name     string
		expected []scout.Deposit
		pushed   [][]byte
		pushedBy []string
		want     []string
	}{
		{name: "none", want: nil},
		{
			name:     "equal",
			expected: []scout.Deposit{a, b},
			pushed:   [][]byte{a.Encode(), b.Encode()},
			pushedBy: []string{"shard_blocks[0]", "shard_blocks[2]"},
			want:     nil,
		},
		{
			name:     "amount differs",
			expected: []scout.Deposit{a},
			pushed:   [][]byte{amountOnly.Encode()},
			pushedBy: []string{"shard_blocks[1]"},
			want:     []string{"deposit_receipts[0]: amount: expected 32000000000, actual 7 (pushed by shard_blocks[1])"},
		},
		{
			name:     "every field differs",
			expected: []scout.Deposit{a},
			pushed:   [][]byte{b.Encode()},
			pushedBy: []string{"shard_blocks[0]"},
			want: []string{
				"deposit_receipts[0]: pubkey: expected 0x" + strings.Repeat("11", 48) + ", actual 0x" + strings.Repeat("44", 48) + " (pushed by shard_blocks[0])",
				"deposit_receipts[0]: withdrawal_credentials: expected 0x" + strings.Repeat("22", 32) + ", actual 0x" + strings.Repeat("55", 32) + " (pushed by shard_blocks[0])",
				"deposit_receipts[0]: amount: expected 32000000000, actual 1 (pushed by shard_blocks[0])",
				"deposit_receipts[0]: signature: expected 0x" + strings.Repeat("33", 96) + ", actual 0x" + strings.Repeat("66", 96) + " (pushed by shard_blocks[0])",
			},
		},
		{
			name:     "fewer pushed",
			expected: []scout.Deposit{a, b},
			pushed:   [][]byte{a.Encode()},
			pushedBy: []string{"shard_blocks[0]"},
			want: []string{
				"expected 2 deposits, actual 1",
				"deposit_receipts[1]: expected 0x" + strings.Repeat("44", 48) + strings.Repeat("55", 32) + "0100000000000000" + strings.Repeat("66", 96) + ", actual none",
			},
		},
		{
			name:     "more pushed",
			expected: nil,
			pushed:   [][]byte{{1, 2}},
			pushedBy: []string{"shard_blocks[3]"},
			want: []string{
				"expected 0 deposits, actual 1",
				"deposit_receipts[0]: expected none, actual 0x0102 (pushed by shard_blocks[3])",
			},
		},
		{
			name:     "not a deposit",
			expected: []scout.Deposit{a},
			pushed:   [][]byte{{1, 2, 3, 4}},
			pushedBy: []string{"shard_blocks[0]"},
			want:     []string{"deposit_receipts[0]: expected a 184-byte deposit, actual 4 bytes 0x01020304 (pushed by shard_blocks[0])"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scout.DiffDeposits(tt.expected, tt.pushed, tt.pushedBy)
			if !slices.Equal(got, tt.want) {
				t.Errorf("DiffDeposits =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
