package wasmhost_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"testing"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// BenchmarkExecute measures whole transactions, instantiation included, on
// a trivial EE (load and save the state) and a hashing EE (the hashchain
// example over 1 KiB of data), on each engine. Run:
//
//	go test -run '^$' -bench Execute ./wasmhost
func BenchmarkExecute(b *testing.B) {
	hashchain, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		b.Fatal(err)
	}
	ees := []struct {
		name string
		code []byte
		data []byte
	}{
		{"trivial", testee.Wasm("trivial"), nil},
		{"hashchain-1KiB", hashchain, bytes.Repeat([]byte{0x5a}, 1024)},
	}
	for _, kind := range engineKinds() {
		for _, ee := range ees {
			b.Run(string(kind)+"/"+ee.name, func(b *testing.B) {
				program := compile(b, newEngine(b, wasmhost.Config{Engine: kind}), ee.code)
				ctx := context.Background()
				for b.Loop() {
					if _, err := program.Execute(ctx, preState, ee.data); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
			})
		}
	}
}

// BenchmarkBufferFrames measures a transaction of the probe EE that makes
// 1,000 eth2_bufferSet and eth2_bufferGet calls each, on each engine;
// ns/call is its time per call, the transaction's own cost spread over
// them (BenchmarkExecute's trivial EE shows that cost). Run:
//
//	go test -run '^$' -bench BufferFrames ./wasmhost
func BenchmarkBufferFrames(b *testing.B) {
	const pairs = 1000
	data := bufferProbe()
	for range pairs {
		data = data.Op(testee.OpBufferSet, 1, 0, 32).Op(testee.OpBufferGet, 96, 1, 0, 64)
	}
	for _, kind := range engineKinds() {
		b.Run(string(kind), func(b *testing.B) {
			program := compile(b, newEngine(b, wasmhost.Config{Engine: kind}), testee.Wasm("probe"))
			ctx := context.Background()
			for b.Loop() {
				if _, err := program.Execute(ctx, preState, data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(2*pairs), "ns/call")
		})
	}
}

// BenchmarkCallModule measures child modules on each engine: "load" is a
// transaction that loads testdata/child.wat and calls nothing, "call" one
// that loads it and calls its echo 10,000 times, each with a 32-byte
// argument and a 32-byte return buffer; ns/call is that transaction's time
// per round trip, the load spread over the calls. Run:
//
//	go test -run '^$' -bench CallModule ./wasmhost
func BenchmarkCallModule(b *testing.B) {
	const calls = 10_000
	for _, kind := range engineKinds() {
		program := compile(b, newEngine(b, wasmhost.Config{Engine: kind}), testee.Wasm("call_module_loop"))
		for _, count := range []uint32{0, calls} {
			name := "call"
			if count == 0 {
				name = "load"
			}
			data := append(binary.LittleEndian.AppendUint32(nil, count), testee.Wasm("child")...)
			b.Run(string(kind)+"/"+name, func(b *testing.B) {
				ctx := context.Background()
				for b.Loop() {
					if _, err := program.Execute(ctx, preState, data); err != nil {
						b.Fatal(err)
					}
				}
				if count > 0 {
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/calls, "ns/call")
				}
			})
		}
	}
}

// BenchmarkTrace measures the cost of tracing: the hashchain example over 1
// KiB of data, and the probe making 1,000 bignum calls, each run untraced
// (Execute) and traced (ExecuteTraced), on each engine. Run:
//
//	go test -run '^$' -bench Trace ./wasmhost
func BenchmarkTrace(b *testing.B) {
	hashchain, err := os.ReadFile("../scripts/hashchain/hashchain.wasm")
	if err != nil {
		b.Fatal(err)
	}
	bignums := testee.Probe{}
	for range 1000 {
		bignums = bignums.Op(testee.OpAdd256, 0, 32, 64)
	}
	ees := []struct {
		name string
		code []byte
		data []byte
	}{
		{"hashchain-1KiB", hashchain, bytes.Repeat([]byte{0x5a}, 1024)},
		{"bignum-1000", testee.Wasm("probe"), bignums},
	}
	for _, kind := range engineKinds() {
		for _, ee := range ees {
			program := compile(b, newEngine(b, wasmhost.Config{Engine: kind}), ee.code).(core.TracingProgram)
			for _, traced := range []bool{false, true} {
				name := string(kind) + "/" + ee.name + "/off"
				if traced {
					name = string(kind) + "/" + ee.name + "/on"
				}
				b.Run(name, func(b *testing.B) {
					ctx := context.Background()
					for b.Loop() {
						var err error
						if traced {
							_, _, err = program.ExecuteTraced(ctx, preState, ee.data)
						} else {
							_, err = program.Execute(ctx, preState, ee.data)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
				})
			}
		}
	}
}
