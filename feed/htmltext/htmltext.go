// Package htmltext turns the HTML of an update into structured text for the
// terminal: paragraphs, headings, lists, quotes and preformatted blocks, with
// emphasis kept as styles and links kept as numbered references.
package htmltext

import (
	"html"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

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
	w := walker{base: base}
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			w.endBlock()
			return w.body
		case xhtml.TextToken:
			if w.skip == 0 {
				w.text(string(z.Text()))
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
	var buf [16]byte
	n := 0
	for ; i < len(raw); i++ {
		c := raw[i]
		if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			break
		}
		if n == len(buf) {
			return 0 // longer than any atom worth knowing here
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return atom.Lookup(buf[:n])
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
	spans  []model.Span
	space  bool // white space is pending between words
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

// text adds a text node to the open block.
func (w *walker) text(raw string) {
	s := sanitize.String(raw)
	if w.pre > 0 {
		if w.kind != model.Preformatted {
			w.endBlock()
			w.kind = model.Preformatted
		}
		w.add(s)
		return
	}
	out := collapse(s)
	if out == "" {
		if s != "" {
			w.space = true
		}
		return
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if len(w.spans) > 0 && (w.space || isSpace(first)) {
		out = " " + out
	}
	w.add(out)
	w.space = isSpace(last)
}

// collapse joins the words of s with single spaces. Text that is already
// collapsed (the common case) is returned without copying.
func collapse(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c != 0xC2 {
			continue
		}
		switch c {
		case '\n', '\t', '\r', '\f':
			simple = false
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				simple = false
			}
		case 0xC2:
			if i+1 < len(s) && s[i+1] == 0xA0 {
				simple = false
			}
		}
		if !simple {
			break
		}
	}
	if simple {
		return strings.Trim(s, " ")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, f := range strings.FieldsFunc(s, isSpace) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0'
}

// add appends text to the open block, joining it to the last span when the
// style is the same.
func (w *walker) add(s string) {
	if s == "" {
		return
	}
	st, ref := w.style(), w.link
	if n := len(w.spans); n > 0 && w.spans[n-1].Style == st && w.spans[n-1].Ref == ref {
		w.spans[n-1].Text += s
		return
	}
	w.spans = append(w.spans, model.Span{Text: s, Style: st, Ref: ref})
}

// endBlock closes the open block, keeping it when it has text.
func (w *walker) endBlock() {
	if len(w.spans) > 0 {
		if w.kind != model.Preformatted {
			last := &w.spans[len(w.spans)-1]
			last.Text = strings.TrimRight(last.Text, " ")
		} else {
			first := &w.spans[0]
			first.Text = strings.TrimLeft(first.Text, "\n")
			last := &w.spans[len(w.spans)-1]
			last.Text = strings.TrimRight(last.Text, "\n ")
		}
		if w.hasText() {
			w.body.Blocks = append(w.body.Blocks, model.Block{Kind: w.kind, Spans: w.spans, Number: w.number, Depth: w.depth})
		}
	}
	w.spans, w.space = nil, false
	w.kind, w.number, w.depth = w.contextKind()
}

func (w *walker) hasText() bool {
	for _, s := range w.spans {
		if strings.TrimSpace(s.Text) != "" {
			return true
		}
	}
	return false
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
