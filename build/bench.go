package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// The bench command measures the playground in headless Chromium: how long
// blocks take on each engine in the page, against raw V8 WebAssembly with
// a minimal JavaScript host in the same page, and how large and quick to
// load the Go core is. Go prepares the cases and formats the report;
// web/bench/bench.mjs drives the browser. They exchange JSON: the cases in
// a file, the timings on node's stdout.

// benchInput is the file bench.mjs reads.
type benchInput struct {
	URL  string `json:"url"`
	Runs int    `json:"runs"`
	// Loads is how many times to load the page for the ready time.
	Loads int `json:"loads"`
	// EngineBudgetMillis caps the time an engine spends on one case: an
	// engine whose first run takes longer than this over Runs gets fewer
	// runs, at least one.
	EngineBudgetMillis float64     `json:"engineBudgetMillis"`
	Cases              []benchCase `json:"cases"`
	// Templates are what the workbench's compile times compile.
	Templates []workbenchTemplate `json:"templates"`
	// ConsoleBlocks is what the console's blocks run.
	ConsoleBlocks consoleBlocksInput `json:"consoleBlocks"`
}

// consoleBlocksInput is the EE of the trivial blocks made one after
// another from the console, as a script would: the path of its wasm, its
// initial state, and how many blocks.
type consoleBlocksInput struct {
	Wasm     string `json:"wasm"`
	PreState string `json:"preState"`
	Blocks   int    `json:"blocks"`
}

// consoleBlocksOutput is each console block's time, from the
// createShardBlock call to its promise resolving, and the time of all of
// them, in milliseconds.
type consoleBlocksOutput struct {
	Millis      []float64 `json:"millis"`
	TotalMillis float64   `json:"totalMillis"`
}

// benchOutput is what bench.mjs prints.
type benchOutput struct {
	Chromium string `json:"chromium"`
	// ReadyMillis are the page loads' times from navigation to
	// eeplay.ready resolving.
	ReadyMillis []float64    `json:"readyMillis"`
	Cases       []caseTiming `json:"cases"`
	// LongestWazeroBlock is the longest block of any wazero run, with the
	// main thread's long tasks during it.
	LongestWazeroBlock *longestBlock   `json:"longestWazeroBlock"`
	Workbench          workbenchOutput `json:"workbench"`
	// ConsoleBlocks are the console's trivial blocks, on the browser
	// engine.
	ConsoleBlocks *consoleBlocksOutput `json:"consoleBlocks"`
}

// caseTiming is one case's time per run, in milliseconds, on each engine.
type caseTiming struct {
	Name    string    `json:"name"`
	Wazero  []float64 `json:"wazero"`
	Browser []float64 `json:"browser"`
	// Raw is raw V8 in a worker of the page, as the core runs; RawPage
	// the same on the page's thread.
	Raw     []float64 `json:"raw"`
	RawPage []float64 `json:"rawPage"`
	// WazeroCore and BrowserCore are the same runs' time in the core:
	// from each createShardBlock call to the worker's answer, as the
	// page's change event gives it, without storing the block or the
	// page's listeners.
	WazeroCore  []float64 `json:"wazeroCore"`
	BrowserCore []float64 `json:"browserCore"`
}

// longestBlock is a block of a wazero run and the durations of the
// 'longtask' entries the main thread recorded while it ran.
type longestBlock struct {
	Case      string    `json:"case"`
	Block     int       `json:"block"`
	Millis    float64   `json:"millis"`
	LongTasks []float64 `json:"longTasks"`
}

// benchRunsDefault is the default of -runs.
const benchRunsDefault = 5

// consoleBlockCount is how many trivial blocks the console makes.
const consoleBlockCount = 1000

// engineBudgetMillis is how long one engine may spend on one case before
// it gets fewer runs than -runs.
const engineBudgetMillis = 60_000

// runBench is the bench command.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench")
	runs := fs.Int("runs", benchRunsDefault, "")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *runs < 1 {
		return usageError(stderr, fs.Name(), fmt.Sprintf("-runs %d: want at least 1", *runs))
	}
	root, err := workingRoot()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	if err := bench(ctx, root, *runs, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return exitFailed
	}
	return exitOK
}

// bench builds and serves the site, prepares the cases, has bench.mjs time
// them, and writes the report to stdout. Progress goes to stderr.
func bench(ctx context.Context, root string, runs int, stdout, stderr io.Writer) error {
	// The prerequisites report what they found on stdout, which is the
	// report's here.
	c := &tester{root: root, stdout: stderr, stderr: stderr}
	for _, err := range c.prerequisites(ctx, needNode|needNodeModules|needChromium) {
		return err
	}
	loadBefore := loadAverage()

	tmp, err := os.MkdirTemp("", "eeplay-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "site")
	// The full build: the sizes are those of a published site.
	s := site{root: root, warnings: stderr}
	if err := buildSite(dir, stderr, func(d string) error { return s.build(ctx, d) }, replaceDir); err != nil {
		return err
	}
	sizes, err := wasmSizes(dir)
	if err != nil {
		return err
	}

	cases, err := benchCases(ctx, c, tmp)
	if err != nil {
		return err
	}
	templates, err := workbenchTemplates(root)
	if err != nil {
		return err
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	server := &http.Server{Handler: precompressedHandler(dir)}
	go server.Serve(listener)
	defer server.Close()

	input := benchInput{
		URL:                fmt.Sprintf("http://%s/", listener.Addr()),
		Runs:               runs,
		Loads:              runs,
		EngineBudgetMillis: engineBudgetMillis,
		Cases:              cases,
		Templates:          templates,
		ConsoleBlocks: consoleBlocksInput{
			Wasm:     filepath.Join(root, "scripts", "helloworld", "helloworld.wasm"),
			PreState: trivialPreState,
			Blocks:   consoleBlockCount,
		},
	}
	inputPath := filepath.Join(tmp, "cases.json")
	data, err := json.Marshal(input)
	if err != nil {
		return err
	}
	if err := os.WriteFile(inputPath, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "serving %s at %s\n", dir, input.URL)
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", filepath.Join("web", "bench", "bench.mjs"), inputPath)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "EEPLAY_CHROMIUM="+c.chromium)
	cmd.Stdout = &out
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("node web/bench/bench.mjs: %w", err)
	}
	var output benchOutput
	if err := json.Unmarshal(out.Bytes(), &output); err != nil {
		return fmt.Errorf("reading the output of web/bench/bench.mjs: %w", err)
	}
	fmt.Fprintf(stderr, "$ go %s\n", strings.Join(serverBenchArgs, " "))
	serverTimes, err := benchServer(ctx, root)
	if err != nil {
		return err
	}
	rep := benchReport{
		runs:    runs,
		cases:   cases,
		output:  output,
		server:  serverTimes,
		sizes:   sizes,
		machine: machineInfo(output.Chromium, loadBefore, loadAverage()),
	}
	_, err = io.WriteString(stdout, rep.String())
	return err
}

// wasmFileSizes are the sizes of the Go core in the built site.
type wasmFileSizes struct{ raw, gzip, brotli int64 }

// wasmSizes returns the sizes of eeplay.wasm and its precompressed copies
// in the site dir.
func wasmSizes(dir string) (wasmFileSizes, error) {
	var sizes wasmFileSizes
	for _, f := range []struct {
		name string
		size *int64
	}{{"eeplay.wasm", &sizes.raw}, {"eeplay.wasm.gz", &sizes.gzip}, {"eeplay.wasm.br", &sizes.brotli}} {
		info, err := os.Stat(filepath.Join(dir, f.name))
		if err != nil {
			return sizes, err
		}
		*f.size = info.Size()
	}
	return sizes, nil
}

// machineInfo describes the machine the bench ran on: loadBefore and
// loadAfter are the load averages when it started and ended.
func machineInfo(chromium, loadBefore, loadAfter string) string {
	cpu := "unknown CPU"
	if text, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(text), "\n") {
			if key, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(key) == "model name" {
				cpu = strings.TrimSpace(value)
				break
			}
		}
	}
	info := fmt.Sprintf("%s, %d cores; headless Chromium %s; %s %s/%s", cpu, runtime.NumCPU(), chromium, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if loadBefore != "" && loadAfter != "" {
		info += fmt.Sprintf("; 1-minute load average %s before the bench, %s after", loadBefore, loadAfter)
	}
	return info
}

// loadAverage returns the 1-minute load average, or "" where the system
// does not say.
func loadAverage() string {
	text, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	fields := strings.Fields(string(text))
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}
