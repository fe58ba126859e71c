package token_test

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/scripts"
	"github.com/eeplay/eeplay/token"
	"github.com/eeplay/eeplay/wasmhost"
)

// A transfer between two accounts, proven with each approach and run
// through the Go reference of the EE.
func Example() {
	tree, err := token.NewTree([]token.Account{
		{Address: 1, Balance: 100},
		{Address: 2, Balance: 5},
	})
	if err != nil {
		panic(err)
	}
	transfers := []token.Transfer{{Sender: 1, Recipient: 2, Nonce: 0, Amount: 30}}
	for _, kind := range []token.ProofKind{token.ProofMulti, token.ProofSingle} {
		tx, err := token.Prove(tree, kind, transfers)
		if err != nil {
			panic(err)
		}
		data, err := tx.Encode()
		if err != nil {
			panic(err)
		}
		result, err := token.Process(tree.Root(), data)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %d bytes (%d of proof), %d ticks, logs %v\n", kind, len(data), tx.ProofBytes(), result.Ticks, result.Logs)
	}
	// Output:
	// multi: 90 bytes (5 of proof), 7090 ticks, logs [{0x00000001 1 70} {0x00000002 0 35}]
	// single: 165 bytes (88 of proof), 13365 ticks, logs [{0x00000001 1 70} {0x00000002 0 35}]
}

// The EE rejects a transaction whose transfer reuses a nonce.
func ExampleProcess_rejected() {
	tree, _ := token.NewTree([]token.Account{{Address: 1, Nonce: 4, Balance: 100}})
	tx, _ := token.Prove(tree, token.ProofSingle, []token.Transfer{{Sender: 1, Recipient: 7, Nonce: 3, Amount: 1}})
	data, _ := tx.Encode()
	_, err := token.Process(tree.Root(), data)
	fmt.Println(err)
	// Output:
	// transfer 0: nonce 3, but sender 0x00000001 is at nonce 4
}

func ExampleDecodeTransaction() {
	_, err := token.DecodeTransaction([]byte{7, 0, 0})
	fmt.Println(err)
	// Output:
	// malformed transaction: unknown selector 7
}

func ExampleTree() {
	tree, _ := token.NewTree(nil)
	fmt.Println(tree.Root() == token.EmptyRoot)
	tree.Set(token.Account{Address: 0x2a, Balance: 10})
	fmt.Println(tree.Accounts(), tree.Account(0x2b))
	tree.Set(token.Account{Address: 0x2a})
	fmt.Println(tree.Root() == token.EmptyRoot)
	// Output:
	// true
	// [{0x0000002a 0 10}] {0x0000002b 0 0}
	// true
}

// The multiproof of the leaves of addresses 0 and 3: its helpers are the
// leaves of 1 and 2, then one node per level above the subtree of 0..3.
func ExampleMultiproofNodes() {
	shape := token.MultiproofNodes([]token.Address{3, 0})
	fmt.Printf("leaves %#x\n", shape.Leaves)
	fmt.Printf("helpers %#x ... (%d)\n", shape.Helpers[:3], len(shape.Helpers))
	fmt.Printf("computed %#x ... %d (%d)\n", shape.Computed[:3], shape.Computed[len(shape.Computed)-1], len(shape.Computed))
	// Output:
	// leaves [0x100000000 0x100000003]
	// helpers [0x100000002 0x100000001 0x40000001] ... (32)
	// computed [0x80000001 0x80000000 0x40000000] ... 1 (33)
}

func ExampleParseProofKind() {
	kind, err := token.ParseProofKind("single")
	fmt.Println(kind, uint8(kind), err)
	_, err = token.ParseProofKind("both")
	fmt.Println(err)
	// Output:
	// single 1 <nil>
	// proof kind "both": want multi or single
}

// memoryChain is a shard's blocks, for the example.
type memoryChain []core.ShardBlockRecord

func (c memoryChain) ShardBlockCount(uint64) (uint64, error) { return uint64(len(c)), nil }

func (c memoryChain) GetShardBlock(_, i uint64) (core.ShardBlockRecord, error) { return c[i], nil }

// A provider builds a transaction, "the chain" runs it, and the provider
// follows the chain by the EE's logs.
func ExampleProvider() {
	provider, err := token.NewProvider([]token.Account{{Address: 1, Balance: 100}}, 0, 0)
	if err != nil {
		panic(err)
	}
	tx, err := provider.Build(token.ProofMulti, []token.TransferRequest{
		{Sender: 1, Recipient: 2, Amount: 10},
		{Sender: 1, Recipient: 3, Amount: 20},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("nonces:", tx.Transfers[0].Nonce, tx.Transfers[1].Nonce)

	// What a simulation records when the EE runs the transaction.
	data, _ := tx.Encode()
	result, err := token.Process(provider.Root(), data)
	if err != nil {
		panic(err)
	}
	receipt := core.Receipt{PreState: provider.Root(), PostState: result.PostState}
	for _, a := range result.Logs {
		log := binary.LittleEndian.AppendUint32(nil, uint32(a.Address))
		log = binary.LittleEndian.AppendUint64(log, a.Nonce)
		receipt.Logs = append(receipt.Logs, binary.LittleEndian.AppendUint64(log, a.Balance))
	}
	chain := memoryChain{{
		Block:    core.ShardBlock{Transactions: []*core.ShardTransaction{{Data: data, EEIndex: 0}}},
		Receipts: []core.Receipt{receipt},
	}}

	reports, err := provider.Follow(chain)
	if err != nil {
		panic(err)
	}
	fmt.Println("in sync:", reports[0].InSync, "changed:", reports[0].Changed)
	fmt.Println("accounts:", provider.Accounts())
	// Output:
	// nonces: 0 1
	// in sync: true changed: [{0x00000001 2 70} {0x00000002 0 10} {0x00000003 0 20}]
	// accounts: [{0x00000001 2 70} {0x00000002 0 10} {0x00000003 0 20}]
}

// The shape of a transfer from address 1 to address 2 with each proof
// approach: the multiproof names each helper once, where the two branches
// both name the siblings of the nodes above where their paths meet.
func ExampleTransaction_Shape() {
	tree, err := token.NewTree([]token.Account{{Address: 1, Balance: 100}, {Address: 2, Balance: 5}})
	if err != nil {
		panic(err)
	}
	for _, kind := range []token.ProofKind{token.ProofMulti, token.ProofSingle} {
		tx, err := token.Prove(tree, kind, []token.Transfer{{Sender: 1, Recipient: 2, Amount: 30}})
		if err != nil {
			panic(err)
		}
		shape := tx.Shape()
		fmt.Printf("%s: leaves %#x, helpers %#x ... (%d), defaults %v ... (%d), %d computed\n", kind,
			shape.Leaves, shape.Helpers[:3], len(shape.Helpers), shape.DefaultHelpers[:3], len(shape.DefaultHelpers), len(shape.Computed))
	}
	// Output:
	// multi: leaves [0x100000001 0x100000002], helpers [0x100000003 0x100000000 0x40000001] ... (32), defaults [true true true] ... (32), 33 computed
	// single: leaves [0x100000001 0x100000002], helpers [0x100000000 0x80000001 0x40000001] ... (64), defaults [true false true] ... (64), 33 computed
}

// A session follows the token EE on a simulation and runs each block's
// transfers with both proof approaches.
func ExampleSession() {
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		panic(err)
	}
	defer engine.Close(ctx)
	sim := core.NewSimulation(engine)
	genesis := []token.Account{{Address: 1, Balance: 100}, {Address: 2, Balance: 5}}
	tree, err := token.NewTree(genesis)
	if err != nil {
		panic(err)
	}
	ee, err := sim.CreateExecutionEnvironment(ctx, scripts.Token, tree.Root())
	if err != nil {
		panic(err)
	}
	session, err := token.NewSession(ctx, sim, engine, token.SessionConfig{Genesis: genesis, EEIndex: ee, ShardIndex: 0})
	if err != nil {
		panic(err)
	}

	tx, err := session.Build(ctx, token.ProofMulti, []token.TransferRequest{{Sender: 1, Recipient: 2, Amount: 30}})
	if err != nil {
		panic(err)
	}
	data, err := tx.Encode()
	if err != nil {
		panic(err)
	}
	if _, err := sim.CreateShardBlock(ctx, 0, []core.ShardTransaction{{EEIndex: ee, Data: data}}); err != nil {
		panic(err)
	}

	status, err := session.Status(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("in sync:", status.InSync, "accounts:", status.Accounts)
	for _, c := range status.Comparisons {
		fmt.Printf("block %d, %d transfer: multi %d proof bytes, %d ticks; single %d proof bytes, %d ticks\n",
			c.BlockIndex, c.Transfers, c.Multi.ProofBytes, c.Multi.Ticks, c.Single.ProofBytes, c.Single.Ticks)
	}
	// Output:
	// in sync: true accounts: [{0x00000001 1 70} {0x00000002 0 35}]
	// block 0, 1 transfer: multi 5 proof bytes, 7090 ticks; single 88 proof bytes, 13365 ticks
}
