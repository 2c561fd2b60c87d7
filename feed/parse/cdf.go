package parse

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// readCDF reads a Channel Definition Format document: a <CHANNEL> root
// (with HREF, LASTMOD, TITLE and ABSTRACT) holding <ITEM>s, perhaps inside
// nested channels. It returns nil for anything else. Element and attribute
// names are matched in any case, as CDF was written by hand as often as
// not.
func readCDF(body []byte) *gofeed.Feed {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var (
		f     *gofeed.Feed
		item  *gofeed.Item
		depth int      // open CHANNEL elements
		field *string  // the TITLE or ABSTRACT being read
		text  []byte   // its text so far
		open  []string // element names, lower case, to find the end of field
		at    int      // len(open) when field started
	)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			open = append(open, name)
			if f == nil {
				if name != "channel" {
					return nil
				}
				f = &gofeed.Feed{FeedType: "cdf"}
			}
			if field != nil {
				continue // markup inside a title: its text is kept, the tags are not
			}
			switch name {
			case "channel":
				depth++
				if depth == 1 {
					f.Link = cdfAttr(t, "href")
					f.UpdatedParsed = cdfTime(cdfAttr(t, "lastmod"))
				}
			case "item":
				item = &gofeed.Item{Link: cdfAttr(t, "href"), UpdatedParsed: cdfTime(cdfAttr(t, "lastmod"))}
				f.Items = append(f.Items, item)
			case "title", "abstract":
				field, text, at = cdfField(f, item, depth, name), text[:0], len(open)
			}
		case xml.CharData:
			if field != nil && len(text) < rawLimit {
				text = append(text, t...)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if field != nil && len(open) == at && (name == "title" || name == "abstract") {
				if *field == "" {
					*field = strings.TrimSpace(string(text))
				}
				field = nil
			}
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			switch name {
			case "item":
				item = nil
			case "channel":
				depth--
			}
		}
	}
	return f
}

// cdfField returns where the text of a TITLE or ABSTRACT goes: the item's
// title or description, or the outermost channel's. A nested channel's
// own title names only that channel.
func cdfField(f *gofeed.Feed, item *gofeed.Item, depth int, name string) *string {
	var scratch string
	switch {
	case item != nil && name == "title":
		return &item.Title
	case item != nil:
		return &item.Description
	case depth == 1 && name == "title":
		return &f.Title
	case depth == 1:
		return &f.Description
	}
	return &scratch
}

func cdfAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// cdfTime reads a LASTMOD date (ISO 8601, with or without seconds and
// zone; without a zone it is taken as UTC).
func cdfTime(s string) *time.Time {
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return &t
		}
	}
	return nil
}
