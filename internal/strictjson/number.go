package strictjson

import (
	"io"
	"strconv"
)

// maxQuoted is how much of a number a message quotes.
const maxQuoted = 30

// numberToken is a number as read: its first bytes, for a message, and
// whether it is a plain non-negative integer.
type numberToken struct {
	prefix  [maxQuoted]byte
	length  int  // the whole token's length
	integer bool // only digits
}

// String returns the token, cut to maxQuoted bytes and "..." if longer.
func (t *numberToken) String() string {
	if t.length <= maxQuoted {
		return string(t.prefix[:t.length])
	}
	return string(t.prefix[:]) + "..."
}

// uint64 returns the token's value if it is an integer within uint64.
func (t *numberToken) uint64() (uint64, bool) {
	if !t.integer || t.length > maxQuoted {
		return 0, false
	}
	v, err := strconv.ParseUint(string(t.prefix[:t.length]), 10, 64)
	return v, err == nil
}

// peekInToken returns the next byte of a token that may end here: ok is
// false at the end of the input.
func (d *Decoder) peekInToken() (c byte, ok bool, err error) {
	if d.pos == d.end && !d.fill() {
		if d.err == io.EOF {
			return 0, false, nil
		}
		return 0, false, d.err
	}
	return d.buf[d.pos], true, nil
}

// number reads a number whose first byte is next, checking its syntax as
// encoding/json does. It holds only the first maxQuoted bytes, however long
// the number.
func (d *Decoder) number() (numberToken, error) {
	t := numberToken{integer: true}
	take := func(c byte) {
		if t.length < maxQuoted {
			t.prefix[t.length] = c
		}
		t.length++
		d.pos++
	}
	digits := func() (byte, bool, error) {
		for {
			c, ok, err := d.peekInToken()
			if err != nil || !ok || c < '0' || c > '9' {
				return c, ok, err
			}
			take(c)
		}
	}
	// need reads one digit, which must follow; context names where.
	need := func(context string) error {
		c, err := d.peek()
		if err != nil {
			return err
		}
		if c < '0' || c > '9' {
			return d.syntaxError(c, context)
		}
		take(c)
		return nil
	}

	c, err := d.peek()
	if err != nil {
		return t, err
	}
	if c == '-' {
		t.integer = false
		take(c)
		if err := need("in numeric literal"); err != nil {
			return t, err
		}
	} else {
		take(c) // a digit: the caller saw it
	}
	if t.prefix[t.length-1] != '0' {
		if _, _, err := digits(); err != nil {
			return t, err
		}
	}
	c, ok, err := d.peekInToken()
	if err != nil || !ok {
		return t, err
	}
	if c == '.' {
		t.integer = false
		take(c)
		if err := need("after decimal point in numeric literal"); err != nil {
			return t, err
		}
		if c, ok, err = digits(); err != nil || !ok {
			return t, err
		}
	}
	if c == 'e' || c == 'E' {
		t.integer = false
		take(c)
		if c, err = d.peek(); err != nil {
			return t, err
		}
		if c == '+' || c == '-' {
			take(c)
		}
		if err := need("in exponent of numeric literal"); err != nil {
			return t, err
		}
		if _, _, err := digits(); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Uint64 reads a non-negative integer that fits in 64 bits; any other
// value is a *TypeError.
func (d *Decoder) Uint64() (uint64, error) {
	k, err := d.Kind()
	if err != nil {
		return 0, err
	}
	if k != Number {
		return 0, d.typeError(k)
	}
	t, err := d.number()
	if err != nil {
		return 0, err
	}
	v, ok := t.uint64()
	if !ok {
		return 0, &TypeError{Got: "number " + t.String()}
	}
	return v, nil
}
