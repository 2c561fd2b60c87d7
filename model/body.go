package model

import (
	"strconv"
	"strings"
	"unsafe"
)

// BlockKind says how a block of an update's body is laid out.
type BlockKind uint8

// Block kinds, in the order a terminal lays them out.
const (
	Paragraph    BlockKind = iota // plain running text
	Heading                       // a heading inside the body
	Bullet                        // an item of an unordered list
	Numbered                      // an item of an ordered list; Block.Number holds its number
	Quote                         // a block quotation
	Preformatted                  // text whose line breaks and spacing matter
)

// SpanStyle marks inline emphasis; the values combine as bits.
type SpanStyle uint8

// Inline styles.
const (
	Strong SpanStyle = 1 << iota
	Emphasis
	Code
	LinkText // the text of a link; Span.Ref names the reference
)

// Span is a run of text with one inline style.
type Span struct {
	Text  string
	Style SpanStyle
	Ref   int // 1-based index into Body.Links when Style has LinkText, else 0
}

// Block is one paragraph, heading, list item, quote or preformatted run.
type Block struct {
	Kind   BlockKind
	Spans  []Span
	Number int // the item's number for Numbered blocks
	Depth  int // list or quote nesting, 0 at the top
}

// Text returns the block's plain text.
func (b Block) Text() string {
	if len(b.Spans) == 1 {
		return b.Spans[0].Text
	}
	var sb strings.Builder
	for _, s := range b.Spans {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// Body is an update's structured text: blocks plus the links they refer to.
type Body struct {
	Blocks []Block
	Links  []string // link targets, referred to by Span.Ref (1-based)
}

// PlainText renders the body as plain text: one line per block, blank
// lines between paragraphs, list items marked, a link's reference after
// it as " [n]". It is Update.Text, which the content hash, saved state and
// search read: changing it would mark every saved update with a link
// edited. People read AppendReadingText's form.
func (b Body) PlainText() string {
	text := b.appendPlainText(nil)
	return unsafe.String(unsafe.SliceData(text), len(text))
}

// AppendReadingText appends the body as people read it to dst: the plain
// text with each link's reference joined to the link's text, "desk[1]",
// as a footnote mark is, so that no line starts with a reference.
func (b Body) AppendReadingText(dst []byte) []byte {
	return b.appendText(dst, "[")
}

// appendPlainText appends the body's plain text to dst.
func (b Body) appendPlainText(dst []byte) []byte {
	return b.appendText(dst, " [")
}

// appendText appends the body's text, each link reference opened by ref.
func (b Body) appendText(dst []byte, ref string) []byte {
	for i, bl := range b.Blocks {
		if i > 0 {
			if bl.Kind == Bullet || bl.Kind == Numbered {
				if prev := b.Blocks[i-1].Kind; prev == Bullet || prev == Numbered {
					dst = append(dst, '\n')
				} else {
					dst = append(dst, "\n\n"...)
				}
			} else {
				dst = append(dst, "\n\n"...)
			}
		}
		for d := 0; d < bl.Depth; d++ {
			dst = append(dst, "  "...)
		}
		switch bl.Kind {
		case Bullet:
			dst = append(dst, "- "...)
		case Numbered:
			dst = strconv.AppendInt(dst, int64(bl.Number), 10)
			dst = append(dst, ". "...)
		case Quote:
			dst = append(dst, "> "...)
		}
		for _, s := range bl.Spans {
			dst = append(dst, s.Text...)
			if s.Style&LinkText != 0 && s.Ref > 0 {
				dst = append(dst, ref...)
				dst = strconv.AppendInt(dst, int64(s.Ref), 10)
				dst = append(dst, ']')
			}
		}
	}
	return dst
}

// TextBody builds a body of plain paragraphs from text, one per
// blank-line-separated chunk; single newlines stay inside a paragraph.
func TextBody(text string) Body {
	var b Body
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.Blocks = append(b.Blocks, Block{Kind: Paragraph, Spans: []Span{{Text: para}}})
	}
	return b
}
