package parse

import (
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

// mediaTitle returns an item's Media RSS title (media:title, on its own or
// inside media:group or media:content), which names an item that has no
// title of its own, or "".
func mediaTitle(it *gofeed.Item) string {
	media := it.Extensions["media"]
	if media == nil {
		return ""
	}
	if t := extTitle(media["title"]); t != "" {
		return t
	}
	for _, outer := range []string{"group", "content"} {
		for _, e := range media[outer] {
			if t := extTitle(e.Children["title"]); t != "" {
				return t
			}
			for _, c := range e.Children["content"] {
				if t := extTitle(c.Children["title"]); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// extTitle returns the first non-empty value among title elements.
func extTitle(titles []ext.Extension) string {
	for _, t := range titles {
		if v := strings.TrimSpace(t.Value); v != "" {
			return v
		}
	}
	return ""
}
