package parse

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/feed/internal/gen"
	"github.com/liveline-tui/liveline/feed/repair"
)

// wholeAndInRuns parses body whole and on two cores, where it is cut into
// runs of items if it can be (cut says whether it was).
func wholeAndInRuns(t testing.TB, body []byte) (whole, runs *Result, cut bool, wholeErr error) {
	t.Helper()
	saved := splitFrom
	defer func() { splitFrom = saved }()
	splitFrom = 0
	whole, wholeErr = parse(body, "", base, 1)
	_, _, _, cut = itemRuns(atomNamespace(repair.UTF8(body, "")), 2)
	if !cut {
		return whole, nil, false, wholeErr
	}
	runs, err := parse(body, "", base, 2)
	if (err == nil) != (wholeErr == nil) {
		t.Fatalf("read whole: %v; on two cores: %v", wholeErr, err)
	}
	return whole, runs, true, wholeErr
}

// sameResult fails t unless the two results hold the same story.
func sameResult(t testing.TB, whole, runs *Result) {
	t.Helper()
	if whole.Format != runs.Format || whole.Next != runs.Next || whole.Partial != runs.Partial {
		t.Fatalf("format %q/%q, next %q/%q, partial %v/%v", whole.Format, runs.Format, whole.Next, runs.Next, whole.Partial, runs.Partial)
	}
	if reflect.DeepEqual(whole.Snapshot, runs.Snapshot) {
		return
	}
	w, _ := json.Marshal(whole.Snapshot)
	r, _ := json.Marshal(runs.Snapshot)
	i := 0
	for i < len(w) && i < len(r) && w[i] == r[i] {
		i++
	}
	t.Fatalf("the story read in runs differs from the whole, at byte %d:\nwhole: %.300s\nruns:  %.300s", i, w[max(0, i-100):], r[max(0, i-100):])
}

// TestRunsReadAsTheWholeFeed: a feed cut into runs of items, each parsed
// with the feed's head and tail, reads exactly as the feed parsed whole.
func TestRunsReadAsTheWholeFeed(t *testing.T) {
	cases := map[string][]byte{
		"generated RSS": gen.Feed(600, 0),
		// items after channel elements, comments and CDATA among them,
		// a DOCTYPE with an entity, namespaces declared on the root and a
		// quoted '>' in an attribute
		"RSS with furniture": []byte(`<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY who "the desk"> ]>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Count &amp; <![CDATA[recount]]></title><link>https://example.com/live</link>
<item><title>One</title><dc:creator>&who;</dc:creator><description><![CDATA[<p>a <item> in text</p>]]></description></item>
<!-- between --> <item><title a="x>y">Two</title><guid>g2</guid></item>
<item><title>Three</title><category>c</category></item>
<item><title>Four</title></item><item/>
</channel><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="next" href="/older"/></rss>`),
		"Atom": []byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.com/live/"><title>Atom live</title>
<link rel="next" href="page2"/>
<entry><id>1</id><title type="text">a &lt;b&gt; tag</title><content type="text">x &lt; y</content><updated>2026-03-04T09:00:00Z</updated></entry>
<entry><id>2</id><title>Two</title><content type="html">&lt;p&gt;two&lt;/p&gt;</content><link href="two"/></entry>
<entry><id>3</id><title>Three</title><updated>2026-03-04T09:03:00Z</updated></entry>
<entry><id>4</id><title>Four</title><summary>four</summary></entry>
</feed>`),
	}
	for _, name := range []string{"strike.xml", "strike.atom"} {
		cases[name] = fixture(t, name)
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			whole, runs, cut, err := wholeAndInRuns(t, body)
			if err != nil {
				t.Fatal(err)
			}
			if !cut {
				t.Fatal("not cut into runs")
			}
			sameResult(t, whole, runs)
		})
	}
}

// TestFeedsNotCut: a feed whose items are not one unbroken run of
// siblings, or that does not nest, is parsed whole.
func TestFeedsNotCut(t *testing.T) {
	item := "<item><title>x</title></item>"
	four := strings.Repeat(item, 4)
	for name, doc := range map[string]string{
		"text between items":     `<rss><channel>` + item + item + `stray` + item + item + `</channel></rss>`,
		"an element among items": `<rss><channel>` + item + item + `<title>t</title>` + item + item + `</channel></rss>`,
		"tags that do not nest":  `<rss><channel>` + item + `<item><b>x</item>` + item + item + `</channel></rss>`,
		"cut short":              `<rss><channel>` + four + `</channel>`,
		"two channels":           `<rss><channel>` + item + item + `</channel><channel>` + item + item + `</channel></rss>`,
		"RSS 1.0":                `<rdf:RDF><channel></channel>` + four + `</rdf:RDF>`,
		"too few items":          `<rss><channel>` + item + item + item + `</channel></rss>`,
		"a second root":          `<rss><channel>` + four + `</channel></rss><rss/>`,
		"a declaration inside":   `<rss><channel><!ENTITY x "y">` + four + `</channel></rss>`,
		"a tag left open":        `<rss><channel>` + four + `<a href="x></channel></rss>`,
	} {
		if _, _, _, ok := itemRuns([]byte(doc), 2); ok {
			t.Errorf("%s: cut into runs", name)
		}
	}
}

// TestBadFeedsReadTheSameInRuns: every hostile fixture reads on two cores
// as it reads on one.
func TestBadFeedsReadTheSameInRuns(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "*"))
	for _, path := range files {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		whole, runs, cut, werr := wholeAndInRuns(t, body)
		if cut && werr == nil {
			sameResult(t, whole, runs)
		}
	}
}

// FuzzRuns: whatever the body, it reads on two cores (where it may be cut
// into runs of items) as it reads on one.
func FuzzRuns(f *testing.F) {
	f.Add(gen.Feed(4, 0))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></entry><entry><id>2</id></entry><entry/><entry><title>4</title></entry></feed>`))
	f.Add([]byte(`<rss><channel><item><![CDATA[x]]></item><!----><item/><item a='>'/><item></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.Count(body, []byte("<")) > 400 {
			return
		}
		whole, runs, cut, werr := wholeAndInRuns(t, body)
		if cut && werr == nil {
			sameResult(t, whole, runs)
		}
	})
}
