package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// minNodeMajor is the oldest Node.js the project supports.
const minNodeMajor = 20

// defaultChromium is where Debian's chromium package puts the browser.
const defaultChromium = "/usr/bin/chromium"

// prerequisites provides or checks for everything in needs, saying what
// it found, and returns, for each need it could not meet, why not. Steps
// that need it then fail with that reason rather than being skipped.
func (c *tester) prerequisites(ctx context.Context, needs need) map[need]error {
	unmet := map[need]error{}
	report := func(n need, found string, err error) {
		if err != nil {
			unmet[n] = err
			fmt.Fprintf(c.stdout, "missing: %v\n", err)
		} else {
			fmt.Fprintln(c.stdout, found)
		}
	}
	if needs&(needNode|needNodeModules) != 0 {
		version, err := checkNode(ctx)
		report(needNode, "found node "+version+" and npm", err)
	}
	if needs&needNodeModules != 0 {
		if err, ok := unmet[needNode]; ok {
			unmet[needNodeModules] = err
		} else {
			report(needNodeModules, "found node_modules", c.installNodeModules(ctx))
		}
	}
	if needs&needChromium != 0 {
		path, err := findChromium(os.Getenv("EEPLAY_CHROMIUM"))
		c.chromium = path
		report(needChromium, "found chromium at "+path, err)
	}
	return unmet
}

// checkNode returns the version of node on PATH and fails unless it is
// minNodeMajor or later and npm is on PATH too.
func checkNode(ctx context.Context) (string, error) {
	install := fmt.Sprintf("install Node.js %d or later", minNodeMajor)
	if _, err := exec.LookPath("node"); err != nil {
		return "", errors.New("node not found on PATH: " + install)
	}
	out, err := exec.CommandContext(ctx, "node", "--version").Output()
	if err != nil {
		return "", fmt.Errorf("node --version: %w", err)
	}
	version := strings.TrimSpace(string(out))
	major, _, _ := strings.Cut(strings.TrimPrefix(version, "v"), ".")
	if n, err := strconv.Atoi(major); err != nil || n < minNodeMajor {
		return version, fmt.Errorf("node %s is too old: %s", version, install)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return version, errors.New("npm not found on PATH: install npm (it comes with Node.js)")
	}
	return version, nil
}

// installNodeModules runs npm ci when node_modules is missing or was not
// installed by npm, which writes .package-lock.json last.
func (c *tester) installNodeModules(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.root, "node_modules", ".package-lock.json")); err == nil {
		return nil
	}
	fmt.Fprintln(c.stdout, "node_modules/.package-lock.json is missing, so installing the npm packages:")
	return c.run(ctx, nil, "npm", "ci", "--no-audit", "--no-fund")
}

// findChromium returns the Chromium to drive: fromEnv, the value of
// EEPLAY_CHROMIUM, or Debian's when that is empty. It fails, with the
// path, when the browser is not there.
func findChromium(fromEnv string) (string, error) {
	path := fromEnv
	if path == "" {
		path = defaultChromium
	}
	if info, err := os.Stat(path); err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
		return path, fmt.Errorf("chromium not found at %s: install Debian's chromium package (apt-get install -y chromium) or set EEPLAY_CHROMIUM", path)
	}
	return path, nil
}
