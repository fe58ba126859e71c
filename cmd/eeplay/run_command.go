package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/cliflags"
	"github.com/eeplay/eeplay/internal/tracetext"
	"github.com/eeplay/eeplay/wasmhost"
)

// runUsage writes the run command's help.
func runUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: eeplay run --ee FILE.wasm [--state HEX] [--data HEX|text:TEXT|@FILE]... [flags]

Run creates the EE in FILE.wasm with the initial state --state, runs each
--data in order as the only transaction of its own block on shard 0, and
prints what each transaction did: its pre-state and post-state, the ticks
it used, the deposits it pushed and logs it emitted (in hex), and its debug
output. It ends with the EE's final state. Without --data it runs one
transaction with empty data.

If a transaction fails, run prints the debug output up to the failure and
the error, and exits with code 1.

With --trace it also prints each transaction's trace: every host call in
order, with its arguments (pointers in hex), its result and the tick count
after it, the bytes it read from and wrote to the EE's memory below it, and
the calls a child module made indented under the call that ran it. A failed
transaction's trace ends at the failure.

With --profile it prints instead where each transaction spent its time:
per function of the EE, its calls, its time alone (self) and with what
it called (total), in wall-clock microseconds on the engine (measuring
each call slows it), and the ticks charged while it ran; most self time
first. Time in host functions counts as their caller's.

Flags:
`)
	fs := newFlagSet("run")
	addRunFlags(fs)
	printDefaults(w, fs)
}

// runFlags are the flags of the run command.
type runFlags struct {
	ee        string
	state     rootFlag
	data      dataFlag
	libraries libraryFlag
	trace     bool
	profile   bool
	engine    *engineFlags
}

// addRunFlags defines the run command's flags on fs.
func addRunFlags(fs *flag.FlagSet) *runFlags {
	f := &runFlags{}
	fs.StringVar(&f.ee, "ee", "", "run the EE in `FILE.wasm` (required)")
	fs.Var(&f.state, "state", "the EE's initial state `root`: 64 hex digits, 0x optional (default all zeros)")
	fs.Var(&f.data, "data", "a transaction's data, as `hex` (0x optional), text:TEXT (its UTF-8 bytes) or @FILE (the file's raw bytes); repeat for more transactions, each in its own block")
	fs.BoolVar(&f.trace, "trace", false, "print each transaction's host calls and the bytes they moved")
	fs.BoolVar(&f.profile, "profile", false, "print each transaction's time and ticks per function (not with --trace)")
	fs.Var(&f.libraries, "library", "`NAME=FILE.wasm`: let the EE import the functions of FILE.wasm from module NAME; repeatable")
	f.engine = addEngineFlags(fs)
	return f
}

// runRun is the run command.
func runRun(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run")
	flags := addRunFlags(fs)
	if ok, code := parseFlags(fs, args, cliflags.TakesArguments, stdout, stderr, runUsage); !ok {
		return code
	}
	if fs.NArg() > 0 {
		usageError(stderr, fs.Name(), fmt.Sprintf("unexpected argument %q: give the EE with --ee and each transaction's data with --data", fs.Arg(0)))
		return exitUsage
	}
	if flags.trace && flags.profile {
		usageError(stderr, fs.Name(), "--trace and --profile run a transaction differently: give one")
		return exitUsage
	}
	if flags.ee == "" {
		usageError(stderr, fs.Name(), "no EE given: use --ee FILE.wasm")
		return exitUsage
	}
	config, err := flags.engine.config(flags.libraries)
	if err != nil {
		usageError(stderr, fs.Name(), err.Error())
		return exitUsage
	}
	data := flags.data
	if len(data) == 0 {
		data = [][]byte{{}}
	}

	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "%s: %s\n", fs.Name(), terminalText(err.Error()))
		return code
	}
	wasm, err := readFileAtMost(flags.ee, core.MaxWasmCodeSize, "MaxWasmCodeSize")
	if err != nil {
		return fail(exitUsage, err)
	}
	ctx := context.Background()
	engine, err := wasmhost.New(ctx, config)
	if err != nil {
		return fail(exitUsage, err)
	}
	defer closeBeforeExit(engine)
	sim := flags.engine.newSimulation(engine)
	ee, err := sim.CreateExecutionEnvironment(ctx, wasm, core.Root(flags.state))
	if err != nil {
		return fail(exitUsage, fmt.Errorf("%s: %w", flags.ee, err))
	}
	recorded := &inspection{}
	if flags.trace {
		ctx = core.WithTracer(ctx, func(_ int, t core.Trace) {
			*recorded = inspection{label: "trace", lines: terminalLines(tracetext.Lines(t))}
		})
	}
	if flags.profile {
		ctx = core.WithProfiler(ctx, func(_ int, p core.Profile) {
			*recorded = inspection{label: "profile", lines: profileLines(p)}
		})
	}
	if err := runBlocks(ctx, sim, ee, data, recorded, stdout); err != nil {
		return fail(exitFailed, err)
	}
	return exitOK
}

// inspection is what --trace or --profile recorded of a transaction: lines
// to print under label.
type inspection struct {
	label string
	lines []string
}

// runBlocks runs each of data as the only transaction of a block on shard
// 0, for EE ee, and writes what each did, with what recorded holds of it
// once it has run (a tracer or profiler of ctx fills it), and the EE's
// final state to w. It stops at the first block that fails, having written
// what the transaction did up to the failure.
func runBlocks(ctx context.Context, sim *core.Simulation, ee uint64, data [][]byte, recorded *inspection, w io.Writer) error {
	const shard = 0
	printRecorded := func() {
		if recorded.lines != nil {
			printField(w, recorded.label, recorded.lines...)
			*recorded = inspection{}
		}
	}
	for i, d := range data {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "block %d\n", i)
		printField(w, "data", describeData(d))
		preState, err := sim.GetExecutionEnvironmentState(ee, shard)
		if err != nil {
			return err
		}
		blockIndex, err := sim.CreateShardBlock(ctx, shard, []core.ShardTransaction{{Data: d, EEIndex: ee}})
		if err != nil {
			var txErr *core.TransactionError
			if errors.As(err, &txErr) {
				// The block holds only this transaction; the core's
				// "transaction 0 (execution environment 0)" adds nothing.
				err = txErr.Err
				printPartialReceipt(w, preState, txErr.Receipt)
				printRecorded()
			}
			return fmt.Errorf("block %d was rejected: %w", i, err)
		}
		record, err := sim.GetShardBlock(shard, blockIndex)
		if err != nil {
			return err
		}
		printReceipt(w, record.Receipts[0])
		printRecorded()
	}

	state, err := sim.GetExecutionEnvironmentState(ee, shard)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-*s%v\n", len(fieldIndent)+labelWidth, "final state", state)
	return nil
}

// profileLines are a profile's lines: what it measures, then a line per
// function.
func profileLines(p core.Profile) []string {
	lines := []string{p.Measure}
	for _, f := range p.Functions {
		lines = append(lines, terminalText(fmt.Sprintf("%s: %s, self %.1f µs, total %.1f µs, ticks %d self, %d total",
			f.Name, count(f.Calls, "call"), float64(f.SelfNanos)/1e3, float64(f.TotalNanos)/1e3, f.SelfTicks, f.TotalTicks)))
	}
	return lines
}

// terminalLines are lines made safe for a terminal, as terminalText makes
// text.
func terminalLines(lines []string) []string {
	safe := make([]string, len(lines))
	for i, line := range lines {
		safe[i] = terminalText(line)
	}
	return safe
}

// printReceipt writes what a transaction did.
func printReceipt(w io.Writer, r core.Receipt) {
	printField(w, "pre-state", r.PreState.String())
	printField(w, "post-state", r.PostState.String())
	printOutputs(w, r)
}

// printPartialReceipt writes what a failed transaction did before it
// failed. It has no post-state. preState comes from the simulation: a
// transaction that failed before it ran has an empty receipt.
func printPartialReceipt(w io.Writer, preState core.Root, r core.Receipt) {
	printField(w, "pre-state", preState.String())
	printOutputs(w, r)
}

func printOutputs(w io.Writer, r core.Receipt) {
	printField(w, "ticks", fmt.Sprint(r.Ticks))
	printField(w, "deposits", hexStrings(r.Deposits)...)
	printField(w, "logs", hexStrings(r.Logs)...)
	printField(w, "debug", r.Debug...)
	// Most EEs load no child module: the line is left out, as the
	// receipt's JSON leaves the field out.
	if len(r.Modules) > 0 {
		printField(w, "modules", describeModules(r.Modules)...)
	}
}

// describeModules returns a line per child module: "slot 0: 1234 bytes,
// sha256 0x…, 3 calls, 1 callback", calls being the EE's and callbacks
// the module's calls of the EE.
func describeModules(modules []core.ChildModule) []string {
	lines := make([]string, len(modules))
	for i, m := range modules {
		lines[i] = fmt.Sprintf("slot %d: %s, sha256 %v, %s, %s", m.Slot,
			count(uint64(m.Size), "byte"), m.SHA256, count(m.Calls, "call"), count(m.Callbacks, "callback"))
	}
	return lines
}

// count returns n and word, with an s unless n is 1.
func count(n uint64, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

const (
	fieldIndent = "  "
	// labelWidth fits the longest label, "post-state", and two spaces.
	labelWidth = 12
)

// printField writes label and values, one value per line, with the values
// aligned in a column so that a long run is easy to scan. No values is
// written as "none".
func printField(w io.Writer, label string, values ...string) {
	if len(values) == 0 {
		values = []string{"none"}
	}
	for i, line := range values {
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(w, "%s%-*s%s\n", fieldIndent, labelWidth, label, line)
	}
}

// maxDataShown is how many bytes of transaction data run shows: the data
// is the caller's own input, and can be 256 KiB.
const maxDataShown = 32

// describeData returns data as hex, cut short if long, with its length.
func describeData(data []byte) string {
	switch {
	case len(data) == 0:
		return "empty"
	case len(data) > maxDataShown:
		return fmt.Sprintf("%v... (%d bytes)", core.HexBytes(data[:maxDataShown]), len(data))
	case len(data) == 1:
		return fmt.Sprintf("%v (1 byte)", core.HexBytes(data))
	}
	return fmt.Sprintf("%v (%d bytes)", core.HexBytes(data), len(data))
}

func hexStrings(bs []core.HexBytes) []string {
	s := make([]string, len(bs))
	for i, b := range bs {
		s[i] = b.String()
	}
	return s
}
