package figures

import (
	"slices"
	"testing"

	"github.com/liveline-tui/liveline/model"
)

func para(s string) model.Block {
	return model.Block{Kind: model.Paragraph, Spans: []model.Span{{Text: s}}}
}
func bullet(s string) model.Block {
	return model.Block{Kind: model.Bullet, Spans: []model.Span{{Text: s}}}
}
func heading(s string) model.Block {
	return model.Block{Kind: model.Heading, Spans: []model.Span{{Text: s}}}
}

func body(blocks ...model.Block) *model.Update {
	u := &model.Update{ID: "u", Body: model.Body{Blocks: blocks}}
	u.Text = u.Body.PlainText()
	return u
}

func TestExplicitList(t *testing.T) {
	for _, c := range []struct {
		name string
		u    *model.Update
		want []string
	}{
		{"heading and bullets, ended by a site name", body(
			para("Picket lines were busy all day."),
			heading("In numbers"),
			bullet("About 26,000 junior doctors were on the rota for the day"),
			bullet("39% of them came in, around 10,000 people"),
			bullet("71% of all staff were at work, so more than a quarter were not"),
			bullet("3,454 operations were called off or moved"),
			bullet("ITV Report"),
			bullet("A doctor explains why 2 strikes are planned"),
		), []string{
			"About 26,000 junior doctors were on the rota for the day",
			"39% of them came in, around 10,000 people",
			"71% of all staff were at work, so more than a quarter were not",
			"3,454 operations were called off or moved",
		}},
		{"lead-line paragraph with a colon", body(
			para("in NUMBERS:"),
			bullet("5,264 procedures cancelled"),
			bullet("2,077 of them inpatient"),
		), []string{"5,264 procedures cancelled", "2,077 of them inpatient"}},
		{"lead line and short lines inside one paragraph", body(
			para("By the numbers\n- 1,140 inpatient procedures put off\n- 1,734 day procedures put off\n- Talks resume on Thursday\n- 43% turnout"),
		), []string{"1,140 inpatient procedures put off", "1,734 day procedures put off"}},
		{"lead line carrying the first figure", body(
			para("Key figures: 44 per cent of junior doctors at work"),
			para("73 per cent of all doctors at work"),
			para("The BMA wants talks to go on."),
			para("Two more strikes are planned."),
		), []string{"44 per cent of junior doctors at work", "73 per cent of all doctors at work"}},
		{"advertisement inside the list is skipped", body(
			heading("In figures:"),
			bullet("3,454 operations postponed"),
			para("Advertisement"),
			bullet("Around 4,000 operations cancelled in all"),
		), []string{"3,454 operations postponed", "Around 4,000 operations cancelled in all"}},
		{"numbered items, words count as numbers", body(
			para("In numbers."),
			model.Block{Kind: model.Numbered, Number: 1, Spans: []model.Span{{Text: "Thousands of doctors on picket lines"}}},
			model.Block{Kind: model.Numbered, Number: 2, Spans: []model.Span{{Text: "More than half of junior doctors out"}}},
			model.Block{Kind: model.Numbered, Number: 3, Spans: []model.Span{{Text: "Watch our report"}}},
		), []string{"Thousands of doctors on picket lines", "More than half of junior doctors out"}},
		{"a heading ends the list", body(
			heading("In numbers"),
			bullet("26,000 junior doctors rostered"),
			heading("2 things to know"),
			bullet("3,454 operations hit"),
		), []string{"26,000 junior doctors rostered"}},
		{"a long paragraph is prose, not a list line", body(
			para("In numbers"),
			para("26,000 junior doctors rostered"),
			para("The health service said that 43% of junior doctors came in on the day shift, a figure that includes the many "+
				"doctors who never meant to strike, such as those covering emergency care, and those on leave, training or nights, "+
				"and it added that trusts had done their best to keep 1,734 day procedures going despite the walkout and the weather."),
		), []string{"26,000 junior doctors rostered"}},
		{"the words in prose are not a heading", body(
			para("The numbers in figures from trusts vary: 43% came in."),
			bullet("26,000 junior doctors rostered"),
		), nil},
		{"no list", body(para("Talks resume on Thursday, 3 days after the strike.")), nil},
		{"a heading with nothing after it", body(heading("In numbers"), para("Figures to follow.")), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ExplicitList(c.u); !slices.Equal(got, c.want) {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestExplicitListHeadline(t *testing.T) {
	u := body(bullet("26,000 junior doctors rostered"), bullet("39% came in"), para("More soon."))
	u.Headline = "Key figures"
	if got, want := ExplicitList(u), []string{"26,000 junior doctors rostered", "39% came in"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := ExplicitList(nil); got != nil {
		t.Errorf("nil update: %q", got)
	}
}
