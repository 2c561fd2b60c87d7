package page

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/liveline-tui/liveline/model"
)

// Some large sites' LiveBlogPosting data says too little: every update
// carries the blog's own headline, or one shared time, or a headline that
// is one generic word ("Update") or the name of the event, while the page
// shows each update as an element (an article or div with an id such as
// block-…, update-… or post-…) with its own <time datetime> and often its
// own heading. fromPosts matches each update with its element, by id, by
// the fragment of its address, or by order when the counts agree, and takes
// the element's time and heading. An update whose headline says nothing and
// that has no element heading gets none, so that one is made from its text.

// genericHeadlines are headlines that name no update in particular.
var genericHeadlines = map[string]bool{
	"update": true, "updates": true, "live": true, "live update": true, "live updates": true, "breaking": true,
	"breaking news": true, "news": true, "latest": true, "post": true, "eilmeldung": true, "aktuell": true,
	"neu": true, "ticker": true, "liveblog": true, "live-blog": true, "newsblog": true, "direct": true,
	"en direct": true, "info": true, "alerte": true, "flash": true,
}

// weakHeadlines reports headlines that say nothing of their update: all
// empty, all the blog's own, all generic, or (for two or more) all the
// same.
func weakHeadlines(us []model.Update, title string) bool {
	if len(us) == 0 {
		return false
	}
	first := strings.TrimSpace(us[0].Headline)
	same, ownTitle, generic := true, true, true
	for _, u := range us {
		h := strings.TrimSpace(u.Headline)
		same = same && strings.EqualFold(h, first)
		ownTitle = ownTitle && (h == "" || strings.EqualFold(h, strings.TrimSpace(title)))
		generic = generic && (h == "" || genericHeadlines[strings.ToLower(strings.Trim(h, " .:!-–"))])
	}
	return ownTitle || generic || same && len(us) >= 2
}

// weakTimes reports times that say nothing of their update: none, or (for
// two or more) all the same.
func weakTimes(us []model.Update) bool {
	if len(us) == 0 {
		return false
	}
	same := true
	for _, u := range us {
		same = same && u.Published.Equal(us[0].Published)
	}
	return us[0].Published.IsZero() && same || same && len(us) >= 2
}

// postID is an id that marks an element as one update of a live page.
var postID = regexp.MustCompile(`(?i)^(block|update|post|entry|liveblog|live-update|liveupdate|lb-post|lb-entry|event|item|ticker|message)[-_:]?[a-z0-9]`)

// post is what an update's element on the page says.
type post struct {
	at      time.Time
	heading string
}

// fromPosts improves a snapshot whose updates' headlines or times are
// weak with what the page's elements say.
func fromPosts(s *model.Snapshot, page *tree, title string) {
	heads, times := weakHeadlines(s.Updates, title), weakTimes(s.Updates)
	if !heads && !times {
		return
	}
	root := page.get()
	if root == nil {
		return
	}
	byID, ordered := posts(root)
	for i := range s.Updates {
		u := &s.Updates[i]
		n, ok := byID[fragment(u.ID)]
		if !ok {
			n, ok = byID[fragment(u.Link)]
		}
		if !ok && len(ordered) == len(s.Updates) {
			n, ok = ordered[i], true
		}
		var p post
		if ok {
			p = readPost(n)
		}
		if times && ok && !p.at.IsZero() {
			u.Published = p.at
		}
		if heads {
			u.Headline = ""
			if ok {
				u.Headline = p.heading
			}
		}
	}
}

// fragment returns the part of an address or id after '#', or the id
// itself when it is not an address.
func fragment(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[i+1:]
	}
	if u, err := url.Parse(s); err == nil && u.Scheme == "" && !strings.Contains(s, "/") {
		return s
	}
	return ""
}

// posts finds the elements with ids: every one by id, and, in page order,
// those whose id marks them as updates, that hold a time or a heading and
// lie inside no other such element.
func posts(root *html.Node) (map[string]*html.Node, []*html.Node) {
	byID := map[string]*html.Node{}
	var ordered []*html.Node
	var walk func(n *html.Node, depth int, inPost bool)
	walk = func(n *html.Node, depth int, inPost bool) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode {
			if skipped(n) {
				return
			}
			if id, ok := attrOf(n, "id"); ok {
				id = strings.TrimSpace(id)
				if _, seen := byID[id]; !seen && id != "" {
					byID[id] = n
				}
				if !inPost && postID.MatchString(id) {
					switch n.DataAtom {
					case atom.Article, atom.Div, atom.Li, atom.Section:
						if p := readPost(n); !p.at.IsZero() || p.heading != "" {
							ordered = append(ordered, n)
							inPost = true
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1, inPost)
		}
	}
	walk(root, 0, false)
	return byID, ordered
}

// readPost reads an element's first <time datetime> and first heading.
func readPost(n *html.Node) post {
	var p post
	if t := find(n, func(e *html.Node) bool {
		_, ok := attrOf(e, "datetime")
		return e.DataAtom == atom.Time && ok
	}); t != nil {
		v, _ := attrOf(t, "datetime")
		p.at = parseTime(v)
	}
	if h := find(n, func(e *html.Node) bool { return isHeading(e) && e.DataAtom != atom.H1 }); h != nil {
		p.heading = trimMarks(textOf(h))
	}
	return p
}
