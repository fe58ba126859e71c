package strictjson_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// skipAll reads doc whole with Skip and End, as one value.
func skipAll(doc string, r io.Reader) error {
	d := strictjson.NewDecoder(r)
	if err := d.Skip(); err != nil {
		return err
	}
	return d.End()
}

// jsonVerdict is what encoding/json's Decoder says of doc, in strictjson's
// terms: nil, a syntax error with its message and offset, or the sentinel
// for a document that is empty, ends early or has more after it.
func jsonVerdict(doc string) (error, int64) {
	dec := json.NewDecoder(strings.NewReader(doc))
	var v json.RawMessage
	err := dec.Decode(&v)
	var syntaxErr *json.SyntaxError
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return err, 0
	case errors.As(err, &syntaxErr):
		return syntaxErr, syntaxErr.Offset
	case err != nil:
		panic(err)
	}
	if dec.Decode(&v) != io.EOF {
		return strictjson.ErrMoreAfter, 0
	}
	return nil, 0
}

// sameVerdict fails the test unless strictjson judges doc as encoding/json
// does, with the same message and offset, reading it whole and one byte at
// a time.
func sameVerdict(t *testing.T, doc string) {
	t.Helper()
	want, wantOffset := jsonVerdict(doc)
	for _, r := range []io.Reader{strings.NewReader(doc), iotest.OneByteReader(strings.NewReader(doc))} {
		got := skipAll(doc, r)
		var syntaxErr *strictjson.SyntaxError
		switch {
		case want == nil || want == io.EOF || want == io.ErrUnexpectedEOF || want == strictjson.ErrMoreAfter:
			if got != want {
				t.Fatalf("%q: got %v, want %v", doc, got, want)
			}
		case !errors.As(got, &syntaxErr) || got.Error() != want.Error() || syntaxErr.Offset != wantOffset:
			t.Fatalf("%q: got %v (%T), want %q at offset %d", doc, got, got, want, wantOffset)
		}
	}
}

func TestSyntaxAsEncodingJSON(t *testing.T) {
	docs := []string{
		// Valid.
		`0`, `-0`, `1.5e-3`, `123456789012345678901234567890`, `"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`,
		`[]`, `{}`, ` [ 1 , [ ] , { } , { "a" : [ null , true , false ] } ] `, `{"a":{"b":{"c":[[[]]]}}}`,
		"\"\xff invalid UTF-8 is kept\"",
		// Invalid.
		``, ` `, `x`, `[1,]`, `[1 2]`, `{"a" 1}`, `{"a":1 "b":2}`, `{,}`, `{"a":1,}`, `{1:2}`,
		`01`, `-`, `-x`, `1.`, `1.x`, `1e`, `1e+`, `1ex`, `.5`, `+1`, `[01]`,
		`tru`, `trux`, `nul`, `nulx`, `fals`, `falsy`, `t`,
		`"abc`, "\"a\nb\"", `"\x"`, `"\u12"`, `"\u12x4"`, `"\`,
		`[1] [2]`, `{} x`, `1 2`, `[`, `[1`, `{"a"`, `{"a":`, `{"a":1`, `]`, `}`,
	}
	for _, doc := range docs {
		sameVerdict(t, doc)
	}
}

func FuzzSyntaxAsEncodingJSON(f *testing.F) {
	for _, doc := range []string{`{"a":[1,2.5e3,"x\u0041"],"b":null}`, `[true,false]`, `"\ud800\udc00"`, `{"a" 1}`} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		sameVerdict(t, doc)
	})
}

func TestEndReportsTheReadersError(t *testing.T) {
	readErr := errors.New("connection reset")
	d := strictjson.NewDecoder(io.MultiReader(strings.NewReader(`{} `), iotest.ErrReader(readErr)))
	if err := d.Skip(); err != nil {
		t.Fatal(err)
	}
	if err := d.End(); err != readErr {
		t.Fatalf("End = %v, want %v", err, readErr)
	}
	// Mid-value, too: not io.ErrUnexpectedEOF.
	d = strictjson.NewDecoder(io.MultiReader(strings.NewReader(`[1,`), iotest.ErrReader(readErr)))
	if err := d.Skip(); err != readErr {
		t.Fatalf("Skip = %v, want %v", err, readErr)
	}
}
