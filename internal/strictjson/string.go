package strictjson

import (
	"unicode/utf16"
	"unicode/utf8"
)

// String reads a string and returns its bytes, escapes decoded. A string
// of more than limit bytes stops it with ErrTooLong, returning the first
// limit of them; any other value is a *TypeError. Before it allocates room
// for more bytes it calls reserve, if not nil, with how many, and stops
// with reserve's error.
func (d *Decoder) String(limit int, reserve func(n int) error) ([]byte, error) {
	k, err := d.Kind()
	if err != nil {
		return nil, err
	}
	if k != String {
		return nil, d.typeError(k)
	}
	return d.str(limit, reserve, true)
}

// str reads the string that starts at the next byte. It keeps the bytes
// only if keep is set, and then stops with ErrTooLong past limit of them.
func (d *Decoder) str(limit int, reserve func(n int) error, keep bool) ([]byte, error) {
	d.pos++ // the opening quote
	var out []byte
	add := func(b ...byte) error {
		if !keep {
			return nil
		}
		n := min(len(b), limit-len(out))
		if len(out)+n > cap(out) {
			grown, err := grow(out, len(out)+n, limit, reserve)
			if err != nil {
				return err
			}
			out = grown
		}
		out = append(out, b[:n]...)
		if n < len(b) {
			return ErrTooLong
		}
		return nil
	}
	for {
		if d.pos == d.end && !d.fill() {
			return out, d.inputEnded()
		}
		// The bytes up to a quote, backslash or control character.
		start := d.pos
		for d.pos < d.end {
			c := d.buf[d.pos]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			d.pos++
		}
		if err := add(d.buf[start:d.pos]...); err != nil {
			return out, err
		}
		if d.pos == d.end {
			continue
		}
		switch c := d.buf[d.pos]; {
		case c == '"':
			d.pos++
			return out, nil
		case c < 0x20:
			return out, d.syntaxError(c, "in string literal")
		}
		d.pos++ // the backslash
		if err := d.escape(func(r rune) error { return add(utf8.AppendRune(nil, r)...) }); err != nil {
			return out, err
		}
	}
}

// escape reads an escape sequence after its backslash and adds the
// characters it stands for.
func (d *Decoder) escape(add func(rune) error) error {
	r, err := d.escapeRune()
	if err != nil {
		return err
	}
	// A \u escape of a high surrogate pairs with a \u escape of a low one
	// right after it. A half without its pair is U+FFFD, as encoding/json
	// reads it, and what follows it is read on its own.
	for utf16.IsSurrogate(r) {
		c, err := d.peek()
		if err != nil {
			return err
		}
		if c != '\\' {
			break
		}
		d.pos++
		next, err := d.escapeRune()
		if err != nil {
			return err
		}
		if pair := utf16.DecodeRune(r, next); pair != utf8.RuneError {
			return add(pair)
		}
		if err := add(utf8.RuneError); err != nil {
			return err
		}
		r = next
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	return add(r)
}

// escapeRune reads one escape sequence after its backslash.
func (d *Decoder) escapeRune() (rune, error) {
	c, err := d.peek()
	if err != nil {
		return 0, err
	}
	switch c {
	case '"', '\\', '/':
		d.pos++
		return rune(c), nil
	case 'b':
		d.pos++
		return '\b', nil
	case 'f':
		d.pos++
		return '\f', nil
	case 'n':
		d.pos++
		return '\n', nil
	case 'r':
		d.pos++
		return '\r', nil
	case 't':
		d.pos++
		return '\t', nil
	case 'u':
		d.pos++
		return d.hex4()
	}
	return 0, d.syntaxError(c, "in string escape code")
}

// hex4 reads the four hex digits of a \u escape.
func (d *Decoder) hex4() (rune, error) {
	var r rune
	for range 4 {
		c, err := d.peek()
		if err != nil {
			return 0, err
		}
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0, d.syntaxError(c, `in \u hexadecimal character escape`)
		}
		d.pos++
		r = r<<4 | rune(v)
	}
	return r, nil
}
