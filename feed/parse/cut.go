package parse

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
)

// closeOff returns an XML body that ends in the middle of an end tag with
// only the feed's outer elements (rss, channel, feed, rdf:RDF) still open,
// with the missing end tags added: the feed was cut short in its last
// closing tags ("</channel></rs") and nothing of the story is missing. It
// returns nil for any other body.
func closeOff(body []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	var open []string
	good := int64(0) // where the last whole token ended
	for {
		tok, err := d.RawToken()
		if err != nil {
			var syntax *xml.SyntaxError
			if errors.Is(err, io.EOF) || !errors.As(err, &syntax) || !strings.Contains(syntax.Msg, "unexpected EOF") || len(open) == 0 {
				return nil
			}
			break
		}
		good = d.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, rawName(t.Name))
		case xml.EndElement:
			name := rawName(t.Name)
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == name {
					open = open[:i]
					break
				}
			}
		}
	}
	if !bytes.HasPrefix(bytes.TrimLeft(body[good:], " \t\r\n"), []byte("</")) {
		return nil // cut inside text or a start tag: something may be missing
	}
	for _, name := range open {
		if i := strings.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		switch strings.ToLower(name) {
		case "rss", "channel", "feed", "rdf":
		default:
			return nil // cut inside an item or the story's own data: salvage keeps what is whole
		}
	}
	out := make([]byte, 0, int(good)+16*len(open))
	out = append(out, body[:good]...)
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, "</"+open[i]+">"...)
	}
	return out
}

func rawName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// reread parses a repaired body, or fails when there is none.
func reread(fp *gofeed.Parser, body []byte) (*gofeed.Feed, error) {
	if body == nil {
		return nil, errors.New("nothing to reread")
	}
	return fp.Parse(bytes.NewReader(body))
}
