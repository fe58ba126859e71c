// Package strictjson reads JSON as the reference simulation's serde does,
// where encoding/json is lenient: an object's keys must be the field names
// exactly (encoding/json also takes "SHARD_INDEX" for "shard_index") and
// each at most once (encoding/json keeps the last). It has two parts:
//
//   - Decoder reads one value from a stream a token at a time, holding a
//     16 KiB buffer and what the caller keeps, so that a caller can stop at
//     the first element past a limit instead of reading a whole body first.
//     The server decodes its requests with it.
//   - Check walks a JSON document already decoded with encoding/json and
//     checks every object's keys against the struct it was decoded into.
//     The simulation file reader uses it.
//
// Both judge keys with Decoder.Object, so the rules and the messages are the
// same everywhere:
//
//	field "SHARD_INDEX": unknown field; field names are matched exactly: did you mean "shard_index"?
//	field "shard_block.transactions[0].gas": unknown field: want "data" or "ee_index"
//	field "shard_index": given twice: each field may appear only once
package strictjson

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// BufferSize is how much of the input a Decoder holds at once.
const BufferSize = 16 << 10

// Decoder reads one JSON value from a stream. Its methods each read one
// value (or check what follows it); the first error ends decoding, and the
// Decoder must not be used after it.
type Decoder struct {
	r      io.Reader
	buf    []byte
	pos    int   // the next unread byte of buf
	end    int   // buf[pos:end] is read but not yet consumed
	offset int64 // the input offset of buf[0]
	err    error // the reader's error once it returned one: io.EOF at the end
	begun  bool  // whether anything but whitespace was read
}

// NewDecoder returns a Decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: r, buf: make([]byte, BufferSize)}
}

// Offset is the number of input bytes consumed so far.
func (d *Decoder) Offset() int64 {
	return d.offset + int64(d.pos)
}

// SyntaxError is input that is not JSON. Its messages are encoding/json's.
type SyntaxError struct {
	msg string
	// Offset is the number of bytes read when the error was found: the
	// offending byte is the last of them.
	Offset int64
}

func (e *SyntaxError) Error() string { return e.msg }

// ErrTooLong is returned by String and ByteArray for a value longer than
// their max, and by Object for a key longer than any field name could be.
var ErrTooLong = errors.New("longer than the limit")

// ErrMoreAfter is returned by End when something other than whitespace
// follows the value.
var ErrMoreAfter = errors.New("more follows the JSON value")

// fill reads more input into buf once the unread part is consumed. It
// reports whether there is more; if not, d.err says why.
func (d *Decoder) fill() bool {
	if d.err != nil {
		return false
	}
	d.offset += int64(d.pos)
	d.pos, d.end = 0, 0
	for {
		n, err := d.r.Read(d.buf)
		d.end = n
		if err != nil {
			d.err = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
}

// inputEnded is the error for input that stops where a value or its rest
// must follow: io.EOF at the end of input that held only whitespace,
// io.ErrUnexpectedEOF at the end of any other, or the reader's own error,
// such as *http.MaxBytesError or a timeout.
func (d *Decoder) inputEnded() error {
	switch {
	case d.err == io.EOF && !d.begun:
		return io.EOF
	case d.err == io.EOF:
		return io.ErrUnexpectedEOF
	}
	return d.err
}

// peek returns the next byte without consuming it.
func (d *Decoder) peek() (byte, error) {
	if d.pos == d.end && !d.fill() {
		return 0, d.inputEnded()
	}
	return d.buf[d.pos], nil
}

// next skips whitespace and returns the byte after it without consuming it.
func (d *Decoder) next() (byte, error) {
	for {
		for d.pos < d.end {
			switch c := d.buf[d.pos]; c {
			case ' ', '\t', '\n', '\r':
				d.pos++
			default:
				d.begun = true
				return c, nil
			}
		}
		if !d.fill() {
			return 0, d.inputEnded()
		}
	}
}

// syntaxError reports c, the byte at the current position, as invalid
// where the context says ("looking for beginning of value").
func (d *Decoder) syntaxError(c byte, context string) error {
	return &SyntaxError{msg: "invalid character " + quoteChar(c) + " " + context, Offset: d.Offset() + 1}
}

// quoteChar formats c as encoding/json's messages do.
func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// Kind is the kind of a JSON value, named as messages name it.
type Kind string

// The kinds of JSON values.
const (
	Object  Kind = "object"
	Array   Kind = "array"
	String  Kind = "string"
	Number  Kind = "number"
	Boolean Kind = "boolean"
	Null    Kind = "null"
)

// Kind skips whitespace and returns the kind of the value that follows,
// consuming nothing of it.
func (d *Decoder) Kind() (Kind, error) {
	c, err := d.next()
	if err != nil {
		return "", err
	}
	return d.kindOf(c)
}

func (d *Decoder) kindOf(c byte) (Kind, error) {
	switch {
	case c == '{':
		return Object, nil
	case c == '[':
		return Array, nil
	case c == '"':
		return String, nil
	case c == '-' || '0' <= c && c <= '9':
		return Number, nil
	case c == 't' || c == 'f':
		return Boolean, nil
	case c == 'n':
		return Null, nil
	}
	return "", d.syntaxError(c, "looking for beginning of value")
}

// End checks that only whitespace follows the value: it returns nil at the
// end of the input, ErrMoreAfter if anything else follows, or the reader's
// error.
func (d *Decoder) End() error {
	_, err := d.next()
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return ErrMoreAfter
}

// TypeError is a value of another kind than the caller wants. Got
// describes it for a message: "string", "number 1.5", "null", and for an
// element of ByteArray "number 256 at index 2".
type TypeError struct {
	Got string
}

func (e *TypeError) Error() string { return "got " + e.Got }

// typeError describes the value that follows, of kind k, reading a number
// to quote it.
func (d *Decoder) typeError(k Kind) error {
	if k != Number {
		return &TypeError{Got: string(k)}
	}
	token, err := d.number()
	if err != nil {
		return err
	}
	return &TypeError{Got: "number " + token.String()}
}

// Null reads a null and reports true if one follows; otherwise it consumes
// nothing.
func (d *Decoder) Null() (bool, error) {
	c, err := d.next()
	if err != nil || c != 'n' {
		return false, err
	}
	return true, d.literal("null")
}

// literal reads word, the literal true, false or null.
func (d *Decoder) literal(word string) error {
	for i := range len(word) {
		c, err := d.peek()
		if err != nil {
			return err
		}
		if c != word[i] {
			if i == 0 {
				return d.syntaxError(c, "looking for beginning of value")
			}
			return d.syntaxError(c, fmt.Sprintf("in literal %s (expecting %s)", word, quoteChar(word[i])))
		}
		d.pos++
	}
	return nil
}
