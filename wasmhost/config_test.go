package wasmhost_test

import (
	"testing"

	"github.com/eeplay/eeplay/wasmhost"
)

func TestQuoteChoices(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		want  string
	}{
		{"none", nil, ``},
		{"one", []string{"wazero"}, `"wazero"`},
		{"two", []string{"compiler", "interpreter"}, `"compiler" or "interpreter"`},
		{"three", []string{"wazero", "browser", "cross-check"}, `"wazero", "browser" or "cross-check"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wasmhost.QuoteChoices(tt.names); got != tt.want {
				t.Errorf("QuoteChoices(%q) = %s, want %s", tt.names, got, tt.want)
			}
		})
	}
}
