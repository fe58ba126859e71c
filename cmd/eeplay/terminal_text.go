package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminalText returns s with every character that is not printable, but
// for newlines and tabs, written as a Go escape (\x1b, \r, \u202e), and
// each byte that is not UTF-8 as \xff. Messages come in part from files
// and EEs the command line does not trust: an import name or a file name
// holding ESC[2J or a carriage return must not clear the screen or
// overwrite a line. Newlines and tabs stay, because they lay out wasm
// stack traces.
func terminalText(s string) string {
	var sb strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&sb, `\x%02x`, s[0])
		case unicode.IsPrint(r) || r == '\n' || r == '\t':
			sb.WriteRune(r)
		default:
			quoted := strconv.QuoteRune(r)
			sb.WriteString(quoted[1 : len(quoted)-1])
		}
		s = s[size:]
	}
	return sb.String()
}
