package page

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liveline-tui/liveline/model"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata")

// fixtures are the pages under testdata and the address each was read from.
var fixtures = []struct{ file, base string }{
	{"single.html", "https://news.example/uk/junior-doctors-strike-live"},
	{"graph_de.html", "https://zeitung.example/ausland/aerztestreik-liveticker"},
	{"array.html", "https://live.example/strike-day"},
	{"typearray.html", "https://wire.example/doctors-strike"},
	{"microdata_fr.html", "https://journal.example/monde/direct-greve-internes"},
	{"malformed.html", "https://news.example/second-strike"},
	{"pair_jsonld.html", "https://paper.example/live/talks"},
	{"pair_microdata.html", "https://paper.example/live/talks"},
	{"autodiscovery.html", "https://blog.example/live/strike"},
	{"nothing.html", "https://news.example/about"},
	{"ticker_de_flat.html", "https://kreisbote.example/allgaeu/sturm-liveticker-100.html"},
	{"ticker_en_containers.html", "https://courier.example/news/live/rail-strike"},
	{"ticker_fr_direct.html", "https://depeche.example/toulouse/crue-garonne-direct"},
	{"ticker_de_paragraphs.html", "https://anzeiger.example/politik/landtagswahl-news-ticker-zr-900.html"},
	{"ticker_de_days.html", "https://stadtblatt.example/verkehr/tarifstreit-200.html"},
	{"ticker_en_wordpress.html", "https://valleypost.example/2026/03/04/flood-watch-live/"},
	{"lookalike_sidebar.html", "https://kreisbote.example/kempten/iller-bruecke-700.html"},
	{"lookalike_newsticker.html", "https://technik.example/newsticker/meldung/chipfertiger-werk-sachsen-800.html"},
	{"lookalike_programme.html", "https://stadtblatt.example/verkehr/warnstreik-ablauf-300.html"},
	{"lookalike_index.html", "https://courier.example/news/"},
	{"lookalike_comments.html", "https://backblog.example/rezepte/apfelkuchen-vom-blech.html"},
	{"lookalike_teasers.html", "https://nachrichten.example/lokales/hafenfest-bilanz-400.html"},
	{"sameheadline.html", "https://herald.example/politics/live/budget-day"},
	{"generic_order.html", "https://stadtanzeiger.example/sport/marathon-liveblog"},
	{"two_blocks.html", "https://gazette.example/live/count"},
}

// fixtureBase returns the address a fixture was read from.
func fixtureBase(t *testing.T, file string) string {
	t.Helper()
	for _, f := range fixtures {
		if f.file == file {
			return f.base
		}
	}
	t.Fatalf("%s is not in fixtures", file)
	return ""
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// extract reads a fixture and prepares its snapshot as feed/parse does.
func extract(t testing.TB, name, base string) (*Result, error) {
	t.Helper()
	res, err := Extract(readFixture(t, name), mustURL(t, base))
	if err == nil && res.Snapshot != nil {
		res.Snapshot.Prepare()
	}
	return res, err
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// dump renders a result as text for golden files.
func dump(res *Result, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	fmt.Fprintf(&b, "alternate: %s\nnext: %s\n", res.Alternate, res.Next)
	s := res.Snapshot
	if s == nil {
		b.WriteString("snapshot: none\n")
		return b.String()
	}
	fmt.Fprintf(&b, "title: %s\nsummary: %s\nlink: %s\ntotal: %d\ncoverage: %s .. %s\nupdates: %d\n",
		s.Title, s.Summary, s.Link, s.Total, fmtTime(s.CoverageStart), fmtTime(s.CoverageEnd), len(s.Updates))
	if s.FromLayout {
		b.WriteString("read from the page's layout\n")
	}
	for _, u := range s.Updates {
		fmt.Fprintf(&b, "\n## %s\nid: %s\nlink: %s\npublished: %s\nupdated: %s\nauthor: %s\ncategories: %s\nkey: %v pinned: %v\n",
			u.Headline, u.ID, u.Link, fmtTime(u.Published), fmtTime(u.Updated), u.Author, strings.Join(u.Categories, " | "), u.Key, u.Pinned)
		if len(u.Body.Links) > 0 {
			fmt.Fprintf(&b, "links: %s\n", strings.Join(u.Body.Links, " "))
		}
		if u.Text != "" {
			fmt.Fprintf(&b, "%s\n", u.Text)
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			got := dump(extract(t, f.file, f.base))
			golden := filepath.Join("testdata", strings.TrimSuffix(f.file, ".html")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./feed/page -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", f.file, golden, got)
			}
		})
	}
}

// headlines lists a snapshot's headlines in order.
func headlines(s *model.Snapshot) []string {
	var out []string
	for _, u := range s.Updates {
		out = append(out, u.Headline)
	}
	return out
}

func TestSingleObject(t *testing.T) {
	res, err := extract(t, "single.html", "https://news.example/uk/junior-doctors-strike-live")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Junior doctors' strike: live updates" || !strings.HasPrefix(s.Summary, "Doctors in training") {
		t.Errorf("title %q summary %q", s.Title, s.Summary)
	}
	if s.Total != 40 {
		t.Errorf("Total = %d, want 40 from numberOfItems (it wins over the data attribute)", s.Total)
	}
	if want := time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC); !s.CoverageStart.Equal(want) {
		t.Errorf("CoverageStart = %v", s.CoverageStart)
	}
	if res.Next != "https://news.example/uk/junior-doctors-strike-live?page=2" {
		t.Errorf("Next = %q: the first rel=next wins and is made absolute", res.Next)
	}
	if res.Alternate != "" {
		t.Errorf("Alternate = %q beside a live blog with updates", res.Alternate)
	}
	if len(s.Updates) != 5 {
		t.Fatalf("%d updates: %q", len(s.Updates), headlines(s))
	}
	turnout, talks, noHeadline, hunt, pickets := s.Updates[0], s.Updates[1], s.Updates[2], s.Updates[3], s.Updates[4]
	if !turnout.Key || turnout.Author != "Priya Nair, Tom Hale" || len(turnout.Body.Links) != 1 ||
		turnout.Body.Links[0] != "https://news.example/uk/strike-figures" {
		t.Errorf("turnout update: key %v author %q links %q", turnout.Key, turnout.Author, turnout.Body.Links)
	}
	if talks.Text != "" || talks.Headline != "Talks to restart on Thursday" {
		t.Errorf("headline-only update: %q / %q", talks.Headline, talks.Text)
	}
	if !strings.HasPrefix(noHeadline.Headline, "Acas confirmed that both sides") || len(noHeadline.Body.Blocks) != 2 {
		t.Errorf("body-only update: headline %q, %d blocks", noHeadline.Headline, len(noHeadline.Body.Blocks))
	}
	if !noHeadline.Published.IsZero() {
		t.Errorf("an unreadable date should be zero, got %v", noHeadline.Published)
	}
	if !strings.Contains(hunt.Text, "at risk & that") {
		t.Errorf("entities in plain JSON-LD text should be decoded: %q", hunt.Text)
	}
	if want := time.Date(2016, 1, 12, 10, 15, 0, 0, time.UTC); !hunt.Published.Equal(want) {
		t.Errorf("date without seconds or zone: %v", hunt.Published)
	}
	if !pickets.Pinned || !pickets.Key || pickets.Link != "https://news.example/uk/junior-doctors-strike-live#post-1" {
		t.Errorf("pinned update: pinned %v key %v link %q", pickets.Pinned, pickets.Key, pickets.Link)
	}
	if turnout.ID != "https://news.example/uk/junior-doctors-strike-live#post-5" {
		t.Errorf("ID = %q, want the update's @id", turnout.ID)
	}
}

func TestGraphInGerman(t *testing.T) {
	res, err := extract(t, "graph_de.html", "https://zeitung.example/ausland/aerztestreik-liveticker")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Streik der Assistenzärzte: Tausende Eingriffe abgesagt" {
		t.Errorf("title %q", s.Title)
	}
	want := []string{"Gespräche sollen am Donnerstag weitergehen", "Rund 4000 Operationen fallen aus", "Streikposten vor den Kliniken"}
	if got := headlines(s); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("headlines %q, want %q (references into the @graph followed)", got, want)
	}
	if s.Updates[0].Author != "Beispielzeitung" {
		t.Errorf("author by reference: %q", s.Updates[0].Author)
	}
	if !s.Updates[1].Key || s.Updates[1].Published.IsZero() {
		t.Errorf("second update: key %v published %v", s.Updates[1].Key, s.Updates[1].Published)
	}
	if want := time.Date(2016, 1, 12, 15, 20, 0, 0, time.UTC); !s.Updates[0].Published.Equal(want) {
		t.Errorf("+0100 without seconds: %v", s.Updates[0].Published)
	}
	if !strings.Contains(s.Updates[2].Text, "4 °C") {
		t.Errorf("text %q", s.Updates[2].Text)
	}
	if s.Link != "https://zeitung.example/ausland/aerztestreik-liveticker" {
		t.Errorf("link %q from mainEntityOfPage", s.Link)
	}
}

func TestTopLevelArrayAndItemList(t *testing.T) {
	res, err := extract(t, "array.html", "https://live.example/strike-day")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Strike day & aftermath – as it happened" {
		t.Errorf("title %q", s.Title)
	}
	if s.Total != 3 || s.CoverageEnd.IsZero() {
		t.Errorf("total %d coverage end %v", s.Total, s.CoverageEnd)
	}
	if len(s.Updates) != 3 || s.Updates[1].Text != "The stoppage ends at 8am on Wednesday." || !s.Updates[2].Pinned {
		t.Errorf("updates %q", headlines(s))
	}
	for _, u := range s.Updates {
		if strings.Contains(u.Text, "explainer") {
			t.Errorf("the NewsArticle beside the live blog leaked in: %q", u.Text)
		}
	}
}

func TestTypeArraySingleUpdate(t *testing.T) {
	res, err := extract(t, "typearray.html", "https://wire.example/doctors-strike")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Doctors strike: minute by minute" || s.Link != "https://wire.example/doctors-strike" {
		t.Errorf("title %q link %q", s.Title, s.Link)
	}
	if len(s.Updates) != 1 {
		t.Fatalf("%d updates", len(s.Updates))
	}
	u := s.Updates[0]
	if u.Author != "Wire Staff" || len(u.Body.Blocks) != 2 || u.Updated.IsZero() {
		t.Errorf("update %+v", u)
	}
}

func TestMicrodata(t *testing.T) {
	res, err := extract(t, "microdata_fr.html", "https://journal.example/monde/direct-greve-internes")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Grève des médecins internes\u00a0: suivez la journée en direct" {
		t.Errorf("title %q", s.Title)
	}
	if s.Total != 12 {
		t.Errorf("Total = %d from data-post-count", s.Total)
	}
	if res.Next != "https://journal.example/monde/direct-greve-internes?page=2" {
		t.Errorf("Next = %q", res.Next)
	}
	if len(s.Updates) != 4 {
		t.Fatalf("%d updates: %q", len(s.Updates), headlines(s))
	}
	first := s.Updates[0]
	if first.Headline != "Reprise des négociations jeudi" || first.Author != "Élodie Mercier" ||
		first.Link != "https://journal.example/monde/direct-greve-internes#billet-3" {
		t.Errorf("first: %q by %q at %q", first.Headline, first.Author, first.Link)
	}
	if strings.Contains(first.Text, "ads.push") || !strings.Contains(first.Text, "Le ministère n’a pas commenté.") {
		t.Errorf("first text %q", first.Text)
	}
	if !strings.HasPrefix(s.Updates[1].Headline, "Selon les chiffres du NHS England, 43") || s.Updates[1].Updated.IsZero() {
		t.Errorf("body-only microdata update: %q", s.Updates[1].Headline)
	}
	third, fourth := s.Updates[2], s.Updates[3]
	if third.Headline != "Les piquets de grève se forment devant les hôpitaux" || third.Text != "" || len(third.Categories) != 2 {
		t.Errorf("unclosed <li> update: %q %q %q", third.Headline, third.Text, third.Categories)
	}
	if fourth.Text != "Bonjour et bienvenue dans ce direct consacré à la grève." {
		t.Errorf("last update %q", fourth.Text)
	}
	if want := time.Date(2016, 1, 12, 8, 5, 0, 0, time.UTC); !third.Published.Equal(want) {
		t.Errorf("published %v", third.Published)
	}
}

// TestMicrodataMatchesJSONLD reads the same story marked up both ways.
func TestMicrodataMatchesJSONLD(t *testing.T) {
	base := "https://paper.example/live/talks"
	a, err := extract(t, "pair_jsonld.html", base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := extract(t, "pair_microdata.html", base)
	if err != nil {
		t.Fatal(err)
	}
	if da, db := dump(a, nil), dump(b, nil); da != db {
		t.Errorf("JSON-LD and microdata differ:\n--- JSON-LD\n%s\n--- microdata\n%s", da, db)
	}
}

func TestMalformedScriptDoesNotHideGoodOne(t *testing.T) {
	res, err := extract(t, "malformed.html", "https://news.example/second-strike")
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshot.Title != "Second strike day: live" || len(res.Snapshot.Updates) != 2 {
		t.Errorf("got %q with %q", res.Snapshot.Title, headlines(res.Snapshot))
	}
}

func TestAutodiscovery(t *testing.T) {
	res, err := extract(t, "autodiscovery.html", "https://blog.example/live/strike")
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshot != nil || res.Next != "" {
		t.Errorf("snapshot %v next %q", res.Snapshot, res.Next)
	}
	if res.Alternate != "https://blog.example/live/strike/feed.atom" {
		t.Errorf("Alternate = %q, want the first feed link resolved against <base href>", res.Alternate)
	}

	for _, tc := range []struct{ page, base, want string }{
		{`<link rel="Alternate" type="application/feed+json" href="/feed.json">`, "https://a.example/x/y", "https://a.example/feed.json"},
		{`<link rel="alternate home" type="application/json" href="../f.json">`, "https://a.example/x/y/z", "https://a.example/x/f.json"},
		{`<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"><link rel="alternate" type="application/rss+xml" href="rss">`, "https://a.example/", ""},
	} {
		res, err := Extract([]byte(tc.page), mustURL(t, tc.base))
		got := ""
		if err == nil {
			got = res.Alternate
		}
		if got != tc.want {
			t.Errorf("%s: Alternate %q, err %v; want %q", tc.page, got, err, tc.want)
		}
	}
}

func TestNoLiveBlog(t *testing.T) {
	for _, page := range []string{"", "<html></html>", string(readFixture(t, "nothing.html")), "<p>plain</p>", "\x00\xff<<<"} {
		res, err := Extract([]byte(page), mustURL(t, "https://news.example/about"))
		if !errors.Is(err, ErrNoLiveBlog) || res != nil {
			t.Errorf("%.40q: %v, %v", page, res, err)
		}
	}
}

// TestEmptyLiveBlogPrefersFeed: a LiveBlogPosting stub without updates
// comes back with the feed it links to.
func TestEmptyLiveBlogPrefersFeed(t *testing.T) {
	page := `<link rel="alternate" type="application/rss+xml" href="/live.rss">
<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Live: the count","coverageStartTime":"2016-01-12T08:00:00Z"}</script>`
	res, err := Extract([]byte(page), mustURL(t, "https://x.example/live"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshot == nil || res.Snapshot.Title != "Live: the count" || res.Alternate != "https://x.example/live.rss" {
		t.Errorf("%+v", res)
	}
}

func TestNilBase(t *testing.T) {
	res, err := Extract(readFixture(t, "pair_microdata.html"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Snapshot.Link != "/live/talks" || res.Snapshot.Updates[0].Link != "#p3" {
		t.Errorf("relative links with no base should stay as given: %q %q", res.Snapshot.Link, res.Snapshot.Updates[0].Link)
	}
}

func TestHostileText(t *testing.T) {
	page := `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Ti\u001b]0;pwn\u0007tle\u202e",
"liveBlogUpdate":[{"headline":"He\u009b31mad","articleBody":"bo\u001b[2Jdy","author":"A\u001bPx\u001b\\uthor"},
{"headline":"x","articleBody":"<p>html \u001b[31mred</p>","keywords":["k\u0000w"]}]}</script>
<div itemscope itemtype="https://schema.org/LiveBlogPosting"><h1 itemprop="headline">m&#x1b;[1md</h1></div>`
	res, err := Extract([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Snapshot.Prepare()
	out := dump(res, nil)
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\x00"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q survived:\n%q", bad, out)
		}
	}
	if res.Snapshot.Title != "Title" {
		t.Errorf("title %q", res.Snapshot.Title)
	}
}

func TestParseTime(t *testing.T) {
	utc := func(h, m, s int) time.Time { return time.Date(2016, 1, 12, h, m, s, 0, time.UTC) }
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2016-01-12T10:15:30Z", utc(10, 15, 30)},
		{"2016-01-12T10:15:30.250Z", utc(10, 15, 30).Add(250 * time.Millisecond)},
		{"2016-01-12T11:15:30+01:00", utc(10, 15, 30)},
		{"2016-01-12T11:15:30+0100", utc(10, 15, 30)},
		{"2016-01-12T10:15:30+0000", utc(10, 15, 30)},
		{"2016-01-12T11:15+01:00", utc(10, 15, 0)},
		{"2016-01-12T11:15+0100", utc(10, 15, 0)},
		{"2016-01-12T10:15:30", utc(10, 15, 30)},
		{"2016-01-12T10:15", utc(10, 15, 0)},
		{"2016-01-12 10:15:30", utc(10, 15, 30)},
		{"2016-01-12 10:15:30 +0000", utc(10, 15, 30)},
		{" 2016-01-12t10:15:30z ", utc(10, 15, 30)},
		{"2016-01-12", utc(0, 0, 0)},
		{"Tue, 12 Jan 2016 10:15:30 +0000", utc(10, 15, 30)},
		{"Tue, 12 Jan 2016 10:15:30 GMT", utc(10, 15, 30)},
		{"yesterday", time.Time{}},
		{"", time.Time{}},
		{"2016-01-12T13+00:00", time.Time{}},
	} {
		if got := parseTime(tc.in); !got.Equal(tc.want) {
			t.Errorf("parseTime(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestLDWrappers(t *testing.T) {
	for _, in := range []string{
		`{"a":1}`, " \n<!-- {\"a\":1} --> ", `<![CDATA[{"a":1}]]>`, "/*<![CDATA[*/{\"a\":1}/*]]>*/", `{"a":1};`,
	} {
		if v := decodeLD([]byte(in)); len(v) != 1 {
			t.Errorf("decodeLD(%q) = %v", in, v)
		}
	}
	if v := decodeLD([]byte("{\"a\":\"line\nbreak\"}")); len(v) != 1 || v[0].(map[string]any)["a"] != "line\nbreak" {
		t.Errorf("raw newline in a string: %v", v)
	}
	if v := decodeLD([]byte(`{"a":1} {"b":2}`)); len(v) != 2 {
		t.Errorf("two values: %v", v)
	}
}

// TestLargePage reads a generated 700 KB page with 80 updates and plenty
// of scripts, styles and markup around them.
func TestLargePage(t *testing.T) {
	doc := bigPage(80, 700<<10)
	if len(doc) < 700<<10 {
		t.Fatalf("page is only %d bytes", len(doc))
	}
	res, err := Extract(doc, mustURL(t, "https://big.example/live"))
	if err != nil {
		t.Fatal(err)
	}
	res.Snapshot.Prepare()
	s := res.Snapshot
	if len(s.Updates) != 80 || s.Total != 212 || res.Next != "https://big.example/live?page=2" {
		t.Fatalf("%d updates, total %d, next %q", len(s.Updates), s.Total, res.Next)
	}
	for i, u := range s.Updates {
		n := 80 - i
		if want := fmt.Sprintf("Update %d from the strike", n); u.Headline != want || u.Published.IsZero() || len(u.Body.Blocks) != 3 {
			t.Fatalf("update %d: %q, %v, %d blocks", i, u.Headline, u.Published, len(u.Body.Blocks))
		}
	}
}

// bigPage builds a page of at least size bytes carrying n updates in
// JSON-LD, shown again as markup, among scripts and styles as large sites
// ship them.
func bigPage(n, size int) []byte {
	var b strings.Builder
	b.Grow(size + 64<<10)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Strike: live</title>\n")
	b.WriteString("<link rel=\"next\" href=\"?page=2\">\n<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\">\n")
	b.WriteString("<style>")
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&b, ".c%d{margin:%dpx;padding:0 %dpx;color:#%06x}\n", i, i%17, i%9, i*2654435761%0xffffff)
	}
	b.WriteString("</style>\n")
	noise := func(k int) {
		b.WriteString("<script>")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "window.__s%d=function(a,b){if(a<b){return \"<div itemscope itemtype='LiveBlogPosting'>\"+a}return b*%d};\n", i, i)
		}
		b.WriteString("</script>\n")
	}
	noise(300)
	b.WriteString(`<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"Strike: live","numberOfItems":212,"coverageStartTime":"2016-01-12T08:00:00Z","liveBlogUpdate":[`)
	start := time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC)
	for i := n; i >= 1; i-- {
		if i != n {
			b.WriteByte(',')
		}
		at := start.Add(time.Duration(i) * 7 * time.Minute).Format(time.RFC3339)
		fmt.Fprintf(&b, `{"@type":"BlogPosting","@id":"https://big.example/live#u%d","headline":"Update %d from the strike","datePublished":%q,"author":{"@type":"Person","name":"Reporter %d"},"articleBody":"<p>Paragraph one of update %d: pickets, placards and a cold morning outside the hospital.</p><p>Paragraph two: about %d operations were put off, with emergency cover in place.</p><ul><li>Figures from the trusts</li></ul>"}`,
			i, i, at, i%5, i, 4000+i)
	}
	b.WriteString("]}</script>\n</head><body>\n<nav>")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `<a class="nav-link c%d" href="/section/%d" data-track="nav-%d">Section %d</a>`, i, i, i, i)
	}
	b.WriteString("</nav>\n<main><div class=\"live\" data-total-updates=\"212\">\n")
	for i := n; i >= 1; i-- {
		fmt.Fprintf(&b, `<article class="post c%d" id="u%d"><header><time datetime="x">%d</time><h2>Update %d from the strike</h2></header>`, i, i, i, i)
		fmt.Fprintf(&b, `<div class="body"><p>Paragraph one of update %d: pickets, placards and a cold morning outside the hospital.</p><p>Paragraph two.</p></div>`, i)
		b.WriteString(`<div class="share"><button data-a="1">Share</button><svg viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"/></svg></div></article>` + "\n")
		if i%10 == 0 {
			noise(40)
		}
	}
	b.WriteString("</div></main>\n")
	for b.Len() < size {
		noise(100)
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// BenchmarkPage is the ingest path of one poll of a large live page, as
// BenchmarkIngest10k in feed/parse measures it for feeds: extract, Prepare
// and a merge into a new story.
func BenchmarkPage(b *testing.B) {
	doc := bigPage(80, 700<<10)
	base, _ := url.Parse("https://big.example/live")
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Extract(doc, base)
		if err != nil {
			b.Fatal(err)
		}
		res.Snapshot.Prepare()
		if ch := model.NewStory().Merge(res.Snapshot); len(ch.New) != 80 {
			b.Fatalf("%d new updates", len(ch.New))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/80, "ns/update")
}

// BenchmarkPageExtract is Extract alone on the same page.
func BenchmarkPageExtract(b *testing.B) {
	doc := bigPage(80, 700<<10)
	base, _ := url.Parse("https://big.example/live")
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(doc, base); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/80, "ns/update")
}

// BenchmarkPageMicrodata is Extract on a page of the same size whose
// updates are in microdata, inside a page-wide WebPage item, so every
// element is tracked.
func BenchmarkPageMicrodata(b *testing.B) {
	doc := bigMicrodataPage(80, 700<<10)
	base, _ := url.Parse("https://big.example/live")
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Extract(doc, base)
		if err != nil || len(res.Snapshot.Updates) != 80 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/80, "ns/update")
}

func TestLargeMicrodataPage(t *testing.T) {
	doc := bigMicrodataPage(80, 700<<10)
	res, err := Extract(doc, mustURL(t, "https://big.example/live"))
	if err != nil {
		t.Fatal(err)
	}
	res.Snapshot.Prepare()
	s := res.Snapshot
	if len(s.Updates) != 80 || s.Title != "Strike: live" || s.Total != 212 {
		t.Fatalf("%q: %d updates, total %d", s.Title, len(s.Updates), s.Total)
	}
	for i, u := range s.Updates {
		n := 80 - i
		if want := fmt.Sprintf("Update %d from the strike", n); u.Headline != want || u.Published.IsZero() || len(u.Body.Blocks) != 3 || u.Author != fmt.Sprintf("Reporter %d", n%5) {
			t.Fatalf("update %d: %q, %v, %d blocks, %q", i, u.Headline, u.Published, len(u.Body.Blocks), u.Author)
		}
	}
}

// bigMicrodataPage is bigPage with its updates in microdata rather than
// JSON-LD.
func bigMicrodataPage(n, size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en" itemscope itemtype="https://schema.org/WebPage"><head><meta charset="utf-8"><title>Strike: live</title><script>`)
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "window.__s%d=function(a,b){if(a<b){return \"<p itemprop='headline'>\"+a}return b*%d};\n", i, i)
	}
	b.WriteString(`</script></head><body><nav>`)
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, `<a class="nav-link c%d" href="/section/%d" data-track="nav-%d"><span>Section %d</span></a>`, i, i, i, i)
	}
	b.WriteString(`</nav><main itemprop="mainEntity" itemscope itemtype="https://schema.org/LiveBlogPosting"><h1 itemprop="headline">Strike: live</h1><div data-total-updates="212">` + "\n")
	start := time.Date(2016, 1, 12, 8, 0, 0, 0, time.UTC)
	for i := n; i >= 1; i-- {
		at := start.Add(time.Duration(i) * 7 * time.Minute).Format(time.RFC3339)
		fmt.Fprintf(&b, `<article class="post c%d" id="u%d" itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting"><header><time itemprop="datePublished" datetime="%s">%d</time><h2 itemprop="headline">Update %d from the strike</h2>`, i, i, at, i, i)
		fmt.Fprintf(&b, `<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Reporter %d</span></span></header>`, i%5)
		fmt.Fprintf(&b, `<div class="body" itemprop="articleBody"><p>Paragraph one of update %d: pickets, placards and a cold morning outside the hospital.</p><p>Paragraph two: about %d operations were put off.</p><ul><li>Figures from the trusts</li></ul></div>`, i, 4000+i)
		b.WriteString(`<div class="share"><button data-a="1">Share</button><svg viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"/></svg>`)
		for j := 0; j < 30; j++ {
			fmt.Fprintf(&b, `<div class="w%d"><span class="x">widget %d</span><img src="/i/%d.png" alt=""></div>`, j, j, j)
		}
		b.WriteString("</div></article>\n")
	}
	b.WriteString("</div></main><footer>")
	for b.Len() < size {
		b.WriteString(`<div class="f"><a href="/about">About</a><p>Footer text, links and legal lines.</p></div>`)
	}
	b.WriteString("</footer></body></html>\n")
	return []byte(b.String())
}

func FuzzExtract(f *testing.F) {
	for _, fx := range fixtures {
		f.Add(readFixture(f, fx.file))
	}
	for _, s := range []string{
		`<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":{"@id":"a"}}</script>`,
		`<script type="application/ld+json">[{"@graph":[{"@type":["LiveBlogPosting"],"liveBlogUpdate":[{"@id":"#x"}]},{"@id":"#x","headline":"h","a":1}]}]</script>`,
		`<div itemscope itemtype="LiveBlogPosting"><li itemprop="liveBlogUpdate" itemscope><p itemprop="articleBody">a<li itemprop="liveBlogUpdate" itemscope><b itemprop="headline">b</div>`,
		`<div itemscope itemtype="x/LiveBlogPosting"><span itemprop="liveBlogUpdate headline articleBody" itemscope><meta itemprop="datePublished" content="2016-01-12T10:00Z"></span></div></div></span>`,
		`<a rel="next" href="?p=2"><link rel=alternate type=application/rss+xml href=//x/y>`,
	} {
		f.Add([]byte(s))
	}
	base, _ := url.Parse("https://fuzz.example/live/page")
	f.Fuzz(func(t *testing.T, doc []byte) {
		res, err := Extract(doc, base)
		if err != nil {
			if !errors.Is(err, ErrNoLiveBlog) || res != nil {
				t.Fatalf("res %v err %v", res, err)
			}
			return
		}
		if res.Snapshot == nil && res.Alternate == "" {
			t.Fatal("a result with neither snapshot nor feed")
		}
		if res.Snapshot != nil {
			res.Snapshot.Prepare()
		}
		out := dump(res, nil)
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(out, bad) {
				t.Fatalf("%q in output", bad)
			}
		}
	})
}

// TestFragmentLinksFollowTheStory: an update linked as "#post" keeps its
// link when it is read from an older page with another address.
func TestFragmentLinksFollowTheStory(t *testing.T) {
	doc := readFixture(t, "microdata_fr.html")
	p1, err := Extract(doc, mustURL(t, "https://journal.example/monde/direct-greve-internes"))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Extract(doc, mustURL(t, "https://journal.example/monde/direct-greve-internes?page=2"))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := p1.Snapshot.Updates[0].Link, p2.Snapshot.Updates[0].Link; a != b || a != "https://journal.example/monde/direct-greve-internes#billet-3" {
		t.Errorf("page 1 link %q, page 2 link %q", a, b)
	}
}

// TestReferenceLoops: lists that refer to themselves end quickly.
func TestReferenceLoops(t *testing.T) {
	refs := strings.Repeat(`{"@id":"#l"},`, 50)
	page := `<script type="application/ld+json">{"@graph":[
{"@type":"LiveBlogPosting","headline":"loop","liveBlogUpdate":{"@id":"#l"}},
{"@id":"#l","@type":"ItemList","itemListElement":[` + refs + `{"headline":"real","articleBody":"text"}]}]}</script>`
	start := time.Now()
	res, err := Extract([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if len(res.Snapshot.Updates) != 1 {
		t.Errorf("%d updates, want the one real update", len(res.Snapshot.Updates))
	}
}

func TestNextLinks(t *testing.T) {
	blog := `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"t","liveBlogUpdate":{"headline":"u"}}</script>`
	for _, tc := range []struct{ page, base, want string }{
		{blog + `<a class="older" rel="nofollow next" href="/live?before=123">Older</a>`, "https://a.example/live", "https://a.example/live?before=123"},
		{`<base href="/archive/">` + blog + `<link rel="NEXT" href="p2.html">`, "https://a.example/live/today", "https://a.example/archive/p2.html"},
		{blog + `<a rel="next" href="javascript:void(0)">more</a>`, "https://a.example/live", ""},
		{blog + `<a rel="prev" href="/p0">`, "https://a.example/live", ""},
		{blog + `<link rel="next" href="">`, "https://a.example/live", ""},
		{blog + `<link rel="next" href="live">`, "https://a.example/live", ""},
	} {
		res, err := Extract([]byte(tc.page), mustURL(t, tc.base))
		if err != nil {
			t.Fatal(err)
		}
		if res.Next != tc.want {
			t.Errorf("%s: Next %q, want %q", tc.page[len(blog)-10:], res.Next, tc.want)
		}
	}
}

// TestMicrodataNested: the live blog is the main entity of a page item,
// and a stray end tag or an unknown property does not upset it.
func TestMicrodataNested(t *testing.T) {
	page := `<body itemscope itemtype="https://schema.org/WebPage">
<span itemprop="name">Site</span>
<main itemprop="mainEntity" itemscope itemtype="https://schema.org/LiveBlogPosting">
<h1 itemprop="headline">Strike, day two</h1></span></b>
<div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting">
 <h2 itemprop="headline">Pickets again</h2><span itemprop="interactionCount">4</span>
 <div itemprop="image" itemscope itemtype="https://schema.org/ImageObject"><meta itemprop="name" content="a photo"></div>
 <div itemprop="articleBody">Fewer <i>pickets</i> today.</div>
</div>
</main></body>`
	res, err := Extract([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if s.Title != "Strike, day two" || len(s.Updates) != 1 {
		t.Fatalf("%q, %d updates", s.Title, len(s.Updates))
	}
	if u := s.Updates[0]; u.Headline != "Pickets again" || u.Body.PlainText() != "Fewer pickets today." {
		t.Errorf("update %q: %q", u.Headline, u.Body.PlainText())
	}
}

func TestBodyAsList(t *testing.T) {
	page := `<script type="application/ld+json">{"@type":"LiveBlogPosting","liveBlogUpdate":[
{"headline":"a","articleBody":["First paragraph.","Second paragraph."]},
{"headline":"b","articleBody":["<p>One</p>","<p>Two</p>"]}]}</script>`
	res, err := Extract([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"First paragraph.\n\nSecond paragraph.", "One\n\nTwo"} {
		if got := res.Snapshot.Updates[i].Body.PlainText(); got != want {
			t.Errorf("update %d: %q, want %q", i, got, want)
		}
	}
}
