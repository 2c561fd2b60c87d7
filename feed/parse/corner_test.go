package parse

import (
	"strings"
	"testing"
	"time"
)

// corners are feed shapes that must be read as a person would read them:
// the feed, its title and its items' headlines. FuzzParse starts from them.
var corners = []struct {
	name, doc, format, title string
	headlines                []string
}{
	{
		name:      "script and style in an HTML title",
		doc:       `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Ward &lt;script&gt;document.title='x'&lt;/script&gt;closures&lt;style&gt;b{color:red}&lt;/style&gt;</title><entry><id>1</id><title type="html">Pickets &lt;b&gt;return&lt;/b&gt;&lt;script type="text/javascript"&gt;track("a &lt; b")&lt;/script&gt; at dawn</title></entry></feed>`,
		format:    "atom",
		title:     "Ward closures",
		headlines: []string{"Pickets return at dawn"},
	},
	{
		name:      "script in an RSS title given as CDATA",
		doc:       `<rss version="2.0"><channel><title><![CDATA[Strike <script>alert(1)</script>day]]></title><item><title><![CDATA[<style>.x{}</style>Talks resume]]></title></item></channel></rss>`,
		format:    "rss",
		title:     "Strike day",
		headlines: []string{"Talks resume"},
	},
	{
		name:      "no-break spaces read as spaces",
		doc:       `<rss version="2.0"><channel><title>Strike&nbsp;day&nbsp;two&nbsp;</title><item><title>&#160;Clinics&#xa0;&#xa0;reopen</title></item></channel></rss>`,
		format:    "rss",
		title:     "Strike day two",
		headlines: []string{"Clinics reopen"},
	},
	{
		name:      "Atom under a prefix",
		doc:       `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Count night</a:title><a:entry><a:id>1</a:id><a:title>First ward declared</a:title></a:entry></a:feed>`,
		format:    "atom",
		title:     "Count night",
		headlines: []string{"First ward declared"},
	},
	{
		name:      "Atom in a pre-release namespace",
		doc:       `<feed version="0.3" xmlns="http://purl.org/echo/"><title>Count night</title><entry><id>1</id><title>First ward declared</title></entry></feed>`,
		format:    "atom",
		title:     "Count night",
		headlines: []string{"First ward declared"},
	},
	{
		name:      "Atom in an unknown namespace, under a prefix",
		doc:       `<x:feed xmlns:x="http://example.com/newformat#"><x:title>Count night</x:title><x:entry><x:id>1</x:id><x:title>Recount ordered</x:title></x:entry></x:feed>`,
		format:    "atom",
		title:     "Count night",
		headlines: []string{"Recount ordered"},
	},
	{
		name: "media:title when there is no other",
		doc: `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures of the day</title>` +
			`<item><guid>a</guid><media:title>Pickets at the gate</media:title></item>` +
			`<item><guid>b</guid><title>Own title</title><media:title>Not this one</media:title></item>` +
			`<item><guid>c</guid><media:group><media:title type="html">Crowd &lt;i&gt;outside&lt;/i&gt;</media:title></media:group></item>` +
			`<item><guid>d</guid><media:content url="https://img.example/d.jpg"><media:title>Night shift</media:title></media:content></item>` +
			`</channel></rss>`,
		format:    "rss",
		title:     "Pictures of the day",
		headlines: []string{"Pickets at the gate", "Own title", "Crowd outside", "Night shift"},
	},
	{
		name: "CDF channel and items",
		doc: `<?xml version="1.0"?><CHANNEL HREF="https://cdf.example/" LASTMOD="2016-01-12T09:00:00+00:00"><TITLE>Strike desk</TITLE><ABSTRACT>Updates from the walkout</ABSTRACT>` +
			`<ITEM HREF="https://cdf.example/1" LASTMOD="2016-01-12T08:30:00+00:00"><TITLE>Pickets form</TITLE><ABSTRACT>Staff gathered at the main gate.</ABSTRACT></ITEM>` +
			`<Channel><Title>Regions</Title><Item href="https://cdf.example/2"><Title>Leeds &amp; York</Title></Item></Channel></CHANNEL>`,
		format:    "cdf",
		title:     "Strike desk",
		headlines: []string{"Pickets form", "Leeds & York"},
	},
	{
		name:      "RSS cut short in its last closing tag",
		doc:       `<rss version="2.0"><channel><title>Night count</title><item><title>Ward 1</title></item><item><title>Ward 2</title></item></channel></rs`,
		format:    "rss",
		title:     "Night count",
		headlines: []string{"Ward 1", "Ward 2"},
	},
	{
		name:   "RSS without items cut short",
		doc:    "<rss version=\"2.0\"><channel><title>Night count</title></channel>\n</",
		format: "rss",
		title:  "Night count",
	},
	{
		name:      "Atom cut short in its last closing tag",
		doc:       `<feed xmlns="http://www.w3.org/2005/Atom"><title>Night count</title><entry><id>1</id><title>Ward 1</title></entry></fe`,
		format:    "atom",
		title:     "Night count",
		headlines: []string{"Ward 1"},
	},
}

func TestCornerCases(t *testing.T) {
	for _, tc := range corners {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse([]byte(tc.doc), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tc.format || r.Snapshot.Title != tc.title || r.Partial {
				t.Errorf("format %q title %q partial %v; want %q %q", r.Format, r.Snapshot.Title, r.Partial, tc.format, tc.title)
			}
			var got []string
			for _, u := range r.Snapshot.Updates {
				got = append(got, u.Headline)
			}
			if strings.Join(got, "|") != strings.Join(tc.headlines, "|") {
				t.Errorf("headlines %q, want %q", got, tc.headlines)
			}
			checkSnapshot(t, &r.Snapshot)
		})
	}
}

func TestCDFDetails(t *testing.T) {
	doc := `<CHANNEL HREF="https://cdf.example/"><TITLE>Desk</TITLE><ABSTRACT>About the strike &amp;amp; more</ABSTRACT>` +
		`<ITEM HREF="https://cdf.example/1" LASTMOD="2016-01-12T08:30"><TITLE>Pickets form</TITLE><ABSTRACT>Staff gathered.</ABSTRACT></ITEM></CHANNEL>`
	r, err := Parse([]byte(doc), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Snapshot
	if s.Link != "https://cdf.example/" || s.Summary != "About the strike & more" {
		t.Errorf("link %q summary %q", s.Link, s.Summary)
	}
	u := s.Updates[0]
	if u.Link != "https://cdf.example/1" || u.Text != "Staff gathered." || !u.Published.Equal(time.Date(2016, 1, 12, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("item %q %q %v", u.Link, u.Text, u.Published)
	}
	for _, doc := range []string{`<channel>`, `<CHANNEL><ITEM><TITLE>x`, "<CHANNEL>\x1b[31m<TITLE>a\x1b]0;b\x07</TITLE></CHANNEL>"} {
		if r, err := Parse([]byte(doc), "", nil); err == nil {
			checkSnapshot(t, &r.Snapshot)
		}
	}
}

// TestCutShortStaysPartial: a feed cut anywhere but in its last closing
// tags is still read up to its last whole item and said to be partial.
func TestCutShortStaysPartial(t *testing.T) {
	for _, doc := range []string{
		`<rss version="2.0"><channel><title>T</title><item><title>A</title></item><item><title>B</ti`,
		`<rss version="2.0"><channel><title>T</title><item><title>A</title></item><item><title>B</title></item`,
	} {
		r, err := Parse([]byte(doc), "", nil)
		if err != nil || !r.Partial || len(r.Snapshot.Updates) != 1 {
			t.Errorf("%s: %v %+v", doc, err, r)
		}
	}
	if _, err := Parse([]byte(`<rss version="2.0"><channel><title>T</tit`), "", nil); err == nil {
		t.Error("a feed cut inside its title was read")
	}
}

// TestTickerPage: a page read from its layout comes through as a page
// story that says so, prepared and clean.
func TestTickerPage(t *testing.T) {
	entry := func(clock, headline string) string {
		return `<h3>` + clock + ` Uhr: ` + headline + `</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.&#x1b;[31m</p>`
	}
	doc := `<!DOCTYPE html><html><head><meta name="date" content="2026-03-04T08:00:00+01:00"><title>Streik: Liveticker</title></head><body><h1>Streik: Liveticker</h1>` +
		entry("11.00", "Einigung") + entry("10.00", "Gespräche") + entry("09.00", "Kundgebung") + `</body></html>`
	r, err := Parse([]byte(doc), "text/html", base)
	if err != nil {
		t.Fatal(err)
	}
	if r.Format != "page" || !r.Snapshot.FromLayout || len(r.Snapshot.Updates) != 3 || r.Snapshot.Updates[2].Headline != "Kundgebung" {
		t.Errorf("%s %v %+v", r.Format, r.Snapshot.FromLayout, r.Snapshot.Updates)
	}
	checkSnapshot(t, &r.Snapshot)
}

// TestPageTitleSpaces: no-break spaces in a page's title and headlines
// read as spaces too.
func TestPageTitleSpaces(t *testing.T) {
	doc := `<!DOCTYPE html><html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Grève&nbsp;: le direct&nbsp;",` +
		`"liveBlogUpdate":[{"headline":"Reprise jeudi\u00a0?\u00a0","articleBody":"Les syndicats attendent."}]}</script></head><body></body></html>`
	r, err := Parse([]byte(doc), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Snapshot.Title != "Grève : le direct" || r.Snapshot.Updates[0].Headline != "Reprise jeudi ?" {
		t.Errorf("%q / %q", r.Snapshot.Title, r.Snapshot.Updates[0].Headline)
	}
}
