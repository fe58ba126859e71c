package strictjson

import (
	"bytes"
	"reflect"
)

// Check reads data, a JSON document that encoding/json has decoded into a
// value of type t, and checks what encoding/json does not: that every
// object's keys are the fields of the struct it went into, exactly, each
// at most once. It follows pointers, slices, arrays and struct fields of t
// (a type's own UnmarshalJSON is assumed to take the keys of its fields, as
// every one in this module does); other values are skipped. It returns a
// *FieldError for the first key that is not a field, or the first syntax
// error, which encoding/json has reported already.
func Check(data []byte, t reflect.Type) error {
	d := NewDecoder(bytes.NewReader(data))
	if err := d.check("", t); err != nil {
		return err
	}
	return d.End()
}

// check reads one value at path that decodes into t.
func (d *Decoder) check(path string, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	k, err := d.Kind()
	if err != nil {
		return err
	}
	switch {
	case k == Object && t.Kind() == reflect.Struct:
		fields, names := structFields(t), Fields(t)
		return d.Object(path, names, func(i int) error {
			return d.check(Join(path, names[i]), fields[i].typ)
		})
	case k == Array && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		return d.Array(func(i int) error { return d.check(Index(path, i), t.Elem()) })
	}
	return d.Skip()
}
