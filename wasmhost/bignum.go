package wasmhost

import (
	"errors"
	"math/big"

	"github.com/tetratelabs/wazero/api"
)

// wordBytes is the size of a bignum word: 256 bits, big-endian.
const wordBytes = 32

var twoTo256 = new(big.Int).Lsh(big.NewInt(1), 256)

// bignumFunctions do 256-bit arithmetic for EEs: c = a op b, each a pointer
// to a 32-byte big-endian word; results wrap modulo 2^256.
var bignumFunctions = []*hostFunction{
	binaryWordFunction("bignum_add256", func(a, b *big.Int) (*big.Int, error) {
		return a.Add(a, b), nil
	}),
	binaryWordFunction("bignum_sub256", func(a, b *big.Int) (*big.Int, error) {
		return a.Sub(a, b), nil
	}),
	binaryWordFunction("bignum_mul256", func(a, b *big.Int) (*big.Int, error) {
		return a.Mul(a, b), nil
	}),
	binaryWordFunction("bignum_div256", func(a, b *big.Int) (*big.Int, error) {
		if b.Sign() == 0 {
			return nil, errDivisionByZero
		}
		return a.Quo(a, b), nil
	}),
	{
		// bignum_mulMod(a: i32, b: i32, n: i32, r: i32): r = a * b mod n,
		// with the full 512-bit product.
		name:       "bignum_mulMod",
		params:     []api.ValueType{i32, i32, i32, i32},
		paramNames: []string{"a", "b", "n", "r"},
		call: func(_ *transaction, mem guestMemory, stack []uint64) error {
			words, err := readWords(mem, stack[:3])
			if err != nil {
				return err
			}
			a, b, n := words[0], words[1], words[2]
			if n.Sign() == 0 {
				return errors.New("modulus is zero")
			}
			return writeWord(mem, api.DecodeU32(stack[3]), a.Mod(a.Mul(a, b), n))
		},
	},
}

var errDivisionByZero = errors.New("division by zero")

// binaryWordFunction is the host function name(a: i32, b: i32, c: i32) that
// stores op(a, b) mod 2^256 at c.
func binaryWordFunction(name string, op func(a, b *big.Int) (*big.Int, error)) *hostFunction {
	return &hostFunction{
		name:       name,
		params:     []api.ValueType{i32, i32, i32},
		paramNames: []string{"a", "b", "c"},
		call: func(_ *transaction, mem guestMemory, stack []uint64) error {
			words, err := readWords(mem, stack[:2])
			if err != nil {
				return err
			}
			result, err := op(words[0], words[1])
			if err != nil {
				return err
			}
			return writeWord(mem, api.DecodeU32(stack[2]), result)
		},
	}
}

// readWords reads the words at the given pointers, all before any result is
// written, so that a result may overwrite an operand.
func readWords(mem guestMemory, ptrs []uint64) ([]*big.Int, error) {
	words := make([]*big.Int, len(ptrs))
	for i, ptr := range ptrs {
		b, err := readGuest(mem, api.DecodeU32(ptr), wordBytes)
		if err != nil {
			return nil, err
		}
		words[i] = new(big.Int).SetBytes(b)
	}
	return words, nil
}

// writeWord writes x mod 2^256 at ptr.
func writeWord(mem guestMemory, ptr uint32, x *big.Int) error {
	x.Mod(x, twoTo256) // Euclidean: a negative difference wraps around
	return writeGuest(mem, ptr, x.FillBytes(make([]byte, wordBytes)))
}
