package strictjson

import (
	"fmt"
	"strings"
)

// maxKey is the longest key Object reads whole; a longer one is unknown
// whatever it says, and is quoted cut short.
const maxKey = 256

// FieldError is a key that Object does not take: unknown, or given twice.
type FieldError struct {
	// Field is the key with the path to its object:
	// "shard_block.transactions[0].gas".
	Field string
	// Problem says what is wrong and what to write instead.
	Problem string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("field %q: %s", e.Field, e.Problem)
}

// Object reads an object whose keys must each be one of fields, exactly,
// and at most once; any other value is a *TypeError and any other key a
// *FieldError. For each key it calls f with the key's index in fields and
// the decoder at the key's value, which f must read. path locates the object for messages: "" for the
// top-level value, else like "shard_block.transactions[0]".
func (d *Decoder) Object(path string, fields []string, f func(i int) error) error {
	k, err := d.Kind()
	if err != nil {
		return err
	}
	if k != Object {
		return d.typeError(k)
	}
	d.pos++
	seen := make([]bool, len(fields))
	for first := true; ; first = false {
		c, err := d.next()
		if err != nil {
			return err
		}
		if first && c == '}' {
			d.pos++
			return nil
		}
		if c != '"' {
			return d.syntaxError(c, "looking for beginning of object key string")
		}
		key, err := d.str(maxKey, nil, true)
		if err == ErrTooLong {
			return &FieldError{Field: Join(path, string(key)+"..."), Problem: unknownField(fields)}
		}
		if err != nil {
			return err
		}
		i, err := match(path, string(key), fields, seen)
		if err != nil {
			return err
		}
		seen[i] = true
		if c, err = d.next(); err != nil {
			return err
		}
		if c != ':' {
			return d.syntaxError(c, "after object key")
		}
		d.pos++
		if err := f(i); err != nil {
			return err
		}
		if c, err = d.next(); err != nil {
			return err
		}
		d.pos++
		switch c {
		case ',':
		case '}':
			return nil
		default:
			d.pos--
			return d.syntaxError(c, "after object key:value pair")
		}
	}
}

// match returns the index of key in fields, or the *FieldError for it.
func match(path, key string, fields []string, seen []bool) (int, error) {
	for i, field := range fields {
		if key != field {
			continue
		}
		if seen[i] {
			return 0, &FieldError{Field: Join(path, key), Problem: "given twice: each field may appear only once"}
		}
		return i, nil
	}
	for _, field := range fields {
		if strings.EqualFold(key, field) {
			return 0, &FieldError{Field: Join(path, key), Problem: fmt.Sprintf("unknown field; field names are matched exactly: did you mean %q?", field)}
		}
	}
	return 0, &FieldError{Field: Join(path, key), Problem: unknownField(fields)}
}

// unknownField is the problem of a key that is none of fields.
func unknownField(fields []string) string {
	if len(fields) == 0 {
		return "unknown field: this object has none"
	}
	quoted := make([]string, len(fields))
	for i, field := range fields {
		quoted[i] = fmt.Sprintf("%q", field)
	}
	last := len(quoted) - 1
	if last == 0 {
		return "unknown field: want " + quoted[0]
	}
	return "unknown field: want " + strings.Join(quoted[:last], ", ") + " or " + quoted[last]
}

// Join is the path of key in the object at path.
func Join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Index is the path of element i of the array at path.
func Index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}
