package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/eeplay/eeplay/internal/scout"
)

// benchClass says which target a case counts toward.
type benchClass int

const (
	// classOther cases are too small for either target.
	classOther benchClass = iota
	// classCompute cases spend most of their time in EE code.
	classCompute
	// classLargeData cases carry so much block data that moving and
	// storing it costs more than the EE's work on it: no target is about
	// them, but the report shows their ratio.
	classLargeData
	// classManySmall cases spend most of their time per transaction,
	// outside EE code.
	classManySmall
)

// benchCase is one row of the report: EEs, blocks of transactions and the
// post-states they must end in on every engine. It is what the browser
// script gets, bytes in hex.
type benchCase struct {
	Name       string      `json:"name"`
	EEs        []benchEE   `json:"ees"`
	Blocks     [][]benchTx `json:"blocks"`
	PostStates []string    `json:"postStates"`
	Class      benchClass  `json:"-"`
	About      string      `json:"-"`
}

// benchEE is an EE of a case: the path of its wasm file and its initial
// state.
type benchEE struct {
	Wasm     string `json:"wasm"`
	PreState string `json:"preState"`
}

// benchTx is a transaction of a case: the index of its EE among the case's
// EEs and its data.
type benchTx struct {
	EE   int    `json:"ee"`
	Data string `json:"data"`
}

// transactions returns how many transactions c's blocks hold.
func (c benchCase) transactions() int {
	n := 0
	for _, b := range c.Blocks {
		n += len(b)
	}
	return n
}

// benchCases returns the cases to time: each Scout test in scripts/, two
// larger tests of the token EE that eeplay token demo writes into tmp, and
// two made here.
func benchCases(ctx context.Context, c *tester, tmp string) ([]benchCase, error) {
	scripts := filepath.Join(c.root, "scripts")
	paths, err := filepath.Glob(filepath.Join(scripts, "*", "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, errors.New("found no Scout tests: scripts has no */*.yaml")
	}
	var cases []benchCase
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		bc, err := readScoutCase(path, name)
		if err != nil {
			return nil, err
		}
		bc.About = fmt.Sprintf("scripts/%s/%s.yaml", filepath.Base(filepath.Dir(path)), name)
		cases = append(cases, bc)
	}

	// The token demo's tests name token.wasm beside them.
	demoDir := filepath.Join(tmp, "token-demo")
	if err := copyFile(filepath.Join(scripts, "token", "token.wasm"), filepath.Join(demoDir, "token.wasm")); err != nil {
		return nil, err
	}
	for _, demo := range []struct {
		name                        string
		accounts, blocks, transfers int
	}{
		{"token demo", 100, 4, 32},
		// One block whose EE code takes far longer than the block's own
		// costs in the page, on raw V8 too.
		{"token 1,024 transfers", 1000, 1, 1024},
	} {
		path := filepath.Join(demoDir, strings.ReplaceAll(strings.ReplaceAll(demo.name, " ", "-"), ",", "")+".yaml")
		args := []string{"--accounts", strconv.Itoa(demo.accounts), "--blocks", strconv.Itoa(demo.blocks), "--transfers", strconv.Itoa(demo.transfers), "--seed", "1"}
		if err := c.run(ctx, nil, "go", slices.Concat([]string{"run", "./cmd/eeplay", "token", "demo"}, args, []string{"--scout", path})...); err != nil {
			return nil, err
		}
		bc, err := readScoutCase(path, demo.name)
		if err != nil {
			return nil, err
		}
		bc.Class = classCompute
		blocks := fmt.Sprintf("%d blocks", demo.blocks)
		if demo.blocks == 1 {
			blocks = "one block"
		}
		bc.About = fmt.Sprintf("the token EE, %s accounts: %s of one transaction of %s transfers with a multiproof (eeplay token demo %s)",
			formatCount(demo.accounts), blocks, formatCount(demo.transfers), strings.Join(args, " "))
		cases = append(cases, bc)
	}

	cases = append(cases,
		hashchainCase(filepath.Join(scripts, "hashchain", "hashchain.wasm"), 16, 64<<10),
		trivialCase(filepath.Join(scripts, "helloworld", "helloworld.wasm"), 1024),
	)
	return cases, nil
}

// readScoutCase reads the Scout test at path as the case name: each shard
// block a block of one transaction, on shard 0, as a Scout test runs.
func readScoutCase(path, name string) (benchCase, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return benchCase{}, err
	}
	bc, err := parseScoutCase(text, name, filepath.Dir(path))
	if err != nil {
		return benchCase{}, fmt.Errorf("%s: %w", path, err)
	}
	return bc, nil
}

// parseScoutCase parses text, a Scout test whose wasm paths are relative
// to dir, as the case name, with the checks of scout.Parse. It takes only
// the tests the page can run as they are: no libraries, one post-state per
// EE.
func parseScoutCase(text []byte, name, dir string) (benchCase, error) {
	test, err := scout.Parse(text)
	if err != nil {
		return benchCase{}, err
	}
	switch {
	case len(test.Libraries) > 0:
		return benchCase{}, errors.New("beacon_state.libraries: the page cannot run Scout libraries")
	case len(test.PostStates) != len(test.ExecutionScripts):
		return benchCase{}, fmt.Errorf("%d post-states for %d execution scripts", len(test.PostStates), len(test.ExecutionScripts))
	}
	bc := benchCase{Name: name}
	for i, script := range test.ExecutionScripts {
		if !filepath.IsAbs(script) {
			script = filepath.Join(dir, script)
		}
		bc.EEs = append(bc.EEs, benchEE{Wasm: script, PreState: test.PreStates[i].String()})
	}
	for _, root := range test.PostStates {
		bc.PostStates = append(bc.PostStates, root.String())
	}
	for _, tx := range test.Blocks {
		bc.Blocks = append(bc.Blocks, []benchTx{{EE: int(tx.EEIndex), Data: "0x" + hex.EncodeToString(tx.Data)}})
	}
	return bc, nil
}

// trivialPreState is the pre-state of the trivial case's EE: not zero, so
// that an engine losing it shows.
var trivialPreState = "0x" + strings.Repeat("0123456789abcdef", 4)

// trivialCase is one block of n transactions of helloworld, at wasm, with
// no data: little but the cost of a transaction. helloworld saves its
// pre-state unchanged.
func trivialCase(wasm string, n int) benchCase {
	block := make([]benchTx, n)
	for i := range block {
		block[i] = benchTx{EE: 0, Data: "0x"}
	}
	return benchCase{
		Name:       fmt.Sprintf("%s trivial transactions", formatCount(n)),
		EEs:        []benchEE{{Wasm: wasm, PreState: trivialPreState}},
		Blocks:     [][]benchTx{block},
		PostStates: []string{trivialPreState},
		Class:      classManySmall,
		About:      fmt.Sprintf("one block of %s transactions of helloworld with no data", formatCount(n)),
	}
}

// hashchainCase is blocks blocks of one hashchain transaction of size
// bytes each, from the zero root. Its post-state is computed here:
// hashchain sets root = SHA-256(root || data).
func hashchainCase(wasm string, blocks, size int) benchCase {
	var root [32]byte
	bc := benchCase{
		Name:  fmt.Sprintf("hashchain %d KiB", size>>10),
		EEs:   []benchEE{{Wasm: wasm, PreState: "0x" + hex.EncodeToString(root[:])}},
		Class: classLargeData,
		About: fmt.Sprintf("%d blocks of one hashchain transaction with %d KiB of data", blocks, size>>10),
	}
	for b := range blocks {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(i*7 + b*13)
		}
		root = sha256.Sum256(append(root[:], data...))
		bc.Blocks = append(bc.Blocks, []benchTx{{EE: 0, Data: "0x" + hex.EncodeToString(data)}})
	}
	bc.PostStates = []string{"0x" + hex.EncodeToString(root[:])}
	return bc
}
