package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/eeplay/eeplay/internal/strictjson"
)

// decode reads the request body, one JSON object, into v, a pointer to a
// request struct (see wire.go), as it arrives: the body is never held
// whole. The client has ClientTimeout from now to send it. Its error is an
// *httpError.
func (q *request) decode(v any) error {
	_ = q.rc.SetReadDeadline(time.Now().Add(q.config.ClientTimeout)) // see startResponse
	q.r.Body = http.MaxBytesReader(q.w, q.r.Body, int64(q.endpoint.maxBody))
	if err := q.share.reserve(strictjson.BufferSize); err != nil {
		return err
	}
	d := strictjson.NewDecoder(q.r.Body)
	err := q.value(d, "", reflect.ValueOf(v).Elem())
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return q.decodeError(err)
	}
	q.bodyRead = true
	// The read deadline must not outlive the body: net/http keeps reading
	// the connection while the handler runs, to notice a client that goes
	// away, and a deadline there would cancel the request.
	_ = q.rc.SetReadDeadline(time.Time{})
	return nil
}

// wireValue is a wire type that reads itself, with the limits it has.
type wireValue interface {
	decodeWire(q *request, d *strictjson.Decoder, path string) error
}

// value reads the value at path into v: a wireValue, a pointer (a required
// field, left nil by a null), a struct whose fields all have json tags, or
// a uint64.
func (q *request) value(d *strictjson.Decoder, path string, v reflect.Value) error {
	if w, ok := v.Addr().Interface().(wireValue); ok {
		return w.decodeWire(q, d, path)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if null, err := d.Null(); err != nil || null {
			return err
		}
		v.Set(reflect.New(v.Type().Elem()))
		return q.value(d, path, v.Elem())
	case reflect.Struct:
		names := strictjson.Fields(v.Type())
		err := d.Object(path, names, func(i int) error {
			return q.value(d, strictjson.Join(path, names[i]), v.Field(i))
		})
		if err != nil {
			return wrongType(err, path, v.Type())
		}
		for i, name := range names {
			if v.Field(i).IsNil() {
				return &httpError{http.StatusBadRequest, fmt.Errorf("missing field %q: want %s", strictjson.Join(path, name), want(v.Field(i).Type().Elem()))}
			}
		}
		return nil
	case reflect.Uint64:
		n, err := d.Uint64()
		if err != nil {
			return wrongType(err, path, v.Type())
		}
		v.SetUint(n)
		return nil
	}
	panic("server: no decoding for wire type " + v.Type().String())
}

// wrongType turns a *strictjson.TypeError, for a value at path that must
// decode into t, into a 400 that says what the value must hold; other
// errors it returns as they are.
func wrongType(err error, path string, t reflect.Type) error {
	var typeErr *strictjson.TypeError
	if !errors.As(err, &typeErr) {
		return err
	}
	return badValue(path, t, typeErr.Got)
}

// badValue is the 400 for a value at path, described by got, that does not
// decode into t.
func badValue(path string, t reflect.Type, got string) error {
	if path == "" {
		return &httpError{http.StatusBadRequest, fmt.Errorf("request body: want %s, got %s", want(t), got)}
	}
	return &httpError{http.StatusBadRequest, fmt.Errorf("field %q: want %s, got %s", path, want(t), got)}
}

// overLimit is the 422 for a value at path that holds more than a limit of
// the core allows; what says how much, as the core's messages do.
func overLimit(path, what string) error {
	return &httpError{http.StatusUnprocessableEntity, fmt.Errorf("field %q: %s", path, what)}
}

// decodeError turns an error from decoding the body into an *httpError.
// When it is what the body holds that is refused, rather than the way it
// arrives (over its cap, too slowly, cut off), it sets drainBody.
func (q *request) decodeError(err error) error {
	var (
		httpErr     *httpError
		syntaxErr   *strictjson.SyntaxError
		fieldErr    *strictjson.FieldError
		tooLargeErr *http.MaxBytesError
	)
	switch {
	case errors.As(err, &tooLargeErr):
		return q.tooLarge()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &httpError{http.StatusRequestTimeout, fmt.Errorf("request body not received within the client timeout of %s: the client sent it too slowly", q.config.ClientTimeout)}
	case err == io.EOF:
		return &httpError{http.StatusBadRequest, errors.New("request body is empty: want a JSON object")}
	case err == io.ErrUnexpectedEOF:
		return &httpError{http.StatusBadRequest, errors.New("request body is not valid JSON: it ends in the middle of a value")}
	}
	q.drainBody = true
	switch {
	case errors.As(err, &httpErr):
		return err
	case errors.As(err, &syntaxErr):
		return &httpError{http.StatusBadRequest, fmt.Errorf("request body is not valid JSON: %v (at byte %d)", syntaxErr, syntaxErr.Offset)}
	case err == strictjson.ErrMoreAfter:
		return &httpError{http.StatusBadRequest, errors.New("request body has more after the JSON object: want one JSON object")}
	case errors.As(err, &fieldErr):
		return &httpError{http.StatusBadRequest, err}
	}
	q.drainBody = false
	return &httpError{http.StatusBadRequest, fmt.Errorf("read request body: %w", err)}
}

// want says what a value of type t must be.
func want(t reflect.Type) string {
	switch t {
	case uint64Type:
		return "a non-negative integer"
	case wasmCodeType:
		return "a base64 string (standard alphabet, with padding)"
	case root32Type:
		return "a base64 string of 32 bytes (standard alphabet, with padding)"
	case byteArrayType:
		return "an array of integers from 0 to 255"
	case transactionsType:
		return "an array of transactions"
	}
	if t.Kind() == reflect.Struct {
		return "an object with " + strings.Join(strictjson.Fields(t), " and ")
	}
	panic("server: no description of wire type " + t.String())
}
