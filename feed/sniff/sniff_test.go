package sniff

import (
	"strings"
	"testing"
)

func TestPage(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      bool
	}{
		{"doctype", "<!DOCTYPE html><html><body>", true},
		{"html tag after space", "\n  <HTML lang=en>", true},
		{"comment then html", "<!-- built 09:00 --><html>", true},
		{"xml declaration then xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, true},
		{"bare head", "<head><title>Live</title>", true},
		{"bare meta", `<meta charset="windows-1252"><title>Live</title>`, true},
		{"rss", `<?xml version="1.0"?><rss version="2.0"><channel>`, false},
		{"rss holding html", `<rss version="2.0"><channel><description><![CDATA[<html><head>]]>`, false},
		{"atom after a comment", "<!-- generator --><feed xmlns=\"http://www.w3.org/2005/Atom\">", false},
		{"rdf", `<?xml version="1.0"?><rdf:RDF>`, false},
		{"cdf quoting a page", `<CHANNEL HREF="https://news.example/"><ABSTRACT><![CDATA[<html><head>]]></ABSTRACT>`, false},
		{"json feed holding html", `{"version":"https://jsonfeed.org/version/1.1","items":[{"content_html":"<html><meta charset=x>"}]}`, false},
		{"plain text", "hello <meta charset=x>", false},
		{"empty", "", false},
		{"fragment", "<p>An update</p>", false},
		{"html past the look", "<!--" + strings.Repeat("x", pageHead) + "--><html>", false},
	} {
		if got := Page([]byte(tc.doc)); got != tc.want {
			t.Errorf("%s: Page = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestMarkup(t *testing.T) {
	for s, want := range map[string]bool{
		"<p>One</p>":            true,
		"Fewer <i>pickets</i>":  true,
		"a line<br/>and more":   true,
		"before <!-- x --> end": true,
		"text </b>":             true,
		"a < b and c > d":       false,
		"5 <6":                  false,
		"ends with <":           false,
		"":                      false,
		"no markup at all":      false,
	} {
		if got := Markup(s); got != want {
			t.Errorf("Markup(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestGzip(t *testing.T) {
	for s, want := range map[string]bool{"\x1f\x8b\x08\x00": true, "\x1f\x8b": true, "\x1f": false, "": false, "<rss>": false} {
		if Gzip([]byte(s)) != want {
			t.Errorf("Gzip(%q) = %v", s, !want)
		}
	}
}

func FuzzPage(f *testing.F) {
	f.Add([]byte("<!doctype html>"), "<p>x</p>")
	f.Add([]byte("<rss>"), "a < b")
	f.Fuzz(func(t *testing.T, doc []byte, text string) {
		if Page(doc) && !strings.Contains(strings.ToLower(string(doc)), "<") {
			t.Fatalf("%q taken for a page without a tag", doc)
		}
		if Markup(text) && !strings.Contains(text, "<") {
			t.Fatalf("%q taken for markup without a tag", text)
		}
	})
}
