// Package sniff tells what a body or a piece of text is from a look at it:
// an HTML page rather than a feed, text that holds markup, or gzip
// compressed data. Each question has its one answer here, for every part
// of liveline that asks it.
package sniff

import (
	"bytes"
	"strings"
)

// pageHead is how much of a document Page looks at.
const pageHead = 2048

// feedRoots open the feed formats liveline reads as XML, lower case: RSS,
// Atom, RSS 1.0 (RDF) and the Channel Definition Format.
var feedRoots = [][]byte{[]byte("<rss"), []byte("<feed"), []byte("<rdf"), []byte("<channel")}

// Page reports whether doc (its start is enough) is an HTML page rather
// than a feed: it opens with a doctype or <html> tag, or, for markup that
// opens otherwise (a comment, an XML declaration, a bare <head> or <meta>),
// it shows <html>, <head> or <meta> before any feed's root element shows.
func Page(doc []byte) bool {
	doc = bytes.TrimLeft(doc, " \t\r\n")
	if len(doc) == 0 || doc[0] != '<' {
		return false
	}
	h := bytes.ToLower(doc[:min(len(doc), pageHead)])
	if bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) {
		return true
	}
	for _, root := range feedRoots {
		if bytes.Contains(h, root) {
			return false
		}
	}
	return bytes.Contains(h, []byte("<html")) || bytes.Contains(h, []byte("<head")) || bytes.Contains(h, []byte("<meta"))
}

// Markup reports whether text holds HTML: a tag, a closing tag or a
// comment. A lone "<" in prose ("a < b") is not markup.
func Markup(s string) bool {
	for i := 0; i < len(s)-1; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			return false
		}
		i += j
		c := s[i+1]
		if c == '/' || c == '!' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// Gzip reports whether data starts with the gzip magic number.
func Gzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}
