package config

import (
	"strconv"
	"strings"
)

// keyLines says on which line each key of a TOML document is set, so that
// a setting refused after parsing can still name its line: the TOML
// library reports where the syntax is wrong but not where a valid key
// sits. A key is found by its path (see path); a key set inside an inline
// table or an array counts as set on the line of the key that holds it.
type keyLines map[string]int

// path names a key for keyLines: the keys from the top, an entry of an
// array of tables written as its index in brackets ("stories", "[1]",
// "interval").
func path(parts ...string) string { return strings.Join(parts, "\x00") }

// index is how path writes the entry i of an array of tables.
func index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// line returns the line path is set on, or that of the nearest key that
// encloses it; 0 when none is known.
func (k keyLines) line(p string) int {
	for {
		if n, ok := k[p]; ok {
			return n
		}
		i := strings.LastIndexByte(p, 0)
		if i < 0 {
			return 0
		}
		p = p[:i]
	}
}

// indexLines reads the lines of doc, which the TOML library has parsed
// already, so it need not check the syntax.
func indexLines(doc string) keyLines {
	k := keyLines{}
	var (
		table   []string           // the table keys are set in now
		entries = map[string]int{} // entries of each array of tables so far
		depth   int                // arrays and inline tables open across lines
		multi   string             // the delimiter of a multi-line string open across lines
	)
	record := func(n int, parts []string) {
		for i := 1; i <= len(parts); i++ {
			if p := path(parts[:i]...); k[p] == 0 {
				k[p] = n
			}
		}
	}
	for i, line := range strings.Split(doc, "\n") {
		n := i + 1
		rest := line
		if multi != "" {
			end := strings.Index(rest, multi)
			if end < 0 {
				continue
			}
			rest, multi = rest[end+len(multi):], ""
		} else if depth == 0 {
			s := strings.TrimLeft(rest, " \t")
			switch {
			case s == "" || s[0] == '#':
				continue
			case strings.HasPrefix(s, "[["):
				name, _ := parseKey(s[2:])
				table = append(name[:len(name):len(name)], index(entries[path(name...)]))
				entries[path(name...)]++
				record(n, table)
				continue
			case s[0] == '[':
				table, _ = parseKey(s[1:])
				record(n, table)
				continue
			}
			key, after := parseKey(s)
			record(n, append(table[:len(table):len(table)], key...))
			rest = strings.TrimPrefix(strings.TrimLeft(after, " \t"), "=")
		}
		depth, multi = scanValue(rest, depth)
	}
	return k
}

// parseKey reads a key at the start of s: bare, quoted or dotted. It
// returns the key's parts and what follows it.
func parseKey(s string) (parts []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, s
		}
		var part string
		switch s[0] {
		case '"':
			end := closingQuote(s)
			part = s[1:end]
			if u, err := strconv.Unquote(s[:min(end+1, len(s))]); err == nil {
				part = u
			}
			s = s[min(end+1, len(s)):]
		case '\'':
			end := strings.IndexByte(s[1:], '\'') + 1
			if end == 0 {
				end = len(s)
			}
			part, s = s[1:end], s[min(end+1, len(s)):]
		default:
			end := strings.IndexFunc(s, func(r rune) bool { return !bare(r) })
			if end < 0 {
				end = len(s)
			}
			part, s = s[:end], s[end:]
		}
		parts = append(parts, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}

// bare reports whether r may appear in a bare key.
func bare(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// closingQuote returns the index of the quote that closes the basic
// string s starts with, or len(s) when none does.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(s)
}

// scanValue reads the rest of a line holding a value: it follows strings,
// so that brackets and # inside them count for nothing, and returns how
// many arrays and inline tables are still open and the delimiter of a
// multi-line string left open.
func scanValue(s string, depth int) (int, string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '#':
			return depth, ""
		case '"', '\'':
			delim := strings.Repeat(string(c), 3)
			if strings.HasPrefix(s[i:], delim) {
				end := strings.Index(s[i+3:], delim)
				if end < 0 {
					return depth, delim
				}
				i += 3 + end + 2
				// A closing delimiter may have one or two quotes of
				// the string right before it: """a"""" is a", then ".
				for i+1 < len(s) && s[i+1] == c {
					i++
				}
				continue
			}
			if c == '"' {
				i += closingQuote(s[i:])
			} else if end := strings.IndexByte(s[i+1:], '\''); end >= 0 {
				i += end + 1
			} else {
				i = len(s)
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return depth, ""
}
