// Package sanitize makes text from outside safe to show in a terminal: it
// removes control characters, escape sequences and bidirectional overrides,
// and repairs invalid UTF-8. Every string that comes from a source passes
// through it once, at ingest.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// String returns s with everything a terminal could act on removed: C0
// controls except newline (a tab becomes a space, CR LF becomes LF), DEL, C1
// controls, every escape sequence (CSI, OSC, DCS, APC, PM, SOS and two-byte
// ESC sequences, whether 7-bit or 8-bit), and bidirectional controls.
// Invalid UTF-8 becomes U+FFFD. A clean string is returned as it is.
func String(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	write(&b, s, false)
	return b.String()
}

// Line is String for one-line text such as titles, headlines and names: runs
// of white space, newlines included, become one space, and the ends are
// trimmed.
func Line(s string) string {
	if clean(s) && !needsFolding(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	write(&b, s, true)
	return strings.TrimRight(b.String(), " ")
}

// clean reports whether s has nothing to remove.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// needsFolding reports whether one-line text has white space to fold.
func needsFolding(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	return strings.Contains(s, "\n") || strings.Contains(s, "  ")
}

// unsafeRune reports C1 controls and bidirectional controls.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

const (
	esc = 0x1b
	bel = 0x07
	// 8-bit (C1) forms of the sequence introducers.
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// write copies s to b without what String removes. With oneLine, white
// space runs fold to one space and leading space is dropped.
func write(b *strings.Builder, s string, oneLine bool) {
	space := oneLine // drop leading space on one-line text
	emitSpace := func() {
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == esc:
				i = skipEscape(s, i+1)
				continue
			case c == '\n':
				if oneLine {
					emitSpace()
				} else {
					b.WriteByte('\n')
					space = false
				}
			case c == '\t', oneLine && c == ' ':
				emitSpace()
			case c < 0x20 || c == 0x7f:
				// Other C0 controls and DEL are dropped; CR in CR LF goes too.
			default:
				b.WriteByte(c)
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			space = false
		case r == c1CSI:
			i = skipCSI(s, i+size)
			continue
		case r == c1OSC, r == c1DCS, r == c1SOS, r == c1PM, r == c1APC:
			i = skipString(s, i+size)
			continue
		case unsafeRune(r):
		default:
			b.WriteString(s[i : i+size])
			space = false
		}
		i += size
	}
}

// skipEscape returns the index after the escape sequence whose ESC is just
// before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// Two-byte sequences, and ESC followed by intermediate bytes (such as
	// character set designations): skip intermediates and the final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips a control sequence's parameters and intermediates up to and
// including its final byte.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		i++
		if c >= 0x40 && c <= 0x7e {
			return i
		}
		if c < 0x20 || c >= 0x7f {
			// A malformed sequence ends at the first byte that cannot be part of it.
			return i - 1
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) up to and
// including its terminator: BEL, ESC \ or the 8-bit ST. An unterminated
// string runs to the end of s.
func skipString(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == bel:
			return i + 1
		case c == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case c == 0xc2 && i+1 < len(s) && s[i+1] == c1ST:
			return i + 2
		}
		i++
	}
	return i
}
