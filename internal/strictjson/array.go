package strictjson

import "fmt"

// Array reads an array, calling f with each element's index and the
// decoder at the element, which f must read; any other value is a
// *TypeError.
func (d *Decoder) Array(f func(i int) error) error {
	k, err := d.Kind()
	if err != nil {
		return err
	}
	if k != Array {
		return d.typeError(k)
	}
	d.pos++
	for i := 0; ; i++ {
		c, err := d.next()
		if err != nil {
			return err
		}
		if i == 0 && c == ']' {
			d.pos++
			return nil
		}
		if err := f(i); err != nil {
			return err
		}
		if done, err := d.afterElement(); done || err != nil {
			return err
		}
	}
}

// afterElement reads the comma or closing bracket after an element and
// reports whether it was the bracket.
func (d *Decoder) afterElement() (bool, error) {
	c, err := d.next()
	if err != nil {
		return false, err
	}
	switch c {
	case ',':
		d.pos++
		return false, nil
	case ']':
		d.pos++
		return true, nil
	}
	return false, d.syntaxError(c, "after array element")
}

// ByteArray reads an array of integers from 0 to 255, serde's Vec<u8>. An
// element of another kind or value is a *TypeError whose Got names its
// index; an element past limit stops it with ErrTooLong, before the element
// is read. Before it allocates room for more bytes it calls reserve, if
// not nil, with how many, and stops with reserve's error.
func (d *Decoder) ByteArray(limit int, reserve func(n int) error) ([]byte, error) {
	k, err := d.Kind()
	if err != nil {
		return nil, err
	}
	if k != Array {
		return nil, d.typeError(k)
	}
	d.pos++
	var out []byte
	for i := 0; ; i++ {
		c, err := d.next()
		if err != nil {
			return nil, err
		}
		if i == 0 && c == ']' {
			d.pos++
			return []byte{}, nil
		}
		if i == limit {
			return nil, ErrTooLong
		}
		if len(out) == cap(out) {
			if out, err = grow(out, len(out)+1, limit, reserve); err != nil {
				return nil, err
			}
		}
		if fast := d.fastElements(out, limit-i); len(fast) > len(out) {
			i += len(fast) - len(out) - 1 // the loop counts one
			out = fast
			continue
		}
		v, err := d.byteElement(c, i)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		switch done, err := d.afterElement(); {
		case err != nil:
			return nil, err
		case done:
			return out, nil
		}
	}
}

// fastElements appends to out the elements that follow in the buffer in
// the usual form, one to three digits and a comma, up to n of them and as
// many as out has room for; it stops at anything else, which the caller
// reads the slow way.
func (d *Decoder) fastElements(out []byte, n int) []byte {
	buf, p := d.buf[:d.end], d.pos
	n = min(n, cap(out)-len(out))
	for ; n > 0 && p+4 <= len(buf); n-- {
		v := uint(buf[p] - '0')
		if v > 9 {
			break
		}
		q := p + 1 // the comma, if v is one digit
		if buf[q] != ',' {
			d1 := uint(buf[q] - '0')
			if v == 0 || d1 > 9 {
				break
			}
			v, q = v*10+d1, q+1
			if buf[q] != ',' {
				d2 := uint(buf[q] - '0')
				if d2 > 9 || buf[q+1] != ',' {
					break
				}
				v, q = v*10+d2, q+1
			}
		}
		if v > 255 {
			break
		}
		out = append(out, byte(v))
		p = q + 1
	}
	d.pos = p
	return out
}

// byteElement reads element i of a ByteArray, whose first byte is c.
func (d *Decoder) byteElement(c byte, i int) (byte, error) {
	// The usual case, up to three digits and a delimiter, read in place.
	if '1' <= c && c <= '9' && d.end-d.pos >= 4 {
		v := uint(c - '0')
		j := d.pos + 1
		for ; j < d.pos+3 && '0' <= d.buf[j] && d.buf[j] <= '9'; j++ {
			v = v*10 + uint(d.buf[j]-'0')
		}
		if next := d.buf[j]; v <= 255 && (next < '0' || next > '9') && next != '.' && next != 'e' && next != 'E' {
			d.pos = j
			return byte(v), nil
		}
	}
	k, err := d.kindOf(c)
	if err != nil {
		return 0, err
	}
	if k != Number {
		return 0, &TypeError{Got: fmt.Sprintf("%s at index %d", k, i)}
	}
	t, err := d.number()
	if err != nil {
		return 0, err
	}
	if v, ok := t.uint64(); ok && v <= 255 {
		return byte(v), nil
	}
	return 0, &TypeError{Got: fmt.Sprintf("number %s at index %d", t.String(), i)}
}

// grow returns out with room for at least need bytes, and at most limit,
// having reserved the room it adds.
func grow(out []byte, need, limit int, reserve func(n int) error) ([]byte, error) {
	size := min(max(2*cap(out), need, 1024), limit)
	if reserve != nil {
		if err := reserve(size - cap(out)); err != nil {
			return nil, err
		}
	}
	grown := make([]byte, len(out), size)
	copy(grown, out)
	return grown, nil
}
