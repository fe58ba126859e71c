package main

import (
	"bufio"
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eeplay/eeplay/client"
	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/testee"
)

// runMainEnv, set in the environment of this test binary, makes it run
// eeplay with its arguments instead of the tests, so that a test can start
// eeplay as a process of its own and kill it.
const runMainEnv = "EEPLAY_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// serveProcess is eeplay serve running as a process of its own.
type serveProcess struct {
	cmd    *exec.Cmd
	url    string
	before []string // what it printed before serving
	stderr *bytes.Buffer
}

// startServeProcess runs eeplay serve with args, in a process of its own,
// on a free loopback port, and waits until it serves. The process is
// killed at the end of the test if it still runs.
func startServeProcess(t testing.TB, args ...string) *serveProcess {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := &serveProcess{stderr: &bytes.Buffer{}}
	p.cmd = exec.Command(exe, append([]string{"serve", "--bind", "127.0.0.1:0"}, args...)...)
	p.cmd.Env = append(os.Environ(), runMainEnv+"=1")
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		line := lines.Text()
		if rest, ok := strings.CutPrefix(line, "serving the simulation "); ok {
			_, p.url, _ = strings.Cut(rest, " at ")
			break
		}
		p.before = append(p.before, line)
	}
	if p.url == "" {
		p.cmd.Wait()
		t.Fatalf("serve printed %q; stderr: %s", p.before, p.stderr)
	}
	go func() {
		for lines.Scan() { // so that serve never blocks on its output
		}
	}()
	return p
}

// ackedBlock is a block whose creation the server acknowledged.
type ackedBlock struct {
	shard, index uint64
	data         []byte
}

// TestServeSurvivesKill runs eeplay serve --state as a process, sends it
// blocks from several clients at once, some large enough to make it
// rewrite the state file, kills it with SIGKILL at a random moment, and
// restarts it, several times over the same state file, sometimes killing
// it again while it loads: at the end, every block whose creation was
// acknowledged must be there, with its data, at the index the server gave.
func TestServeSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills serve several times")
	}
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "sim.json")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	random := rand.New(rand.NewPCG(seed, 0))
	var acked []ackedBlock
	const iterations, clients = 6, 8
	for iteration := range iterations {
		p := startServeProcess(t, "--state", state)
		c := client.New(p.url, nil)
		if iteration == 0 {
			if _, err := c.CreateExecutionEnvironment(ctx, core.Root{}, testee.Wasm("counter")); err != nil {
				t.Fatal(err)
			}
		}

		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for g := range clients {
			r := rand.New(rand.NewPCG(seed, uint64(iteration*clients+g+1)))
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					size := r.IntN(300)
					if r.IntN(20) == 0 {
						size = 50_000 + r.IntN(100_000)
					}
					data := make([]byte, size)
					for i := range data {
						data[i] = byte(r.Uint32())
					}
					shard := uint64(r.IntN(core.ShardCount))
					index, err := c.CreateShardBlock(ctx, shard, []core.ShardTransaction{{EEIndex: 0, Data: data}})
					if err != nil {
						return // killed
					}
					mu.Lock()
					acked = append(acked, ackedBlock{shard, index, data})
					mu.Unlock()
				}
			})
		}
		time.Sleep(time.Duration(50+random.IntN(400)) * time.Millisecond)
		if err := p.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		p.cmd.Wait()
		close(stop)
		wg.Wait()
		t.Logf("iteration %d: %d blocks acknowledged in all; serve printed %q before serving", iteration, len(acked), p.before)
		if iteration%2 == 1 {
			// Kill it again while it loads the journal and rewrites the
			// state file with it.
			killDuringStart(t, state, time.Duration(random.IntN(300))*time.Millisecond)
		}
	}
	if len(acked) == 0 {
		t.Fatal("no block was acknowledged")
	}
	p := startServeProcess(t, "--state", state)
	checkAcked(t, client.New(p.url, nil), acked)
	if t.Failed() {
		t.Fatalf("serve printed %q before serving", p.before)
	}
}

// killDuringStart starts eeplay serve --state state and kills it with
// SIGKILL after delay, whatever it is doing then.
func killDuringStart(t *testing.T, state string, delay time.Duration) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "serve", "--bind", "127.0.0.1:0", "--state", state)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	cmd.Process.Kill()
	cmd.Wait()
}

// checkAcked checks that every block of acked is on its shard at its index
// with its data.
func checkAcked(t *testing.T, c *client.Client, acked []ackedBlock) {
	t.Helper()
	for _, b := range acked {
		block, err := c.GetShardBlock(context.Background(), b.shard, b.index)
		if err != nil {
			t.Errorf("acknowledged block %d on shard %d: %v", b.index, b.shard, err)
			continue
		}
		if len(block.Transactions) != 1 || !bytes.Equal(block.Transactions[0].Data, b.data) {
			t.Errorf("acknowledged block %d on shard %d holds other data", b.index, b.shard)
		}
	}
}
