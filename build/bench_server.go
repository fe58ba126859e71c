package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// serverBenchArgs run BenchmarkServeClients (cmd/eeplay): 50 clients of
// eeplay serve sending 200 requests each, with and without --state.
var serverBenchArgs = []string{"test", "-run", "^$", "-bench", "ServeClients", "-benchtime", "1x", "-count", "5", "./cmd/eeplay"}

// serverTimings are the times of the runs of BenchmarkServeClients, in
// milliseconds, without and with --state.
type serverTimings struct {
	Plain, State []float64
}

// benchServer runs BenchmarkServeClients in root and returns its times.
func benchServer(ctx context.Context, root string) (serverTimings, error) {
	cmd := exec.CommandContext(ctx, "go", serverBenchArgs...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return serverTimings{}, fmt.Errorf("go %s: %w\n%s", strings.Join(serverBenchArgs, " "), err, out)
	}
	return parseServerBench(out)
}

// parseServerBench reads go test -bench output such as
// "BenchmarkServeClients/state=true-2   1   1530000000 ns/op".
func parseServerBench(out []byte) (serverTimings, error) {
	var t serverTimings
	for line := range bytes.Lines(out) {
		fields := strings.Fields(string(line))
		if len(fields) < 4 || fields[3] != "ns/op" || !strings.HasPrefix(fields[0], "BenchmarkServeClients/state=") {
			continue
		}
		ns, err := strconv.ParseFloat(fields[2], 64)
		if err != nil {
			return t, fmt.Errorf("benchmark line %q: %w", strings.TrimSpace(string(line)), err)
		}
		if strings.HasPrefix(fields[0], "BenchmarkServeClients/state=true") {
			t.State = append(t.State, ns/1e6)
		} else {
			t.Plain = append(t.Plain, ns/1e6)
		}
	}
	if len(t.Plain) == 0 || len(t.State) == 0 {
		return t, fmt.Errorf("no BenchmarkServeClients results in:\n%s", out)
	}
	return t, nil
}
