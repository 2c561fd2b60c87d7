package htmltext

import (
	"net/url"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/liveline-tui/liveline/model"
)

// parseSimple walks a fragment of the HTML that feeds carry (text, tags
// and attributes) with a scanner that reads it as x/net/html's Tokenizer
// does, without the Tokenizer's buffer, its copy of every text node and
// its map of attribute names for every fragment: on a large feed that was
// a third of turning items into text. It reports false, having built
// nothing worth keeping, at anything it leaves to the Tokenizer: comments,
// declarations and processing instructions, "</" not followed by a
// letter, elements whose content is raw text (script, style, textarea,
// title and their kind), carriage returns and NUL bytes, an attribute
// value with an entity other than &amp;, a tag cut off by the end.
func parseSimple(fragment string, base *url.URL) (model.Body, bool) {
	if strings.ContainsAny(fragment, "\r\x00") {
		return model.Body{}, false
	}
	w := newWalker(base, len(fragment))
	defer w.done()
	text := 0 // where the text not yet handed to the walker starts
	for i := 0; ; {
		lt := strings.IndexByte(fragment[i:], '<')
		if lt < 0 || i+lt+1 == len(fragment) {
			break // the rest is text, a '<' at the very end with it
		}
		i += lt
		end := false
		switch c := fragment[i+1]; {
		case isLetter(c):
		case c == '/' && i+2 < len(fragment) && isLetter(fragment[i+2]):
			end = true
		case c == '/' || c == '!' || c == '?':
			return model.Body{}, false
		default:
			i++ // a '<' that starts no tag is text
			continue
		}
		if text < i && w.skip == 0 {
			w.text(unescapeText(fragment[text:i]))
		}
		from := i + 1
		if end {
			from++
		}
		t, ok := readTag(fragment, from, !end)
		if !ok {
			return model.Body{}, false
		}
		a := atomOf(fragment[t.nameFrom:t.nameTo])
		switch {
		case end:
			w.end(a)
		case rawText(fragment[t.nameFrom:t.nameTo]):
			return model.Body{}, false
		default:
			href := ""
			if a == atom.A && t.hrefFrom >= 0 {
				if href, ok = unescapeAttr(fragment[t.hrefFrom:t.hrefTo]); !ok {
					return model.Body{}, false
				}
			}
			w.start(a, href, t.selfClosing)
		}
		i, text = t.end, t.end
	}
	if text < len(fragment) && w.skip == 0 {
		w.text(unescapeText(fragment[text:]))
	}
	w.endBlock()
	return w.finish(), true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// rawText reports the elements after whose start tag the Tokenizer reads
// raw text up to their end tag.
func rawText(name string) bool {
	switch strings.ToLower(name) {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// unescapeText decodes the entities of a text node as the Tokenizer does.
func unescapeText(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return xhtml.UnescapeString(s)
}

// unescapeAttr decodes an attribute value whose only entity is &amp;, the
// one links carry; the Tokenizer reads the others in attributes by rules
// of their own.
func unescapeAttr(s string) (string, bool) {
	if strings.IndexByte(s, '&') < 0 {
		return s, true
	}
	if strings.Count(s, "&") != strings.Count(s, "&amp;") {
		return "", false
	}
	return strings.ReplaceAll(s, "&amp;", "&"), true
}

// tag is what a start or end tag holds that the walker reads: its name
// fragment[nameFrom:nameTo], the value of its first href attribute
// (hrefFrom is -1 without one), whether it closes itself, and where the
// text after it starts.
type tag struct {
	nameFrom, nameTo int
	hrefFrom, hrefTo int
	selfClosing      bool
	end              int
}

// maxAttrs is the most attributes readTag tells apart by name; a tag with
// more is left to the Tokenizer.
const maxAttrs = 8

// readTag reads the tag whose name starts at s[from], just past "<" or
// "</", up to and including its '>', as the Tokenizer's readTag does:
// the name, then attributes with or without values, quoted or not, the
// first of each name kept. With attrs false (an end tag) none is kept.
// It reports false when the tag is cut off by the end of s or has more
// attributes than it keeps track of.
func readTag(s string, from int, attrs bool) (tag, bool) {
	t := tag{nameFrom: from, hrefFrom: -1}
	r := reader{s: s, pos: from + 1}
	// The name runs to white space (read), or to '/' or '>' (not read).
	for {
		c, ok := r.next()
		if !ok {
			return t, false
		}
		if space(c) {
			t.nameTo = r.pos - 1
			break
		}
		if c == '/' || c == '>' {
			r.pos--
			t.nameTo = r.pos
			break
		}
	}
	var kept [maxAttrs]string // the names of the attributes kept
	n := 0
	lastValueTo := -1 // where the value of the last attribute kept ends
	if !r.skipSpace() {
		return t, false
	}
	for {
		c, ok := r.next()
		if !ok {
			return t, false
		}
		if c == '>' {
			break
		}
		r.pos--
		keyFrom, keyTo, ok := r.attrKey()
		if !ok {
			return t, false
		}
		valueFrom, valueTo, ok := r.attrValue()
		if !ok {
			return t, false
		}
		if key := s[keyFrom:keyTo]; attrs && key != "" && !keptAlready(kept[:n], key) {
			if n == maxAttrs {
				return t, false
			}
			kept[n] = key
			n++
			lastValueTo = valueTo
			if t.hrefFrom < 0 && asciiEqualFold(key, "href") {
				t.hrefFrom, t.hrefTo = valueFrom, valueTo
			}
		}
		if !r.skipSpace() {
			return t, false
		}
	}
	t.end = r.pos
	// "/>" closes the tag unless the '/' ends the last attribute's value
	// (as in <p a=/>).
	t.selfClosing = attrs && s[r.pos-2] == '/' && (n == 0 || r.pos-2 != lastValueTo-1)
	return t, true
}

func keptAlready(kept []string, key string) bool {
	for _, k := range kept {
		if asciiEqualFold(k, key) {
			return true
		}
	}
	return false
}

// asciiEqualFold compares as the Tokenizer's lower-casing of attribute
// names does: ASCII letters only.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func space(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// reader steps through a tag as the Tokenizer's reading position does.
type reader struct {
	s   string
	pos int
}

// next reads a byte; false at the end.
func (r *reader) next() (byte, bool) {
	if r.pos >= len(r.s) {
		return 0, false
	}
	r.pos++
	return r.s[r.pos-1], true
}

// skipSpace skips white space; false when it reaches the end.
func (r *reader) skipSpace() bool {
	for {
		c, ok := r.next()
		if !ok {
			return false
		}
		if !space(c) {
			r.pos--
			return true
		}
	}
}

// attrKey reads an attribute's name, up to '=' (one that starts the name
// is part of it), white space, '/' or '>', which it leaves unread.
func (r *reader) attrKey() (from, to int, ok bool) {
	from = r.pos
	for {
		c, ok := r.next()
		if !ok {
			return from, r.pos, false
		}
		if c == '=' && from+1 == r.pos {
			continue
		}
		if c == '=' || space(c) || c == '/' || c == '>' {
			r.pos--
			return from, r.pos, true
		}
	}
}

// attrValue reads what follows an attribute's name: nothing, a '/' that
// it swallows, or '=' and a value, quoted or not, which it returns.
func (r *reader) attrValue() (from, to int, ok bool) {
	from, to = r.pos, r.pos
	if !r.skipSpace() {
		return from, to, false
	}
	c, ok := r.next()
	if !ok {
		return from, to, false
	}
	if c == '/' {
		return from, to, true
	}
	if c != '=' {
		r.pos--
		return from, to, true
	}
	if !r.skipSpace() {
		return from, to, false
	}
	quote, ok := r.next()
	if !ok {
		return from, to, false
	}
	switch quote {
	case '>':
		r.pos--
		return from, to, true
	case '\'', '"':
		from = r.pos
		for {
			c, ok := r.next()
			if !ok {
				return from, r.pos, false
			}
			if c == quote {
				return from, r.pos - 1, true
			}
		}
	default:
		from = r.pos - 1
		for {
			c, ok := r.next()
			if !ok {
				return from, r.pos, false
			}
			if space(c) {
				return from, r.pos - 1, true
			}
			if c == '>' {
				r.pos--
				return from, r.pos, true
			}
		}
	}
}
