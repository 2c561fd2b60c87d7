package page

import (
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/liveline-tui/liveline/feed/htmltext"
	"github.com/liveline-tui/liveline/feed/link"
	"github.com/liveline-tui/liveline/feed/sanitize"
	"github.com/liveline-tui/liveline/feed/sniff"
	"github.com/liveline-tui/liveline/model"
)

// builder turns schema.org trees, decoded from JSON-LD or built from
// microdata, into a snapshot.
type builder struct {
	base  *url.URL
	story *url.URL                  // the story's own address, for links to a place on it
	ids   map[string]map[string]any // nodes by @id, for references inside an @graph
}

func newBuilder(base *url.URL) *builder {
	return &builder{base: base, ids: make(map[string]map[string]any)}
}

// index records every node that has an @id and more than an @id, so
// references such as {"@id": "#post-3"} can be followed.
func (b *builder) index(v any) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["@id"].(string); ok && len(x) > 2 {
			if _, seen := b.ids[id]; !seen {
				b.ids[id] = x
			}
		}
		for _, e := range x {
			b.index(e)
		}
	case []any:
		for _, e := range x {
			b.index(e)
		}
	}
}

// deref follows a bare reference to the node it names.
func (b *builder) deref(v any) any {
	m, ok := v.(map[string]any)
	if !ok || len(m) > 2 {
		return v
	}
	if id, ok := m["@id"].(string); ok {
		if full, ok := b.ids[id]; ok {
			return full
		}
	}
	return v
}

// blogs returns the LiveBlogPosting nodes in a tree, in document order.
func (b *builder) blogs(v any) []map[string]any {
	var out []map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if typeIs(x, "LiveBlogPosting") {
				out = append(out, x)
				return
			}
			if g, ok := x["@graph"]; ok {
				walk(g)
			}
			for k, e := range x {
				if k != "@graph" {
					walk(e)
				}
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// typeIs reports whether a node's @type (a string or a list) names want,
// by its local name: "LiveBlogPosting", "schema:LiveBlogPosting" and
// "https://schema.org/LiveBlogPosting" all match.
func typeIs(m map[string]any, want string) bool {
	match := func(t string) bool {
		t = strings.TrimSpace(t)
		if i := strings.LastIndexAny(t, "/#:"); i >= 0 {
			t = t[i+1:]
		}
		return strings.EqualFold(t, want)
	}
	switch t := m["@type"].(type) {
	case string:
		return match(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && match(s) {
				return true
			}
		}
	}
	return false
}

// maxUpdateSteps bounds the nodes visited looking for one blog's updates.
const maxUpdateSteps = 100000

// updates returns a blog's update nodes: liveBlogUpdate (then blogPost)
// as one node or a list, references followed, ItemList and ListItem
// wrappers opened.
func (b *builder) updates(blog map[string]any) []map[string]any {
	var out []map[string]any
	steps := 0 // references can loop or fan out; bound the work
	followed := map[string]bool{}
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 8 || steps > maxUpdateSteps {
			return
		}
		steps++
		if m, ok := v.(map[string]any); ok && len(m) <= 2 {
			if id, ok := m["@id"].(string); ok {
				if followed[id] {
					return // each reference is followed once
				}
				followed[id] = true
			}
		}
		switch x := b.deref(v).(type) {
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		case map[string]any:
			switch {
			case typeIs(x, "ItemList"):
				add(x["itemListElement"], depth+1)
			case typeIs(x, "ListItem"):
				add(x["item"], depth+1)
			default:
				out = append(out, x)
			}
		}
	}
	for _, k := range updateKeys {
		add(blog[k], 0)
	}
	return out
}

// snapshot builds the story from a LiveBlogPosting node.
func (b *builder) snapshot(blog map[string]any) *model.Snapshot {
	s := &model.Snapshot{
		Title:         b.line(blog, "headline", "name", "alternativeHeadline"),
		Summary:       b.summary(str(blog["description"])),
		Link:          b.pageLink(blog),
		CoverageStart: parseTime(str(blog["coverageStartTime"])),
		CoverageEnd:   parseTime(str(blog["coverageEndTime"])),
		Total:         intOf(blog["numberOfItems"]),
	}
	if s.Total == 0 {
		if l, ok := b.deref(blog["liveBlogUpdate"]).(map[string]any); ok && typeIs(l, "ItemList") {
			s.Total = intOf(l["numberOfItems"])
		}
	}
	b.story = nil
	if s.Link != "" {
		if u, err := url.Parse(s.Link); err == nil && u.IsAbs() {
			b.story = u
		}
	}
	nodes := b.updates(blog)
	ids := make(map[string]int, len(nodes))
	for _, n := range nodes {
		if id := strings.TrimSpace(str(n["@id"])); id != "" {
			ids[id]++
		}
	}
	blogID := strings.TrimSpace(str(blog["@id"]))
	s.Updates = make([]model.Update, 0, len(nodes))
	for _, n := range nodes {
		u := b.update(n)
		if id := strings.TrimSpace(str(n["@id"])); id != "" && ids[id] == 1 && id != blogID {
			u.ID = sanitize.Line(id)
		}
		s.Updates = append(s.Updates, u)
	}
	return s
}

// update builds one update from a BlogPosting, NewsArticle or similar node.
func (b *builder) update(n map[string]any) model.Update {
	u := model.Update{
		Headline:  b.line(n, "headline", "name"),
		Published: parseTime(str(n["datePublished"])),
		Updated:   parseTime(str(n["dateModified"])),
		Author:    b.author(n["author"]),
		Pinned:    truthy(n["isPinned"]) || truthy(n["pinned"]) || truthy(n["sticky"]) || truthy(n["isSticky"]),
	}
	if u.Published.IsZero() {
		u.Published = parseTime(str(n["dateCreated"]))
	}
	if u.Author == "" {
		u.Author = b.author(n["creator"])
	}
	for _, k := range []string{"articleBody", "text", "description"} {
		if body := strings.TrimSpace(joined(n[k])); body != "" {
			u.Body = b.body(body)
			break
		}
	}
	if len(u.Body.Blocks) == 1 && u.Body.Blocks[0].Text() == u.Headline {
		u.Body = model.Body{} // the text only repeats the headline
	}
	u.Link = b.updateLink(str(n["url"]))
	if u.Link == "" {
		if id := strings.TrimSpace(str(n["@id"])); link.IsWeb(id) || strings.HasPrefix(id, "#") {
			u.Link = b.updateLink(id)
		}
	}
	u.Categories = b.categories(n)
	for _, c := range u.Categories {
		switch strings.ToLower(c) {
		case "pinned", "sticky", "pinned post":
			u.Pinned = true
		}
	}
	return u
}

// line returns the first non-empty of a node's properties as one line of
// plain text; markup and entities some sites leave in are removed.
func (b *builder) line(n map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := b.plain(str(n[k])); s != "" {
			return s
		}
	}
	return ""
}

// plain makes one line of text from a value that may hold markup.
func (b *builder) plain(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if sniff.Markup(s) {
		return sanitize.Line(htmltext.Parse(s, b.base).PlainText())
	}
	return sanitize.Line(unescape(s))
}

// summary makes the story's summary, paragraphs kept.
func (b *builder) summary(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return b.body(s).PlainText()
}

// body lays out an update's text: HTML through htmltext, plain text as
// paragraphs split at blank lines.
func (b *builder) body(s string) model.Body {
	if sniff.Markup(s) {
		return htmltext.Parse(s, b.base)
	}
	return model.TextBody(sanitize.String(unescape(s)))
}

// unescape decodes the HTML entities many sites leave in JSON-LD text.
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// updateLink resolves an update's link. A link to a place on the page
// ("#post-3") is resolved against the story's own address rather than the
// page read, so an update keeps its link, and the ID made from it, when it
// moves from the first page to a rel="next" page.
func (b *builder) updateLink(href string) string {
	if b.story != nil && strings.HasPrefix(strings.TrimSpace(href), "#") {
		return resolve(b.story, href)
	}
	return b.link(href)
}

// link resolves a link against the page's address.
func (b *builder) link(href string) string { return resolve(b.base, href) }

// pageLink is the story's own address: url, mainEntityOfPage, an @id that
// is an address, or the page read.
func (b *builder) pageLink(blog map[string]any) string {
	if l := b.link(str(blog["url"])); l != "" {
		return l
	}
	switch m := blog["mainEntityOfPage"].(type) {
	case string:
		if l := b.link(m); l != "" {
			return l
		}
	case map[string]any:
		for _, k := range []string{"url", "@id"} {
			if l := b.link(str(m[k])); l != "" {
				return l
			}
		}
	}
	if id := strings.TrimSpace(str(blog["@id"])); link.IsWeb(id) {
		return b.link(id)
	}
	if b.base != nil && link.WebScheme(b.base.Scheme) {
		return sanitize.Line(b.base.String())
	}
	return ""
}

// author reads a string, a Person or Organization node with a name, a
// reference to one, or a list of those.
func (b *builder) author(v any) string {
	var names []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch x := b.deref(v).(type) {
		case string:
			if s := b.plain(x); s != "" {
				names = append(names, s)
			}
		case map[string]any:
			if s := b.plain(str(x["name"])); s != "" {
				names = append(names, s)
			} else if s := b.plain(str(x["givenName"]) + " " + str(x["familyName"])); s != "" {
				names = append(names, s)
			}
		case []any:
			for _, e := range x {
				add(e, depth+1)
			}
		}
	}
	add(v, 0)
	return strings.Join(names, ", ")
}

// categories gathers keywords (a comma-separated string or a list) and
// articleSection, without repeats.
func (b *builder) categories(n map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = b.plain(s)
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			out = append(out, s)
		}
	}
	for _, k := range []string{"keywords", "articleSection"} {
		switch x := n[k].(type) {
		case string:
			if k == "keywords" {
				for _, f := range strings.Split(x, ",") {
					add(f)
				}
			} else {
				add(x)
			}
		case []any:
			for _, e := range x {
				add(str(e))
			}
		}
	}
	return out
}

// str returns a value as a string: a string, a number, a {"@value": ...}
// node, or the first such in a list.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		if val, ok := x["@value"]; ok {
			return str(val)
		}
	case []any:
		for _, e := range x {
			if s := str(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// joined returns a text value; a list of strings, as some sites give a
// body paragraph by paragraph, becomes paragraphs.
func joined(v any) string {
	l, ok := v.([]any)
	if !ok {
		return str(v)
	}
	var parts []string
	for _, e := range l {
		if s := strings.TrimSpace(str(e)); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 && sniff.Markup(parts[0]) {
		return strings.Join(parts, "\n")
	}
	return strings.Join(parts, "\n\n")
}

// intOf returns a count given as a number or a string, or 0.
func intOf(v any) int {
	switch x := v.(type) {
	case float64:
		if x > 0 && x < 1e9 {
			return int(x)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil && n > 0 && n < 1e9 {
			return n
		}
	case []any:
		if len(x) > 0 {
			return intOf(x[0])
		}
	}
	return 0
}

// truthy reports a marker set to true, "true", "yes" or 1.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x == 1
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "1":
			return true
		}
	}
	return false
}
