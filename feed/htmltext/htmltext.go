// Package htmltext turns the HTML of an update into structured text for the
// terminal: paragraphs, headings, lists, quotes and preformatted blocks, with
// emphasis kept as styles and links kept as numbered references.
package htmltext

import (
	"bytes"
	"html"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/model"
)

// Parse converts an HTML fragment into a body. Text without markup becomes
// paragraphs split at blank lines. Every text node is sanitised after its
// entities are decoded. Links are kept as feed/link resolves them against
// base: http and https addresses only.
func Parse(fragment string, base *url.URL) model.Body {
	if !strings.ContainsAny(fragment, "<&") {
		return plainBody(fragment)
	}
	if !strings.Contains(fragment, "<") {
		return plainBody(html.UnescapeString(fragment))
	}
	if b, ok := parseSimple(fragment, base); ok {
		return b
	}
	return parseTokens(fragment, base)
}

// parseTokens walks any fragment with x/net/html's Tokenizer.
func parseTokens(fragment string, base *url.URL) model.Body {
	w := newWalker(base, len(fragment))
	defer w.done()
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			w.endBlock()
			return w.finish()
		case xhtml.TextToken:
			if w.skip == 0 {
				// A view of the tokenizer's buffer: text copies what it
				// keeps before the next token overwrites it.
				raw := z.Text()
				w.text(unsafe.String(unsafe.SliceData(raw), len(raw)))
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			a := tagAtom(z)
			var href string
			if a == atom.A {
				href = attr(z, "href")
			}
			w.start(a, href, tt == xhtml.SelfClosingTagToken)
		case xhtml.EndTagToken:
			w.end(tagAtom(z))
		}
	}
}

// tagAtom returns the atom of the current tag's name, read from the raw
// token: Tokenizer.TagName copies the name on every call, which made it the
// largest source of garbage when turning a feed's items into text.
func tagAtom(z *xhtml.Tokenizer) atom.Atom {
	raw := z.Raw()
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	j := i
	for j < len(raw) && !space(raw[j]) && raw[j] != '>' && raw[j] != '/' {
		j++
	}
	return atomOf(raw[i:j])
}

// atomOf returns the atom of a tag's name in any case.
func atomOf[T string | []byte](name T) atom.Atom {
	var buf [16]byte
	if len(name) > len(buf) {
		return 0 // longer than any atom worth knowing here
	}
	for i := 0; i < len(name); i++ {
		buf[i] = lowerASCII(name[i])
	}
	return atom.Lookup(buf[:len(name)])
}

func attr(z *xhtml.Tokenizer, want string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == want {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// plainBody splits plain text into paragraphs at blank lines.
func plainBody(text string) model.Body {
	var b model.Body
	text = strings.ReplaceAll(text, "\r\n", "\n")
	for _, para := range strings.Split(text, "\n\n") {
		if p := sanitize.Line(para); p != "" {
			b.Blocks = append(b.Blocks, model.Block{Kind: model.Paragraph, Spans: []model.Span{{Text: p}}})
		}
	}
	return b
}

// list is an open ul or ol.
type list struct {
	ordered bool
	next    int
}

// walker builds a body from a stream of tokens.
type walker struct {
	base *url.URL
	body model.Body
	refs map[string]int

	skip   int // depth inside elements whose text is not shown
	pre    int
	quote  int
	lists  []list
	strong int
	em     int
	code   int
	link   int // the reference of the open link, 0 outside links

	kind   model.BlockKind
	number int
	depth  int
	space  bool // white space is pending between words

	// The text of the blocks, their spans one after the other; the spans
	// as bounds in it, and the blocks kept as runs of spans. The text
	// becomes one string when the body is finished.
	buf    []byte
	spans  []span
	blocks []block
	open   int // the first span of the open block

}

// walkers keeps walkers for reuse: their spans and blocks are gathered
// anew for every body, into the room the walker before left.
var walkers = sync.Pool{New: func() any { return new(walker) }}

// newWalker returns a walker for a fragment of size bytes, whose text
// takes no more; done gives it back.
func newWalker(base *url.URL, size int) *walker {
	w := walkers.Get().(*walker)
	spans, blocks, lists := w.spans[:0], w.blocks[:0], w.lists[:0]
	*w = walker{base: base, buf: make([]byte, 0, size), spans: spans, blocks: blocks, lists: lists}
	return w
}

// done gives the walker back for reuse, once its body is finished.
func (w *walker) done() {
	w.base, w.body, w.refs, w.buf = nil, model.Body{}, nil, nil
	walkers.Put(w)
}

// span is a span of text, buf[from:to].
type span struct {
	from, to int
	style    model.SpanStyle
	ref      int
}

// block is a block kept, its spans spans[from:to].
type block struct {
	kind          model.BlockKind
	number, depth int
	from, to      int
}

func (w *walker) style() model.SpanStyle {
	var s model.SpanStyle
	if w.strong > 0 {
		s |= model.Strong
	}
	if w.em > 0 {
		s |= model.Emphasis
	}
	if w.code > 0 && w.pre == 0 {
		s |= model.Code
	}
	if w.link > 0 {
		s |= model.LinkText
	}
	return s
}

// text adds a text node to the open block. raw may be a view of the
// tokenizer's buffer: nothing of it is kept but a copy.
func (w *walker) text(raw string) {
	s := sanitize.String(raw)
	if w.pre > 0 {
		if w.kind != model.Preformatted {
			w.endBlock()
			w.kind = model.Preformatted
		}
		w.startSpan()
		w.buf = append(w.buf, s...)
		w.endSpan()
		return
	}
	if blank(s) {
		if s != "" {
			w.space = true
		}
		return
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	lead := len(w.spans) > w.open && (w.space || isSpace(first))
	w.startSpan()
	if lead {
		w.buf = append(w.buf, ' ')
	}
	w.buf = appendCollapsed(w.buf, s)
	w.endSpan()
	w.space = isSpace(last)
}

// blank reports whether s is nothing but white space.
func blank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// appendCollapsed appends the words of s joined with single spaces.
func appendCollapsed(dst []byte, s string) []byte {
	if collapsed(s) {
		return append(dst, strings.Trim(s, " ")...)
	}
	words := 0
	for i := 0; i < len(s); {
		if n := spaceAt(s, i); n > 0 {
			i += n
			continue
		}
		j := i
		for j < len(s) && spaceAt(s, j) == 0 {
			j++
		}
		if words > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, s[i:j]...)
		words++
		i = j
	}
	return dst
}

// collapsed reports whether the words of s are apart by single spaces
// already (the common case), ends aside.
func collapsed(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c > ' ' && c != 0xC2:
		case c == ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		case c == 0xC2:
			if i+1 < len(s) && s[i+1] == 0xA0 {
				return false
			}
		default:
			if c == '\n' || c == '\t' || c == '\r' || c == '\f' {
				return false
			}
		}
	}
	return true
}

// spaceAt returns the length of the white space (isSpace) at s[i], or 0.
func spaceAt(s string, i int) int {
	switch s[i] {
	case ' ', '\n', '\t', '\r', '\f':
		return 1
	case 0xC2:
		if i+1 < len(s) && s[i+1] == 0xA0 {
			return 2
		}
	}
	return 0
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0'
}

// startSpan readies the span that the text appended to buf next belongs
// to: the open block's last one when its style is the same, else a new
// one; endSpan ends it where buf ends.
func (w *walker) startSpan() {
	st, ref := w.style(), w.link
	if n := len(w.spans); n > w.open && w.spans[n-1].style == st && w.spans[n-1].ref == ref {
		return
	}
	w.spans = append(w.spans, span{from: len(w.buf), to: len(w.buf), style: st, ref: ref})
}

func (w *walker) endSpan() {
	last := &w.spans[len(w.spans)-1]
	if last.to = len(w.buf); last.from == last.to {
		w.spans = w.spans[:len(w.spans)-1] // nothing was added
	}
}

// endBlock closes the open block, keeping it when it has text.
func (w *walker) endBlock() {
	if open := w.spans[w.open:]; len(open) > 0 {
		start := open[0].from
		first, last := &open[0], &open[len(open)-1]
		if w.kind != model.Preformatted {
			for last.to > last.from && w.buf[last.to-1] == ' ' {
				last.to--
			}
		} else {
			for first.from < first.to && w.buf[first.from] == '\n' {
				first.from++
			}
			for last.to > last.from && (w.buf[last.to-1] == '\n' || w.buf[last.to-1] == ' ') {
				last.to--
			}
		}
		if w.hasText() {
			w.blocks = append(w.blocks, block{kind: w.kind, number: w.number, depth: w.depth, from: w.open, to: len(w.spans)})
			w.open = len(w.spans)
		} else {
			w.buf, w.spans = w.buf[:start], w.spans[:w.open]
		}
	}
	w.space = false
	w.kind, w.number, w.depth = w.contextKind()
}

// hasText reports whether the open block has more than white space.
func (w *walker) hasText() bool {
	for _, s := range w.spans[w.open:] {
		if len(bytes.TrimSpace(w.buf[s.from:s.to])) > 0 {
			return true
		}
	}
	return false
}

// finish returns the body, its text one string that its spans share: the
// walker's buffer itself, which is not written again.
func (w *walker) finish() model.Body {
	if len(w.blocks) == 0 {
		return w.body
	}
	text := unsafe.String(unsafe.SliceData(w.buf), len(w.buf))
	spans := make([]model.Span, len(w.spans))
	for i, sp := range w.spans {
		spans[i] = model.Span{Text: text[sp.from:sp.to], Style: sp.style, Ref: sp.ref}
	}
	w.body.Blocks = make([]model.Block, len(w.blocks))
	for i, b := range w.blocks {
		w.body.Blocks[i] = model.Block{Kind: b.kind, Number: b.number, Depth: b.depth, Spans: spans[b.from:b.to:b.to]}
	}
	return w.body
}

// contextKind is the kind of block that text starts outside any explicit
// block: a quote inside blockquote, a continuation of a list item inside one.
func (w *walker) contextKind() (model.BlockKind, int, int) {
	if w.quote > 0 {
		return model.Quote, 0, w.quote - 1 + len(w.lists)
	}
	return model.Paragraph, 0, len(w.lists)
}

func (w *walker) start(a atom.Atom, href string, selfClosing bool) {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template, atom.Svg, atom.Object, atom.Button, atom.Select, atom.Form, atom.Figcaption:
		if !selfClosing {
			w.skip++
		}
		return
	}
	if w.skip > 0 {
		return
	}
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Figure, atom.Table, atom.Tr, atom.Dl, atom.Dt, atom.Dd, atom.Hr, atom.Main:
		if (w.kind == model.Bullet || w.kind == model.Numbered) && !w.hasText() {
			return // <li><p>: the paragraph is the item's text
		}
		w.endBlock()
	case atom.Br:
		w.endBlock()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.endBlock()
		w.kind = model.Heading
	case atom.Ul, atom.Ol:
		w.endBlock()
		w.lists = append(w.lists, list{ordered: a == atom.Ol, next: 1})
	case atom.Li:
		w.endBlock()
		if len(w.lists) == 0 {
			w.lists = append(w.lists, list{})
		}
		l := &w.lists[len(w.lists)-1]
		w.depth = len(w.lists) - 1 + max(w.quote-1, 0)
		if l.ordered {
			w.kind, w.number = model.Numbered, l.next
			l.next++
		} else {
			w.kind = model.Bullet
		}
	case atom.Blockquote:
		w.endBlock()
		w.quote++
		w.kind, w.number, w.depth = w.contextKind()
	case atom.Pre:
		w.endBlock()
		w.pre++
		w.kind = model.Preformatted
	case atom.Strong, atom.B:
		w.strong++
	case atom.Em, atom.I, atom.Cite:
		w.em++
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		w.code++
	case atom.Td, atom.Th:
		w.space = true
	case atom.A:
		w.link = w.ref(href)
	}
}

func (w *walker) end(a atom.Atom) {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template, atom.Svg, atom.Object, atom.Button, atom.Select, atom.Form, atom.Figcaption:
		if w.skip > 0 {
			w.skip--
		}
		return
	}
	if w.skip > 0 {
		return
	}
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Figure, atom.Table, atom.Tr, atom.Dl, atom.Dt, atom.Dd, atom.Main,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li:
		w.endBlock()
	case atom.Ul, atom.Ol:
		w.endBlock()
		if len(w.lists) > 0 {
			w.lists = w.lists[:len(w.lists)-1]
		}
		w.kind, w.number, w.depth = w.contextKind()
	case atom.Blockquote:
		w.endBlock()
		if w.quote > 0 {
			w.quote--
		}
		w.kind, w.number, w.depth = w.contextKind()
	case atom.Pre:
		w.endBlock()
		if w.pre > 0 {
			w.pre--
		}
		w.kind, w.number, w.depth = w.contextKind()
	case atom.Strong, atom.B:
		w.strong = max(w.strong-1, 0)
	case atom.Em, atom.I, atom.Cite:
		w.em = max(w.em-1, 0)
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		w.code = max(w.code-1, 0)
	case atom.A:
		w.link = 0
	}
}

// ref numbers a link target, or returns 0 for one that is not kept.
func (w *walker) ref(href string) int {
	target := link.Resolve(w.base, href)
	if target == "" {
		return 0
	}
	if w.refs == nil {
		// few links: a scan beats building a map for every update
		if i := slices.Index(w.body.Links, target); i >= 0 {
			return i + 1
		}
		if len(w.body.Links) >= 16 {
			w.refs = make(map[string]int, 32)
			for i, l := range w.body.Links {
				if _, dup := w.refs[l]; !dup {
					w.refs[l] = i + 1
				}
			}
		}
	} else if n, ok := w.refs[target]; ok {
		return n
	}
	w.body.Links = append(w.body.Links, target)
	n := len(w.body.Links)
	if w.refs != nil {
		w.refs[target] = n
	}
	return n
}
