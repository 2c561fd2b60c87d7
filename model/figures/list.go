package figures

import (
	"strings"

	"github.com/liveline-tui/liveline/model"
)

// listHeads open an explicit list of figures, as a heading or a lead line.
var listHeads = []string{"in numbers", "by the numbers", "key figures", "in figures"}

// MaxListLine is the longest plain line, in bytes, read as part of an
// explicit list; a longer paragraph is prose and ends the list. List items
// (bullets, numbered items) may be longer.
const MaxListLine = 300

// ExplicitList returns the lines of the update's "In numbers" list: a
// heading or lead line "In numbers", "By the numbers", "Key figures" or "In
// figures" (any case, with or without a colon; the headline counts too),
// followed by list items or short lines. The list ends at the first item or
// line without a number, at a heading, or at the end of the update. Page
// noise such as a lone "Advertisement" inside it is skipped. Lines come back
// trimmed, without list markers. nil when the update has no such list.
func ExplicitList(u *model.Update) []string {
	if u == nil {
		return nil
	}
	var out []string
	open, _ := listHead(u.Headline)
	for _, b := range u.Body.Blocks {
		item := b.Kind == model.Bullet || b.Kind == model.Numbered
		text := b.Text()
		for text != "" {
			line := text
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				line, text = text[:i], text[i+1:]
			} else {
				text = ""
			}
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if !open {
				ok, rest := listHead(line)
				if !ok {
					continue
				}
				open = true
				if rest = stripMarker(rest); rest != "" && hasNumber(rest) {
					out = append(out, rest)
				}
				continue
			}
			if model.IsNoise(line) {
				continue
			}
			l := stripMarker(line)
			if b.Kind == model.Heading || !hasNumber(l) || !item && len(l) > MaxListLine && !listLine(line) {
				if len(out) > 0 {
					return out
				}
				open = false // a heading with nothing after it: look for another
				if ok, rest := listHead(line); ok {
					open = true
					if rest = stripMarker(rest); rest != "" && hasNumber(rest) {
						out = append(out, rest)
					}
				}
				continue
			}
			out = append(out, l)
		}
	}
	return out
}

// listLine reports whether a line of a paragraph is marked as a list item.
func listLine(s string) bool {
	return stripMarker(s) != s
}

// listHead reports whether line is a list heading or lead line, and returns
// what follows its colon.
func listHead(line string) (bool, string) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '#' || line[i] == '*' || line[i] == '_' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return false, ""
	}
	if c := line[i] | 0x20; c != 'i' && c != 'b' && c != 'k' {
		return false, "" // the quick way out for most lines
	}
	line = strings.TrimSpace(line)
	line = strings.TrimLeft(line, "#*_ ")
	for _, h := range listHeads {
		if len(line) < len(h) || !strings.EqualFold(line[:len(h)], h) {
			continue
		}
		rest := strings.TrimLeft(line[len(h):], "*_ ")
		switch {
		case rest == "":
			return true, ""
		case rest[0] == ':' || rest[0] == '-' || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—"):
			rest = strings.TrimLeft(rest, ":-–— ")
			return true, strings.TrimSpace(rest)
		case strings.Trim(rest, ".!*_ ") == "":
			return true, ""
		}
	}
	return false, ""
}

// stripMarker removes a list marker: "- ", "• ", "* ", "1. ", "2) ".
func stripMarker(s string) string {
	s = strings.TrimSpace(s)
	for _, m := range []string{"- ", "• ", "* ", "– ", "— ", "· ", "> "} {
		if strings.HasPrefix(s, m) {
			return strings.TrimSpace(s[len(m):])
		}
	}
	i := 0
	for i < len(s) && i < 3 && isDigit(s[i]) {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return strings.TrimSpace(s[i+2:])
	}
	return s
}

// hasNumber reports whether a line carries a number: digits, or a number in
// words.
func hasNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return hasNumberWord(s)
}
