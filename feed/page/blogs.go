package page

import "strings"

// updateKeys are the properties a LiveBlogPosting lists its updates
// under: liveBlogUpdate, and blogPost, which some sites borrow from Blog.
var updateKeys = []string{"liveBlogUpdate", "blogPost"}

// chooseBlog picks the page's live blog. LiveBlogPosting nodes in JSON-LD
// that name the same story (by @id or address) are one blog told in
// parts, as when a second script carries the updates: they are merged,
// together with any other node that has the blog's @id and lists
// updates. The blog with the most updates wins, JSON-LD before microdata
// on a tie; a blog that still has no updates takes the BlogPosting nodes
// the page's other scripts hold outside any blog.
func (b *builder) chooseBlog(trees []any, md []*mdItem) map[string]any {
	var groups []map[string]any
	byKey := map[string]int{}
	for _, tree := range trees {
		for _, m := range b.blogs(tree) {
			k := b.blogKey(m)
			if i, ok := byKey[k]; ok && k != "" {
				groups[i] = mergeNodes(groups[i], m)
				continue
			}
			byKey[k] = len(groups)
			groups = append(groups, m)
		}
	}
	for i, g := range groups {
		id := strings.TrimSpace(str(g["@id"]))
		if id == "" {
			continue
		}
		for _, tree := range trees {
			walkNodes(tree, func(n map[string]any) {
				if strings.TrimSpace(str(n["@id"])) == id && !typeIs(n, "LiveBlogPosting") && hasUpdates(n) {
					groups[i] = mergeNodes(groups[i], n)
				}
			})
		}
	}
	var blog map[string]any
	best := -1
	for _, g := range groups {
		if n := len(b.updates(g)); n > best {
			blog, best = g, n
		}
	}
	for _, it := range md {
		for _, m := range b.blogs(it.node()) {
			if n := len(b.updates(m)); n > best {
				blog, best = m, n
			}
		}
	}
	if blog != nil && best == 0 {
		var posts []any
		for _, tree := range trees {
			collectPosts(tree, &posts, 0)
		}
		if len(posts) > 0 {
			blog = mergeNodes(blog, map[string]any{"liveBlogUpdate": posts})
		}
	}
	return blog
}

// blogKey names the story a LiveBlogPosting node is about: its @id, else
// its address.
func (b *builder) blogKey(m map[string]any) string {
	if id := strings.TrimSpace(str(m["@id"])); id != "" {
		return "id " + id
	}
	if l := b.link(str(m["url"])); l != "" {
		return "url " + l
	}
	return ""
}

// hasUpdates reports whether a node lists updates.
func hasUpdates(n map[string]any) bool {
	for _, k := range updateKeys {
		if n[k] != nil {
			return true
		}
	}
	return false
}

// mergeNodes returns a node with a's properties, b's where a has none,
// and the updates of both.
func mergeNodes(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if empty(out[k]) {
			out[k] = v
		}
	}
	for _, k := range updateKeys {
		if a[k] != nil && b[k] != nil {
			out[k] = append(asList(a[k]), asList(b[k])...)
		}
	}
	return out
}

// empty reports a missing or blank value.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// asList returns a value as a new list of its elements.
func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return append([]any(nil), l...)
	}
	return []any{v}
}

// walkNodes calls f on every node of a tree.
func walkNodes(v any, f func(map[string]any)) {
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			f(x)
			for _, e := range x {
				walk(e, depth+1)
			}
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
}

// collectPosts gathers the BlogPosting nodes of a tree that stand on their
// own: at its top, in its @graph or in an ItemList there, not inside a
// blog or an article.
func collectPosts(v any, out *[]any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectPosts(e, out, depth+1)
		}
	case map[string]any:
		switch {
		case typeIs(x, "BlogPosting"):
			*out = append(*out, x)
		case typeIs(x, "ItemList"):
			collectPosts(x["itemListElement"], out, depth+1)
		case typeIs(x, "ListItem"):
			collectPosts(x["item"], out, depth+1)
		default:
			if g, ok := x["@graph"]; ok {
				collectPosts(g, out, depth+1)
			}
		}
	}
}
