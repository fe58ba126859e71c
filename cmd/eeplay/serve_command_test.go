package main

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// startServe runs eeplay serve with args on a free loopback port and
// returns its URL, and a function that stops it with SIGINT, as a user
// would, and returns its exit code and the rest of its output.
func startServe(t *testing.T, args ...string) (url string, stop func() (int, string)) {
	t.Helper()
	out, in := io.Pipe()
	var stderr strings.Builder
	exit := make(chan int, 1)
	go func() {
		exit <- run(append([]string{"serve", "--bind", "127.0.0.1:0"}, args...), in, &stderr)
		in.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing; stderr: %s", stderr.String())
	}
	first := lines.Text()
	_, url, ok := strings.Cut(first, " at ")
	if !ok {
		t.Fatalf("serve printed %q", first)
	}
	return url, func() (int, string) {
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
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop on SIGINT")
			return 0, ""
		}
	}
}

func TestServeKeepsStateAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "sim.json")

	url, stop := startServe(t, "--state", state)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url %q", url)
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

	url, stop = startServe(t, "--state", state)
	defer stop()
	got, err := client.New(url, nil).GetExecutionEnvironmentState(ctx, ee, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := (core.Root{3}); got != want {
		t.Errorf("counter EE on shard 5 after a restart = %s, want %s", got, want)
	}
}

func TestClientExample(t *testing.T) {
	url, stop := startServe(t)
	defer stop()
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
		{"a bad state file", []string{"serve", "--state", "testdata/scout_style.yaml"}, "eeplay serve: testdata/scout_style.yaml: read simulation file: not valid JSON (invalid character 'b' looking for beginning of value): the file is corrupt or cut short\n"},
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
