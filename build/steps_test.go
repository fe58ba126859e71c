package main

import (
	"reflect"
	"testing"
)

func TestParseSteps(t *testing.T) {
	tests := []struct {
		value string
		want  []string
		err   string
	}{
		{value: "vet,go,js,tsc,unit,e2e", want: []string{"vet", "go", "js", "tsc", "unit", "e2e"}},
		{value: "vet", want: []string{"vet"}},
		// The steps run in their order, whatever the order of the names.
		{value: "e2e,vet", want: []string{"vet", "e2e"}},
		{value: " tsc , js ", want: []string{"js", "tsc"}},
		{value: "e2e,unit,tsc", want: []string{"tsc", "unit", "e2e"}},
		{value: "", err: `-steps "" has an empty step name`},
		{value: "vet,", err: `-steps "vet," has an empty step name`},
		{value: "vet,vet", err: "-steps names vet twice"},
		{value: "VET", err: `-steps names unknown step "VET"; the steps are vet,go,js,tsc,unit,e2e`},
		{value: "go,lint", err: `-steps names unknown step "lint"; the steps are vet,go,js,tsc,unit,e2e`},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			selected, err := parseSteps(tt.value)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("parseSteps(%q) = %v, want error %q", tt.value, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseSteps(%q): %v", tt.value, err)
			}
			var names []string
			for _, s := range selected {
				names = append(names, s.name)
			}
			if !reflect.DeepEqual(names, tt.want) {
				t.Errorf("parseSteps(%q) = %v, want %v", tt.value, names, tt.want)
			}
		})
	}
}
