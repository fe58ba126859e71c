package token_test

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/token"
)

// The encodings below are written out from the spec's SSZ definitions.
var (
	vectorTransfers = []token.Transfer{{Sender: 1, Recipient: 2, Nonce: 3, Amount: 4}}
	vectorAccounts  = []token.Account{{Address: 1, Nonce: 3, Balance: 10}, {Address: 2}}
	vectorBatchHex  = "0c000000 24000000 4c000000" + // offsets of transfers, accounts, proof
		"01000000 02000000 0300000000000000 0400000000000000" +
		"01000000 0300000000000000 0a00000000000000" +
		"02000000 0000000000000000 0000000000000000"
	zeros31 = strings.Repeat("00", 31)
)

func TestTransactionEncoding(t *testing.T) {
	tests := []struct {
		name       string
		tx         *token.Transaction
		want       string
		proofBytes int
	}{
		{
			name: "multiproof",
			tx: &token.Transaction{
				Kind: token.ProofMulti, Transfers: vectorTransfers, Accounts: vectorAccounts,
				Multiproof: &token.Multiproof{Defaults: []byte{0b101}, Nodes: []core.Root{{0xaa}}},
			},
			want: "00" + vectorBatchHex +
				"08000000 09000000" + // offsets of defaults and nodes
				"05" + "aa" + zeros31,
			proofBytes: 1 + 32,
		},
		{
			name: "branches",
			tx: &token.Transaction{
				Kind: token.ProofSingle, Transfers: vectorTransfers, Accounts: vectorAccounts,
				Branches: []token.Branch{{Defaults: 0xfffffffe, Nodes: []core.Root{{0xbb}}}, {Defaults: 0xffffffff, Nodes: []core.Root{}}},
			},
			want: "01" + vectorBatchHex +
				"08000000 30000000" + // offsets of the two branches
				"feffffff 08000000" + "bb" + zeros31 +
				"ffffffff 08000000",
			proofBytes: 12 + 32 + 12,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := mustEncode(t, tt.tx)
			if want := testee.MustHex(t, tt.want); !bytes.Equal(data, want) {
				t.Fatalf("Encode = %x\nwant     %x", data, want)
			}
			decoded, err := token.DecodeTransaction(data)
			if err != nil {
				t.Fatalf("DecodeTransaction: %v", err)
			}
			if !reflect.DeepEqual(decoded, tt.tx) {
				t.Errorf("DecodeTransaction = %+v, want %+v", decoded, tt.tx)
			}
			if got := tt.tx.ProofBytes(); got != tt.proofBytes {
				t.Errorf("ProofBytes = %d, want %d", got, tt.proofBytes)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	multiproof := &token.Multiproof{Defaults: []byte{1}, Nodes: []core.Root{}}
	tests := []struct {
		name string
		tx   *token.Transaction
		want string
	}{
		{"multi without multiproof", &token.Transaction{Kind: token.ProofMulti}, "encode transaction: kind multi without a multiproof"},
		{"multi with branches", &token.Transaction{Kind: token.ProofMulti, Multiproof: multiproof, Branches: []token.Branch{}}, "encode transaction: kind multi with branches"},
		{"single with multiproof", &token.Transaction{Kind: token.ProofSingle, Multiproof: multiproof}, "encode transaction: kind single with a multiproof"},
		{"unknown kind", &token.Transaction{Kind: 2}, "encode transaction: unknown proof kind 2"},
		{"too many transfers", &token.Transaction{Kind: token.ProofSingle, Transfers: make([]token.Transfer, token.MaxTransfers+1)}, "encode transaction: 1025 transfers, more than 1024"},
		{"too many accounts", &token.Transaction{Kind: token.ProofMulti, Multiproof: multiproof, Accounts: make([]token.Account, token.MaxAccounts+1)}, "encode transaction: 2049 accounts, more than 2048"},
		{"too many defaults", &token.Transaction{Kind: token.ProofMulti, Multiproof: &token.Multiproof{Defaults: make([]byte, 8194)}}, "encode transaction: proof.defaults: 8194 bytes, more than 8193"},
		{"too many multiproof nodes", &token.Transaction{Kind: token.ProofMulti, Multiproof: &token.Multiproof{Nodes: make([]core.Root, token.MaxProofNodes+1)}}, "encode transaction: proof.nodes: 65537 nodes, more than 65536"},
		{"too many branches", &token.Transaction{Kind: token.ProofSingle, Branches: make([]token.Branch, token.MaxAccounts+1)}, "encode transaction: 2049 branches, more than 2048"},
		{"too many branch nodes", &token.Transaction{Kind: token.ProofSingle, Branches: []token.Branch{{}, {Nodes: make([]core.Root, 33)}}}, "encode transaction: branches[1].nodes: 33 nodes, more than 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.tx.Encode()
			if err == nil || err.Error() != tt.want {
				t.Errorf("Encode error = %v, want %q", err, tt.want)
			}
		})
	}
}

// Builders of raw data for the decoding errors.

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// rawBatch lays out a batch with correct offsets.
func rawBatch(selector byte, transfers, accounts, proof []byte) []byte {
	return join([]byte{selector},
		le32(12), le32(uint32(12+len(transfers))), le32(uint32(12+len(transfers)+len(accounts))),
		transfers, accounts, proof)
}

func rawMultiproof(defaults, nodes []byte) []byte {
	return join(le32(8), le32(uint32(8+len(defaults))), defaults, nodes)
}

func rawBranch(defaults uint32, nodes []byte) []byte {
	return join(le32(defaults), le32(8), nodes)
}

func rawBranches(items ...[]byte) []byte {
	offsets, at := []byte{}, 4*len(items)
	for _, item := range items {
		offsets = append(offsets, le32(uint32(at))...)
		at += len(item)
	}
	return join(offsets, join(items...))
}

var (
	rawTransfer = join(le32(1), le32(2), make([]byte, 16))
	rawAccounts = join(le32(1), make([]byte, 16), le32(2), make([]byte, 16))
	rawNode     = bytes.Repeat([]byte{0xcc}, 32)
)

// decodeErrorCase is data DecodeTransaction must reject with
// "malformed transaction: " + want.
type decodeErrorCase struct {
	name string
	data []byte
	want string
}

// decodeErrorCases has one case per check of step 1, in the order of
// docs/token.md.
func decodeErrorCases() []decodeErrorCase {
	goodProof := rawMultiproof([]byte{1}, nil)
	return []decodeErrorCase{
		{"no data", nil, "no data"},
		{"unknown selector", []byte{7}, "unknown selector 7"},
		{"short batch", []byte{0, 1, 2, 3}, "batch: 3 bytes, shorter than its 12-byte fixed part"},
		{"transfers offset", join([]byte{0}, le32(13), le32(13), le32(13), []byte{0}), "transfers: offset 13, want 12"},
		{"accounts offset before transfers", join([]byte{0}, le32(12), le32(11), le32(12)), "accounts: offset 11 is outside 12..12"},
		{"accounts offset past the end", join([]byte{1}, le32(12), le32(40), le32(40), make([]byte, 24)), "accounts: offset 40 is outside 12..36"},
		{"proof offset past the end", join([]byte{0}, le32(12), le32(12), le32(50), make([]byte, 8)), "proof: offset 50 is outside 12..20"},
		{"branches offset before accounts", join([]byte{1}, le32(12), le32(36), le32(35), make([]byte, 24)), "branches: offset 35 is outside 36..36"},
		{"part of a transfer", rawBatch(0, rawTransfer[:23], nil, goodProof), "transfers: 23 bytes is not a multiple of 24"},
		{"too many transfers", rawBatch(0, bytes.Repeat(rawTransfer, 1025), nil, goodProof), "transfers: 1025 transfers, more than 1024"},
		{"part of an account", rawBatch(0, rawTransfer, rawAccounts[:21], goodProof), "accounts: 21 bytes is not a multiple of 20"},
		{"too many accounts", rawBatch(0, rawTransfer, bytes.Repeat(rawAccounts[:20], 2049), goodProof), "accounts: 2049 accounts, more than 2048"},
		{"short multiproof", rawBatch(0, rawTransfer, rawAccounts, make([]byte, 7)), "proof: 7 bytes, shorter than its 8-byte fixed part"},
		{"no proof", rawBatch(0, rawTransfer, rawAccounts, nil), "proof: 0 bytes, shorter than its 8-byte fixed part"},
		{"defaults offset", rawBatch(0, rawTransfer, rawAccounts, join(le32(9), le32(9), []byte{1})), "proof.defaults: offset 9, want 8"},
		{"nodes offset before defaults", rawBatch(0, rawTransfer, rawAccounts, join(le32(8), le32(7), []byte{1})), "proof.nodes: offset 7 is outside 8..9"},
		{"nodes offset past the end", rawBatch(0, rawTransfer, rawAccounts, join(le32(8), le32(10), []byte{1})), "proof.nodes: offset 10 is outside 8..9"},
		{"empty defaults", rawBatch(0, rawTransfer, rawAccounts, rawMultiproof(nil, rawNode)), "proof.defaults: empty, no delimiter bit"},
		{"defaults without delimiter", rawBatch(0, rawTransfer, rawAccounts, rawMultiproof([]byte{1, 0}, nil)), "proof.defaults: last byte is 0, no delimiter bit"},
		{"too many default bits", rawBatch(0, rawTransfer, rawAccounts, rawMultiproof(append(make([]byte, 8192), 2), nil)), "proof.defaults: 65537 bits, more than 65536"},
		{"part of a node", rawBatch(0, rawTransfer, rawAccounts, rawMultiproof([]byte{1}, rawNode[:31])), "proof.nodes: 31 bytes is not a multiple of 32"},
		{"too many nodes", rawBatch(0, rawTransfer, rawAccounts, rawMultiproof([]byte{1}, bytes.Repeat(rawNode, 65537))), "proof.nodes: 65537 nodes, more than 65536"},
		{"branches shorter than an offset", rawBatch(1, rawTransfer, rawAccounts, []byte{8, 0, 0}), "branches: 3 bytes, shorter than an offset"},
		{"first branch offset not a multiple of 4", rawBatch(1, rawTransfer, rawAccounts, join(le32(7), make([]byte, 8))), "branches[0]: offset 7, want a multiple of 4 in 4..12"},
		{"first branch offset 0", rawBatch(1, rawTransfer, rawAccounts, join(le32(0), make([]byte, 8))), "branches[0]: offset 0, want a multiple of 4 in 4..12"},
		{"first branch offset past the end", rawBatch(1, rawTransfer, rawAccounts, join(le32(16), make([]byte, 8))), "branches[0]: offset 16, want a multiple of 4 in 4..12"},
		{"too many branches", rawBatch(1, rawTransfer, rawAccounts, join(le32(4*2049), make([]byte, 4*2048))), "branches: 2049 branches, more than 2048"},
		{"branch offsets out of order", rawBatch(1, rawTransfer, rawAccounts, join(le32(8), le32(4), make([]byte, 16))), "branches[1]: offset 4 is outside 8..24"},
		{"branch offset past the end", rawBatch(1, rawTransfer, rawAccounts, join(le32(8), le32(25), make([]byte, 16))), "branches[1]: offset 25 is outside 8..24"},
		{"short branch", rawBatch(1, rawTransfer, rawAccounts, rawBranches(rawBranch(0, nil), make([]byte, 7))), "branches[1]: 7 bytes, shorter than its 8-byte fixed part"},
		{"branch nodes offset", rawBatch(1, rawTransfer, rawAccounts, rawBranches(join(le32(0), le32(12), make([]byte, 4)))), "branches[0].nodes: offset 12, want 8"},
		{"part of a branch node", rawBatch(1, rawTransfer, rawAccounts, rawBranches(rawBranch(0, rawNode[:1]))), "branches[0].nodes: 1 bytes is not a multiple of 32"},
		{"too many branch nodes", rawBatch(1, rawTransfer, rawAccounts, rawBranches(rawBranch(0, nil), rawBranch(0, bytes.Repeat(rawNode, 33)))), "branches[1].nodes: 33 nodes, more than 32"},
		{"no transfers", rawBatch(0, nil, rawAccounts, goodProof), "no transfers"},
		{"no transfers, no branches", rawBatch(1, nil, nil, nil), "no transfers"},
		{"no transfers and a bad proof: the proof comes first", rawBatch(0, nil, nil, rawMultiproof([]byte{0}, nil)), "proof.defaults: last byte is 0, no delimiter bit"},
	}
}

func TestDecodeTransactionErrors(t *testing.T) {
	for _, tt := range decodeErrorCases() {
		t.Run(tt.name, func(t *testing.T) {
			want := "malformed transaction: " + tt.want
			if _, err := token.DecodeTransaction(tt.data); err == nil || err.Error() != want {
				t.Errorf("DecodeTransaction error = %v\nwant %q", err, want)
			}
			res, err := token.Process(token.EmptyRoot, tt.data)
			if err == nil || err.Error() != want {
				t.Errorf("Process error = %v\nwant %q", err, want)
			}
			if res.Ticks != uint64(len(tt.data)) {
				t.Errorf("Process charged %d ticks, want one per byte, %d", res.Ticks, len(tt.data))
			}
		})
	}
}

func TestDecodeTransactionAccepts(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"65536 default bits", rawBatch(0, rawTransfer, nil, rawMultiproof(append(make([]byte, 8192), 1), nil))},
		{"no accounts, no branches", rawBatch(1, rawTransfer, nil, nil)},
		{"32 branch nodes", rawBatch(1, rawTransfer, nil, rawBranches(rawBranch(0, bytes.Repeat(rawNode, 32))))},
		{"empty branches between others", rawBatch(1, rawTransfer, nil, rawBranches(rawBranch(1, rawNode), rawBranch(2, nil), rawBranch(3, rawNode)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRoundTrip(t, tt.data)
		})
	}
}

// checkRoundTrip checks that data decodes, encodes back to itself and
// decodes the same with the generated decoders.
func checkRoundTrip(t *testing.T, data []byte) {
	t.Helper()
	tx, err := token.DecodeTransaction(data)
	if err != nil {
		t.Fatalf("DecodeTransaction: %v", err)
	}
	again, err := tx.Encode()
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if !bytes.Equal(again, data) {
		t.Fatalf("Encode(DecodeTransaction(data)) = %x\nwant %x", again, data)
	}
	generated, _, err := token.DecodeGenerated(data)
	if err != nil {
		t.Fatalf("the generated decoder rejects data DecodeTransaction accepts: %v", err)
	}
	if !sameTransaction(generated, tx) {
		t.Fatalf("the generated decoder gives %+v, DecodeTransaction %+v", generated, tx)
	}
}

// sameTransaction compares two transactions, taking nil and empty lists
// as equal: the generated decoders make no empty lists.
func sameTransaction(a, b *token.Transaction) bool {
	if a.Kind != b.Kind || !slices.Equal(a.Transfers, b.Transfers) || !slices.Equal(a.Accounts, b.Accounts) {
		return false
	}
	if (a.Multiproof == nil) != (b.Multiproof == nil) || len(a.Branches) != len(b.Branches) {
		return false
	}
	if a.Multiproof != nil && (!bytes.Equal(a.Multiproof.Defaults, b.Multiproof.Defaults) || !slices.Equal(a.Multiproof.Nodes, b.Multiproof.Nodes)) {
		return false
	}
	for i := range a.Branches {
		if a.Branches[i].Defaults != b.Branches[i].Defaults || !slices.Equal(a.Branches[i].Nodes, b.Branches[i].Nodes) {
			return false
		}
	}
	return true
}

func TestProofBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	tree := mustTree(t, randomGenesis(rng, 20))
	transfers := randomTransfers(rng, tree, 5)
	for _, kind := range kinds {
		t.Run(kind.String(), func(t *testing.T) {
			tx := mustProve(t, tree, kind, transfers)
			// The rest of the data: selector, batch offsets, transfers,
			// accounts and, for a multiproof, its two offsets.
			rest := 1 + 12 + 24*len(tx.Transfers) + 20*len(tx.Accounts)
			if kind == token.ProofMulti {
				rest += 8
			}
			if got, want := tx.ProofBytes(), len(mustEncode(t, tx))-rest; got != want {
				t.Errorf("ProofBytes = %d, want %d", got, want)
			}
		})
	}
}

func TestProveErrors(t *testing.T) {
	tree := mustTree(t, nil)
	tests := []struct {
		name      string
		kind      token.ProofKind
		transfers []token.Transfer
		want      string
	}{
		{"no transfers", token.ProofMulti, nil, "prove: no transfers"},
		{"too many transfers", token.ProofSingle, make([]token.Transfer, 1025), "prove: 1025 transfers, more than 1024"},
		{"unknown kind", 5, make([]token.Transfer, 1), "prove: unknown proof kind 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := token.Prove(tree, tt.kind, tt.transfers); err == nil || err.Error() != tt.want {
				t.Errorf("Prove error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestProofKind(t *testing.T) {
	tests := []struct {
		name    string
		kind    token.ProofKind
		wantErr string
	}{
		{"multi", token.ProofMulti, ""},
		{"single", token.ProofSingle, ""},
		{"branches", 0, `proof kind "branches": want multi or single`},
		{"", 0, `proof kind "": want multi or single`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, err := token.ParseProofKind(tt.name)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("ParseProofKind error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || kind != tt.kind || kind.String() != tt.name {
				t.Errorf("ParseProofKind(%q) = %v (%d), %v", tt.name, kind, kind, err)
			}
		})
	}
	if got := token.ProofKind(7).String(); got != "ProofKind(7)" {
		t.Errorf("ProofKind(7).String() = %q", got)
	}
}

// FuzzDecodeTransaction checks that whatever DecodeTransaction accepts
// encodes back to the same bytes and decodes the same with the generated
// decoders, that canonical encodings with transfers are accepted, that
// every rejection is a "malformed transaction" and that Process never
// panics.
func FuzzDecodeTransaction(f *testing.F) {
	rng := rand.New(rand.NewPCG(13, 14))
	tree := mustTree(f, randomGenesis(rng, 10))
	for range 4 {
		transfers := randomTransfers(rng, tree, 1+rng.IntN(4))
		for _, kind := range kinds {
			f.Add(mustEncode(f, mustProve(f, tree, kind, transfers)))
		}
	}
	f.Add(rawBatch(0, rawTransfer, rawAccounts, rawMultiproof([]byte{0x0b}, rawNode)))
	f.Add(rawBatch(1, rawTransfer, rawAccounts, rawBranches(rawBranch(0xffff, rawNode), rawBranch(0, nil))))
	f.Add([]byte{})
	f.Add([]byte{2})
	f.Fuzz(func(t *testing.T, data []byte) {
		tx, err := token.DecodeTransaction(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "malformed transaction: ") {
				t.Fatalf("error without the prefix: %v", err)
			}
			// Only non-canonical data or data without transfers may be
			// rejected.
			if generated, again, err2 := token.DecodeGenerated(data); err2 == nil && bytes.Equal(again, data) && len(generated.Transfers) > 0 && bitsFit(generated) {
				t.Fatalf("DecodeTransaction rejects canonical data: %v", err)
			}
		} else {
			checkRoundTrip(t, data)
			if len(tx.Transfers) == 0 {
				t.Fatalf("accepted without transfers")
			}
		}
		res, err := token.Process(tree.Root(), data)
		if res.Ticks < uint64(len(data)) {
			t.Fatalf("Process charged %d ticks for %d bytes", res.Ticks, len(data))
		}
		if err != nil && res.PostState != tree.Root() {
			t.Fatalf("a failure changed the state: %v", err)
		}
	})
}

// bitsFit reports whether a generated multiproof's bitlist is within the
// limit, which the generated encoder checks in bytes only.
func bitsFit(tx *token.Transaction) bool {
	if tx.Multiproof == nil {
		return true
	}
	d := tx.Multiproof.Defaults
	return len(d) > 0 && d[len(d)-1] != 0 && 8*(len(d)-1)+bits.Len64(uint64(d[len(d)-1]))-1 <= token.MaxProofNodes
}
