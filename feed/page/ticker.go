package page

import (
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/liveline-tui/liveline/feed/htmltext"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/model"
)

// A ticker is a live page without live-blog data, read from its layout:
// many German "Ticker" and "Liveblog" pages and regional outlets print
// each update as a block with a time and a heading, such as
//
//	<h2>Mittwoch, 4. März 2026</h2>
//	<h3>09.15 Uhr: Headline</h3><p>…</p>
//
// or as a container per update holding a <time> element, a heading and
// text. readTicker finds such blocks and reads them as updates when the
// pattern is clear:
//
//   - at least minBlocks blocks, each with a time of day (or a full
//     <time datetime>) and text;
//   - their times in order, newest first or (on a page that calls itself
//     live) oldest first;
//   - their headlines not links to other pages (a list of teasers is an
//     index, not a ticker), and most of them with text of their own.
//
// A block's date is its own (<time datetime>, "04.03.2026, 09:15"), else
// the nearest date heading before it, else the page's publication date
// (with a day added each time the clock runs backwards past midnight).
// Its zone is its own (an offset or an abbreviation such as MEZ or GMT),
// else the zone of the page's publication time, else UTC.

// minBlocks is how many updates make a ticker.
const minBlocks = 3

// minOwnText is how much text (in runes) a block needs beyond its time
// and headline to count as having a body.
const minOwnText = 20

// markKind says how a block's time is given.
type markKind int

const (
	markHeading   markKind = iota // a heading that starts with the time: "09.15 Uhr: Headline"
	markStamp                     // an element holding only the time (or a date and time), or a <time>
	markParagraph                 // a paragraph that starts with the time: "+++ 22.45 Uhr: Text …"
)

// mark is a time found on the page.
type mark struct {
	node     *html.Node
	kind     markKind
	order    int // position in document order
	clock    clock
	date     day
	hasDate  bool
	exact    time.Time // a <time datetime> with date, time and zone
	headline string    // for markHeading: the heading after the time
	lead     string    // for markParagraph: the text before the paragraph's own words
}

// dateMark is a date heading ("Mittwoch, 4. März 2026") at a position in
// document order.
type dateMark struct {
	order int
	date  day
}

// layout is what one walk over a page's tree finds.
type layout struct {
	marks  []*mark
	dates  []dateMark
	spans  map[*html.Node][2]int // the document order of every element visited, and of the last element inside it
	counts map[*html.Node]int    // marks inside each element
	title  string                // the first h1
}

// walkLayout finds the times and date headings on a page.
func walkLayout(root *html.Node) *layout {
	l := &layout{spans: map[*html.Node][2]int{}, counts: map[*html.Node]int{}}
	order := 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode {
			if skipped(n) || besideTheStory(n) {
				return
			}
			order++
			start := order
			defer func() { l.spans[n] = [2]int{start, order} }()
			if l.title == "" && n.DataAtom == atom.H1 {
				l.title = textOf(n)
			}
			if l.visit(n, order) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	l.marks = dedupe(l.marks)
	for _, m := range l.marks {
		for p := m.node; p != nil; p = p.Parent {
			l.counts[p]++
		}
	}
	return l
}

// dedupe drops a time printed twice side by side, as pages do that show
// "11.08am GMT" to some readers and "11:08" to others.
func dedupe(marks []*mark) []*mark {
	out := make([]*mark, 0, len(marks))
	for i, m := range marks {
		if i > 0 && m.kind == markStamp && marks[i-1].kind == markStamp && m.clock.hour == marks[i-1].clock.hour &&
			m.clock.min == marks[i-1].clock.min && sideBySide(marks[i-1].node, m.node) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// sideBySide reports whether b follows a with nothing but white space
// between them, within one parent.
func sideBySide(a, b *html.Node) bool {
	for n := a.NextSibling; n != nil; n = n.NextSibling {
		if n == b {
			return true
		}
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) != "" {
			return false
		}
	}
	return false
}

// maxStampText bounds the text of an element read as a time or a date.
const maxStampText = 60

// visit reads one element as a time or a date, and reports whether its
// contents are read with it.
func (l *layout) visit(n *html.Node, order int) bool {
	switch {
	case n.DataAtom == atom.Time:
		text := textOf(n)
		if v, ok := attrOf(n, "datetime"); ok {
			v = strings.TrimSpace(v)
			if t := parseTime(v); !t.IsZero() {
				if len(v) <= 10 {
					l.dates = append(l.dates, dateMark{order, dayOf(t)})
					return true
				}
				m := &mark{node: n, kind: markStamp, order: order, date: dayOf(t), hasDate: true,
					clock: clock{hour: t.Hour(), min: t.Minute()}}
				if zoned(v) {
					m.exact = t
				}
				l.marks = append(l.marks, m)
				return true
			}
		}
		l.short(n, order, text)
		return true
	case isHeading(n) && n.DataAtom != atom.H1:
		text := textOf(n)
		if l.short(n, order, text) {
			return true
		}
		if c, rest, _, ok := leadingStamp(text); ok && trimMarks(rest) != "" {
			m := &mark{node: n, kind: markHeading, order: order, clock: c, headline: trimMarks(rest)}
			if t := find(n, func(e *html.Node) bool { return e.DataAtom == atom.Time }); t != nil {
				if v, ok := attrOf(t, "datetime"); ok && zoned(v) && len(strings.TrimSpace(v)) > 10 {
					if exact := parseTime(v); !exact.IsZero() {
						m.exact, m.date, m.hasDate = exact, dayOf(exact), true
					}
				}
			}
			l.marks = append(l.marks, m)
		}
		return true
	case n.DataAtom == atom.P:
		text := textOf(n)
		if l.short(n, order, text) {
			return true
		}
		if c, rest, sep, ok := leadingStamp(text); ok && sep && rest != "" {
			lead := text[:len(text)-len(rest)]
			l.marks = append(l.marks, &mark{node: n, kind: markParagraph, order: order, clock: c, lead: lead})
			return true
		}
		return len(text) > maxStampText // a short paragraph may hold a time in its parts
	}
	switch n.DataAtom {
	case atom.Div, atom.Span, atom.Strong, atom.B, atom.Em, atom.Small, atom.Dt, atom.Li, atom.Header, atom.A, atom.Aside:
		if n.FirstChild == nil || !shortText(n) {
			return false
		}
		return l.short(n, order, spacedText(n))
	}
	return false
}

// short reads an element whose whole text is a date ("4. März 2026") or a
// time ("09:15 Uhr", "04.03.2026, 09:15"), and reports whether it was one.
func (l *layout) short(n *html.Node, order int, text string) bool {
	if text == "" || len(text) > maxStampText {
		return false
	}
	if d, ok := wholeDate(text); ok {
		l.dates = append(l.dates, dateMark{order, d})
		return true
	}
	if st, ok := wholeStamp(text); ok {
		l.marks = append(l.marks, &mark{node: n, kind: markStamp, order: order, clock: st.clock, date: st.date, hasDate: st.hasDate})
		return true
	}
	return false
}

// spacedText is the text of a short element with its parts apart, as
// "<span>04.03.2026</span><span>09:15</span>" is shown.
func spacedText(n *html.Node) string {
	var parts []string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 8 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				parts = append(parts, c.Data)
			case c.Type == html.ElementNode && !skipped(c):
				walk(c, depth+1)
			}
		}
	}
	walk(n, 0)
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// shortText reports whether an element holds little enough text to be a
// time or a date, without reading all of a large one.
func shortText(n *html.Node) bool {
	size := 0
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		if depth > 8 {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if size += len(strings.TrimSpace(c.Data)); size > maxStampText {
					return false
				}
			case html.ElementNode:
				if skipped(c) {
					continue
				}
				if !walk(c, depth+1) {
					return false
				}
			}
		}
		return true
	}
	return walk(n, 0) && size > 0
}

// block is one update read from the layout.
type block struct {
	mark     *mark
	nodes    []*html.Node // the unit, and in a flat layout the siblings after it
	headline string
	headNode *html.Node // the heading the headline came from, left out of the body
	byline   *html.Node // the element naming the author, left out of the body
	author   string
	id       string // the id of the unit or its mark, for a link to it
	at       time.Time
	pageDay  bool // the date came from the page, not the block or a date heading
	teaser   bool // the headline links to another page
	body     model.Body
	own      int // runes of body text
}

// readTicker reads a page's layout as a live blog, or returns nil when
// the pattern is not clear.
func readTicker(root *html.Node, trees []any, base *url.URL) *model.Snapshot {
	if root == nil {
		return nil
	}
	l := walkLayout(root)
	if len(l.marks) < minBlocks {
		return nil
	}
	dates := datesOf(root, trees)
	live := callsItselfLive(root, base, l.title)
	var best []*block
	for _, g := range l.groups() {
		if len(g) < minBlocks || len(g) <= len(best) {
			continue
		}
		blocks := l.blocks(g, base)
		if ok := datePlace(blocks, l, dates); ok && isTicker(blocks, live) {
			best = blocks
		}
	}
	if best == nil {
		return nil
	}
	s := &model.Snapshot{
		Title:      sanitize.Line(pageTitle(root, l.title)),
		Summary:    sanitize.String(metaContent(root, "description", "og:description")),
		Link:       canonical(root, base),
		FromLayout: true,
	}
	story := base
	if u, err := url.Parse(s.Link); err == nil && u.IsAbs() {
		story = u
	}
	for _, b := range best {
		u := model.Update{Headline: sanitize.Line(b.headline), Published: b.at, Body: b.body, Author: sanitize.Line(b.author)}
		if b.id != "" {
			u.Link = resolve(story, "#"+b.id)
		}
		s.Updates = append(s.Updates, u)
	}
	return s
}

// groups gathers the marks into candidate tickers: each mark stands for
// its unit, the largest element around it holding no other mark, and
// units side by side under one parent (or under parents that repeat, as
// a section per day does) form a group, in document order.
func (l *layout) groups() [][]*mark {
	type key struct {
		parent *html.Node
		tag    string
		class  string
	}
	byKey := map[key]int{}
	var out [][]*mark
	for _, m := range l.marks {
		u := l.unit(m)
		p := u.Parent
		k := key{parent: p}
		if p != nil && p.Parent != nil {
			class, _ := attrOf(p, "class")
			k = key{parent: p.Parent, tag: p.Data, class: class}
		}
		i, ok := byKey[k]
		if !ok {
			i = len(out)
			byKey[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], m)
	}
	return out
}

// unit is the largest element around a mark that holds no other mark.
func (l *layout) unit(m *mark) *html.Node {
	u := m.node
	for u.Parent != nil && u.Parent.Type == html.ElementNode && u.Parent.DataAtom != atom.Body && l.counts[u.Parent] == 1 && !l.hasDate(u.Parent) {
		u = u.Parent
	}
	return u
}

// blocks reads a group's updates.
func (l *layout) blocks(g []*mark, base *url.URL) []*block {
	units := make(map[*html.Node]bool, len(g))
	for _, m := range g {
		units[l.unit(m)] = true
	}
	out := make([]*block, 0, len(g))
	for _, m := range g {
		u := l.unit(m)
		b := &block{mark: m, nodes: []*html.Node{u}}
		if id, ok := attrOf(u, "id"); ok {
			b.id = strings.TrimSpace(id)
		} else if id, ok := attrOf(m.node, "id"); ok {
			b.id = strings.TrimSpace(id)
		}
		if m.kind == markHeading {
			b.headline = m.headline
		}
		if !l.ownText(u, m) {
			// a flat layout: the update is the mark and what follows it,
			// up to the next mark or date heading
			for s := u.NextSibling; s != nil; s = s.NextSibling {
				if units[s] || l.hasDate(s) || s.Type == html.ElementNode && !flowContent(s) && !(b.headline == "" && isHeading(s) && len(b.nodes) == 1) {
					break
				}
				if !extra(s) {
					b.nodes = append(b.nodes, s)
				}
			}
		}
		if b.headline == "" && m.kind == markStamp {
			for _, n := range b.nodes {
				if h := find(n, func(e *html.Node) bool { return isHeading(e) && !within(m.node, e) }); h != nil {
					b.headNode, b.headline = h, trimMarks(textOf(h))
					break
				}
			}
		}
		for _, n := range b.nodes {
			if a := find(n, isByline); a != nil && !within(m.node, a) {
				if text := textOf(a); text != "" && len(text) <= maxStampText*2 {
					b.byline, b.author = a, text
				}
				break
			}
		}
		b.teaser = l.teaser(b, base)
		b.body = l.body(b, base)
		b.own = utf8.RuneCountInString(b.body.PlainText())
		out = append(out, b)
	}
	return out
}

// ownText reports whether a unit holds text beyond its mark and heading,
// as a container per update does.
func (l *layout) ownText(u *html.Node, m *mark) bool {
	if u == m.node {
		return false
	}
	text := textOf(u)
	rest := utf8.RuneCountInString(text) - utf8.RuneCountInString(textOf(m.node))
	if h := find(u, func(e *html.Node) bool { return isHeading(e) && !within(m.node, e) }); h != nil {
		rest -= utf8.RuneCountInString(textOf(h))
	}
	return rest >= minOwnText
}

// hasDate reports whether a node is or holds a date heading.
func (l *layout) hasDate(n *html.Node) bool {
	span, ok := l.spans[n]
	if !ok {
		return false
	}
	i := sort.Search(len(l.dates), func(i int) bool { return l.dates[i].order >= span[0] })
	return i < len(l.dates) && l.dates[i].order <= span[1]
}

// flowContent reports elements that can carry an update's text after its
// heading in a flat layout.
func flowContent(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Ul, atom.Ol, atom.Blockquote, atom.Figure, atom.Table, atom.Pre, atom.Div, atom.Span,
		atom.Dl, atom.Img, atom.Picture, atom.Br, atom.Hr, atom.A, atom.Strong, atom.B, atom.Em, atom.I:
		return true
	}
	return skipped(n)
}

// extraWords mark, in an element's class or id, what a page puts between
// updates that is no part of them: advertising, sharing, newsletters.
var extraWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "advertisement": true, "anzeige": true, "werbung": true,
	"pub": true, "publicite": true, "promo": true, "banner": true, "sponsored": true, "newsletter": true,
	"share": true, "social": true, "related": true,
}

// extra reports an element whose class or id marks it as no part of an
// update.
func extra(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, key := range []string{"class", "id"} {
		v, _ := attrOf(n, key)
		for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
			if extraWords[w] {
				return true
			}
		}
	}
	return false
}

// besideWords start the class or id tokens of what a page shows beside
// its story: readers' comments, teasers for other articles,
// recommendations. Their times are not the story's.
var besideWords = []string{"comment", "kommentar", "discuss", "disqus", "repl", "respond", "teaser", "related",
	"recommend", "empfehlung", "sidebar", "widget"}

// besideTheStory reports an element that holds what a page shows beside
// its story rather than the story.
func besideTheStory(n *html.Node) bool {
	if n.DataAtom == atom.Aside && !inArticle(n) {
		return true // a sidebar; an aside inside an article may hold an update's time
	}
	if it, ok := attrOf(n, "itemtype"); ok && strings.HasSuffix(strings.ToLower(strings.TrimSpace(it)), "comment") {
		return true
	}
	for _, key := range []string{"class", "id"} {
		v, ok := attrOf(n, key)
		if !ok {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			for _, b := range besideWords {
				if strings.HasPrefix(w, b) {
					return true
				}
			}
		}
	}
	return false
}

// inArticle reports whether an element lies inside an <article>.
func inArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article {
			return true
		}
	}
	return false
}

// isByline reports an element whose class names it as an update's
// author or byline.
func isByline(n *html.Node) bool {
	class, _ := attrOf(n, "class")
	for _, w := range strings.FieldsFunc(strings.ToLower(class), func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch w {
		case "author", "authors", "byline", "autor", "autoren", "auteur":
			return true
		}
	}
	return false
}

// teaser reports whether a block's headline, or most of its text, links to
// another page: the block is then a teaser for an article elsewhere.
func (l *layout) teaser(b *block, base *url.URL) bool {
	for _, n := range []*html.Node{b.headNode, b.mark.node} {
		if n == nil {
			continue
		}
		for p := n; p != nil; p = p.Parent {
			if p.DataAtom == atom.A && elsewhere(p, base) {
				return true
			}
		}
		if a := find(n, func(e *html.Node) bool { return e.DataAtom == atom.A && elsewhere(e, base) }); a != nil &&
			len(textOf(a))*2 > len(textOf(n)) {
			return true
		}
	}
	if a := firstLink(b); a != nil && elsewhere(a, base) && utf8.RuneCountInString(textOf(a)) >= minOwnText {
		return true // opens with a link to another page, as a teaser's headline does
	}
	linked, all := 0, 0
	for _, n := range b.nodes {
		all += len(textOf(n))
		var walk func(n *html.Node, depth int)
		walk = func(n *html.Node, depth int) {
			if depth > maxDepth {
				return
			}
			if n.Type == html.ElementNode && n.DataAtom == atom.A && elsewhere(n, base) {
				linked += len(textOf(n))
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, depth+1)
			}
		}
		walk(n, 0)
	}
	return all > 0 && linked*10 >= all*6
}

// firstLink returns the link around a block's first words after its
// time, or nil when they are not in a link.
func firstLink(b *block) *html.Node {
	var first *html.Node
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		if depth > maxDepth || n == b.mark.node && b.mark.kind != markHeading {
			return false
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			first = n
			return true
		}
		if n.Type == html.ElementNode && skipped(n) {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	for _, n := range b.nodes {
		if walk(n, 0) {
			break
		}
	}
	for p := first; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			return p
		}
	}
	return nil
}

// elsewhere reports whether a link leads to another page.
func elsewhere(a *html.Node, base *url.URL) bool {
	href, ok := attrOf(a, "href")
	href = strings.TrimSpace(href)
	if !ok || href == "" || strings.HasPrefix(href, "#") {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	if base != nil {
		u = base.ResolveReference(u)
		return u.Host != base.Host || u.Path != base.Path
	}
	return true
}

// body lays out a block's text, without its time and headline.
func (l *layout) body(b *block, base *url.URL) model.Body {
	var restore []func()
	defer func() {
		for i := len(restore) - 1; i >= 0; i-- {
			restore[i]()
		}
	}()
	detach := func(n *html.Node) {
		if n == nil || n.Parent == nil {
			return
		}
		parent, next := n.Parent, n.NextSibling
		parent.RemoveChild(n)
		restore = append(restore, func() { parent.InsertBefore(n, next) })
	}
	m := b.mark
	nodes := b.nodes
	switch m.kind {
	case markParagraph:
		restore = append(restore, trimLead(m.node, m.lead)...)
	default:
		if len(nodes) > 0 && nodes[0] == m.node {
			nodes = nodes[1:]
		} else {
			detach(m.node)
		}
	}
	for _, drop := range []*html.Node{b.headNode, b.byline} {
		if drop == nil {
			continue
		}
		kept := nodes[:0:0]
		for _, n := range nodes {
			if n != drop {
				kept = append(kept, n)
			}
		}
		nodes = kept
		detach(drop)
	}
	var sb strings.Builder
	for _, n := range nodes {
		if sb.Len() > maxCaptureText {
			break
		}
		_ = html.Render(&sb, n)
	}
	return htmltext.Parse(sb.String(), base)
}

// trimLead removes the first len(lead) bytes of text (as textOf reads it,
// white space aside) from the start of a paragraph, and returns how to put
// them back.
func trimLead(p *html.Node, lead string) []func() {
	want := len(strings.Join(strings.Fields(lead), ""))
	var undo []func()
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if want <= 0 || depth > maxDepth {
			return
		}
		if n.Type == html.TextNode {
			old := n.Data
			i := 0
			for i < len(old) && want > 0 {
				r, size := utf8.DecodeRuneInString(old[i:])
				if !isSpaceRune(r) {
					want -= size
				}
				i += size
			}
			n.Data = old[i:]
			undo = append(undo, func() { n.Data = old })
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(p, 0)
	return undo
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0'
}

// datePlace gives each block its instant, and reports whether every block
// has one.
func datePlace(blocks []*block, l *layout, d pageDates) bool {
	pageDay := d.published
	if pageDay.IsZero() {
		pageDay = d.modified
	}
	zone := d.zone
	if zone == nil {
		zone = time.UTC
	}
	if !pageDay.IsZero() {
		pageDay = pageDay.In(zone)
	}
	for _, b := range blocks {
		m := b.mark
		if !m.exact.IsZero() {
			b.at = m.exact
			continue
		}
		date, ok := m.date, m.hasDate
		if !ok {
			if i := sort.Search(len(l.dates), func(i int) bool { return l.dates[i].order >= m.order }); i > 0 {
				date, ok = l.dates[i-1].date, true
			}
		}
		if !ok {
			if pageDay.IsZero() {
				return false
			}
			date, b.pageDay = dayOf(pageDay), true
		}
		if date.year == 0 {
			if pageDay.IsZero() {
				return false
			}
			date.year = pageDay.Year()
		}
		b.at = at(date, m.clock, zone)
	}
	rollOver(blocks)
	return true
}

// rollOver moves blocks dated by the page's own date to the next day when
// the clock runs backwards past midnight between two of them, counting
// from the oldest block, which is taken to be on the page's date.
func rollOver(blocks []*block) {
	newestFirst := direction(blocks) <= 0
	n := len(blocks)
	idx := func(i int) *block { // blocks from oldest to newest
		if newestFirst {
			return blocks[n-1-i]
		}
		return blocks[i]
	}
	shift := 0
	for i := 1; i < n; i++ {
		prev, cur := idx(i-1), idx(i)
		if !cur.pageDay {
			continue
		}
		cur.at = cur.at.AddDate(0, 0, shift)
		if prev.pageDay && prev.at.Sub(cur.at) > 12*time.Hour {
			shift++
			cur.at = cur.at.AddDate(0, 0, 1)
		}
	}
}

// direction is negative when most neighbouring blocks run newest first,
// positive when they run oldest first.
func direction(blocks []*block) int {
	d := 0
	for i := 1; i < len(blocks); i++ {
		switch c := blocks[i].at.Compare(blocks[i-1].at); {
		case c < 0:
			d--
		case c > 0:
			d++
		}
	}
	return d
}

// isTicker reports whether blocks make a ticker: times in order (oldest
// first only on a page that calls itself live), few teasers, and most
// blocks with text of their own.
func isTicker(blocks []*block, live bool) bool {
	dir := direction(blocks)
	if dir > 0 && !live || dir == 0 && len(blocks) > 1 && !blocks[0].at.Equal(blocks[len(blocks)-1].at) {
		return false
	}
	teasers, bodies := 0, 0
	for i, b := range blocks {
		if i > 0 {
			c := b.at.Compare(blocks[i-1].at)
			if dir <= 0 && c > 0 || dir > 0 && c < 0 {
				return false
			}
		}
		if b.headline == "" && b.own == 0 {
			return false // a time with no text
		}
		if b.teaser {
			teasers++
		}
		if b.own >= minOwnText {
			bodies++
		}
	}
	return teasers*3 <= len(blocks) && bodies*2 >= len(blocks)
}

// liveWords are the words a live page calls itself by in its address or
// title; liveSuffix ends the compounds ("Liveticker", "News-Ticker").
var (
	liveWords  = map[string]bool{"live": true, "liveblog": true, "newsblog": true, "direct": true, "liveupdates": true}
	liveSuffix = "ticker"
)

// callsItselfLive reports whether a page's address, title or first
// heading says it is live coverage.
func callsItselfLive(root *html.Node, base *url.URL, h1 string) bool {
	var texts []string
	if base != nil {
		texts = append(texts, base.Path)
	}
	texts = append(texts, h1, metaContent(root, "og:title"))
	if t := find(root, func(e *html.Node) bool { return e.DataAtom == atom.Title }); t != nil {
		texts = append(texts, textOf(t))
	}
	for _, t := range texts {
		t = strings.ToLower(t)
		if strings.Contains(t, "as it happened") || strings.Contains(t, "minute by minute") || strings.Contains(t, "en continu") {
			return true
		}
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if liveWords[w] || strings.HasSuffix(w, liveSuffix) {
				return true
			}
		}
	}
	return false
}

// metaContent returns the content of the first meta tag with one of the
// given names or properties.
func metaContent(root *html.Node, names ...string) string {
	m := find(root, func(e *html.Node) bool {
		if e.DataAtom != atom.Meta {
			return false
		}
		key, _ := attrOf(e, "property")
		if key == "" {
			key, _ = attrOf(e, "name")
		}
		for _, n := range names {
			if strings.EqualFold(key, n) {
				return true
			}
		}
		return false
	})
	if m == nil {
		return ""
	}
	v, _ := attrOf(m, "content")
	return strings.TrimSpace(unescape(v))
}

// pageTitle is the page's first heading, else its og:title, else its
// <title>.
func pageTitle(root *html.Node, h1 string) string {
	if h1 != "" {
		return h1
	}
	if t := metaContent(root, "og:title"); t != "" {
		return t
	}
	if t := find(root, func(e *html.Node) bool { return e.DataAtom == atom.Title }); t != nil {
		return textOf(t)
	}
	return ""
}

// canonical is the page's canonical address, else the address read.
func canonical(root *html.Node, base *url.URL) string {
	l := find(root, func(e *html.Node) bool {
		rel, _ := attrOf(e, "rel")
		return e.DataAtom == atom.Link && hasToken(rel, "canonical")
	})
	if l != nil {
		if href, ok := attrOf(l, "href"); ok {
			if s := resolve(base, href); s != "" {
				return s
			}
		}
	}
	if base != nil && link.WebScheme(base.Scheme) {
		return sanitize.Line(base.String())
	}
	return ""
}
