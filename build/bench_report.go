package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// benchReport is everything the report shows.
type benchReport struct {
	// runs is -runs.
	runs    int
	cases   []benchCase
	output  benchOutput
	server  serverTimings
	sizes   wasmFileSizes
	machine string
}

// Targets.
const (
	// summedRatioTarget is the most browser / raw may be, summed over
	// every case, each block's costs in the page included.
	summedRatioTarget = 1.5
	// manySmallRatioTarget is the most browser / raw may be on a case of
	// many small transactions.
	manySmallRatioTarget = 3
	// manySmallWazeroTarget and manySmallBrowserTarget are the times, in
	// milliseconds, a case of many small transactions must stay under.
	manySmallWazeroTarget  = 500
	manySmallBrowserTarget = 200
	// brotliTarget is the most bytes the brotli-compressed core may take.
	brotliTarget = 1_500_000
	// readyTarget is the most milliseconds from navigation to ready.
	readyTarget = 400
	// consoleMedianTarget and consoleP95Target are the most milliseconds
	// the median and the 95th percentile of a trivial block from the
	// console may take, on the browser engine; consoleTotalTarget, the
	// most all of them may take.
	consoleMedianTarget = 2
	consoleP95Target    = 10
	consoleTotalTarget  = 3000
	// serverStateTarget is the most eeplay serve --state may take, as a
	// multiple of the time without --state, on BenchmarkServeClients.
	serverStateTarget = 2
	// longTaskTarget is the longest a main-thread task may take, in
	// milliseconds, during the longest wazero block.
	longTaskTarget = 50
)

// target is one target line of the report.
type target struct {
	what     string
	measured string
	limit    string
	// met is whether the measure meets the limit; when measured is "",
	// nothing was measured.
	met bool
}

// String returns t as a line of a Markdown list.
func (t target) String() string {
	status := "missed"
	switch {
	case t.measured == "" && t.limit == "none":
		return fmt.Sprintf("- not measured: %s (no target)", t.what)
	case t.measured == "":
		return fmt.Sprintf("- not measured: %s (target %s)", t.what, t.limit)
	case t.limit == "none":
		return fmt.Sprintf("- no target: %s: %s", t.what, t.measured)
	case t.met:
		status = "met"
	}
	return fmt.Sprintf("- %s: %s: %s (target %s)", status, t.what, t.measured, t.limit)
}

// timing returns the timing of the case named name, or a zero one.
func (r benchReport) timing(name string) caseTiming {
	for _, t := range r.output.Cases {
		if t.Name == name {
			return t
		}
	}
	return caseTiming{Name: name}
}

// targets evaluates every target.
func (r benchReport) targets() []target {
	var targets []target

	browserSum, rawSum, measured := r.summed(func(t caseTiming) []float64 { return t.Browser })
	summed := target{
		what:  fmt.Sprintf("browser / raw summed over every case (%d), each block's costs in the page included", len(r.cases)),
		limit: "≤ " + formatLimit(summedRatioTarget) + "x",
	}
	if measured && rawSum > 0 {
		ratio := browserSum / rawSum
		summed.measured, summed.met = formatRatio(ratio), ratio <= summedRatioTarget
	}
	targets = append(targets, summed)

	for _, c := range r.cases {
		if c.Class != classLargeData {
			continue
		}
		t := r.timing(c.Name)
		line := target{what: "browser / raw, " + c.Name + ", large block data", limit: "none"}
		if len(t.Browser) > 0 && len(t.Raw) > 0 && median(t.Raw) > 0 {
			line.measured = formatRatio(median(t.Browser) / median(t.Raw))
		}
		targets = append(targets, line)
	}

	for _, c := range r.cases {
		if c.Class != classManySmall {
			continue
		}
		t := r.timing(c.Name)
		ratio := target{what: "browser / raw, " + c.Name, limit: "≤ " + formatLimit(manySmallRatioTarget) + "x"}
		if len(t.Browser) > 0 && len(t.Raw) > 0 && median(t.Raw) > 0 {
			v := median(t.Browser) / median(t.Raw)
			ratio.measured, ratio.met = formatRatio(v), v <= manySmallRatioTarget
		}
		targets = append(targets,
			ratio,
			timeTarget("wazero in page, "+c.Name, t.Wazero, manySmallWazeroTarget),
			timeTarget("browser engine, "+c.Name, t.Browser, manySmallBrowserTarget),
		)
	}

	targets = append(targets, r.consoleTargets()...)

	state := target{what: "eeplay serve, 50 clients × 200 requests, with --state / without", limit: "≤ " + formatLimit(serverStateTarget) + "x"}
	if len(r.server.Plain) > 0 && len(r.server.State) > 0 && median(r.server.Plain) > 0 {
		ratio := median(r.server.State) / median(r.server.Plain)
		state.measured, state.met = formatRatio(ratio), ratio <= serverStateTarget
	}
	targets = append(targets, state)

	targets = append(targets, target{
		what:     "eeplay.wasm, brotli",
		measured: fmt.Sprintf("%s (%s bytes)", formatMB(r.sizes.brotli), formatCount(int(r.sizes.brotli))),
		limit:    "≤ " + formatLimit(brotliTarget/1e6) + " MB",
		met:      r.sizes.brotli <= brotliTarget,
	})
	ready := target{what: fmt.Sprintf("ready, median of %d page loads", len(r.output.ReadyMillis)), limit: "≤ " + formatLimit(readyTarget) + " ms"}
	if len(r.output.ReadyMillis) > 0 {
		m := median(r.output.ReadyMillis)
		ready.measured, ready.met = formatMillis(m)+" ms", m <= readyTarget
	}
	targets = append(targets, ready)

	long := target{what: "longest main-thread task during the longest wazero block", limit: "none over " + formatLimit(longTaskTarget) + " ms"}
	if b := r.output.LongestWazeroBlock; b != nil {
		where := fmt.Sprintf("block %d of %s, %s ms", b.Block, b.Case, formatMillis(b.Millis))
		if len(b.LongTasks) == 0 {
			long.measured, long.met = "none in "+where, true
		} else {
			longest := slices.Max(b.LongTasks)
			long.measured = fmt.Sprintf("%s ms (%d long tasks) in %s", formatMillis(longest), len(b.LongTasks), where)
			long.met = longest <= longTaskTarget
		}
	}
	targets = append(targets, long)
	return append(targets, r.workbenchTargets()...)
}

// consoleTargets are the targets of the trivial blocks made one after
// another from the console.
func (r benchReport) consoleTargets() []target {
	blocks := r.output.ConsoleBlocks
	what := "a trivial block from the console, browser engine"
	middle := target{what: what + ", median", limit: "≤ " + formatLimit(consoleMedianTarget) + " ms"}
	p95 := target{what: what + ", 95th percentile", limit: "≤ " + formatLimit(consoleP95Target) + " ms"}
	total := target{what: "trivial blocks one after another from the console, browser engine", limit: "≤ " + formatLimit(consoleTotalTarget/1000) + " s"}
	if blocks != nil && len(blocks.Millis) > 0 {
		m, p := percentile(blocks.Millis, 50), percentile(blocks.Millis, 95)
		middle.measured, middle.met = formatMillis(m)+" ms", m <= consoleMedianTarget
		p95.measured, p95.met = formatMillis(p)+" ms", p <= consoleP95Target
		total.what = fmt.Sprintf("%s trivial blocks one after another from the console, browser engine", formatCount(len(blocks.Millis)))
		total.measured, total.met = formatMillis(blocks.TotalMillis)+" ms", blocks.TotalMillis <= consoleTotalTarget
	}
	return []target{middle, p95, total}
}

// summed returns the sums of the medians of the runs that engine picks
// and of raw V8's over every case, and whether every one of them was
// measured on both.
func (r benchReport) summed(engine func(caseTiming) []float64) (engineSum, rawSum float64, ok bool) {
	ok = true
	found := false
	for _, c := range r.cases {
		found = true
		t := r.timing(c.Name)
		if len(engine(t)) == 0 || len(t.Raw) == 0 {
			ok = false
			continue
		}
		engineSum += median(engine(t))
		rawSum += median(t.Raw)
	}
	return engineSum, rawSum, ok && found
}

// timeTarget is the target that the median of runs stays under limit
// milliseconds.
func timeTarget(what string, runs []float64, limit float64) target {
	t := target{what: what, limit: "< " + formatLimit(limit) + " ms"}
	if len(runs) > 0 {
		m := median(runs)
		t.measured, t.met = formatMillis(m)+" ms", m < limit
	}
	return t
}

// String returns the whole report, in Markdown.
func (r benchReport) String() string {
	var b strings.Builder
	if r.runs == 1 {
		b.WriteString("## Time per run (one run, in ms)\n\n")
	} else {
		fmt.Fprintf(&b, "## Time per run (median of %d runs, in ms)\n\n", r.runs)
	}
	b.WriteString("| Case | Transactions | wazero in page | browser engine | raw V8 | browser / raw | wazero / browser |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	fewer := false
	for _, c := range r.cases {
		t := r.timing(c.Name)
		cells := []string{c.Name, formatCount(c.transactions())}
		for _, runs := range [][]float64{t.Wazero, t.Browser, t.Raw} {
			cells = append(cells, r.timeCell(runs))
		}
		cells = append(cells, ratioCell(t.Browser, t.Raw), ratioCell(t.Wazero, t.Browser))
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		for _, runs := range [][]float64{t.Wazero, t.Browser, t.Raw, t.RawPage} {
			fewer = fewer || len(runs) > 0 && len(runs) < r.runs
		}
	}
	b.WriteString("\n")
	if fewer {
		fmt.Fprintf(&b, "Where a cell gives its number of runs, the engine took over %s s for the first, so it got fewer runs than %d, to keep the bench short.\n\n", formatLimit(engineBudgetMillis/1000/float64(r.runs)), r.runs)
	}
	b.WriteString("Cases:\n\n")
	for _, c := range r.cases {
		fmt.Fprintf(&b, "- %s (%s): %s\n", c.Name, className(c.Class), c.About)
	}
	b.WriteString(`
A run of wazero or the browser engine: reset, setEngine, create the EEs
and wait until the page has drawn them (untimed), then the sum over the
blocks of the time eeplay.createShardBlock takes to resolve in the page
(worker round trip and storing the block included), each block started as
soon as the last resolved, as a script would start it: what the page does
for each block, its views' refreshes included, is part of the time. A run of raw V8: the sum over the blocks of new
WebAssembly.Instance and main() per transaction, the modules compiled
afresh (untimed) at the start of the run, as a run on an engine creates
its EEs afresh, with a minimal JavaScript host, in a dedicated worker of
the same page, as the core runs in one. Before every run the simulation is
reset and the garbage of the page and its workers collected. Every run's
post-states are checked against the expected ones. The page's
performance.now() counts in steps of 0.1 ms.

## Breakdown (median, in ms)

The same runs: the time in the core, from each createShardBlock call to
the core's answer (the page's createShardBlock change event), without
storing the block in IndexedDB and the page's listeners; and raw V8 on the
page's own thread, where the garbage collections that V8 forces when the
instances' memories have reserved too much address space scan the page's
heap too.

| Case | wazero in the core | browser engine in the core | raw V8 on the page's thread | browser in the core / raw |
| --- | ---: | ---: | ---: | ---: |
`)
	for _, c := range r.cases {
		t := r.timing(c.Name)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Name, r.timeCell(t.WazeroCore), r.timeCell(t.BrowserCore), r.timeCell(t.RawPage), ratioCell(t.BrowserCore, t.Raw))
	}
	browserCore, raw, ok := r.summed(func(t caseTiming) []float64 { return t.BrowserCore })
	if ok && raw > 0 {
		fmt.Fprintf(&b, "\nSummed over every row, browser in the core / raw is %s.\n", formatRatio(browserCore/raw))
	}
	b.WriteString(`
## Page load

`)
	fmt.Fprintf(&b, "- eeplay.wasm: %s raw, %s gzip, %s brotli (%s bytes)\n", formatMB(r.sizes.raw), formatMB(r.sizes.gzip), formatMB(r.sizes.brotli), formatCount(int(r.sizes.brotli)))
	if len(r.output.ReadyMillis) > 0 {
		var each []string
		for _, ms := range r.output.ReadyMillis {
			each = append(each, formatMillis(ms))
		}
		fmt.Fprintf(&b, "- ready: %s ms, median of %d loads (%s ms), from navigation start to eeplay.ready resolving; each load in a fresh browser context (no HTTP cache, no code cache, empty IndexedDB), brotli over 127.0.0.1 (no network latency)\n",
			formatMillis(median(r.output.ReadyMillis)), len(each), strings.Join(each, ", "))
	}
	b.WriteString("\n")
	if len(r.server.Plain) > 0 && len(r.server.State) > 0 {
		fmt.Fprintf(&b, "## The server\n\n`go %s`: 50 clients send 200 requests each at once to eeplay serve, a process of its own, 3 in 5 a block of one 150-byte transaction (6,000 blocks), the rest a read of a shard's state; starting and stopping the server untimed. Median of %d runs: %s ms without --state, %s ms with it, every change in the journal and fsync'd before its response.\n\n",
			strings.Join(serverBenchArgs, " "), len(r.server.State), formatMillis(median(r.server.Plain)), formatMillis(median(r.server.State)))
	}
	b.WriteString(r.workbenchSection())
	b.WriteString("## Targets\n\n")
	for _, t := range r.targets() {
		b.WriteString(t.String() + "\n")
	}
	fmt.Fprintf(&b, "\n## Machine\n\n%s\n", r.machine)
	return b.String()
}

// className returns the name of class as the report shows it.
func className(class benchClass) string {
	switch class {
	case classCompute:
		return "compute-heavy"
	case classLargeData:
		return "large block data"
	case classManySmall:
		return "many small transactions"
	default:
		return "other"
	}
}

// timeCell returns a table cell for the runs of one engine on one case:
// their median, saying how many runs there were when fewer than -runs.
func (r benchReport) timeCell(runs []float64) string {
	switch {
	case len(runs) == 0:
		return "not run"
	case len(runs) == 1 && r.runs > 1:
		return formatMillis(runs[0]) + " (1 run)"
	case len(runs) < r.runs:
		return fmt.Sprintf("%s (%d runs)", formatMillis(median(runs)), len(runs))
	default:
		return formatMillis(median(runs))
	}
}

// ratioCell returns a table cell with the ratio of the medians of a to
// those of b.
func ratioCell(a, b []float64) string {
	if len(a) == 0 || len(b) == 0 || median(b) == 0 {
		return "–"
	}
	return formatRatio(median(a) / median(b))
}

// median returns the median of xs, the mean of the middle two when there
// is an even number; 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// percentile returns the p-th percentile of xs, by the nearest rank: the
// smallest value that at least p percent of xs do not exceed; 0 for none.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[max(rank, 1)-1]
}

// formatMillis returns ms with three significant digits, but no more
// than two decimals, the page's timer counting in steps of 0.1 ms, and
// whole milliseconds with thousands separators from 100 up.
func formatMillis(ms float64) string {
	switch {
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 2, 64)
	case ms < 100:
		return strconv.FormatFloat(ms, 'f', 1, 64)
	default:
		return formatCount(int(ms + 0.5))
	}
}

// formatRatio returns r with three significant digits and an x, whole
// from 100 up.
func formatRatio(r float64) string {
	switch {
	case r < 10:
		return strconv.FormatFloat(r, 'f', 2, 64) + "x"
	case r < 100:
		return strconv.FormatFloat(r, 'f', 1, 64) + "x"
	default:
		return formatCount(int(r+0.5)) + "x"
	}
}

// formatLimit returns a target's limit as written: 1.5, 3, 2, 500.
func formatLimit(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// formatMB returns n bytes in megabytes of 1,000,000 bytes.
func formatMB(n int64) string {
	return strconv.FormatFloat(float64(n)/1e6, 'f', 2, 64) + " MB"
}

// formatCount returns n with commas between groups of three digits.
func formatCount(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
