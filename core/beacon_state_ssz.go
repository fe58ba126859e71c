// Written by hand, not by sszgen: sszgen v0.1.4 cannot hash a vector of
// containers (it panics on ShardStates). beacon_state_ssz_test.go checks this
// file against an independent merkleization of the spec.

package core

import (
	"fmt"

	ssz "github.com/ferranbt/fastssz"
)

// beaconStateFixedSize is the slot and the two offsets.
const beaconStateFixedSize = 8 + 4 + 4

// MarshalSSZ ssz marshals the BeaconState object
func (b *BeaconState) MarshalSSZ() ([]byte, error) {
	return ssz.MarshalSSZ(b)
}

// MarshalSSZTo ssz marshals the BeaconState object to a target array
func (b *BeaconState) MarshalSSZTo(buf []byte) (dst []byte, err error) {
	if err = b.checkSizes(); err != nil {
		return nil, err
	}
	dst = ssz.MarshalUint64(buf, b.Slot)

	offset := beaconStateFixedSize
	dst = ssz.WriteOffset(dst, offset)
	offset += b.shardStatesSize()
	dst = ssz.WriteOffset(dst, offset)

	offset = 4 * ShardCount
	for _, shard := range b.ShardStates {
		dst = ssz.WriteOffset(dst, offset)
		offset += shard.SizeSSZ()
	}
	for _, shard := range b.ShardStates {
		if dst, err = shard.MarshalSSZTo(dst); err != nil {
			return nil, err
		}
	}

	offset = 4 * len(b.ExecutionEnvironments)
	for _, ee := range b.ExecutionEnvironments {
		dst = ssz.WriteOffset(dst, offset)
		offset += ee.SizeSSZ()
	}
	for _, ee := range b.ExecutionEnvironments {
		if dst, err = ee.MarshalSSZTo(dst); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// UnmarshalSSZ ssz unmarshals the BeaconState object
func (b *BeaconState) UnmarshalSSZ(buf []byte) error {
	size := uint64(len(buf))
	if size < beaconStateFixedSize {
		return ssz.ErrSize
	}
	slot := ssz.UnmarshallUint64(buf[0:8])
	o1 := ssz.ReadOffset(buf[8:12])
	o2 := ssz.ReadOffset(buf[12:16])
	if o1 != beaconStateFixedSize {
		return ssz.ErrInvalidVariableOffset
	}
	if o2 < o1 || o2 > size {
		return ssz.ErrOffset
	}

	shardStates, err := unmarshalShardStates(buf[o1:o2])
	if err != nil {
		return err
	}

	eeBuf := buf[o2:]
	num, err := ssz.DecodeDynamicLength(eeBuf, MaxExecutionEnvironments)
	if err != nil {
		return err
	}
	ees := make([]*ExecutionEnvironment, num)
	err = ssz.UnmarshalDynamic(eeBuf, num, func(i int, elem []byte) error {
		ees[i] = new(ExecutionEnvironment)
		return ees[i].UnmarshalSSZ(elem)
	})
	if err != nil {
		return err
	}

	b.Slot, b.ShardStates, b.ExecutionEnvironments = slot, shardStates, ees
	return nil
}

// unmarshalShardStates decodes the vector of exactly ShardCount shard states.
func unmarshalShardStates(buf []byte) ([]*ShardState, error) {
	if len(buf) < 4*ShardCount {
		return nil, ssz.ErrSize
	}
	// A vector has no length to derive from its first offset, so that offset
	// must point just past the ShardCount offsets.
	if ssz.ReadOffset(buf[0:4]) != 4*ShardCount {
		return nil, ssz.ErrInvalidVariableOffset
	}
	shards := make([]*ShardState, ShardCount)
	err := ssz.UnmarshalDynamic(buf, ShardCount, func(i int, elem []byte) error {
		shards[i] = new(ShardState)
		return shards[i].UnmarshalSSZ(elem)
	})
	if err != nil {
		return nil, err
	}
	return shards, nil
}

// SizeSSZ returns the ssz encoded size in bytes for the BeaconState object
func (b *BeaconState) SizeSSZ() int {
	size := beaconStateFixedSize + b.shardStatesSize()
	for _, ee := range b.ExecutionEnvironments {
		size += 4 + ee.SizeSSZ()
	}
	return size
}

func (b *BeaconState) shardStatesSize() int {
	size := 0
	for _, shard := range b.ShardStates {
		size += 4 + shard.SizeSSZ()
	}
	return size
}

// checkSizes rejects a state whose vector or list sizes break the spec.
func (b *BeaconState) checkSizes() error {
	if len(b.ShardStates) != ShardCount {
		return ssz.ErrVectorLengthFn("BeaconState.ShardStates", len(b.ShardStates), ShardCount)
	}
	for i, shard := range b.ShardStates {
		if shard == nil {
			return fmt.Errorf("BeaconState.ShardStates[%d] is nil", i)
		}
	}
	if len(b.ExecutionEnvironments) > MaxExecutionEnvironments {
		return ssz.ErrListTooBigFn("BeaconState.ExecutionEnvironments", len(b.ExecutionEnvironments), MaxExecutionEnvironments)
	}
	for i, ee := range b.ExecutionEnvironments {
		if ee == nil {
			return fmt.Errorf("BeaconState.ExecutionEnvironments[%d] is nil", i)
		}
	}
	return nil
}

// HashTreeRoot ssz hashes the BeaconState object
func (b *BeaconState) HashTreeRoot() ([32]byte, error) {
	return ssz.HashWithDefaultHasher(b)
}

// HashTreeRootWith ssz hashes the BeaconState object with a hasher
func (b *BeaconState) HashTreeRootWith(hh ssz.HashWalker) (err error) {
	if err = b.checkSizes(); err != nil {
		return err
	}
	indx := hh.Index()
	hh.PutUint64(b.Slot)

	shardsIndx := hh.Index()
	for _, shard := range b.ShardStates {
		if err = shard.HashTreeRootWith(hh); err != nil {
			return err
		}
	}
	hh.Merkleize(shardsIndx)

	eesIndx := hh.Index()
	for _, ee := range b.ExecutionEnvironments {
		if err = ee.HashTreeRootWith(hh); err != nil {
			return err
		}
	}
	hh.MerkleizeWithMixin(eesIndx, uint64(len(b.ExecutionEnvironments)), MaxExecutionEnvironments)

	hh.Merkleize(indx)
	return nil
}

// GetTree ssz hashes the BeaconState object
func (b *BeaconState) GetTree() (*ssz.Node, error) {
	return ssz.ProofTree(b)
}
