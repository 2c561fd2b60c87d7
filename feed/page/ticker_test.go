package page

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTickers reads plain-HTML tickers of several shapes: each update's
// headline and instant, in the page's order.
func TestTickers(t *testing.T) {
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	for _, tc := range []struct {
		file      string
		title     string
		headlines []string
		times     []time.Time
	}{
		{
			// flat: date headings, "09.15 Uhr: …" headings, paragraphs; a
			// site feed link, a sidebar and a "more" list around it
			file:      "ticker_de_flat.html",
			title:     "Sturm im Allgäu: Der Liveticker",
			headlines: []string{"Bahnstrecke nach Kempten wieder frei", "Schulen öffnen normal", "Tausende Haushalte noch ohne Strom", "Feuerwehr zieht Bilanz", "B19 gesperrt"},
			times:     []time.Time{utc(3, 4, 8, 15), utc(3, 4, 6, 40), utc(3, 4, 5, 5), utc(3, 3, 22, 50), utc(3, 3, 20, 20)},
		},
		{
			// a container per update: a time-only paragraph, a heading, text
			file:      "ticker_en_containers.html",
			title:     "Rail strike latest: live updates",
			headlines: []string{"Talks to resume on Friday", "Platforms quiet at Central", "Buses added on the coast road", "Picket lines form before dawn"},
			times:     []time.Time{utc(3, 4, 10, 58), utc(3, 4, 10, 12), utc(3, 4, 9, 1), utc(3, 4, 7, 35)},
		},
		{
			// French, oldest first on a page that calls itself live
			file:      "ticker_fr_direct.html",
			title:     "Crue de la Garonne : suivez la journée en direct",
			headlines: []string{"Les quais évacués à Toulouse", "Le pic attendu en fin d’après-midi", "Un pont fermé à la circulation"},
			times:     []time.Time{utc(3, 4, 7, 10), utc(3, 4, 9, 42), utc(3, 4, 12, 5)},
		},
		{
			// "+++ 22.45 Uhr: …" paragraphs, no headings, past midnight
			file:      "ticker_de_paragraphs.html",
			title:     "Landtagswahl: Der News-Ticker zum Wahlabend",
			headlines: []string{"Das vorläufige Endergebnis liegt vor.", "In der Landeshauptstadt sind alle Wahlbezirke ausgezählt.", "Die erste Hochrechnung bestätigt den Trend der Prognose.", "Die Wahllokale sind geschlossen."},
			times:     []time.Time{utc(3, 8, 23, 40), utc(3, 8, 22, 15), utc(3, 8, 19, 5), utc(3, 8, 17, 0)},
		},
		{
			// a container per update, its date and time in an aside inside
			// it, as a common blogging plugin writes them; a sidebar beside
			file:      "ticker_en_wordpress.html",
			title:     "Flood watch: live updates from the valley",
			headlines: []string{"Mill Street bridge closed", "Shelter opens at the high school", "River above flood stage"},
			times:     []time.Time{utc(3, 4, 16, 40), utc(3, 4, 14, 5), utc(3, 4, 12, 20)},
		},
		{
			// a section per day, its date without a year
			file:      "ticker_de_days.html",
			title:     "Tarifstreit im Nahverkehr",
			headlines: []string{"Einigung in Sicht?", "Busse fahren wieder", "Verhandlungen dauern an", "Kundgebung am Hauptbahnhof"},
			times:     []time.Time{utc(3, 5, 7, 20), utc(3, 5, 5, 45), utc(3, 4, 18, 30), utc(3, 4, 10, 0)},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res, err := extract(t, tc.file, fixtureBase(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			s := res.Snapshot
			if !s.FromLayout || s.Title != tc.title || res.Alternate != "" {
				t.Errorf("FromLayout %v, title %q, alternate %q", s.FromLayout, s.Title, res.Alternate)
			}
			if got := headlines(s); strings.Join(got, "|") != strings.Join(tc.headlines, "|") {
				t.Fatalf("headlines %q\nwant %q", got, tc.headlines)
			}
			for i, u := range s.Updates {
				if !u.Published.Equal(tc.times[i]) {
					t.Errorf("%q at %v, want %v", u.Headline, u.Published.UTC(), tc.times[i])
				}
				if u.Text == "" || strings.Contains(u.Text, "Uhr:") || strings.Contains(u.Text, "+++") || strings.Contains(u.Text, u.Headline+"\n") {
					t.Errorf("%q: text %q", u.Headline, u.Text)
				}
			}
		})
	}
}

func TestTickerTextStaysInItsBlock(t *testing.T) {
	res, err := extract(t, "ticker_de_flat.html", fixtureBase(t, "ticker_de_flat.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range res.Snapshot.Updates {
		for _, leak := range []string{"Anzeige", "Mehr zum Thema", "Sturmschäden", "Wochenmarkt", "nicht hier", "Kreisbote"} {
			if strings.Contains(u.Text, leak) {
				t.Errorf("%q holds %q: %q", u.Headline, leak, u.Text)
			}
		}
	}
	if n := len(res.Snapshot.Updates[0].Body.Blocks); n != 2 {
		t.Errorf("first update has %d paragraphs, want 2", n)
	}
	res, err = extract(t, "ticker_en_containers.html", fixtureBase(t, "ticker_en_containers.html"))
	if err != nil {
		t.Fatal(err)
	}
	if u := res.Snapshot.Updates[2]; u.Link != "https://courier.example/news/live/rail-strike#post-5024" || len(u.Body.Links) != 1 {
		t.Errorf("update link %q, body links %q", u.Link, u.Body.Links)
	}
	if strings.Contains(res.Snapshot.Updates[0].Text, "Share") {
		t.Errorf("share button in text: %q", res.Snapshot.Updates[0].Text)
	}
	res, err = extract(t, "ticker_en_wordpress.html", fixtureBase(t, "ticker_en_wordpress.html"))
	if err != nil {
		t.Fatal(err)
	}
	if u := res.Snapshot.Updates[1]; u.Author != "Sam Reyes" || strings.Contains(u.Text, "Sam Reyes") || len(u.Body.Blocks) != 2 {
		t.Errorf("author %q, text %q", u.Author, u.Text)
	}
	for _, u := range res.Snapshot.Updates {
		if strings.Contains(u.Text, "Recent Posts") || strings.Contains(u.Text, "2026") {
			t.Errorf("%q: %q", u.Headline, u.Text)
		}
	}
}

// TestLookAlikes: ordinary pages with times and headings are not read as
// tickers; they get today's answer.
func TestLookAlikes(t *testing.T) {
	for _, file := range []string{"lookalike_sidebar.html", "lookalike_newsticker.html", "lookalike_programme.html", "lookalike_teasers.html"} {
		res, err := extract(t, file, fixtureBase(t, file))
		if !errors.Is(err, ErrNoLiveBlog) || res != nil {
			t.Errorf("%s: %+v, %v; want ErrNoLiveBlog", file, res, err)
		}
	}
	res, err := extract(t, "lookalike_index.html", fixtureBase(t, "lookalike_index.html"))
	if err != nil || res.Snapshot != nil || res.Alternate != "https://courier.example/news/rss.xml" {
		t.Errorf("index page: %+v, %v; want its feed", res, err)
	}
	res, err = extract(t, "lookalike_comments.html", fixtureBase(t, "lookalike_comments.html"))
	if err != nil || res.Snapshot != nil || res.Alternate != "https://backblog.example/feed" {
		t.Errorf("readers' comments: %+v, %v; want the blog's feed", res, err)
	}
}

// TestTickerEdges: what a ticker needs, one rule at a time.
func TestTickerEdges(t *testing.T) {
	const head = `<html><head><meta property="article:published_time" content="2026-03-04T08:00:00+01:00"></head><body><h1>Streik: Liveticker</h1>`
	entry := func(clock, headline string) string {
		return `<h3>` + clock + ` Uhr: ` + headline + `</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.</p>`
	}
	for _, tc := range []struct {
		name, page string
		want       int
	}{
		{"three in order", head + entry("11.00", "C") + entry("10.00", "B") + entry("09.00", "A"), 3},
		{"two are not enough", head + entry("11.00", "C") + entry("10.00", "B"), 0},
		{"out of order", head + entry("11.00", "C") + entry("09.00", "A") + entry("10.00", "B"), 0},
		{"oldest first on a live page", head + entry("09.00", "A") + entry("10.00", "B") + entry("11.00", "C"), 3},
		{"oldest first elsewhere", strings.Replace(head, "Liveticker", "Rückblick", 1) + entry("09.00", "A") + entry("10.00", "B") + entry("11.00", "C"), 0},
		{"no text", head + `<h3>11.00 Uhr</h3><h3>10.00 Uhr</h3><h3>09.00 Uhr</h3>`, 0},
		{"headlines only", head + `<h3>11.00 Uhr: C</h3><h3>10.00 Uhr: B</h3><h3>09.00 Uhr: A</h3>`, 0},
		{"no date anywhere", `<html><body><h1>Liveticker</h1>` + entry("11.00", "C") + entry("10.00", "B") + entry("09.00", "A"), 0},
		{"date from a heading only", `<html><body><h1>Liveticker</h1><h2>4. März 2026</h2>` + entry("11.00", "C") + entry("10.00", "B") + entry("09.00", "A"), 3},
	} {
		res, err := Extract([]byte(tc.page), mustURL(t, "https://z.example/streik"))
		got := 0
		if err == nil && res.Snapshot != nil {
			got = len(res.Snapshot.Updates)
		}
		if got != tc.want {
			t.Errorf("%s: %d updates (err %v), want %d", tc.name, got, err, tc.want)
		}
	}
}

// TestTickerZones: a time's own zone wins; else the page's; else UTC.
func TestTickerZones(t *testing.T) {
	body := `<h1>Liveticker</h1><h2>4. März 2026</h2>` +
		`<h3>11.00 Uhr MESZ: C</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.</p>` +
		`<h3>08.30 Uhr: B</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.</p>` +
		`<h3><time datetime="2026-03-04T07:00:00+01:00">07.00 Uhr</time>: A</h3><p>Ein Absatz mit genug Text, um als Meldung zu zählen.</p>`
	utc := func(h, m int) time.Time { return time.Date(2026, 3, 4, h, m, 0, 0, time.UTC) }
	for _, tc := range []struct {
		head string
		want []time.Time
	}{
		{`<meta property="article:published_time" content="2026-03-04T06:00:00+01:00">`, []time.Time{utc(9, 0), utc(7, 30), utc(6, 0)}},
		{``, []time.Time{utc(9, 0), utc(8, 30), utc(6, 0)}},
	} {
		res, err := Extract([]byte(`<html><head>`+tc.head+`</head><body>`+body), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.head, err)
		}
		for i, u := range res.Snapshot.Updates {
			if !u.Published.Equal(tc.want[i]) {
				t.Errorf("%s: update %d at %v, want %v", tc.head, i, u.Published.UTC(), tc.want[i])
			}
		}
	}
}

// TestLiveBlogStubTakesTheLayout: a LiveBlogPosting that lists no updates
// on a page whose layout shows them is read from the layout, keeping the
// blog's title and times.
func TestLiveBlogStubTakesTheLayout(t *testing.T) {
	doc := string(readFixture(t, "ticker_de_flat.html"))
	doc = strings.Replace(doc, `"@type":"NewsArticle"`, `"@type":"LiveBlogPosting","coverageStartTime":"2026-03-03T18:00:00+01:00"`, 1)
	res, err := Extract([]byte(doc), mustURL(t, fixtureBase(t, "ticker_de_flat.html")))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Snapshot
	if len(s.Updates) != 5 || !s.FromLayout || s.CoverageStart.IsZero() || res.Alternate != "" {
		t.Errorf("%d updates, FromLayout %v, coverage %v, alternate %q", len(s.Updates), s.FromLayout, s.CoverageStart, res.Alternate)
	}
}

// TestTickerHostileText: text read from the layout is sanitised like any
// other.
func TestTickerHostileText(t *testing.T) {
	page := `<html><head><meta name="date" content="2026-03-04T08:00:00+01:00"><title>T&#x1b;]0;x&#7;</title></head><body><h1>Live&#x1b;[2J</h1>` +
		`<h3>11.00 Uhr: C&#x9b;31m&#x202e;</h3><p>Text &#x1b;[31mmit genug Zeichen für eine Meldung.</p>` +
		`<h3>10.00 Uhr: B</h3><p>Text mit genug Zeichen für eine Meldung.&#x7;</p>` +
		`<h3>09.00 Uhr: A</h3><p>Text mit genug Zeichen für eine Meldung.</p></body></html>`
	res, err := Extract([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Snapshot.Prepare()
	out := dump(res, nil)
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("%q survived:\n%q", bad, out)
		}
	}
	if len(res.Snapshot.Updates) != 3 {
		t.Errorf("%d updates", len(res.Snapshot.Updates))
	}
}

// TestTimePrintedTwice: a time shown in two forms side by side is one
// time, and a short paragraph's parts are read.
func TestTimePrintedTwice(t *testing.T) {
	entry := func(id, twelve, twentyFour, headline string) string {
		return `<div class="block" id="` + id + `"><p class="block-time"><span class="tz">` + twelve + ` GMT</span> <span class="plain">` + twentyFour +
			`</span></p><h2>` + headline + `</h2><p>A paragraph long enough to count as the update's own text.</p></div>`
	}
	page := `<html><head><meta property="article:published_time" content="2026-03-04T07:00:00Z"></head><body><h1>Strike: live</h1><div class="blocks">` +
		entry("b3", "11.08am", "11:08", "Talks resume") + entry("b2", "10.25am", "10:25", "What the experts say") + entry("b1", "9.02am", "09:02", "Good morning") + `</div></body></html>`
	res, err := Extract([]byte(page), mustURL(t, "https://g.example/live"))
	if err != nil {
		t.Fatal(err)
	}
	if got := headlines(res.Snapshot); strings.Join(got, "|") != "Talks resume|What the experts say|Good morning" {
		t.Fatalf("headlines %q", got)
	}
	if at := res.Snapshot.Updates[0].Published; !at.Equal(time.Date(2026, 3, 4, 11, 8, 0, 0, time.UTC)) {
		t.Errorf("published %v", at)
	}
}

// bigTicker is a page of at least size bytes whose n updates are only in
// its layout: "HH.MM Uhr: …" headings and paragraphs under date headings,
// among scripts, styles and navigation as large sites ship them.
func bigTicker(n, size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Streik: Der Liveticker</title>`)
	b.WriteString(`<meta property="article:published_time" content="2016-01-12T06:00:00+01:00"><style>`)
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&b, ".c%d{margin:%dpx}\n", i, i%17)
	}
	b.WriteString(`</style></head><body><nav>`)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, `<a href="/rubrik/%d">Rubrik %d</a>`, i, i)
	}
	b.WriteString(`</nav><main><article><h1>Streik: Der Liveticker</h1>`)
	start := time.Date(2016, 1, 12, 7, 0, 0, 0, time.UTC)
	day := -1
	for i := n; i >= 1; i-- {
		at := start.Add(time.Duration(i) * 17 * time.Minute)
		if at.Day() != day {
			day = at.Day()
			fmt.Fprintf(&b, "<h2>%d. Januar 2016</h2>\n", day)
		}
		fmt.Fprintf(&b, `<h3>%02d.%02d Uhr: Meldung %d vom Streik</h3><p>Absatz eins der Meldung %d: Streikposten vor dem Klinikum, Transparente und ein kalter Morgen.</p><p>Absatz zwei: etwa %d Eingriffe wurden verschoben.</p>`,
			at.Hour(), at.Minute(), i, i, 4000+i)
		if i%10 == 0 {
			b.WriteString(`<div class="ad">Anzeige</div><script>window.ad=function(){return 1};</script>`)
		}
		b.WriteString("\n")
	}
	b.WriteString(`</article></main><footer>`)
	for b.Len() < size {
		b.WriteString(`<div class="f"><a href="/impressum">Impressum</a><p>Fußzeile mit Links und Hinweisen.</p></div>`)
	}
	b.WriteString("</footer></body></html>\n")
	return []byte(b.String())
}

func TestBigTicker(t *testing.T) {
	res, err := Extract(bigTicker(80, 700<<10), mustURL(t, "https://big.example/liveticker"))
	if err != nil {
		t.Fatal(err)
	}
	res.Snapshot.Prepare()
	if n := len(res.Snapshot.Updates); n != 80 || !res.Snapshot.FromLayout {
		t.Fatalf("%d updates", n)
	}
	if u := res.Snapshot.Updates[79]; u.Headline != "Meldung 1 vom Streik" || len(u.Body.Blocks) != 2 {
		t.Errorf("oldest: %q, %d paragraphs", u.Headline, len(u.Body.Blocks))
	}
}

// BenchmarkPageLayout is Extract on a page of the size BenchmarkPage reads
// whose updates are only in its layout: the page is parsed into a tree
// and walked.
func BenchmarkPageLayout(b *testing.B) {
	doc := bigTicker(80, 700<<10)
	base, _ := url.Parse("https://big.example/liveticker")
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
