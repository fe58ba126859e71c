package core_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// sszObject is what sszgen generates for every type.
type sszObject interface {
	core.SSZCodec
	HashTreeRoot() ([32]byte, error)
}

// exampleBeaconState has an EE on every shard, one changed state and a
// second EE, so that every field is non-trivial.
func exampleBeaconState() *core.BeaconState {
	state := &core.BeaconState{Slot: 7}
	for i := range core.ShardCount {
		states := []core.Root{{1}, {2}}
		if i == 5 {
			states[1] = core.Root{0xff, 0xee}
		}
		state.ShardStates = append(state.ShardStates, &core.ShardState{ExecutionEnvironmentStates: states})
	}
	state.ExecutionEnvironments = []*core.ExecutionEnvironment{
		{InitialState: core.Root{1}, WasmCode: []byte("\x00asm one")},
		{InitialState: core.Root{2}, WasmCode: bytes.Repeat([]byte{0xab}, 100)},
	}
	return state
}

func TestSSZEncodings(t *testing.T) {
	tests := []struct {
		name   string
		object sszObject
		empty  func() sszObject
		want   string // hex of the encoding; empty to check only the round trip
	}{
		{
			name:   "ShardTransaction",
			object: &core.ShardTransaction{Data: []byte{1, 2}, EEIndex: 5},
			empty:  func() sszObject { return new(core.ShardTransaction) },
			want:   "0c000000 0500000000000000 0102", // offset of data, ee_index, data
		},
		{
			name:   "ShardBlock",
			object: &core.ShardBlock{Transactions: []*core.ShardTransaction{{Data: []byte{9}, EEIndex: 1}, {EEIndex: 2}}},
			empty:  func() sszObject { return new(core.ShardBlock) },
			want: "04000000" + // offset of transactions
				"08000000 15000000" + // offsets of the two transactions
				"0c000000 0100000000000000 09" +
				"0c000000 0200000000000000",
		},
		{
			name:   "ShardBlock without transactions",
			object: &core.ShardBlock{Transactions: []*core.ShardTransaction{}},
			empty:  func() sszObject { return new(core.ShardBlock) },
			want:   "04000000",
		},
		{
			name:   "ExecutionEnvironment",
			object: &core.ExecutionEnvironment{InitialState: core.Root{0xaa}, WasmCode: []byte{0, 'a', 's', 'm'}},
			empty:  func() sszObject { return new(core.ExecutionEnvironment) },
			want:   "aa" + strings.Repeat("00", 31) + "24000000" + "0061736d",
		},
		{
			name:   "ShardState",
			object: &core.ShardState{ExecutionEnvironmentStates: []core.Root{{1}, {2}}},
			empty:  func() sszObject { return new(core.ShardState) },
			want:   "04000000" + "01" + strings.Repeat("00", 31) + "02" + strings.Repeat("00", 31),
		},
		{
			name:   "BeaconState",
			object: exampleBeaconState(),
			empty:  func() sszObject { return new(core.BeaconState) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			encoded, err := tt.object.MarshalSSZ()
			if err != nil {
				t.Fatalf("MarshalSSZ: %v", err)
			}
			if tt.want != "" && !bytes.Equal(encoded, testee.MustHex(t, tt.want)) {
				t.Errorf("MarshalSSZ = %x\nwant        %x", encoded, testee.MustHex(t, tt.want))
			}
			decoded := tt.empty()
			if err := decoded.UnmarshalSSZ(encoded); err != nil {
				t.Fatalf("UnmarshalSSZ: %v", err)
			}
			again, err := decoded.MarshalSSZ()
			if err != nil || !bytes.Equal(again, encoded) {
				t.Errorf("round trip = %x, %v\nwant         %x", again, err, encoded)
			}
			root1, err1 := tt.object.HashTreeRoot()
			root2, err2 := decoded.HashTreeRoot()
			if err1 != nil || err2 != nil || root1 != root2 {
				t.Errorf("hash tree roots differ after a round trip: %x (%v), %x (%v)", root1, err1, root2, err2)
			}
		})
	}
}

// The hash tree roots below are computed from the spec's definitions, by
// code independent of fastssz.

var zeroHashes = func() [][32]byte {
	hashes := make([][32]byte, 64)
	for i := 1; i < len(hashes); i++ {
		hashes[i] = hashPair(hashes[i-1], hashes[i-1])
	}
	return hashes
}()

func hashPair(a, b [32]byte) [32]byte {
	return sha256.Sum256(append(a[:], b[:]...))
}

// merkleize is the spec's merkleize(chunks, limit): limit 0 means the
// number of chunks.
func merkleize(chunks [][32]byte, limit int) [32]byte {
	if limit == 0 {
		limit = len(chunks)
	}
	depth := 0
	for 1<<depth < limit {
		depth++
	}
	layer := append([][32]byte(nil), chunks...)
	for level := range depth {
		if len(layer)%2 == 1 {
			layer = append(layer, zeroHashes[level])
		}
		next := make([][32]byte, len(layer)/2)
		for i := range next {
			next[i] = hashPair(layer[2*i], layer[2*i+1])
		}
		layer = next
	}
	if len(layer) == 0 {
		return zeroHashes[depth]
	}
	return layer[0]
}

func mixInLength(root [32]byte, length int) [32]byte {
	var chunk [32]byte
	binary.LittleEndian.PutUint64(chunk[:], uint64(length))
	return hashPair(root, chunk)
}

func specByteListRoot(b []byte, maxBytes int) [32]byte {
	var chunks [][32]byte
	for i := 0; i < len(b); i += 32 {
		var chunk [32]byte
		copy(chunk[:], b[i:])
		chunks = append(chunks, chunk)
	}
	return mixInLength(merkleize(chunks, (maxBytes+31)/32), len(b))
}

func specShardStateRoot(s *core.ShardState) [32]byte {
	chunks := make([][32]byte, len(s.ExecutionEnvironmentStates))
	for i, root := range s.ExecutionEnvironmentStates {
		chunks[i] = root
	}
	return merkleize([][32]byte{mixInLength(merkleize(chunks, core.MaxExecutionEnvironments), len(chunks))}, 0)
}

func specExecutionEnvironmentRoot(ee *core.ExecutionEnvironment) [32]byte {
	return merkleize([][32]byte{ee.InitialState, specByteListRoot(ee.WasmCode, core.MaxWasmCodeSize)}, 0)
}

func specBeaconStateRoot(b *core.BeaconState) [32]byte {
	var slot [32]byte
	binary.LittleEndian.PutUint64(slot[:], b.Slot)
	var shards, ees [][32]byte
	for _, s := range b.ShardStates {
		shards = append(shards, specShardStateRoot(s))
	}
	for _, ee := range b.ExecutionEnvironments {
		ees = append(ees, specExecutionEnvironmentRoot(ee))
	}
	return merkleize([][32]byte{
		slot,
		merkleize(shards, core.ShardCount),
		mixInLength(merkleize(ees, core.MaxExecutionEnvironments), len(ees)),
	}, 0)
}

func TestHashTreeRootsFollowTheSpec(t *testing.T) {
	state := exampleBeaconState()
	empty := &core.BeaconState{ShardStates: make([]*core.ShardState, core.ShardCount)}
	for i := range empty.ShardStates {
		empty.ShardStates[i] = &core.ShardState{}
	}
	tests := []struct {
		name   string
		object sszObject
		want   [32]byte
	}{
		{"BeaconState", state, specBeaconStateRoot(state)},
		{"empty BeaconState", empty, specBeaconStateRoot(empty)},
		{"ShardState", state.ShardStates[5], specShardStateRoot(state.ShardStates[5])},
		{"ExecutionEnvironment", state.ExecutionEnvironments[1], specExecutionEnvironmentRoot(state.ExecutionEnvironments[1])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.object.HashTreeRoot()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("HashTreeRoot = %x, want %x", got, tt.want)
			}
		})
	}
}

func TestSSZRejects(t *testing.T) {
	wrongShardCount := exampleBeaconState()
	wrongShardCount.ShardStates = wrongShardCount.ShardStates[:63]
	valid, err := exampleBeaconState().MarshalSSZ()
	if err != nil {
		t.Fatal(err)
	}
	tooLong := &core.ShardTransaction{Data: make([]byte, core.MaxTransactionDataSize+1)}

	t.Run("marshal a BeaconState without 64 shards", func(t *testing.T) {
		_, err := wrongShardCount.MarshalSSZ()
		if want := "BeaconState.ShardStates (bytes array does not have the correct length): expected 64 and 63 found"; err == nil || err.Error() != want {
			t.Errorf("MarshalSSZ error = %v, want %q", err, want)
		}
	})
	t.Run("marshal data over the limit", func(t *testing.T) {
		_, err := tooLong.MarshalSSZ()
		if want := "ShardTransaction.Data"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("MarshalSSZ error = %v, want one naming %q", err, want)
		}
	})
	decodeTests := []struct {
		name  string
		input []byte
		into  sszObject
	}{
		{"BeaconState cut inside its shard states", valid[:300], new(core.BeaconState)},
		{"BeaconState with a shard offset out of order", swapShardOffsets(valid), new(core.BeaconState)},
		{"BeaconState too short", valid[:10], new(core.BeaconState)},
		{"ShardTransaction with a bad offset", testee.MustHex(t, "0d000000 0500000000000000"), new(core.ShardTransaction)},
		{"ShardState not a multiple of 32 bytes", testee.MustHex(t, "04000000 0102"), new(core.ShardState)},
		{"empty ShardBlock", nil, new(core.ShardBlock)},
		// found by FuzzUnmarshalShardBlock: fastssz takes it for no transactions
		{"ShardBlock with an empty list written as an offset", testee.MustHex(t, "04000000 00000000"), new(core.ShardBlock)},
	}
	for _, tt := range decodeTests {
		t.Run(tt.name, func(t *testing.T) {
			if err := core.UnmarshalCanonical(tt.into, tt.input); err == nil {
				t.Errorf("UnmarshalSSZ of %d bytes succeeded", len(tt.input))
			}
		})
	}
}

// swapShardOffsets returns a copy of an encoded BeaconState whose first two
// shard state offsets are swapped.
func swapShardOffsets(encoded []byte) []byte {
	b := bytes.Clone(encoded)
	const shards = 16 // after the slot and the two offsets
	copy(b[shards:shards+4], encoded[shards+4:shards+8])
	copy(b[shards+4:shards+8], encoded[shards:shards+4])
	return b
}

// FuzzUnmarshalBeaconState checks that decoding never panics and that what
// UnmarshalCanonical accepts re-encodes to the same bytes and hashes.
func FuzzUnmarshalBeaconState(f *testing.F) {
	valid, err := exampleBeaconState().MarshalSSZ()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte{})
	fuzzRoundTrip(f, func() sszObject { return new(core.BeaconState) })
}

func FuzzUnmarshalShardBlock(f *testing.F) {
	block := &core.ShardBlock{Transactions: []*core.ShardTransaction{{Data: []byte{9}, EEIndex: 1}, {EEIndex: 2}}}
	valid, err := block.MarshalSSZ()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	fuzzRoundTrip(f, func() sszObject { return new(core.ShardBlock) })
}

// FuzzUnmarshalShardTransaction, FuzzUnmarshalExecutionEnvironment and
// FuzzUnmarshalShardState check the other types as FuzzUnmarshalBeaconState
// does.
func FuzzUnmarshalShardTransaction(f *testing.F) {
	for _, tx := range []*core.ShardTransaction{{Data: []byte{1, 2}, EEIndex: 5}, {}, {Data: make([]byte, 300), EEIndex: 1 << 40}} {
		addSSZSeed(f, tx)
	}
	f.Add(testee.MustHex(f, "0c000000 0500000000000000"))
	fuzzRoundTrip(f, func() sszObject { return new(core.ShardTransaction) })
}

func FuzzUnmarshalExecutionEnvironment(f *testing.F) {
	for _, ee := range []*core.ExecutionEnvironment{{InitialState: core.Root{1}, WasmCode: []byte("\x00asm")}, {}} {
		addSSZSeed(f, ee)
	}
	fuzzRoundTrip(f, func() sszObject { return new(core.ExecutionEnvironment) })
}

func FuzzUnmarshalShardState(f *testing.F) {
	for _, state := range []*core.ShardState{{ExecutionEnvironmentStates: []core.Root{{1}, {2, 3}}}, {ExecutionEnvironmentStates: []core.Root{}}} {
		addSSZSeed(f, state)
	}
	f.Add([]byte{1, 2, 3})
	fuzzRoundTrip(f, func() sszObject { return new(core.ShardState) })
}

func addSSZSeed(f *testing.F, v sszObject) {
	encoded, err := v.MarshalSSZ()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(encoded)
}

// checkSSZLimits fails t if v, as decoded, holds more than the limits
// allow: a decoder must reject such input rather than allocate for it.
func checkSSZLimits(t *testing.T, v sszObject) {
	t.Helper()
	checkTx := func(tx *core.ShardTransaction) {
		if tx == nil || len(tx.Data) > core.MaxTransactionDataSize {
			t.Fatalf("decoded a transaction that is nil or over MaxTransactionDataSize")
		}
	}
	checkEE := func(ee *core.ExecutionEnvironment) {
		if ee == nil || len(ee.WasmCode) > core.MaxWasmCodeSize {
			t.Fatalf("decoded an execution environment that is nil or over MaxWasmCodeSize")
		}
	}
	checkShard := func(s *core.ShardState) {
		if s == nil || len(s.ExecutionEnvironmentStates) > core.MaxExecutionEnvironments {
			t.Fatalf("decoded a shard state that is nil or over MaxExecutionEnvironments")
		}
	}
	switch v := v.(type) {
	case *core.ShardTransaction:
		checkTx(v)
	case *core.ExecutionEnvironment:
		checkEE(v)
	case *core.ShardState:
		checkShard(v)
	case *core.ShardBlock:
		if len(v.Transactions) > core.MaxTransactionsPerBlock {
			t.Fatalf("decoded %d transactions, over MaxTransactionsPerBlock", len(v.Transactions))
		}
		for _, tx := range v.Transactions {
			checkTx(tx)
		}
	case *core.BeaconState:
		if len(v.ShardStates) != core.ShardCount || len(v.ExecutionEnvironments) > core.MaxExecutionEnvironments {
			t.Fatalf("decoded %d shard states and %d EEs", len(v.ShardStates), len(v.ExecutionEnvironments))
		}
		for _, s := range v.ShardStates {
			checkShard(s)
		}
		for _, ee := range v.ExecutionEnvironments {
			checkEE(ee)
		}
	default:
		t.Fatalf("no limits known for %T", v)
	}
}

func fuzzRoundTrip(f *testing.F, empty func() sszObject) {
	f.Fuzz(func(t *testing.T, input []byte) {
		decoded := empty()
		if err := core.UnmarshalCanonical(decoded, input); err != nil {
			return
		}
		checkSSZLimits(t, decoded)
		encoded, err := decoded.MarshalSSZ()
		if err != nil {
			t.Fatalf("MarshalSSZ of a decoded value: %v", err)
		}
		if !bytes.Equal(encoded, input) {
			t.Fatalf("decoded %x but re-encoded %x", input, encoded)
		}
		if _, err := decoded.HashTreeRoot(); err != nil {
			t.Fatalf("HashTreeRoot of a decoded value: %v", err)
		}
	})
}
