package strictjson

import (
	"reflect"
	"strings"
)

// Fields returns the keys of the JSON objects that encoding/json decodes
// into the struct type t: its exported fields' names as their json tags
// give them, in order. Embedded structs are not supported: their fields
// are not among the keys.
func Fields(t reflect.Type) []string {
	fields := structFields(t)
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// fieldName returns f's JSON key, or false if encoding/json skips f.
func fieldName(f reflect.StructField) (string, bool) {
	if !f.IsExported() || f.Anonymous {
		return "", false
	}
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch tag {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return tag, true
}

// structField is a field of a struct as JSON names it.
type structField struct {
	name string
	typ  reflect.Type
}

// structFields returns the fields of the struct type t that have JSON keys.
func structFields(t reflect.Type) []structField {
	var fields []structField
	for i := range t.NumField() {
		if name, ok := fieldName(t.Field(i)); ok {
			fields = append(fields, structField{name, t.Field(i).Type})
		}
	}
	return fields
}
