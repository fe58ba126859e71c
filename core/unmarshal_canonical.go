package core

import (
	"bytes"
	"errors"
	"fmt"
)

// SSZCodec is implemented by every spec type: the methods sszgen generates.
type SSZCodec interface {
	MarshalSSZ() ([]byte, error)
	UnmarshalSSZ([]byte) error
}

// ErrNonCanonicalSSZ reports an encoding that decodes but is not the one
// encoding SSZ allows for its value.
var ErrNonCanonicalSSZ = errors.New("not the canonical SSZ encoding of its value")

// UnmarshalCanonical decodes b into v and accepts only the canonical
// encoding: fastssz's generated decoders let a few other forms through (an
// empty list written as a 4-byte offset, for one), and two encodings of one
// value would give one value two identities. v is undefined after an error.
func UnmarshalCanonical(v SSZCodec, b []byte) error {
	if err := v.UnmarshalSSZ(b); err != nil {
		return err
	}
	again, err := v.MarshalSSZ()
	if err != nil {
		return err
	}
	if !bytes.Equal(again, b) {
		return fmt.Errorf("decode %T: %w", v, ErrNonCanonicalSSZ)
	}
	return nil
}
