package figures

import (
	"fmt"
	"strings"
	"testing"

	"github.com/liveline-tui/liveline/model"
)

// pinnedOne reads one update and returns the texts the section pins.
func pinnedOne(text string) []string {
	s := model.NewStory()
	b := NewBoard()
	b.Apply(merge(s, post("u", 0, para(text))))
	sec := b.Section()
	var out []string
	for _, e := range sec.Entries() {
		out = append(out, e.Text(nil, false))
	}
	return out
}

// The section pins a figure only when what it counts is on the list of
// measures, it says whose it is where the measure needs it, what it counts
// is written beside it, and its clause does not hedge it.
func TestConfidence(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// on the list, said plainly
		{"At least 26 people have died in the storm.", []string{"deaths · At least 26"}},
		{"Labour has won 410 seats.", []string{"Labour · 410 seats"}},
		{"Some 2,400 homes are without power tonight.", []string{"homes without power · Some 2,400"}},
		{"The Zephyr 8 starts at $599.", []string{"Zephyr 8 · $599"}},
		// off the list, however well read
		{"The lake rose 3 metres above its usual level.", nil},
		{"Shelters have taken in 38 dogs.", nil},
		{"The Zephyr watch comes in a 41mm size.", nil},
		{"Prices drop to $249, starting today.", nil},
		// a price with no product named
		{"The entry model costs $279.", nil},
		// hedged: feared, required, denied, expected
		{"Officials fear the toll could rise to 30.", nil},
		{"The Greens need 40 seats for a majority.", nil},
		{"The Centre keeps 37 seats that were not contested this time.", nil},
		{"Analysts had expected revenue of $5.1 billion.", nil},
		// a walkout told ahead still counts
		{"Up to 2,000 nurses are set to strike on Friday.", []string{"nurses · Up to 2,000"}},
		// a lone one
		{"Independents won 1 seat.", nil},
	} {
		if got := pinnedOne(c.text); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q: pinned %q, want %q", c.text, got, c.want)
		}
	}
}

// What a figure counts, taken from a sentence further back than the one
// before it, is a guess: a list of places after one toll keeps it; a list
// after other figures does not.
func TestBorrowedNoun(t *testing.T) {
	near := pinnedOne("At least 130 deaths have been confirmed.\n\nThere are 88 in Aland, 26 in Bresk and 16 in Corve.")
	if strings.Join(near, "\n") != "deaths · At least 130\nAland 88 · Bresk 26 · Corve 16 deaths" {
		t.Errorf("places after the toll: %q", near)
	}
	far := pinnedOne("At least 19 deaths have been confirmed. Some 180,000 customers lost power. About 50,000 customers " +
		"were without power in Aland. Another 33,000 were affected in Bresk, followed by about 28,000 in Corve.")
	for _, l := range far {
		if strings.Contains(l, "Bresk") || strings.Contains(l, "Corve") {
			t.Errorf("a count two sentences on took the toll's noun: %q", far)
		}
	}
}

// A tracker shows the newest update's statement or nothing: an update that
// says the count moved without its total leaves the tracker out rather
// than show the old total as the latest.
func TestTrackerNeverStale(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	b.Apply(merge(s,
		post("a", 0, para("The death toll has risen to 12.")),
		post("b", 10, para("The death toll now stands at 15.")),
	))
	sec := b.Section()
	if len(sec.Trackers) != 1 || sec.Trackers[0].Latest.Value != 15 {
		t.Fatalf("trackers %+v", sec.Trackers)
	}
	b.Apply(merge(s, post("c", 20, para("A further 4 deaths were reported this evening."))))
	sec = b.Section()
	for _, tr := range sec.Trackers {
		t.Errorf("tracker shown with %s after the count moved on", tr.Latest.Text)
	}
	// a forecast in the newest update is no statement of the count
	b.Apply(merge(s, post("c", 20, para("Officials fear the toll could rise to 30."))))
	sec = b.Section()
	if len(sec.Trackers) != 1 || sec.Trackers[0].Latest.Value != 15 {
		t.Errorf("after a forecast: trackers %+v", sec.Trackers)
	}
}

// At most MaxOthers lines of other figures are pinned, the surest first:
// a figure restated in another update before one said once.
func TestOthersCapped(t *testing.T) {
	s := model.NewStory()
	b := NewBoard()
	var us []model.Update
	words := []string{"operations", "appointments", "procedures", "surgeries", "trains", "flights", "outpatients", "arrests"}
	for i, w := range words {
		us = append(us, post(fmt.Sprint("u", i), i, para(fmt.Sprintf("Officials said %d %s were recorded.", 100+i, w))))
	}
	b.Apply(merge(s, us...))
	sec := b.Section()
	checkSection(t, &sec)
	if len(sec.Others) != MaxOthers {
		t.Errorf("%d other figures, want %d", len(sec.Others), MaxOthers)
	}
}

// One update that states a count two ways far apart leaves its latest
// unknown: a count that only grows takes the largest, any other is left out.
func TestConflictingStatements(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Officials counted 28 dead by noon; with 9 more found since, 37 deaths are now confirmed.", []string{"deaths · 37"}},
		{"There were 260 people in hospital this morning; by the evening 190 people were in hospital.", nil},
		// a share of sales, or their rise, is not their level; a margin is
		{"The Zephyr brings in nearly half of all sales.", nil},
		{"Orchard's gross margin was 46.2%.", []string{"Orchard · 46.2% gross margin"}},
		// a party's name in place of a noun is its share; a possessive is not
		{"Shares of the vote: 31% KP (up 2), 24% HP (down 5).", []string{"KP · 31%", "HP · 24%"}},
		{"Roughly a fifth of the Centre's wins came in the east.", nil},
	} {
		if got := pinnedOne(c.text); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%q: pinned %q, want %q", c.text, got, c.want)
		}
	}
}
