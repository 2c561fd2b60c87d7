// Package parse turns a fetched body (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed
// 1.0/1.1 or a live-blog web page) into a prepared model.Snapshot. Every
// string taken from the body is sanitised here, once.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	xhtml "golang.org/x/net/html"

	"github.com/liveline-tui/liveline/feed/htmltext"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/page"
	"github.com/liveline-tui/liveline/feed/repair"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// Result is what a body offers.
type Result struct {
	// Snapshot is the story read from the body, prepared (model.Snapshot.Prepare).
	// It is empty when a page only links to a feed.
	Snapshot model.Snapshot
	// Format is "rss", "atom", "json", "cdf" or "page".
	Format string
	// Alternate is the absolute address of a feed that a page without
	// live-blog data of its own links to.
	Alternate string
	// Next is the absolute address of the page or feed of older updates.
	Next string
	// Partial is set when the feed was cut short and only the updates
	// before the cut were read.
	Partial bool
}

// ErrNotFeed means the body is neither a feed nor a page with a live blog.
var ErrNotFeed = errors.New("not a feed or live-blog page")

// Limits on text taken from a source, in runes.
const (
	TitleLimit   = 500  // story titles and update headlines
	SummaryLimit = 4000 // the story's summary
	idLimit      = 512  // bytes; longer IDs are replaced by a hash
	rawLimit     = 1 << 16
)

// Parse reads a body as fetched: it repairs the character set, parses the
// feed or page and normalises it. base is the address the body came from,
// used to resolve relative links; it may be nil.
func Parse(body []byte, contentType string, base *url.URL) (*Result, error) {
	return parse(body, contentType, base, runtime.GOMAXPROCS(0))
}

// parse is Parse on up to cores goroutines.
func parse(body []byte, contentType string, base *url.URL, cores int) (*Result, error) {
	body = repair.UTF8(body, contentType)
	s := bytes.TrimLeft(body, " \t\r\n")
	if len(s) == 0 {
		return nil, fmt.Errorf("%w: the document is empty", ErrNotFeed)
	}
	if sniff.Page(s) {
		return parsePage(body, base)
	}
	body = atomNamespace(body)
	if r, ok := parseInRuns(body, base, cores); ok {
		return r, nil
	}
	fp := newParser()
	f, err := fp.Parse(bytes.NewReader(body))
	partial := false
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			if f = readCDF(body); f != nil {
				err = nil
			} else if s[0] == '<' {
				// markup that is no feed: a page, perhaps without <html>
				return parsePage(body, base)
			} else {
				return nil, fmt.Errorf("%w: it is not RSS, Atom or JSON Feed, nor an HTML page", ErrNotFeed)
			}
		} else if whole, err2 := reread(fp, closeOff(body)); err2 == nil {
			f, err = whole, nil
		} else if cut := salvage(body); cut != nil {
			if f2, err2 := fp.Parse(bytes.NewReader(cut)); err2 == nil {
				f, err, partial = f2, nil, true
			}
		}
		if err != nil {
			return nil, fmt.Errorf("the feed is malformed: %s", sanitize.Line(errText(err)))
		}
	}
	if jf, ok := f.OriginalFeed().(*json.Feed); ok && !strings.Contains(jf.Version, "jsonfeed.org/version/") {
		return nil, fmt.Errorf("%w: it is JSON but not a JSON Feed (no jsonfeed.org version)", ErrNotFeed)
	}
	r := &Result{Format: f.FeedType}
	if r.Format == "" {
		r.Format = "rss"
	}
	r.Partial = partial
	r.Snapshot, r.Next = normalise(f, base)
	r.Snapshot.Prepare()
	return r, nil
}

// newParser returns a gofeed parser set as liveline reads feeds: the
// image scan of item HTML off, the feed as its format has it kept.
func newParser() *gofeed.Parser {
	fp := gofeed.NewParser()
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	fp.KeepOriginalFeed = true
	return fp
}

// salvage returns the whole items of an XML feed that was cut short, closed
// off so that it parses, or nil when there is nothing to save.
func salvage(body []byte) []byte {
	h := head(body, 4096)
	var end, closing string
	switch {
	case bytes.Contains(h, []byte("<rdf:RDF")):
		end, closing = "</item>", "\n</rdf:RDF>\n"
	case bytes.Contains(h, []byte("<rss")):
		end, closing = "</item>", "\n</channel></rss>\n"
	case bytes.Contains(h, []byte("<feed")):
		end, closing = "</entry>", "\n</feed>\n"
	default:
		return nil
	}
	i := bytes.LastIndex(body, []byte(end))
	if i < 0 {
		return nil
	}
	i += len(end)
	if bytes.Contains(body[i:], []byte("</rss>")) || bytes.Contains(body[i:], []byte("</feed>")) || bytes.Contains(body[i:], []byte("</rdf:RDF>")) {
		return nil // not cut short: the error lies elsewhere
	}
	out := make([]byte, 0, i+len(closing))
	out = append(out, body[:i]...)
	return append(out, closing...)
}

// errText shortens a parser error that may quote a lot of the body.
func errText(err error) string {
	msg := err.Error()
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "unexpected EOF") {
		return msg + " (the document is cut short)"
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return strings.ToValidUTF8(msg, "\uFFFD")
}

func head(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func parsePage(body []byte, base *url.URL) (*Result, error) {
	pr, err := page.Extract(body, base)
	if err != nil {
		if errors.Is(err, page.ErrNoLiveBlog) {
			return nil, fmt.Errorf("%w: %s", ErrNotFeed, sanitize.Line(err.Error()))
		}
		return nil, fmt.Errorf("%w: %s", ErrNotFeed, sanitize.Line(errText(err)))
	}
	if pr == nil {
		return nil, fmt.Errorf("%w: the page has no live-blog data", ErrNotFeed)
	}
	r := &Result{Format: "page", Alternate: link.Resolve(nil, pr.Alternate), Next: link.Resolve(nil, pr.Next)}
	if pr.Snapshot != nil {
		r.Snapshot = *pr.Snapshot
		sanitizeSnapshot(&r.Snapshot)
		r.Snapshot.Prepare()
	} else if r.Alternate == "" {
		return nil, fmt.Errorf("%w: the page has no live-blog data and links to no feed", ErrNotFeed)
	}
	return r, nil
}

// normalise maps a gofeed feed onto a snapshot, sanitising every string.
func normalise(f *gofeed.Feed, base *url.URL) (model.Snapshot, string) {
	s, next, bodyBase := channel(f, base)
	s.Updates = updates(f, base, bodyBase, runtime.GOMAXPROCS(0))
	return s, next
}

// channel reads what a feed says of the story as a whole, the address of
// its older updates, and the base its items' HTML is read against.
func channel(f *gofeed.Feed, base *url.URL) (s model.Snapshot, next string, bodyBase *url.URL) {
	s.Title = line(f.Title, TitleLimit)
	s.Summary = summary(f.Description, base)
	s.Link = link.Resolve(base, f.Link)
	bodyBase = base
	if bodyBase == nil && s.Link != "" {
		bodyBase, _ = url.Parse(s.Link)
	}
	return s, nextLink(f, base), bodyBase
}

// updates makes the feed's items into updates, on up to cores goroutines.
// An item that is nil makes an empty update, which Prepare drops.
func updates(f *gofeed.Feed, base, bodyBase *url.URL, cores int) []model.Update {
	plain := plainContent(f)
	forgetOriginalItems(f)
	ups := make([]model.Update, len(f.Items))
	convert := func(from, to int) {
		for i := from; i < to; i++ {
			if it := f.Items[i]; it != nil {
				ups[i] = item(it, base, bodyBase, i < len(plain) && plain[i])
				f.Items[i] = nil // made into an update: its text can go
			}
		}
	}
	// Turning item HTML into terminal text is most of normalising; a large
	// feed shares it out over the cores (each item is independent).
	workers := min(cores, len(f.Items)/parallelFrom)
	if workers > 1 {
		var wg sync.WaitGroup
		chunk := (len(f.Items) + workers - 1) / workers
		for from := 0; from < len(f.Items); from += chunk {
			wg.Go(func() { convert(from, min(from+chunk, len(f.Items))) })
		}
		wg.Wait()
	} else {
		convert(0, len(f.Items))
	}
	return ups
}

// forgetOriginalItems drops the items of the feed as its format has them,
// once read, so that each item's text can go as soon as it is made into an
// update.
func forgetOriginalItems(f *gofeed.Feed) {
	switch o := f.OriginalFeed().(type) {
	case *rss.Feed:
		o.Items = nil
	case *atom.Feed:
		o.Entries = nil
	case *json.Feed:
		o.Items = nil
	}
}

// parallelFrom is how many items each extra core must have to be worth
// starting.
const parallelFrom = 200

// plainContent reports, item by item, whether the content gofeed gives is
// plain text (Atom type="text", JSON Feed content_text) rather than HTML.
func plainContent(f *gofeed.Feed) []bool {
	var plain []bool
	switch o := f.OriginalFeed().(type) {
	case *atom.Feed:
		if len(o.Entries) != len(f.Items) {
			return nil
		}
		for i, e := range o.Entries {
			if e != nil && e.Content != nil && (e.Content.Type == "text" || e.Content.Type == "" && !markup(e.Content.Value)) {
				if plain == nil {
					plain = make([]bool, len(f.Items))
				}
				plain[i] = true
			}
		}
	case *json.Feed:
		if len(o.Items) != len(f.Items) {
			return nil
		}
		for i, it := range o.Items {
			if it != nil && it.ContentHTML == "" && it.ContentText != "" {
				if plain == nil {
					plain = make([]bool, len(f.Items))
				}
				plain[i] = true
			}
		}
	}
	return plain
}

// markup reports whether text that claims to be plain (an Atom content
// with no type) is in fact HTML, as it often is.
func markup(s string) bool {
	return strings.Contains(s, "</") || strings.Contains(s, "<br") || strings.Contains(s, "<p>") || strings.Contains(s, "<img")
}

func item(it *gofeed.Item, base, bodyBase *url.URL, plain bool) model.Update {
	var u model.Update
	u.ID = id(it.GUID)
	u.Headline = line(it.Title, TitleLimit)
	if u.Headline == "" {
		u.Headline = line(mediaTitle(it), TitleLimit)
	}
	src := it.Description
	if len(it.Content) > len(src) {
		src = it.Content
		if plain {
			// escaped, so text such as "a <b> tag" is shown, not parsed
			src = html.EscapeString(src)
		}
	}
	u.Body = htmltext.Parse(src, bodyBase)
	if it.PublishedParsed != nil {
		u.Published = sane(*it.PublishedParsed)
	}
	if it.UpdatedParsed != nil {
		u.Updated = sane(*it.UpdatedParsed)
	}
	if u.Published.IsZero() {
		u.Published = u.Updated
	}
	u.Author = authors(it)
	u.Link = link.Resolve(base, it.Link)
	if u.Link == "" {
		for _, l := range it.Links {
			if u.Link = link.Resolve(base, l); u.Link != "" {
				break
			}
		}
	}
	if len(it.Categories) > 0 {
		u.Categories = make([]string, 0, len(it.Categories))
		for _, c := range it.Categories {
			c = line(c, 100)
			if c != "" && !contains(u.Categories, c) {
				u.Categories = append(u.Categories, c)
			}
		}
	}
	return u
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func authors(it *gofeed.Item) string {
	var names []string
	add := func(p *gofeed.Person) {
		if p == nil {
			return
		}
		n := line(p.Name, 200)
		if n == "" {
			n = line(p.Email, 200)
		}
		if n != "" && !contains(names, n) {
			names = append(names, n)
		}
	}
	for _, p := range it.Authors {
		add(p)
	}
	if len(names) == 0 {
		add(it.Author)
	}
	return strings.Join(names, ", ")
}

// sane drops times that no feed means, which would also break JSON output.
func sane(t time.Time) time.Time {
	if y := t.Year(); y < 1970 || y > 9999 {
		return time.Time{}
	}
	return t
}

// id sanitises an ID and replaces an overlong one by its hash.
func id(s string) string {
	if len(s) > rawLimit {
		s = s[:rawLimit]
	}
	s = sanitize.Line(s)
	if len(s) > idLimit {
		h := fnv.New64a()
		h.Write([]byte(s))
		return "id:" + strconv.FormatUint(h.Sum64(), 16)
	}
	return s
}

// line turns a title-like string into one clean line of at most limit
// runes: markup removed, entities decoded, no-break spaces made spaces,
// controls stripped.
func line(s string, limit int) string {
	if s == "" {
		return ""
	}
	if len(s) > rawLimit {
		s = s[:rawLimit]
	}
	if strings.ContainsAny(s, "<&") {
		s = stripTags(s)
	}
	return model.Shorten(spaced(s), limit)
}

// spaced is sanitize.Line with no-break spaces read as spaces, so that
// one at the end of a title is trimmed like any other.
func spaced(s string) string {
	if strings.Contains(s, "\u00a0") {
		s = strings.ReplaceAll(s, "\u00a0", " ")
	}
	return sanitize.Line(s)
}

// stripTags returns the text of an HTML fragment with its entities
// decoded. The text of scripts and styles is code, not words: it is left
// out.
func stripTags(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	b.Grow(len(s))
	code := 0
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if code == 0 {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			if name, _ := z.TagName(); isCode(name) {
				switch tt {
				case xhtml.StartTagToken:
					code++
				case xhtml.EndTagToken:
					code = max(code-1, 0)
				}
			}
			b.WriteByte(' ')
		}
	}
}

// isCode reports the elements whose text is code rather than words.
func isCode(name []byte) bool {
	return string(name) == "script" || string(name) == "style"
}

func summary(s string, base *url.URL) string {
	if s == "" {
		return ""
	}
	if len(s) > rawLimit {
		s = s[:rawLimit]
	}
	text := htmltext.Parse(s, base).PlainText()
	return model.Shorten(strings.TrimSpace(sanitize.String(text)), SummaryLimit)
}

// nextLink finds the address of older entries: an Atom or RSS atom:link
// rel="next", or a JSON Feed next_url.
func nextLink(f *gofeed.Feed, base *url.URL) string {
	switch o := f.OriginalFeed().(type) {
	case *atom.Feed:
		for _, l := range o.Links {
			if l != nil && strings.EqualFold(l.Rel, "next") {
				return link.Resolve(base, l.Href)
			}
		}
	case *json.Feed:
		return link.Resolve(base, o.NextURL)
	}
	if links, ok := f.Extensions["atom"]["link"]; ok {
		for _, l := range links {
			if strings.EqualFold(l.Attrs["rel"], "next") {
				return link.Resolve(base, l.Attrs["href"])
			}
		}
	}
	return ""
}

// sanitizeSnapshot cleans a snapshot built elsewhere (a page reader), so
// nothing unsanitised reaches the model whatever its builder did.
func sanitizeSnapshot(s *model.Snapshot) {
	s.Title = line(s.Title, TitleLimit)
	s.Summary = model.Shorten(strings.TrimSpace(sanitize.String(s.Summary)), SummaryLimit)
	s.Link = link.Resolve(nil, s.Link)
	s.FeedURL = link.Resolve(nil, s.FeedURL)
	for i := range s.Updates {
		u := &s.Updates[i]
		u.ID = id(u.ID)
		u.Headline = model.Shorten(spaced(u.Headline), TitleLimit)
		u.Author = model.Shorten(sanitize.Line(u.Author), 200)
		u.Link = link.Resolve(nil, u.Link)
		for j, c := range u.Categories {
			u.Categories[j] = sanitize.Line(c)
		}
		for j := range u.Body.Blocks {
			b := &u.Body.Blocks[j]
			for k := range b.Spans {
				b.Spans[k].Text = sanitize.String(b.Spans[k].Text)
			}
		}
		for j, l := range u.Body.Links {
			u.Body.Links[j] = sanitize.Line(l)
		}
		if u.Published.Year() > 9999 || u.Published.Year() < 1 {
			u.Published = time.Time{}
		}
		if u.Updated.Year() > 9999 || u.Updated.Year() < 1 {
			u.Updated = time.Time{}
		}
	}
}
