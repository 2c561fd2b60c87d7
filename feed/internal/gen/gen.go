// Package gen writes large, realistic live-blog feeds for benchmarks and
// tests. Everything it makes is deterministic: update i is always the same.
package gen

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Start is the published time of update 0; update i is published i minutes
// later.
var Start = time.Date(2016, time.January, 12, 7, 0, 0, 0, time.UTC)

// Link is the story page every generated feed belongs to.
const Link = "https://news.example.com/live/generated-strike"

// Update is one generated update.
type Update struct {
	ID        string
	Title     string
	HTML      string // about 600 bytes: paragraphs, often a list, links
	Published time.Time
	Category  string // "Key event" for every 25th update, else a topic
}

var (
	places   = []string{"Leeds", "Manchester", "Bristol", "Newcastle", "London", "Birmingham", "Sheffield", "Norwich", "Exeter", "Leicester", "Hull", "Oxford"}
	subjects = []string{"Junior doctors", "Pickets", "Hospital managers", "Union officials", "Ministers", "Patients' groups", "Consultants", "Nurses"}
	verbs    = []string{"gathered outside", "spoke to reporters at", "handed out leaflets near", "marched past", "held a short rally at", "waited for news at"}
	sites    = []string{"the main hospital", "the royal infirmary", "the general hospital", "the children's hospital", "the teaching hospital"}
	details  = []string{
		"Talks are expected to resume later in the week, according to people close to the negotiations.",
		"Routine clinics have been postponed and patients are being contacted to arrange new dates.",
		"Emergency care continues as normal, with consultants covering gaps on several wards.",
		"The dispute turns on weekend pay and whether Saturday counts as a normal working day.",
		"Officials said the figures would be revised once later shifts had reported.",
		"Several passing drivers sounded their horns in support of the picket line.",
	}
	topics = []string{"Pickets", "Talks", "Impact", "Figures", "Analysis"}
)

// Item returns update i.
func Item(i int) Update {
	u := Update{
		ID:        "gen-" + strconv.Itoa(i),
		Published: Start.Add(time.Duration(i) * time.Minute),
		Category:  topics[i%len(topics)],
	}
	if i%25 == 0 {
		u.Category = "Key event"
	}
	place := places[i%len(places)]
	subj := subjects[(i/3)%len(subjects)]
	verb := verbs[(i/7)%len(verbs)]
	site := sites[(i/2)%len(sites)]
	u.Title = fmt.Sprintf("%s %s %s in %s (update %d)", subj, verb, site, place, i)

	var b strings.Builder
	b.Grow(700)
	fmt.Fprintf(&b, "<p>%s %s %s in <strong>%s</strong> on the %d%s hour of the walkout. %s</p>",
		subj, verb, site, place, i%24+1, ordinal(i%24+1), details[i%len(details)])
	fmt.Fprintf(&b, "<p>%s Read our <a href=\"https://news.example.com/explainers/%d\">explainer</a> or the <a href=\"/live/generated-strike#gen-%d\">previous update</a>.</p>",
		details[(i+2)%len(details)], i%97, max(i-1, 0))
	if i%3 != 2 {
		fmt.Fprintf(&b, "<ul><li>%d,%03d operations postponed so far</li><li>%d%% of rostered staff at work</li><li>%d picket lines reported in %s</li></ul>",
			1+i%9, (i*37)%1000, 30+i%60, 2+i%11, place)
	} else {
		fmt.Fprintf(&b, "<blockquote><p>We never wanted to be out here, but the rota has to be safe, said one trainee in %s.</p></blockquote>", place)
	}
	fmt.Fprintf(&b, "<p><em>%s</em></p>", details[(i+4)%len(details)])
	u.HTML = b.String()
	return u
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// Feed returns an RSS 2.0 live blog holding updates start to start+n-1,
// newest first, as a live blog publishes them.
func Feed(n, start int) []byte {
	var b strings.Builder
	b.Grow(n*1100 + 512)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>` + "\n")
	b.WriteString("<title>Junior doctors&#8217; strike: generated live updates</title>\n<link>" + Link + "</link>\n")
	b.WriteString("<description>A generated live blog for benchmarks.</description>\n")
	for i := start + n - 1; i >= start; i-- {
		u := Item(i)
		b.WriteString("<item><title>")
		b.WriteString(escape(u.Title))
		b.WriteString("</title><link>" + Link + "#" + u.ID + "</link><guid isPermaLink=\"false\">" + u.ID + "</guid><pubDate>")
		b.WriteString(u.Published.Format(time.RFC1123Z))
		b.WriteString("</pubDate><dc:creator>Live desk</dc:creator><category>")
		b.WriteString(u.Category)
		b.WriteString("</category><description>")
		b.WriteString(escape(u.HTML))
		b.WriteString("</description></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func escape(s string) string { return escaper.Replace(s) }
