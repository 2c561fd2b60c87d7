package page

import "strings"

// microdata builds schema.org microdata items while a page's tokens go by.
// It keeps a stack of open elements only from the first itemscope to the
// end of the outermost item, so pages without microdata cost next to
// nothing.
type microdata struct {
	doc      []byte
	stack    []mdOpen
	items    []*mdItem // items that are no other item's property, in page order
	captures int       // open elements whose text is a property value
}

// mdItem is one microdata item.
type mdItem struct {
	types []string
	id    string
	props map[string][]any // string values or *mdItem, in page order
}

func (it *mdItem) add(names []string, v any) {
	if it.props == nil {
		it.props = make(map[string][]any)
	}
	for _, n := range names {
		it.props[n] = append(it.props[n], v)
	}
}

// mdOpen is an open element inside an item.
type mdOpen struct {
	tag     string
	item    *mdItem    // the item this element opened, if any
	capture *mdCapture // the property whose value is this element's content, if any
}

// mdCapture collects an element's content as a property value: its text,
// or for body properties its inner HTML, cut from the page afterwards.
type mdCapture struct {
	owner *mdItem
	names []string
	start int // offset of the content in the page
	text  []byte
	html  bool // some name takes the inner HTML
	plain bool // some name takes the text
}

// maxCaptureText bounds the text kept for one property.
const maxCaptureText = 64 << 10

// wantedText are the properties whose text is worth collecting. Others
// still nest items, but their text is not kept.
var wantedText = map[string]bool{
	"headline": true, "name": true, "alternativeHeadline": true,
	"articleBody": true, "text": true, "description": true,
	"datePublished": true, "dateModified": true, "dateCreated": true,
	"coverageStartTime": true, "coverageEndTime": true,
	"url": true, "mainEntityOfPage": true, "author": true, "creator": true,
	"keywords": true, "articleSection": true, "numberOfItems": true,
	"isPinned": true, "pinned": true, "sticky": true, "isSticky": true,
}

// bodyProp reports properties whose value is HTML to lay out.
func bodyProp(name string) bool {
	return name == "articleBody" || name == "text" || name == "description"
}

func (m *microdata) capturing() bool { return m.captures > 0 }

// current returns the innermost open item, or nil.
func (m *microdata) current() *mdItem {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if m.stack[i].item != nil {
			return m.stack[i].item
		}
	}
	return nil
}

// start handles a start tag found at offset tagAt; contentAt is the offset
// just after it.
func (m *microdata) start(tag string, a *attrs, selfClosing bool, tagAt, contentAt int) {
	if len(m.stack) == 0 && !a.itemscope {
		return
	}
	m.implicitEnd(tag, tagAt)
	void := selfClosing || isVoid(tag)
	owner := m.current()
	var names []string
	if a.itemprop != "" && owner != nil {
		names = strings.Fields(a.itemprop)
	}
	open := mdOpen{tag: tag}
	switch {
	case a.itemscope:
		it := &mdItem{types: strings.Fields(a.itemtype), id: strings.TrimSpace(a.itemid)}
		if len(names) > 0 {
			owner.add(names, it)
		} else {
			m.items = append(m.items, it)
		}
		open.item = it
	case len(names) > 0:
		if v, ok := attrValue(tag, a); ok || void {
			owner.add(names, strings.TrimSpace(v))
			break
		}
		c := &mdCapture{owner: owner, start: contentAt}
		for _, n := range names {
			if !wantedText[n] {
				continue
			}
			c.names = append(c.names, n)
			if bodyProp(n) {
				c.html = true
			} else {
				c.plain = true
			}
		}
		if len(c.names) > 0 {
			open.capture = c
			m.captures++
		}
	}
	if !void {
		m.stack = append(m.stack, open)
	}
}

// text adds decoded text to every open capture that keeps text.
func (m *microdata) text(t []byte) {
	for i := range m.stack {
		c := m.stack[i].capture
		if c != nil && c.plain && len(c.text) < maxCaptureText {
			c.text = append(c.text, t...)
		}
	}
}

// maxEndSearch bounds how far down the stack an end tag looks for its
// element; a stray end tag is ignored.
const maxEndSearch = 256

// end handles an end tag starting at offset at.
func (m *microdata) end(tag string, at int) {
	for i, n := len(m.stack)-1, 0; i >= 0 && n < maxEndSearch; i, n = i-1, n+1 {
		if m.stack[i].tag == tag {
			m.popTo(i, at)
			return
		}
	}
}

// closeAll ends every open element at offset at, as at the end of the page.
func (m *microdata) closeAll(at int) {
	if len(m.stack) > 0 {
		m.popTo(0, at)
	}
}

// popTo closes the elements from the top of the stack down to index i.
func (m *microdata) popTo(i, at int) {
	for j := len(m.stack) - 1; j >= i; j-- {
		if c := m.stack[j].capture; c != nil {
			m.captures--
			for _, n := range c.names {
				if bodyProp(n) {
					end := max(at, c.start)
					c.owner.add([]string{n}, string(m.doc[c.start:end]))
				} else {
					c.owner.add([]string{n}, strings.TrimSpace(string(c.text)))
				}
			}
		}
		m.stack[j] = mdOpen{}
	}
	m.stack = m.stack[:i]
}

// implicitEnd closes elements that HTML ends when another starts, so an
// unclosed <li> or <p> does not swallow its siblings.
func (m *microdata) implicitEnd(tag string, at int) {
	var closes, scope []string
	switch tag {
	case "li":
		closes, scope = []string{"li"}, []string{"ul", "ol", "menu"}
	case "dt", "dd":
		closes, scope = []string{"dt", "dd"}, []string{"dl"}
	case "tr":
		closes, scope = []string{"tr", "td", "th"}, []string{"table", "thead", "tbody", "tfoot"}
	case "td", "th":
		closes, scope = []string{"td", "th"}, []string{"tr", "table"}
	case "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
		"section", "article", "aside", "header", "footer", "figure", "table", "hr", "dl", "main", "nav":
		if n := len(m.stack); n > 0 && m.stack[n-1].tag == "p" {
			m.popTo(n-1, at)
		}
		return
	default:
		return
	}
	for i := len(m.stack) - 1; i >= 0; i-- {
		t := m.stack[i].tag
		for _, s := range scope {
			if t == s {
				return
			}
		}
		for _, c := range closes {
			if t == c {
				m.popTo(i, at)
				return
			}
		}
	}
}

// attrValue returns a property's value when an attribute holds it.
func attrValue(tag string, a *attrs) (string, bool) {
	switch tag {
	case "meta":
		return a.content, true
	case "time":
		if a.hasDatetime {
			return a.datetime, true
		}
	case "a", "area", "link":
		if a.hasHref {
			return a.href, true
		}
	case "img", "audio", "embed", "iframe", "source", "track", "video":
		if a.hasSrc {
			return a.src, true
		}
	case "data", "meter":
		if a.hasValue {
			return a.value, true
		}
	}
	if a.hasContent {
		return a.content, true
	}
	return "", false
}

func isVoid(tag string) bool {
	switch tag {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
		"source", "track", "wbr", "param", "keygen":
		return true
	}
	return false
}

// node turns an item into the tree JSON-LD decodes to, so one builder
// reads both: "@type", "@id" and each property, a single value or a list.
func (it *mdItem) node() map[string]any {
	n := make(map[string]any, len(it.props)+2)
	types := make([]any, len(it.types))
	for i, t := range it.types {
		types[i] = t
	}
	n["@type"] = types
	if it.id != "" {
		n["@id"] = it.id
	}
	for k, vs := range it.props {
		conv := make([]any, len(vs))
		for i, v := range vs {
			if sub, ok := v.(*mdItem); ok {
				conv[i] = sub.node()
			} else {
				conv[i] = v
			}
		}
		if len(conv) == 1 {
			n[k] = conv[0]
		} else {
			n[k] = conv
		}
	}
	return n
}
