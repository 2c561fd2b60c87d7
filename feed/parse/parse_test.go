package parse

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/liveline-tui/liveline/model"
)

var base, _ = url.Parse("https://news.example.com/live/junior-doctors-strike/rss")

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStrikeRSS(t *testing.T) {
	r, err := Parse(fixture(t, "strike.xml"), "application/rss+xml", base)
	if err != nil {
		t.Fatal(err)
	}
	s := r.Snapshot
	if r.Format != "rss" {
		t.Errorf("Format = %q", r.Format)
	}
	if s.Title != "Junior doctors\u2019 strike: live updates" {
		t.Errorf("Title = %q", s.Title)
	}
	if !strings.HasPrefix(s.Summary, "Junior doctors in England walk out") || s.Link != "https://news.example.com/live/junior-doctors-strike" {
		t.Errorf("Summary %q, Link %q", s.Summary, s.Link)
	}
	if len(s.Updates) != 35 {
		t.Fatalf("%d updates, want 35", len(s.Updates))
	}
	first := s.Updates[0]
	if first.ID != "strike-20160113-1800" || first.Headline != "That is all for today" || first.Author != "Health desk" ||
		first.Published.Format("2006-01-02 15:04") != "2016-01-13 18:00" {
		t.Errorf("first update = %+v", first)
	}
	keys := 0
	var numbers, advert *model.Update
	for i := range s.Updates {
		u := &s.Updates[i]
		if u.Key {
			keys++
		}
		if strings.Contains(u.Text, "In numbers:") {
			numbers = u
		}
		if u.Headline == "The dispute in brief" {
			advert = u
		}
	}
	if keys < 8 {
		t.Errorf("%d key events", keys)
	}
	if numbers == nil {
		t.Fatal("no update carries the In numbers list (content:encoded should win over the teaser)")
	}
	for _, want := range []string{"26,000", "39%", "44 per cent", "73 per cent", "3,454", "5,264", "2,077", "3,187"} {
		if !strings.Contains(numbers.Text, want) {
			t.Errorf("In numbers lacks %s", want)
		}
	}
	bullets := 0
	for _, b := range numbers.Body.Blocks {
		if b.Kind == model.Bullet {
			bullets++
		}
	}
	if bullets != 6 {
		t.Errorf("In numbers has %d bullets", bullets)
	}
	if advert == nil || strings.Contains(advert.Text, "Advertisement") {
		t.Errorf("advert not dropped: %+v", advert)
	}
	if !strings.Contains(strings.Join(advert.Body.Links, " "), "https://news.example.com/explainers/junior-doctors-contract") {
		t.Errorf("links = %v", advert.Body.Links)
	}
	// relative links resolve against the address read
	found := false
	for _, u := range s.Updates {
		for _, l := range u.Body.Links {
			if l == "https://news.example.com/topics/seven-day-nhs" {
				found = true
			}
		}
	}
	if !found {
		t.Error("relative link not resolved")
	}
}

func TestOtherFormats(t *testing.T) {
	for _, tt := range []struct {
		name, format string
		n            int
	}{
		{"strike.atom", "atom", 8},
		{"strike.json", "json", 8},
		{"strike.rdf", "rss", 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(fixture(t, tt.name), "", base)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tt.format || len(r.Snapshot.Updates) != tt.n {
				t.Fatalf("format %q, %d updates", r.Format, len(r.Snapshot.Updates))
			}
			u := r.Snapshot.Updates[0]
			if u.Headline != "That is all for today" || u.Published.IsZero() || u.Text == "" || u.Link == "" {
				t.Errorf("first = %+v", u)
			}
			if r.Snapshot.Title == "" {
				t.Error("no title")
			}
		})
	}
}

// TestEveryFixture parses every test file: never a panic, never a control
// character in the result, and an error that says what is wrong.
func TestEveryFixture(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "*.*"))
	bad, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "*"))
	for _, f := range append(files, bad...) {
		if strings.HasSuffix(f, ".md") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(b, "", base)
			if err != nil {
				checkClean(t, "error", err.Error())
				if !strings.HasPrefix(err.Error(), "not a feed or live-blog page") && !strings.HasPrefix(err.Error(), "the feed is malformed") {
					t.Errorf("unclear error: %v", err)
				}
				return
			}
			checkSnapshot(t, &r.Snapshot)
		})
	}
}

func TestBadInputs(t *testing.T) {
	parse := func(name string) (*Result, error) { return Parse(fixture(t, "bad/"+name), "", base) }
	mustFail := map[string]string{
		"garbage.xml":     "not a feed",
		"empty.xml":       "not a feed or live-blog page: the document is empty",
		"not-a-feed.html": "not a feed or live-blog page",
	}
	for name, want := range mustFail {
		if _, err := parse(name); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", name, err, want)
		}
	}
	for _, doc := range []string{`{"foo": 1}`, `<div><p>a fragment</p></div>`, `<?xml version="1.0"?><svg/>`} {
		if _, err := Parse([]byte(doc), "", nil); !errors.Is(err, ErrNotFeed) {
			t.Errorf("%s: err = %v", doc, err)
		}
	}
	if _, err := parse("not-a-feed.html"); !errors.Is(err, ErrNotFeed) {
		t.Errorf("HTML: %v does not wrap ErrNotFeed", err)
	}

	r, err := parse("truncated.xml")
	if err != nil || !r.Partial || len(r.Snapshot.Updates) != 11 || r.Snapshot.Updates[10].Headline == "" {
		t.Errorf("truncated: %v %+v", err, r)
	}
	whole := fixture(t, "strike.atom")
	if r, err := Parse(whole[:len(whole)*2/3], "", nil); err != nil || !r.Partial || len(r.Snapshot.Updates) < 4 {
		t.Errorf("truncated atom: %v", err)
	}
	if _, err := Parse(whole[:300], "", nil); err == nil || !strings.HasPrefix(err.Error(), "the feed is malformed: ") {
		t.Errorf("truncated before the first entry: %v", err)
	}
	if r, err := parse("mismatched.xml"); err != nil || r.Partial {
		t.Errorf("mismatched: %v", err)
	}

	r, err = parse("latin1.xml")
	if err != nil || r.Snapshot.Updates[0].Headline != "Café queues outside St Thomas' hospital" ||
		!strings.Contains(r.Snapshot.Updates[0].Text, "£3") {
		t.Errorf("latin1: %v %+v", err, r)
	}
	r, err = parse("cp1252-nodecl.xml")
	if err != nil || !strings.Contains(r.Snapshot.Updates[0].Headline, "\u201cSmart quotes\u201d") {
		t.Errorf("cp1252: %v %+v", err, r)
	}
	for _, name := range []string{"bom.xml", "utf16le-bom.xml", "invalid-utf8.xml", "charref.xml"} {
		if r, err := parse(name); err != nil || len(r.Snapshot.Updates) == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	r, _ = parse("invalid-utf8.xml")
	if h := r.Snapshot.Updates[0].Headline; h != "Broken bytes \uFFFD here" {
		t.Errorf("invalid UTF-8 headline %q", h)
	}
	r, _ = parse("charref.xml")
	if h := r.Snapshot.Updates[0].Headline; h != "Escape red headline" {
		t.Errorf("charref headline %q", h)
	}

	for _, name := range []string{"escapes-raw.xml", "escapes-entities.xml", "escapes.json"} {
		r, err := parse(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		u := r.Snapshot.Updates[0]
		for _, s := range []string{r.Snapshot.Title, u.Headline, u.Text, u.ID, u.Author} {
			for _, junk := range []string{"[31m", "]0;", "]52;", "]8;", "\u202e", "[2J"} {
				if strings.Contains(s, junk) {
					t.Errorf("%s: %q left in %q", name, junk, s)
				}
			}
		}
		if !u.Key {
			t.Errorf("%s: key event category lost: %q", name, u.Categories)
		}
	}

	r, err = parse("empty-channel.xml")
	if err != nil || len(r.Snapshot.Updates) != 0 || r.Snapshot.Title != "Strike live" {
		t.Errorf("empty channel: %v %+v", err, r)
	}
	r, err = parse("empty.json")
	if err != nil || len(r.Snapshot.Updates) != 0 {
		t.Errorf("empty json: %v", err)
	}

	r, _ = parse("no-dates-ids.xml")
	if len(r.Snapshot.Updates) != 3 || r.Snapshot.Updates[0].Headline != "Pickets in Bristol said morale was high despite the rain." {
		t.Errorf("no dates or ids: %+v", r.Snapshot.Updates)
	}
	r, _ = parse("duplicate-ids.xml")
	if n := len(r.Snapshot.Updates); n != 2 || r.Snapshot.Updates[0].ID == r.Snapshot.Updates[1].ID {
		t.Errorf("duplicate ids: %d updates", n)
	}
	r, _ = parse("shared-link.xml")
	ids := map[string]bool{}
	for _, u := range r.Snapshot.Updates {
		ids[u.ID] = true
	}
	if len(ids) != 5 {
		t.Errorf("shared link: %d distinct ids", len(ids))
	}
}

func TestHugeTitle(t *testing.T) {
	big := strings.Repeat("very long title <b>with</b> &amp; markup ", 130000)
	doc := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + big + `</title><item><guid>` + big +
		`</guid><title>` + big + `</title><description>short</description></item></channel></rss>`
	if len(doc) < 5<<20 {
		t.Fatalf("only %d bytes", len(doc))
	}
	r, err := Parse([]byte(doc), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	u := r.Snapshot.Updates[0]
	if n := utf8.RuneCountInString(r.Snapshot.Title); n > TitleLimit || n < 100 {
		t.Errorf("title is %d runes", n)
	}
	if n := utf8.RuneCountInString(u.Headline); n > TitleLimit || strings.Contains(u.Headline, "<b>") {
		t.Errorf("headline is %d runes: %.80q", n, u.Headline)
	}
	if len(u.ID) > idLimit {
		t.Errorf("ID is %d bytes", len(u.ID))
	}
}

func TestHeadlineMarkup(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>A &lt;i&gt;live&lt;/i&gt; &amp;amp; story</title>` +
		`<item><title>&lt;b&gt;Bold&lt;/b&gt; move &amp;amp; more &amp;#27;[31m</title><description>Plain text body.</description>` +
		`<link>javascript:alert(1)</link></item></channel></rss>`
	r, err := Parse([]byte(doc), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Snapshot.Title != "A live & story" {
		t.Errorf("title %q", r.Snapshot.Title)
	}
	u := r.Snapshot.Updates[0]
	if u.Headline != "Bold move & more" || u.Link != "" || u.Text != "Plain text body." {
		t.Errorf("update %q %q %q", u.Headline, u.Link, u.Text)
	}
}

func TestNextLinks(t *testing.T) {
	atomDoc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link rel="next" href="?page=2"/>` +
		`<entry><id>a</id><title>x</title><updated>2016-01-12T09:00:00Z</updated><content>y</content></entry></feed>`
	r, err := Parse([]byte(atomDoc), "", base)
	if err != nil || r.Next != "https://news.example.com/live/junior-doctors-strike/rss?page=2" {
		t.Errorf("atom next: %v %q", err, r.Next)
	}
	if u := r.Snapshot.Updates[0]; u.Published.IsZero() {
		t.Error("an Atom entry with only <updated> has no time")
	}
	jsonDoc := `{"version":"https://jsonfeed.org/version/1.1","title":"t","next_url":"https://e.example/p2","items":[{"id":"1","content_text":"x"}]}`
	if r, err := Parse([]byte(jsonDoc), "", nil); err != nil || r.Next != "https://e.example/p2" {
		t.Errorf("json next: %v %+v", err, r)
	}
}

func checkSnapshot(t *testing.T, s *model.Snapshot) {
	t.Helper()
	checkClean(t, "title", s.Title)
	checkClean(t, "summary", s.Summary)
	checkClean(t, "link", s.Link)
	for _, u := range s.Updates {
		for _, f := range []string{u.ID, u.Headline, u.Text, u.Author, u.Link} {
			checkClean(t, "update", f)
		}
		for _, c := range u.Categories {
			checkClean(t, "category", c)
		}
		for _, l := range u.Body.Links {
			checkClean(t, "body link", l)
		}
		for _, b := range u.Body.Blocks {
			for _, sp := range b.Spans {
				checkClean(t, "span", sp.Text)
			}
		}
		if u.Headline == "" {
			t.Errorf("update %q has no headline", u.ID)
		}
	}
}

func checkClean(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s is not UTF-8: %q", what, s)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c {
			t.Errorf("%s holds control %U: %q", what, r, s)
			return
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"strike.atom", "strike.json", "strike.rdf", "bad/escapes-raw.xml", "bad/escapes-entities.xml",
		"bad/escapes.json", "bad/charref.xml", "bad/latin1.xml", "bad/no-dates-ids.xml", "bad/duplicate-ids.xml", "bad/not-a-feed.html"} {
		f.Add(fixture(f, name), "")
	}
	f.Add([]byte(`<rss version="2.0"><channel><item><title>&#27;]0;x&#7;</title></item></channel></rss>`), "text/xml; charset=latin1")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"\u001b[2J","title":"\u009b1m"}]}`), "application/json")
	for _, c := range corners {
		f.Add([]byte(c.doc), "")
	}
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		r, err := Parse(body, ct, base)
		if err != nil {
			checkClean(t, "error", err.Error())
			return
		}
		s := r.Snapshot
		checkClean(t, "title", s.Title)
		checkClean(t, "summary", s.Summary)
		for _, u := range s.Updates {
			for _, f := range []string{u.ID, u.Headline, u.Text, u.Author, u.Link} {
				checkClean(t, "update", f)
			}
			for _, c := range u.Categories {
				checkClean(t, "category", c)
			}
		}
	})
}

func TestPages(t *testing.T) {
	alt := []byte(`<!DOCTYPE html><html><head><title>Live</title>` +
		`<link rel="alternate" type="application/rss+xml" href="/live/strike/rss"></head><body><p>Live coverage</p></body></html>`)
	r, err := Parse(alt, "text/html; charset=utf-8", base)
	if err != nil || r.Format != "page" || r.Alternate != "https://news.example.com/live/strike/rss" || len(r.Snapshot.Updates) != 0 {
		t.Fatalf("alternate page: %v %+v", err, r)
	}

	live := []byte(`<!DOCTYPE html><html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",` +
		`"headline":"Strike \u001b]0;x\u0007live","liveBlogUpdate":[{"@type":"BlogPosting","headline":"Pickets \u001b[31mgather",` +
		`"datePublished":"2016-01-12T08:35:00Z","articleBody":"Doctors gathered at hospital gates.","url":"https://news.example.com/live/strike#p1"}]}` +
		`</script></head><body></body></html>`)
	r, err = Parse(live, "text/html", base)
	if err != nil || r.Format != "page" || len(r.Snapshot.Updates) != 1 {
		t.Fatalf("live page: %v %+v", err, r)
	}
	checkSnapshot(t, &r.Snapshot)
	if u := r.Snapshot.Updates[0]; u.Headline != "Pickets gather" || u.Hash == 0 {
		t.Errorf("page update not prepared: %+v", u)
	}
}

func TestPlainTextContent(t *testing.T) {
	atomDoc := `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` +
		`<entry><id>a</id><title>x</title><updated>2016-01-12T09:00:00Z</updated><content type="text">Use &lt;b&gt; for bold

Second paragraph.</content></entry>` +
		`<entry><id>b</id><title>y</title><updated>2016-01-12T09:00:00Z</updated><content type="html">&lt;p&gt;Real &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</content></entry>` +
		`<entry><id>c</id><title>z</title><updated>2016-01-12T09:00:00Z</updated><content>&lt;p&gt;Untyped &lt;i&gt;HTML&lt;/i&gt;&lt;/p&gt;</content></entry></feed>`
	r, err := Parse([]byte(atomDoc), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Snapshot.Updates[0].Text; got != "Use <b> for bold\n\nSecond paragraph." {
		t.Errorf("atom text content = %q", got)
	}
	if got := r.Snapshot.Updates[1].Text; got != "Real HTML" {
		t.Errorf("atom html content = %q", got)
	}
	if got := r.Snapshot.Updates[2].Text; got != "Untyped HTML" {
		t.Errorf("atom untyped html content = %q", got)
	}
	jsonDoc := `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x < y & <i>z</i>"}]}`
	r, err = Parse([]byte(jsonDoc), "", nil)
	if err != nil || r.Snapshot.Updates[0].Text != "x < y & <i>z</i>" {
		t.Errorf("json content_text: %v %q", err, r.Snapshot.Updates[0].Text)
	}
}

func TestDatesNoFeedMeans(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>t</title>` +
		`<item><guid>a</guid><title>zero</title><pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item>` +
		`<item><guid>b</guid><title>garbled</title><pubDate>next Tuesday-ish</pubDate></item>` +
		`<item><guid>c</guid><title>fine</title><pubDate>Tue, 12 Jan 2016 09:00:00 GMT</pubDate></item></channel></rss>`
	r, err := Parse([]byte(doc), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range r.Snapshot.Updates {
		if u.Headline == "fine" {
			if u.Published.IsZero() {
				t.Error("a good date was lost")
			}
		} else if !u.Published.IsZero() {
			t.Errorf("%s: published %v", u.Headline, u.Published)
		}
	}
}
