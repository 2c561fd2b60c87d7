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
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>%s</link>\n", html.EscapeString(title), html.EscapeString(link))
	for _, it := range items {
		b.WriteString("<item>\n")
		fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(it.Title))
		fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>\n", html.EscapeString(it.GUID))
		if !it.Published.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>\n", it.Published.UTC().Format(time.RFC1123Z))
		}
		for _, c := range it.Categories {
			fmt.Fprintf(&b, "<category>%s</category>\n", html.EscapeString(c))
		}
		var d strings.Builder
		for _, p := range strings.Split(it.Text, "\n\n") {
			d.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
		fmt.Fprintf(&b, "<description>%s</description>\n</item>\n", html.EscapeString(d.String()))
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
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
