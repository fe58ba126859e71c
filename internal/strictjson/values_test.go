package strictjson_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// block is the shape the Object and Check tests read.
type block struct {
	ShardIndex   uint64        `json:"shard_index"`
	Transactions []transaction `json:"transactions"`
	Skipped      int           `json:"-"`
	unexported   int
}

type transaction struct {
	Data    []byte `json:"data,omitempty"`
	EEIndex uint64 `json:"ee_index"`
}

func TestFields(t *testing.T) {
	if got := strictjson.Fields(reflect.TypeFor[block]()); !reflect.DeepEqual(got, []string{"shard_index", "transactions"}) {
		t.Errorf("Fields(block) = %q", got)
	}
	if got := strictjson.Fields(reflect.TypeFor[transaction]()); !reflect.DeepEqual(got, []string{"data", "ee_index"}) {
		t.Errorf("Fields(transaction) = %q", got)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"exact keys", `{"shard_index":1,"transactions":[{"data":"AA==","ee_index":0},{"ee_index":2}]}`, ""},
		{"no keys", `{}`, ""},
		{"null for an object or array", `{"transactions":[null]}`, ""},
		{"upper case", `{"shard_index":0,"SHARD_INDEX":70}`, `field "SHARD_INDEX": unknown field; field names are matched exactly: did you mean "shard_index"?`},
		{"mixed case in an element", `{"transactions":[{"ee_index":0},{"EE_Index":1}]}`, `field "transactions[1].EE_Index": unknown field; field names are matched exactly: did you mean "ee_index"?`},
		{"unknown", `{"shard":1}`, `field "shard": unknown field: want "shard_index" or "transactions"`},
		{"unknown in an element", `{"transactions":[{"gas":1}]}`, `field "transactions[0].gas": unknown field: want "data" or "ee_index"`},
		{"duplicate", `{"shard_index":0,"transactions":[],"shard_index":70}`, `field "shard_index": given twice: each field may appear only once`},
		{"duplicate in an element", `{"transactions":[{"ee_index":0,"ee_index":0}]}`, `field "transactions[0].ee_index": given twice: each field may appear only once`},
		{"an escaped key is its characters", `{"shard\u005findex":0,"\u0073hard_index":1}`, `field "shard_index": given twice: each field may appear only once`},
		{"the tag of a skipped field", `{"Skipped":1}`, `field "Skipped": unknown field: want "shard_index" or "transactions"`},
		{"an unexported field", `{"unexported":1}`, `field "unexported": unknown field: want "shard_index" or "transactions"`},
		{"a long key", `{"` + strings.Repeat("k", 1000) + `":1}`, `field "` + strings.Repeat("k", 256) + `...": unknown field: want "shard_index" or "transactions"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := strictjson.Check([]byte(tt.doc), reflect.TypeFor[*block]())
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check = %v", err)
				}
				return
			}
			var fieldErr *strictjson.FieldError
			if !errors.As(err, &fieldErr) || err.Error() != tt.want {
				t.Fatalf("Check = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// decode runs read on a decoder of doc, then checks that the value ended
// where the document does.
func decode[T any](t *testing.T, doc string, read func(*strictjson.Decoder) (T, error)) (T, error) {
	t.Helper()
	d := strictjson.NewDecoder(iotest.HalfReader(strings.NewReader(doc)))
	v, err := read(d)
	if err == nil {
		if endErr := d.End(); endErr != nil {
			t.Fatalf("%q: End = %v", doc, endErr)
		}
	}
	return v, err
}

// errorText is err's message, with a *TypeError's marked.
func errorText(err error) string {
	var typeErr *strictjson.TypeError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &typeErr):
		return "type: " + typeErr.Got
	}
	return err.Error()
}

func TestUint64(t *testing.T) {
	tests := []struct {
		doc  string
		want uint64
		err  string
	}{
		{`0`, 0, ""},
		{` 18446744073709551615 `, 1<<64 - 1, ""},
		{`18446744073709551616`, 0, "type: number 18446744073709551616"},
		{`-1`, 0, "type: number -1"},
		{`-0`, 0, "type: number -0"},
		{`1.0`, 0, "type: number 1.0"},
		{`1e2`, 0, "type: number 1e2"},
		{strings.Repeat("9", 100), 0, "type: number " + strings.Repeat("9", 30) + "..."},
		{`"1"`, 0, "type: string"},
		{`true`, 0, "type: boolean"},
		{`null`, 0, "type: null"},
		{`[1]`, 0, "type: array"},
		{`{}`, 0, "type: object"},
		{`1.`, 0, "invalid character ' ' after decimal point in numeric literal"},
		{`x`, 0, "invalid character 'x' looking for beginning of value"},
		{``, 0, "EOF"},
		{`-`, 0, "unexpected EOF"},
	}
	for _, tt := range tests {
		doc := tt.doc
		if tt.doc == `1.` {
			doc = `1. `
		}
		got, err := decode(t, doc, (*strictjson.Decoder).Uint64)
		if got != tt.want || errorText(err) != tt.err {
			t.Errorf("Uint64 of %.40q = %d, %q; want %d, %q", doc, got, errorText(err), tt.want, tt.err)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		doc   string
		limit int
		want  string
		err   string
	}{
		{`""`, 0, "", ""},
		{`"AGFzbQ=="`, 8, "AGFzbQ==", ""},
		{`"AGFzbQ=="`, 7, "AGFzbQ=", "longer than the limit"},
		{`"a\nb\u00e9\ud83d\ude00"`, 100, "a\nb\u00e9\U0001F600", ""},
		{`"\ud800x"`, 100, "\uFFFDx", ""},
		{`"\ud800\n"`, 100, "\uFFFD\n", ""},
		{`"\ud800\ud800\udc00"`, 100, "\uFFFD\U00010000", ""},
		{`"\udc00"`, 100, "\uFFFD", ""},
		{"\"a\nb\"", 100, "", "invalid character '\\n' in string literal"},
		{`"AGFz`, 100, "", "unexpected EOF"},
		{`[]`, 100, "", "type: array"},
		{`12`, 100, "", "type: number 12"},
	}
	for _, tt := range tests {
		got, err := decode(t, tt.doc, func(d *strictjson.Decoder) ([]byte, error) { return d.String(tt.limit, nil) })
		if (err == nil || err == strictjson.ErrTooLong) && string(got) != tt.want || errorText(err) != tt.err {
			t.Errorf("String(%d) of %q = %q, %q; want %q, %q", tt.limit, tt.doc, got, errorText(err), tt.want, tt.err)
		}
	}
}

func TestByteArray(t *testing.T) {
	tests := []struct {
		doc   string
		limit int
		want  []byte
		err   string
	}{
		{`[]`, 0, []byte{}, ""},
		{` [ 0 , 1,2 ,255 ] `, 4, []byte{0, 1, 2, 255}, ""},
		{`[104,105]`, 2, []byte("hi"), ""},
		{`[1,2,3]`, 2, nil, "longer than the limit"},
		{`[1,2,3,`, 2, nil, "longer than the limit"},
		{`[1,2,256]`, 5, nil, "type: number 256 at index 2"},
		{`[1000]`, 5, nil, "type: number 1000 at index 0"},
		{`[-1]`, 5, nil, "type: number -1 at index 0"},
		{`[1.5]`, 5, nil, "type: number 1.5 at index 0"},
		{`[1e2]`, 5, nil, "type: number 1e2 at index 0"},
		{`[0,"1"]`, 5, nil, "type: string at index 1"},
		{`[null]`, 5, nil, "type: null at index 0"},
		{`[[]]`, 5, nil, "type: array at index 0"},
		{`[01]`, 5, nil, "invalid character '1' after array element"},
		{`[1,]`, 5, nil, "invalid character ']' looking for beginning of value"},
		{`[1`, 5, nil, "unexpected EOF"},
		{`"aGk="`, 5, nil, "type: string"},
	}
	for _, tt := range tests {
		got, err := decode(t, tt.doc, func(d *strictjson.Decoder) ([]byte, error) { return d.ByteArray(tt.limit, nil) })
		if !reflect.DeepEqual(got, tt.want) || errorText(err) != tt.err {
			t.Errorf("ByteArray(%d) of %q = %v, %q; want %v, %q", tt.limit, tt.doc, got, errorText(err), tt.want, tt.err)
		}
	}
}

// TestByteArrayReserves checks that ByteArray asks before each allocation,
// for exactly the room it then uses, and stops when refused.
func TestByteArrayReserves(t *testing.T) {
	const n = 5000
	doc := "[" + strings.TrimSuffix(strings.Repeat("7,", n), ",") + "]"
	var reserved []int
	got, err := decode(t, doc, func(d *strictjson.Decoder) ([]byte, error) {
		return d.ByteArray(n, func(size int) error { reserved = append(reserved, size); return nil })
	})
	if err != nil || len(got) != n {
		t.Fatalf("ByteArray read %d bytes, %v", len(got), err)
	}
	if want := []int{1024, 1024, 2048, n - 4096}; !reflect.DeepEqual(reserved, want) {
		t.Errorf("reserved %v, want %v", reserved, want)
	}
	total := 0
	for _, size := range reserved {
		total += size
	}
	if total != cap(got) {
		t.Errorf("reserved %d bytes in all, the array holds %d", total, cap(got))
	}

	refused := errors.New("over budget")
	_, err = decode(t, doc, func(d *strictjson.Decoder) ([]byte, error) {
		return d.ByteArray(n, func(size int) error {
			if size > 1024 {
				return refused
			}
			return nil
		})
	})
	if err != refused {
		t.Errorf("refused reservation: %v", err)
	}
}

// TestByteArrayStopsAtTheLimit checks that ByteArray stops at the first
// element past its limit, without reading the rest of the input, which
// never ends here.
func TestByteArrayStopsAtTheLimit(t *testing.T) {
	endless := io.MultiReader(strings.NewReader("["), &repeatReader{fill: "1,"})
	d := strictjson.NewDecoder(endless)
	if _, err := d.ByteArray(1000, nil); err != strictjson.ErrTooLong {
		t.Fatalf("ByteArray = %v, want ErrTooLong", err)
	}
	if d.Offset() != 1+2*1000 {
		t.Errorf("read %d bytes, want %d", d.Offset(), 1+2*1000)
	}
}

// repeatReader reads fill over and over, forever.
type repeatReader struct {
	fill string
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.fill[r.off]
		r.off = (r.off + 1) % len(r.fill)
	}
	return len(p), nil
}

func TestObject(t *testing.T) {
	fields := []string{"ee_index", "shard_index"}
	read := func(d *strictjson.Decoder) (string, error) {
		var got []string
		err := d.Object("query", fields, func(i int) error {
			v, err := d.Uint64()
			got = append(got, fmt.Sprintf("%s=%d", fields[i], v))
			return err
		})
		return strings.Join(got, " "), err
	}
	tests := []struct {
		doc, want, err string
	}{
		{`{}`, "", ""},
		{` { "shard_index" : 1 , "ee_index" : 2 } `, "shard_index=1 ee_index=2", ""},
		{`{"ee_index":1,"EE_INDEX":2}`, "ee_index=1", `field "query.EE_INDEX": unknown field; field names are matched exactly: did you mean "ee_index"?`},
		{`{"ee_index":1,"ee_index":2}`, "ee_index=1", `field "query.ee_index": given twice: each field may appear only once`},
		{`{"slot":1}`, "", `field "query.slot": unknown field: want "ee_index" or "shard_index"`},
		{`{"ee_index":1 "shard_index":2}`, "ee_index=1", "invalid character '\"' after object key:value pair"},
		{`{"ee_index" 1}`, "", "invalid character '1' after object key"},
		{`{ee_index:1}`, "", "invalid character 'e' looking for beginning of object key string"},
		{`{"ee_index":1,}`, "ee_index=1", "invalid character '}' looking for beginning of object key string"},
		{`{"ee_index":"1"}`, "ee_index=0", "type: string"},
		{`[]`, "", "type: array"},
		{`{"ee_index":1`, "ee_index=1", "unexpected EOF"},
	}
	for _, tt := range tests {
		got, err := decode(t, tt.doc, read)
		if got != tt.want || errorText(err) != tt.err {
			t.Errorf("Object of %q = %q, %q; want %q, %q", tt.doc, got, errorText(err), tt.want, tt.err)
		}
	}
}

// FuzzByteArray checks ByteArray against encoding/json: it takes a
// document exactly when encoding/json reads it as an array of at most 64
// integers from 0 to 255, and then reads the same bytes.
func FuzzByteArray(f *testing.F) {
	for _, doc := range []string{`[]`, `[0,1,255]`, `[ 1 ,2,10,100,200,255,256]`, `[1,01]`, `[1e1]`, `[1,2,3,4,5,6,7,8,9,10,11,12]`} {
		f.Add(doc)
	}
	const limit = 64
	f.Fuzz(func(t *testing.T, doc string) {
		var want []int
		dec := json.NewDecoder(strings.NewReader(doc))
		wantOK := dec.Decode(&want) == nil && len(want) <= limit && want != nil && dec.Decode(new(json.RawMessage)) == io.EOF
		for _, v := range want {
			wantOK = wantOK && 0 <= v && v <= 255
		}
		for _, r := range []io.Reader{strings.NewReader(doc), iotest.OneByteReader(strings.NewReader(doc))} {
			d := strictjson.NewDecoder(r)
			got, err := d.ByteArray(limit, nil)
			if err == nil {
				err = d.End()
			}
			if (err == nil) != wantOK {
				t.Fatalf("%q: ByteArray = %v, %v; encoding/json read %v", doc, got, err, want)
			}
			if err == nil && !slices.EqualFunc(got, want, func(b byte, v int) bool { return int(b) == v }) {
				t.Fatalf("%q: ByteArray = %v, encoding/json %v", doc, got, want)
			}
		}
	})
}

// TestStringReserves checks that String asks before each allocation, for
// the room it then holds, and stops when refused.
func TestStringReserves(t *testing.T) {
	doc := `"` + strings.Repeat("A", 3000) + `\n` + strings.Repeat("B", 3000) + `"`
	var total int
	got, err := decode(t, doc, func(d *strictjson.Decoder) ([]byte, error) {
		return d.String(10000, func(size int) error { total += size; return nil })
	})
	if err != nil || len(got) != 6001 {
		t.Fatalf("String read %d bytes, %v", len(got), err)
	}
	if total != cap(got) {
		t.Errorf("reserved %d bytes in all, the string holds %d", total, cap(got))
	}
	refused := errors.New("over budget")
	_, err = decode(t, doc, func(d *strictjson.Decoder) ([]byte, error) {
		return d.String(10000, func(int) error { return refused })
	})
	if err != refused {
		t.Errorf("refused reservation: %v", err)
	}
}
