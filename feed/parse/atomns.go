package parse

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
)

// The namespaces gofeed reads Atom elements in.
const (
	atom10NS = "http://www.w3.org/2005/Atom"
	atom03NS = "http://purl.org/atom/ns#"
)

// atomNamespace returns body with the namespace of its root <feed> element
// declared as Atom, when the feed puts its elements in another namespace
// (one of Atom's working names such as http://purl.org/echo/, or any other
// address). Read as they stand, such a feed has elements but no title and
// no entries. Any other body is returned as it is.
func atomNamespace(body []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(head(body, 8192)))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return body
		}
		root, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !strings.EqualFold(root.Name.Local, "feed") {
			return body
		}
		ns, found := "", false
		for _, a := range root.Attr {
			if root.Name.Space == "" && a.Name.Space == "" && a.Name.Local == "xmlns" ||
				root.Name.Space != "" && a.Name.Space == "xmlns" && a.Name.Local == root.Name.Space {
				ns, found = strings.TrimSpace(a.Value), true
			}
		}
		if !found || ns == "" || ns == atom10NS || ns == atom03NS {
			return body
		}
		want := atom10NS
		for _, a := range root.Attr {
			if a.Name.Local == "version" && strings.HasPrefix(strings.TrimSpace(a.Value), "0.") {
				want = atom03NS
			}
		}
		decl := regexp.MustCompile(`(xmlns(?::[\w.-]+)?\s*=\s*["'])` + regexp.QuoteMeta(ns) + `(["'])`)
		return decl.ReplaceAll(body, []byte("${1}"+want+"${2}"))
	}
}
