package strictjson

// Skip reads a value of any kind, however deeply nested, holding nothing
// of it.
func (d *Decoder) Skip() error {
	// open holds the closing bracket of each array or object Skip is in.
	var open []byte
	for {
		c, err := d.next()
		if err != nil {
			return err
		}
		k, err := d.kindOf(c)
		if err != nil {
			return err
		}
		switch k {
		case Object, Array:
			d.pos++
			closing := byte(']')
			if k == Object {
				closing = '}'
			}
			if c, err = d.next(); err != nil {
				return err
			}
			if c == closing {
				d.pos++
				break
			}
			open = append(open, closing)
			if k == Object {
				if err := d.key(); err != nil {
					return err
				}
			}
			continue
		case String:
			_, err = d.str(0, nil, false)
		case Number:
			_, err = d.number()
		case Boolean:
			if c == 't' {
				err = d.literal("true")
			} else {
				err = d.literal("false")
			}
		case Null:
			err = d.literal("null")
		}
		if err != nil {
			return err
		}
		// After a value: close what ends here, or go on to the next
		// element or member.
		for {
			if len(open) == 0 {
				return nil
			}
			closing := open[len(open)-1]
			if c, err = d.next(); err != nil {
				return err
			}
			d.pos++
			if c == closing {
				open = open[:len(open)-1]
				continue
			}
			if c != ',' {
				d.pos--
				if closing == '}' {
					return d.syntaxError(c, "after object key:value pair")
				}
				return d.syntaxError(c, "after array element")
			}
			if closing == '}' {
				if err := d.key(); err != nil {
					return err
				}
			}
			break
		}
	}
}

// key reads an object's key and the colon after it, for Skip.
func (d *Decoder) key() error {
	c, err := d.next()
	if err != nil {
		return err
	}
	if c != '"' {
		return d.syntaxError(c, "looking for beginning of object key string")
	}
	if _, err := d.str(0, nil, false); err != nil {
		return err
	}
	if c, err = d.next(); err != nil {
		return err
	}
	if c != ':' {
		return d.syntaxError(c, "after object key")
	}
	d.pos++
	return nil
}
