package model

import "testing"

// TestLinkReferences: people read a link's reference joined to its text,
// as a footnote mark; the plain text that the content hash and saved
// state read keeps its space before the reference, so that no saved
// update reads as edited.
func TestLinkReferences(t *testing.T) {
	b := Body{
		Blocks: []Block{
			{Kind: Paragraph, Spans: []Span{{Text: "Ask the "}, {Text: "desk", Style: LinkText, Ref: 1}, {Text: ", or "}, {Text: "the form", Style: LinkText | Strong, Ref: 2}, {Text: "."}}},
			{Kind: Bullet, Spans: []Span{{Text: "Desk", Style: LinkText, Ref: 1}, {Text: " again"}}},
			{Kind: Paragraph, Spans: []Span{{Text: "not a link", Style: LinkText}}},
		},
		Links: []string{"https://example.com/desk", "https://example.com/form"},
	}
	if got, want := string(b.AppendReadingText([]byte("> "))), "> Ask the desk[1], or the form[2].\n\n- Desk[1] again\n\nnot a link"; got != want {
		t.Errorf("reading text %q, want %q", got, want)
	}
	if got, want := b.PlainText(), "Ask the desk [1], or the form [2].\n\n- Desk [1] again\n\nnot a link"; got != want {
		t.Errorf("plain text %q, want %q", got, want)
	}
}
