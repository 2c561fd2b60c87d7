// Package recordtest builds deterministic feeds and recordings for the
// tests and benchmarks of recording and replay.
package recordtest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/liveline-tui/liveline/feed"
	"github.com/liveline-tui/liveline/model"
)

// Item is one update of a generated feed.
type Item struct {
	GUID, Title, Text string // Text: paragraphs separated by blank lines
	Published         time.Time
	Categories        []string
}

// RSS renders items (newest first) as an RSS 2.0 document with HTML
// descriptions.
func RSS(title, link string, items []Item) []byte {
	var b bytes.Buffer
	rssHead(&b, title, link)
	for _, it := range items {
		rssItem(&b, it)
	}
	b.WriteString(rssFoot)
	return b.Bytes()
}

func rssHead(b *bytes.Buffer, title, link string) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel>\n")
	fmt.Fprintf(b, "<title>%s</title>\n<link>%s</link>\n", html.EscapeString(title), html.EscapeString(link))
}

const rssFoot = "</channel></rss>\n"

func rssItem(b *bytes.Buffer, it Item) {
	b.WriteString("<item>\n")
	fmt.Fprintf(b, "<title>%s</title>\n", html.EscapeString(it.Title))
	fmt.Fprintf(b, "<guid isPermaLink=\"false\">%s</guid>\n", html.EscapeString(it.GUID))
	if !it.Published.IsZero() {
		fmt.Fprintf(b, "<pubDate>%s</pubDate>\n", it.Published.UTC().Format(time.RFC1123Z))
	}
	for _, c := range it.Categories {
		fmt.Fprintf(b, "<category>%s</category>\n", html.EscapeString(c))
	}
	var d strings.Builder
	for _, p := range strings.Split(it.Text, "\n\n") {
		d.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	fmt.Fprintf(b, "<description>%s</description>\n</item>\n", html.EscapeString(d.String()))
}

// Parse is a small RSS 2.0 reader for tests that need no real parser: it
// reads title, link, and each item's guid, title, pubDate, categories and
// description, whose paragraphs become the body.
func Parse(body []byte, contentType string, base *url.URL) (*model.Snapshot, error) {
	var doc struct {
		Channel struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			Items []struct {
				GUID       string   `xml:"guid"`
				Title      string   `xml:"title"`
				PubDate    string   `xml:"pubDate"`
				Categories []string `xml:"category"`
				Desc       string   `xml:"description"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	s := &model.Snapshot{Title: doc.Channel.Title, Link: doc.Channel.Link}
	for _, it := range doc.Channel.Items {
		u := model.Update{ID: it.GUID, Headline: it.Title, Categories: it.Categories}
		if it.PubDate != "" {
			t, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				return nil, err
			}
			u.Published = t
		}
		d := strings.ReplaceAll(it.Desc, "</p>", "\n\n")
		d = strings.ReplaceAll(d, "<p>", "")
		u.Body = model.TextBody(html.UnescapeString(d))
		s.Updates = append(s.Updates, u)
	}
	s.Prepare()
	return s, nil
}

// Start is when generated stories begin.
var Start = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// words feeds the generated text.
var words = strings.Fields(`council budget vote delayed after late amendment from opposition members ` +
	`transport minister confirms new timetable rail operators warn of disruption ` +
	`officials expect the figures to rise overnight as reports come in from every region ` +
	`hospital staff describe a busy but calm morning while unions prepare statements ` +
	`weather service issues warning for coastal areas residents told to avoid travel`)

// GenItem returns the i-th update of a generated story: a headline and two
// paragraphs, published a minute apart.
func GenItem(i int) Item {
	para := func(seed, n int) string {
		var b strings.Builder
		for k := 0; k < n; k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(seed*7+k*13+k*k)%len(words)])
		}
		return b.String() + "."
	}
	return Item{
		GUID:      fmt.Sprintf("gen-%05d", i),
		Title:     fmt.Sprintf("Update %d: %s", i+1, para(i, 6)),
		Text:      para(i+1, 40) + "\n\n" + para(i+2, 30),
		Published: Start.Add(time.Duration(i) * time.Minute),
	}
}

// Window returns the feed body of snapshot k of a generated story that adds
// perStep updates each step and shows the newest window of them.
func Window(k, perStep, window int) []byte {
	newest := (k+1)*perStep - 1
	items := make([]Item, 0, window)
	for i := newest; i >= 0 && i > newest-window; i-- {
		items = append(items, GenItem(i))
	}
	return RSS("Generated story", "https://example.com/live", items)
}

// Fetches returns the fetches of a generated story: steps snapshots of a
// window-update feed adding perStep updates each, parsed with parse.
func Fetches(steps, perStep, window int, parse func([]byte, string, *url.URL) (*model.Snapshot, error)) ([]feed.Fetch, error) {
	out := make([]feed.Fetch, steps)
	for k := range steps {
		body := Window(k, perStep, window)
		snap, err := parse(body, "application/rss+xml", nil)
		if err != nil {
			return nil, err
		}
		t := Start.Add(time.Duration((k+1)*perStep-1)*time.Minute + 30*time.Second)
		snap.Fetched = t
		out[k] = feed.Fetch{Time: t, URL: "https://example.com/live/rss", Status: 200,
			ContentType: "application/rss+xml", Body: body, Snapshot: snap}
	}
	return out, nil
}

// A live page over a day: the page of a big story, about 700 KB, read
// every two minutes, each reading a small change from the one before.
const (
	// DaySteps is how many two-minute readings a day holds.
	DaySteps = 24 * 30
	// PageUpdates is how many updates the simulated page shows, about
	// 1.7 KB each.
	PageUpdates = 410
)

// syllables make up the words of the simulated page: drawn at random,
// they give text about as hard to compress as written prose, unlike a
// small vocabulary repeated.
var syllables = strings.Fields(`ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku ` +
	`la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu ` +
	`va ve vi vo vu za ze zi zo zu an en in on un ar er ir or ur al el il ol ul st tr pl ch sh th`)

// pageItem returns update i of the simulated page in its version-th
// wording: a headline and five paragraphs of about 1.5 KB of text with
// figures, made from syllables picked by a generator seeded with (i,
// version).
func pageItem(i, version int) Item {
	state := uint64(i)*0x9e3779b97f4a7c15 + uint64(version)*0xbf58476d1ce4e5b9 + 1
	next := func(n int) int { // xorshift64*: small, fast, deterministic
		state ^= state >> 12
		state ^= state << 25
		state ^= state >> 27
		return int((state * 0x2545f4914f6cdd1d >> 33) % uint64(n))
	}
	sentence := func(words int) string {
		var b strings.Builder
		for w := range words {
			if w > 0 {
				b.WriteByte(' ')
			}
			if next(9) == 0 {
				fmt.Fprintf(&b, "%d", next(100000))
				continue
			}
			for range 1 + next(3) {
				b.WriteString(syllables[next(len(syllables))])
			}
		}
		return b.String() + "."
	}
	paras := make([]string, 5)
	for p := range paras {
		paras[p] = sentence(18) + " " + sentence(20) + " " + sentence(16)
	}
	return Item{
		GUID:       fmt.Sprintf("page-%06d", i),
		Title:      sentence(9),
		Text:       strings.Join(paras, "\n\n"),
		Published:  Start.Add(time.Duration(i-(PageUpdates-1)) * 2 * time.Minute),
		Categories: []string{"live"},
	}
}

// rewordedAt returns the last reading up to k that reworded update i of
// the live page, 0 when none did. Reading r (a multiple of three) rewords
// the ((r/3)%5)-th newest update it shows.
func rewordedAt(i, k int) int {
	d := i - (PageUpdates - 1) // the reading that added update i
	for r := min(k, d+4); r >= max(d, 3); r-- {
		if r%3 == 0 && r-(r/3)%5 == d {
			return r
		}
	}
	return 0
}

// pageEntry is an update of the live page rendered once: its RSS item and
// the update a parser makes of it.
type pageEntry struct {
	xml    []byte
	update model.Update
}

// pageCache keeps the live page's rendered updates by (update, wording):
// a reading differs from the one before by one or two of them.
var pageCache sync.Map // [2]int -> *pageEntry

func pageUpdate(i, version int) *pageEntry {
	key := [2]int{i, version}
	if e, ok := pageCache.Load(key); ok {
		return e.(*pageEntry)
	}
	it := pageItem(i, version)
	var b bytes.Buffer
	rssItem(&b, it)
	one := model.Snapshot{Updates: []model.Update{{ID: it.GUID, Headline: it.Title,
		Body: model.TextBody(it.Text), Published: it.Published, Categories: it.Categories}}}
	one.Prepare()
	e, _ := pageCache.LoadOrStore(key, &pageEntry{xml: b.Bytes(), update: one.Updates[0]})
	return e.(*pageEntry)
}

// LivePage returns reading k of a simulated day of a large live page. The
// page shows its newest PageUpdates updates, newest first; each reading
// adds one update (the oldest leaves the page) and every third reading
// also rewords one of the five newest. Body and Snapshot agree: the
// snapshot is what a parser makes of the body, built directly.
func LivePage(k int) feed.Fetch {
	t := Start.Add(time.Duration(k)*2*time.Minute + 30*time.Second)
	snap := &model.Snapshot{Title: "Simulated live page", Link: "https://example.com/live/big", Fetched: t,
		Updates: make([]model.Update, 0, PageUpdates)}
	var b bytes.Buffer
	rssHead(&b, snap.Title, snap.Link)
	newest := PageUpdates - 1 + k
	for i := newest; i > newest-PageUpdates; i-- {
		e := pageUpdate(i, rewordedAt(i, k))
		b.Write(e.xml)
		snap.Updates = append(snap.Updates, e.update)
	}
	b.WriteString(rssFoot)
	return feed.Fetch{Time: t, URL: "https://example.com/live/big/rss", Status: 200,
		ContentType: "application/rss+xml", Body: b.Bytes(), Snapshot: snap}
}
