package page

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// decodeLD decodes the JSON of one application/ld+json script. It
// tolerates what pages wrap their JSON in (white space, HTML comments,
// CDATA markers, a trailing semicolon), several values one after another,
// and raw control characters such as newlines inside strings. A script that
// cannot be read gives nothing; it never hides the other scripts.
func decodeLD(raw []byte) []any {
	s := unwrap(raw)
	if len(s) == 0 {
		return nil
	}
	vals, err := decodeAll(s)
	if err != nil && len(vals) == 0 {
		if fixed, changed := escapeControls(s); changed {
			vals, _ = decodeAll(fixed)
		}
	}
	return vals
}

// decodeAll decodes the JSON values in s, stopping at the first error.
func decodeAll(s []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(s))
	var vals []any
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			if errors.Is(err, io.EOF) {
				return vals, nil
			}
			return vals, err
		}
		vals = append(vals, v)
	}
}

// wrappers are what pages put around the JSON in a script.
var wrappers = [][2]string{
	{"<!--", "-->"},
	{"//<![CDATA[", "//]]>"},
	{"/*<![CDATA[*/", "/*]]>*/"},
	{"<![CDATA[", "]]>"},
}

// unwrap trims white space, comment and CDATA markers and a trailing
// semicolon from around a script's JSON.
func unwrap(s []byte) []byte {
	for {
		s = bytes.TrimSpace(s)
		s = bytes.TrimSuffix(s, []byte(";"))
		before := len(s)
		for _, w := range wrappers {
			s = bytes.TrimPrefix(s, []byte(w[0]))
			s = bytes.TrimSuffix(s, []byte(w[1]))
		}
		if len(s) == before {
			return s
		}
	}
}

// escapeControls escapes raw control characters inside JSON strings, which
// pages often leave in (a newline in an articleBody).
func escapeControls(s []byte) ([]byte, bool) {
	const hex = "0123456789abcdef"
	var out []byte
	in, esc := false, false
	for i, c := range s {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			if out == nil {
				out = make([]byte, 0, len(s)+64)
				out = append(out, s[:i]...)
			}
			switch c {
			case '\n':
				out = append(out, '\\', 'n')
			case '\r':
				out = append(out, '\\', 'r')
			case '\t':
				out = append(out, '\\', 't')
			default:
				out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			continue
		}
		if out != nil {
			out = append(out, c)
		}
	}
	if out == nil {
		return s, false
	}
	return out, true
}
