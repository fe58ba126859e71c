package main

import (
	"errors"
	"strings"
	"testing"
)

func TestUnmetNeed(t *testing.T) {
	nodeErr := errors.New("node not found on PATH: install Node.js 20 or later")
	chromiumErr := errors.New("chromium not found at /usr/bin/chromium")
	unmet := map[need]error{needNode: nodeErr, needNodeModules: nodeErr, needChromium: chromiumErr}
	tests := []struct {
		name  string
		needs need
		want  error
	}{
		{"nothing", 0, nil},
		{"node", needNode, nodeErr},
		{"chromium", needChromium, chromiumErr},
		// The first need in order is the one to fix first.
		{"all", needNode | needNodeModules | needChromium, nodeErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unmetNeed(tt.needs, unmet); got != tt.want {
				t.Errorf("unmetNeed = %v, want %v", got, tt.want)
			}
		})
	}
	if got := unmetNeed(needNode|needChromium, nil); got != nil {
		t.Errorf("unmetNeed with nothing unmet = %v, want nil", got)
	}
}

func TestWriteSummary(t *testing.T) {
	var b strings.Builder
	failed := writeSummary(&b, []result{
		{name: "vet", took: 1500e6},
		{name: "e2e", err: errors.New("chromium not found at /usr/bin/chromium: install it\nand more")},
	})
	want := "ok   vet     1.5s\n" +
		"FAIL e2e     0.0s  chromium not found at /usr/bin/chromium: install it\n" +
		"1 passed, 1 failed\n"
	if b.String() != want || !failed {
		t.Errorf("writeSummary wrote\n%s, returned %t; want\n%s, true", b.String(), failed, want)
	}

	b.Reset()
	if writeSummary(&b, []result{{name: "go"}}) {
		t.Errorf("writeSummary of passing steps returned true")
	}
	if !strings.HasSuffix(b.String(), "\n1 passed, 0 failed\n") {
		t.Errorf("writeSummary wrote %q, want it to end with the counts", b.String())
	}
}
