package page

import (
	"bytes"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds what the readers of a page's layout share: the page
// parsed into a tree (only when structured data is missing or says too
// little), the text of an element, and the page's own dates.

// maxDepth bounds how deep the layout readers walk a page's tree; pages
// nest a few dozen levels, hostile ones many thousands.
const maxDepth = 512

// tree parses a page into a node tree once, when first asked.
type tree struct {
	doc  []byte
	root *html.Node
	done bool
}

func (t *tree) get() *html.Node {
	if !t.done {
		t.done = true
		t.root, _ = html.Parse(bytes.NewReader(t.doc))
	}
	return t.root
}

// skipped are elements whose contents are not part of what a person
// reads on the page.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Button,
		atom.Select, atom.Form, atom.Nav, atom.Footer, atom.Head:
		return true
	}
	return false
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the text of an element as a person reads it: white
// space collapsed, skipped elements left out.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth || b.Len() > maxCaptureText {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped(n) {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

// find returns the first element in n's subtree, n included, for which ok
// holds, or nil.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	var found *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if found != nil || depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode && ok(n) {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return found
}

// within reports whether n is inside (or is) outer.
func within(n, outer *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == outer {
			return true
		}
	}
	return false
}

// trimMarks removes the "+++" and separators tickers put at the end of a
// headline.
func trimMarks(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "+•|:–—- "))
}

// pageDates are the page's own publication and modification times, with
// whether each gave its zone.
type pageDates struct {
	published, modified time.Time
	zone                *time.Location // the zone of the published (else modified) time, when it gave one
}

// datesOf reads a page's dates from its meta tags, <time> elements marked
// as the publication time and its JSON-LD (any node's datePublished and
// dateModified).
func datesOf(root *html.Node, trees []any) pageDates {
	var pub, mod []string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key, _ := attrOf(n, "property")
				if key == "" {
					key, _ = attrOf(n, "name")
				}
				if key == "" {
					key, _ = attrOf(n, "itemprop")
				}
				val, _ := attrOf(n, "content")
				switch strings.ToLower(key) {
				case "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
					"publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created":
					pub = append(pub, val)
				case "article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified":
					mod = append(mod, val)
				}
			case atom.Time:
				if v, ok := attrOf(n, "datetime"); ok {
					prop, _ := attrOf(n, "itemprop")
					if _, ok := attrOf(n, "pubdate"); ok || strings.EqualFold(prop, "datePublished") {
						pub = append(pub, v)
					} else if strings.EqualFold(prop, "dateModified") {
						mod = append(mod, v)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	if root != nil {
		walk(root, 0)
	}
	var ld func(v any, depth int)
	ld = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if s := str(x["datePublished"]); s != "" {
				pub = append(pub, s)
			}
			if s := str(x["dateModified"]); s != "" {
				mod = append(mod, s)
			}
			if g, ok := x["@graph"]; ok {
				ld(g, depth+1)
			}
		case []any:
			for _, e := range x {
				ld(e, depth+1)
			}
		}
	}
	for _, t := range trees {
		ld(t, 0)
	}
	var d pageDates
	for _, s := range pub {
		if t := parseTime(s); !t.IsZero() {
			d.published = t
			if zoned(s) {
				d.zone = t.Location()
			}
			break
		}
	}
	for _, s := range mod {
		if t := parseTime(s); !t.IsZero() {
			d.modified = t
			if d.zone == nil && zoned(s) {
				d.zone = t.Location()
			}
			break
		}
	}
	return d
}

// zoned reports whether a date as written gives its zone.
func zoned(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) <= 10 {
		return false
	}
	rest := s[10:]
	return strings.ContainsAny(rest, "Zz+") || strings.Contains(rest, "-") ||
		strings.HasSuffix(rest, "GMT") || strings.HasSuffix(rest, "UTC")
}
