package page

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds what the readers of a page's layout share: the page
// parsed into a tree (only when structured data is missing or says too
// little), and the text of an element.

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
		atom.Select, atom.Form, atom.Nav, atom.Footer, atom.Aside, atom.Head:
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

// trimMarks removes the "+++" and separators tickers put at the end of a
// headline.
func trimMarks(s string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "+•|:–—- "))
}
