// Package page reads live-blog web pages: schema.org LiveBlogPosting data in
// JSON-LD or microdata, feed autodiscovery links and rel="next" pages.
//
// A page is read in one streaming pass over its tokens. The contents of
// scripts and styles are skipped, except application/ld+json scripts, which
// are kept and decoded after the pass. Microdata items are built as the
// tokens go by. Both kinds of data end up as the same JSON-like tree, so one
// builder turns either into a snapshot.
//
// Updates keep what they have: a headline without a body, or a body
// without a headline (Prepare makes one from the text). An update is
// Pinned when it says so (isPinned, pinned, sticky or isSticky set to
// true, or a "pinned" or "sticky" keyword); "key event" keywords become
// categories, which Prepare turns into key events. An update's @id (or
// microdata itemid) is its ID when no other update shares it. Dates are
// RFC 3339 or a common variant; a date without a zone is taken as UTC.
//
// The live blog is the LiveBlogPosting with the most updates, listed under
// liveBlogUpdate or blogPost; nodes in several scripts that name the same
// blog are read as one. Where its updates' headlines or times say nothing
// (all the blog's own, one generic word, one shared time), they are taken
// from the update's element on the page (posts.go). A page with no
// live-blog data, or a blog with no updates, may still be a ticker read
// from its layout (ticker.go); such a snapshot has FromLayout set.
//
// Where a page says how many updates its story has, Snapshot.Total holds it.
// schema.org has no property for this, so Extract reads what sites use: a
// numberOfItems on the LiveBlogPosting or on an ItemList wrapping its
// updates, or one of the data attributes data-total-updates,
// data-total-posts, data-post-count, data-posts-count, data-update-count
// or data-updates-count on any element.
package page

import (
	"bytes"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/model"
)

// ErrNoLiveBlog means a page has neither live-blog data nor a feed link.
var ErrNoLiveBlog = errors.New("the page has no live-blog data (schema.org LiveBlogPosting) and links to no feed")

// Result is what a page offers.
type Result struct {
	// Snapshot is the live blog found on the page, not yet prepared; nil
	// when the page has none.
	Snapshot *model.Snapshot
	// Alternate is the absolute address of a feed the page links to, when
	// it has no live-blog data of its own. It is also set beside a
	// Snapshot when the page's live-blog data carries no updates at all
	// (only the story's title and times) and the page links to a feed:
	// the feed is then the better source.
	Alternate string
	// Next is the absolute address of the page of older updates, if any;
	// set only with a Snapshot.
	Next string
}

// Extract reads a UTF-8 HTML page. base resolves relative links; a <base
// href> in the page takes precedence, as in a browser. Relative links stay
// relative when there is nothing to resolve them against.
func Extract(doc []byte, base *url.URL) (*Result, error) {
	s := scan(doc)
	if s.baseHref != "" {
		if u, err := url.Parse(strings.TrimSpace(s.baseHref)); err == nil {
			if base != nil {
				base = base.ResolveReference(u)
			} else if u.IsAbs() {
				base = u
			}
		}
	}
	b := newBuilder(base)
	var trees []any
	for _, raw := range s.scripts {
		trees = append(trees, decodeLD(raw)...)
	}
	for _, tree := range trees {
		b.index(tree)
	}
	blog := b.chooseBlog(trees, s.md.items)
	layout := &tree{doc: doc}

	res := &Result{}
	if blog != nil {
		res.Snapshot = b.snapshot(blog)
		fromPosts(res.Snapshot, layout, res.Snapshot.Title)
		if len(res.Snapshot.Updates) == 0 {
			if t := readTicker(layout.get(), trees, base); t != nil {
				res.Snapshot.Updates, res.Snapshot.FromLayout = t.Updates, true
			}
		}
		if res.Snapshot.Total == 0 && s.total > 0 {
			res.Snapshot.Total = s.total
		}
	} else {
		res.Snapshot = readTicker(layout.get(), trees, base)
	}
	if res.Snapshot != nil {
		res.Next = b.link(s.next)
		if base != nil && res.Next == base.String() {
			res.Next = "" // a page that calls itself next would be read again and again
		}
		if len(res.Snapshot.Updates) == 0 && s.alternate != "" {
			res.Alternate = b.link(s.alternate)
		}
		return res, nil
	}
	if s.alternate != "" {
		if res.Alternate = b.link(s.alternate); res.Alternate != "" {
			return res, nil
		}
	}
	return nil, ErrNoLiveBlog
}

// scanner holds what one pass over a page's tokens finds.
type scanner struct {
	baseHref  string
	next      string
	alternate string
	total     int
	scripts   [][]byte // the contents of application/ld+json scripts
	md        microdata
}

// scan makes the one pass over a page. The contents of scripts, styles and
// the other raw-text elements are not tokenized: the pass jumps to their
// end tag and starts a fresh tokenizer there, which on real pages (where
// most bytes are scripts) is several times faster than reading them byte
// by byte. application/ld+json contents are kept as they are.
func scan(doc []byte) *scanner {
	s := &scanner{md: microdata{doc: doc}}
	z := html.NewTokenizer(bytes.NewReader(doc))
	pos := 0
	var a attrs
	for {
		tt := z.Next()
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			s.md.closeAll(start)
			return s
		case html.TextToken:
			if s.md.capturing() {
				s.md.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a.reset()
			if hasAttr {
				a.read(z)
			}
			tag := tagName(name)
			raw := false
			switch tag {
			case "script", "style", "noscript", "xmp", "iframe", "noembed", "noframes", "plaintext":
				raw = true
			case "base":
				if s.baseHref == "" && a.hasHref {
					s.baseHref = a.href
				}
			case "link":
				s.link(&a)
			case "a":
				if a.rel != "" && s.next == "" && hasToken(a.rel, "next") && a.hasHref {
					s.next = a.href
				}
			}
			if a.total > 0 && s.total == 0 {
				s.total = a.total
			}
			s.md.start(tag, &a, tt == html.SelfClosingTagToken, start, pos)
			if raw {
				rest := doc[pos:]
				n := len(rest)
				if tag != "plaintext" {
					if i := closeTagIndex(rest, tag); i >= 0 {
						n = i
					}
				}
				if tag == "script" && isLDType(a.typ) {
					s.scripts = append(s.scripts, rest[:n])
				}
				pos += n
				z = html.NewTokenizer(bytes.NewReader(doc[pos:]))
			}
		case html.EndTagToken:
			if len(s.md.stack) > 0 {
				name, _ := z.TagName()
				s.md.end(tagName(name), start)
			}
		}
	}
}

// tagName returns a lower-case tag name, without allocating for the
// names HTML defines.
func tagName(name []byte) string {
	if a := atom.Lookup(name); a != 0 {
		return a.String()
	}
	return string(name)
}

// closeTagIndex returns the offset in b of the end tag that closes a
// raw-text element called name ("</script>", in any case), or -1.
func closeTagIndex(b []byte, name string) int {
	off := 0
	for {
		i := bytes.Index(b[off:], []byte("</"))
		if i < 0 {
			return -1
		}
		i += off
		rest := b[i+2:]
		if len(rest) >= len(name) && bytes.EqualFold(rest[:len(name)], []byte(name)) {
			if len(rest) == len(name) {
				return i
			}
			switch rest[len(name)] {
			case '>', '/', ' ', '\t', '\n', '\f', '\r':
				return i
			}
		}
		off = i + 2
	}
}

// link handles a <link> element: rel=next and feed autodiscovery.
func (s *scanner) link(a *attrs) {
	if a.rel == "" || !a.hasHref {
		return
	}
	if s.next == "" && hasToken(a.rel, "next") {
		s.next = a.href
	}
	if s.alternate == "" && hasToken(a.rel, "alternate") && isFeedType(a.typ) {
		s.alternate = a.href
	}
}

// attrs are the attributes of one start tag that Extract looks at.
type attrs struct {
	typ, rel, href                  string
	hasHref                         bool
	itemscope                       bool
	itemtype, itemprop, itemid      string
	content, datetime, src, value   string
	hasContent, hasDatetime, hasSrc bool
	hasValue                        bool
	total                           int
}

func (a *attrs) reset() { *a = attrs{} }

// read takes the attributes Extract cares about from the current tag.
func (a *attrs) read(z *html.Tokenizer) {
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "type":
			a.typ = string(v)
		case "rel":
			a.rel = string(v)
		case "href":
			a.href, a.hasHref = string(v), true
		case "itemscope":
			a.itemscope = true
		case "itemtype":
			a.itemtype = string(v)
		case "itemprop":
			a.itemprop = string(v)
		case "itemid":
			a.itemid = string(v)
		case "content":
			a.content, a.hasContent = string(v), true
		case "datetime":
			a.datetime, a.hasDatetime = string(v), true
		case "src":
			a.src, a.hasSrc = string(v), true
		case "value":
			a.value, a.hasValue = string(v), true
		case "data-total-updates", "data-total-posts", "data-post-count", "data-posts-count",
			"data-update-count", "data-updates-count":
			if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 0 {
				a.total = n
			}
		}
		if !more {
			return
		}
	}
}

// mimeType returns a type attribute's media type, lower case, without
// parameters.
func mimeType(t string) string {
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(strings.TrimSpace(t))
}

func isLDType(t string) bool { return mimeType(t) == "application/ld+json" }

func isFeedType(t string) bool {
	switch mimeType(t) {
	case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
		"application/rdf+xml", "application/x.atom+xml", "application/x-atom+xml", "application/x-rss+xml":
		return true
	}
	return false
}

// hasToken reports whether a space-separated list such as rel holds want,
// ignoring case.
func hasToken(list, want string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, want) {
			return true
		}
	}
	return false
}

// resolve makes href absolute against base under feed/link's rule (http
// and https addresses only). With no base, a relative href stays as given,
// since there is nothing to resolve it against.
func resolve(base *url.URL, href string) string {
	if base == nil {
		if u, err := url.Parse(strings.TrimSpace(href)); err == nil && u.Scheme == "" {
			return sanitize.Line(strings.TrimSpace(href))
		}
	}
	return link.Resolve(base, href)
}
