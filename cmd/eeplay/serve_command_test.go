package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
	"github.com/eeplay/eeplay/wasmhost"
)

// startServe runs eeplay serve with args on a free loopback port and
// returns its URL, the lines it printed before it, and a function that
// stops it with SIGINT, as a user would, and returns its exit code and the
// rest of its output.
func startServe(t *testing.T, args ...string) (url string, before []string, stop func() (int, string)) {
	t.Helper()
	out, in := io.Pipe()
	var stderr strings.Builder
	exit := make(chan int, 1)
	go func() {
		exit <- run(append([]string{"serve", "--bind", "127.0.0.1:0"}, args...), in, &stderr)
		in.Close()
	}()
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "serving the simulation "); ok {
			_, url, _ = strings.Cut(rest, " at ")
			break
		}
		before = append(before, line)
	}
	if url == "" {
		t.Fatalf("serve printed %q; stderr: %s", before, stderr.String())
	}
	stopped := false
	stop = func() (int, string) {
		t.Helper()
		stopped = true
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		var rest []string
		for lines.Scan() {
			rest = append(rest, lines.Text())
		}
		select {
		case code := <-exit:
			return code, strings.Join(append(rest, stderr.String()), "\n")
		case <-time.After(20 * time.Second): // only so that a hang fails
			t.Fatal("serve did not stop on SIGINT")
			return 0, ""
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return url, before, stop
}

func TestServeKeepsStateAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "sim.json")

	url, before, stop := startServe(t, "--state", state)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || len(before) > 0 {
		t.Fatalf("url %q, printed before it %q", url, before)
	}
	c := client.New(url, nil)
	ee, err := c.CreateExecutionEnvironment(ctx, core.Root{}, testee.Wasm("counter"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateShardBlock(ctx, 5, []core.ShardTransaction{{EEIndex: ee, Data: []byte{1, 2, 3}}}); err != nil {
		t.Fatal(err)
	}
	if code, output := stop(); code != exitOK || output != "shutting down\n" {
		t.Fatalf("serve exited %d, output %q", code, output)
	}
	if tmp, _ := filepath.Glob(state + ".*"); len(tmp) > 0 {
		t.Errorf("saving left %q", tmp)
	}

	url, before, _ = startServe(t, "--state", state)
	if want := "loading the simulation from " + state + ": 2 operations"; len(before) != 1 || before[0] != want {
		t.Errorf("printed %q before serving, want %q", before, want)
	}
	got, err := client.New(url, nil).GetExecutionEnvironmentState(ctx, ee, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := (core.Root{3}); got != want {
		t.Errorf("counter EE on shard 5 after a restart = %s, want %s", got, want)
	}
}

// TestServeKeepsProjects checks that the projects of a state file (the
// page's editor's, version 3) are written back with every save.
func TestServeKeepsProjects(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "sim.json")
	engine, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close(ctx)
	sim := core.NewSimulation(engine)
	ee, err := sim.CreateExecutionEnvironment(ctx, testee.Wasm("counter"), core.Root{})
	if err != nil {
		t.Fatal(err)
	}
	files := []core.ProjectFile{{Path: "main.wat", Text: "(module)"}}
	projects := []core.Project{{ID: "p1", Name: "counter", Language: "wat", Entry: "main.wat", Files: files,
		Builds: []core.ProjectBuild{{Version: 1, EEIndex: ee, Entry: "main.wat", Files: files}}}}
	file, err := core.MarshalSimulationFile(sim, projects)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(state, file, 0o600); err != nil {
		t.Fatal(err)
	}

	url, _, stop := startServe(t, "--state", state)
	if _, err := client.New(url, nil).CreateShardBlock(ctx, 5, []core.ShardTransaction{{EEIndex: ee, Data: []byte{1}}}); err != nil {
		t.Fatal(err)
	}
	if code, output := stop(); code != exitOK {
		t.Fatalf("serve exited %d, output %q", code, output)
	}
	saved, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	ops, got, err := core.ParseSimulationFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 2 || !reflect.DeepEqual(got, projects) {
		t.Errorf("saved %d operations and projects %+v; want 2 and %+v", len(ops), got, projects)
	}
}

// TestServeRemovesUnfinishedSaves checks that serve removes the temporary
// files a killed save leaves beside the state file, and nothing else.
func TestServeRemovesUnfinishedSaves(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "sim.json")
	leftover := writeFile(t, dir, "sim.json.2941167193.tmp", []byte(`{"format": "eeplay-sim`))
	leftoverJournal := writeFile(t, dir, "sim.json.journal.1234.tmp", []byte(`{"format": "eeplay-jou`))
	kept := []string{
		writeFile(t, dir, "sim.json.backup.tmp", nil),
		writeFile(t, dir, "other.json.2941167193.tmp", nil),
		writeFile(t, dir, "sim.json.2941167193.tmp.txt", nil),
		writeFile(t, dir, "sim.json.log.1234.tmp", nil),
	}
	if err := os.Mkdir(filepath.Join(dir, "sim.json.17.tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, filepath.Join(dir, "sim.json.17.tmp"))

	_, before, stop := startServe(t, "--state", state)
	want := []string{
		"removed " + leftover + ", left by a save that did not finish",
		"removed " + leftoverJournal + ", left by a save that did not finish",
	}
	if !reflect.DeepEqual(before, want) {
		t.Errorf("printed %q before serving, want %q", before, want)
	}
	stop()
	for _, name := range []string{leftover, leftoverJournal} {
		if _, err := os.Stat(name); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", name, err)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

// simulationFile writes a simulation file of ops, in the version given,
// with the checksum a version 2 file carries, as someone editing a file
// could.
func simulationFile(t *testing.T, dir string, version int, ops []core.Operation) string {
	t.Helper()
	file := map[string]any{"format": core.SimulationFileFormat, "version": version, "operations": ops}
	if version == 2 {
		file["checksum"] = core.OperationsChecksum(ops)
	}
	b, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, fmt.Sprintf("v%d.json", version), b)
}

// TestServeLoadsUnderTheTimeLimit checks that a state file holding an EE
// whose start function never ends, or a block that spins, stops serve at
// start with a message that it was loading, within a generous bound of the
// time limit, instead of hanging it.
func TestServeLoadsUnderTheTimeLimit(t *testing.T) {
	dir := t.TempDir()
	loopingStart := simulationFile(t, dir, 1, []core.Operation{
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("start_loops")}},
	})
	spinningBlock := simulationFile(t, dir, 2, []core.Operation{
		{CreateExecutionEnvironment: &core.ExecutionEnvironment{WasmCode: testee.Wasm("infinite_loop")}},
		{CreateShardBlock: &core.ShardBlockOperation{ShardIndex: 3, Transactions: []core.ShardTransaction{{EEIndex: 0}}}},
	})
	empty := writeFile(t, dir, "empty.json", nil)
	tests := []struct {
		name, state, wantStdout, wantStderr string
	}{
		{"a start function that never ends", loopingStart, "loading the simulation from " + loopingStart + ": 1 operation\n",
			"eeplay serve: load " + loopingStart + ": read simulation file: replay operation 0: create execution environment: not an execution environment: its start function fails (run with a zero pre-state and no block data): stopped: creating the execution environment ran longer than the time limit of 200ms\n"},
		{"a block that spins", spinningBlock, "loading the simulation from " + spinningBlock + ": 2 operations\n",
			"eeplay serve: load " + spinningBlock + ": read simulation file: replay operation 1: create shard block on shard 3: transaction 0 (execution environment 0): stopped: the block ran longer than the time limit of 200ms\n"},
		{"an empty file", empty, "", "eeplay serve: load " + empty + ": read simulation file: the file is empty: it was never written, or was cut short\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			exit := make(chan int, 1)
			go func() {
				exit <- run([]string{"serve", "--bind", "127.0.0.1:0", "--timeout", "200ms", "--state", tt.state}, &stdout, &stderr)
			}()
			select {
			case code := <-exit:
				if code != exitUsage || stdout.String() != tt.wantStdout || stderr.String() != tt.wantStderr {
					t.Errorf("exit %d\nstdout %q\nstderr %q\nwant exit 2\nstdout %q\nstderr %q", code, stdout.String(), stderr.String(), tt.wantStdout, tt.wantStderr)
				}
			case <-time.After(20 * time.Second): // only so that a hang fails
				t.Fatal("serve is still loading")
			}
		})
	}
}

// TestServeShutdownGrace checks that serve, stopped while a client trickles
// a body, closes it once the grace period has passed and exits 0.
func TestServeShutdownGrace(t *testing.T) {
	url, _, stop := startServe(t, "--shutdown-grace", "200ms", "--client-timeout", "1m")
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	// 100 Continue comes when the server starts reading the body.
	io.WriteString(conn, "POST /create-shard-block HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
	if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("read %q, %v; want 100 Continue", line, err)
	}
	io.WriteString(conn, `{"shard_index":`)
	if code, output := stop(); code != exitOK || output != "shutting down\nclosed 1 connection still open after the shutdown grace of 200ms\n" {
		t.Errorf("serve exited %d, output %q", code, output)
	}
}

func TestClientExample(t *testing.T) {
	url, _, _ := startServe(t)
	var stdout, stderr strings.Builder
	code := run([]string{"client-example", "--base_url", url}, &stdout, &stderr)
	want := "created EE 0 (hashchain) at " + url + "\n" +
		"created block 0 on shard 0: EE 0 hashes \"hello\"\n" +
		"EE 0 on shard 0: 0xa41de667c15557cbd8acdd71ef0fef5dc73561374baed8330f8adb0e1424cd62, as expected: ok\n"
	if code != exitOK || stdout.String() != want || stderr.Len() > 0 {
		t.Errorf("exit %d\nstdout %q\nstderr %q\nwant stdout %q", code, stdout.String(), stderr.String(), want)
	}
}

func TestServeUsageErrors(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStderr string
	}{
		{"an argument", []string{"serve", "extra"}, "eeplay serve: unexpected argument \"extra\"\nRun 'eeplay serve -h' for usage.\n"},
		{"a bad address", []string{"serve", "--bind", "127.0.0.1:99999"}, "eeplay serve: listen tcp: address 99999: invalid port\n"},
		{"a bad state file", []string{"serve", "--state", "testdata/scout_style.yaml"}, "eeplay serve: load testdata/scout_style.yaml: read simulation file: not valid JSON (invalid character 'b' looking for beginning of value): the file is corrupt or cut short\n"},
		{"no client timeout", []string{"serve", "--client-timeout", "0"}, "eeplay serve: -client-timeout must be positive, got 0s\nRun 'eeplay serve -h' for usage.\n"},
		{"no shutdown grace", []string{"serve", "--shutdown-grace", "-1s"}, "eeplay serve: -shutdown-grace must be positive, got -1s\nRun 'eeplay serve -h' for usage.\n"},
		{"no server", []string{"client-example", "--base_url", "http://127.0.0.1:1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(tt.args, &stdout, &stderr)
			if code != exitUsage || (tt.wantStderr != "" && stderr.String() != tt.wantStderr) || stderr.Len() == 0 {
				t.Errorf("exit %d, stderr %q\nwant exit 2, stderr %q", code, stderr.String(), tt.wantStderr)
			}
		})
	}
}

// TestServeShutdownRewriteFails checks that serve exits 1 with a message
// saying where the changes are when it cannot rewrite the state file at
// shutdown: here its directory was removed while it ran.
func TestServeShutdownRewriteFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "sim.json")
	url, _, stop := startServe(t, "--state", state)
	if _, err := client.New(url, nil).CreateExecutionEnvironment(context.Background(), core.Root{}, testee.Wasm("counter")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	q := regexp.QuoteMeta(state)
	want := regexp.MustCompile(`^shutting down\neeplay serve: rewrite ` + q + ` at shutdown: open ` + q + `\.[0-9]+\.tmp: no such file or directory; the changes are in ` + q + `\.journal, which the next start loads\n$`)
	if code, output := stop(); code != exitFailed || !want.MatchString(output) {
		t.Errorf("serve exited %d, output %q\nwant exit 1, output matching %s", code, output, want)
	}
}
