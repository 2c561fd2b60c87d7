package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/liveline-tui/liveline/feed/demo"
	"github.com/liveline-tui/liveline/feed/parse"
	"github.com/liveline-tui/liveline/feed/record"
	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
)

// The writers append their output by hand for speed. What they write is
// held to what encoding/json, ansi and fmt write, the way dump first wrote
// it: the reference writers below, on the test feeds, the demo and a large
// generated story with every kind of text and update.

func TestWritersMatchTheReference(t *testing.T) {
	stories := map[string]*model.Story{"generated": generatedStory(t, 6000)}
	for _, name := range []string{"strike.xml", "strike.atom", "strike.json", "strike.rdf",
		"bad/escapes-raw.xml", "bad/escapes-entities.xml", "bad/escapes.json", "bad/no-dates-ids.xml"} {
		body, err := os.ReadFile(repoFile(name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := parse.Parse(body, "", nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stories[name] = model.NewStory()
		stories[name].Merge(&r.Snapshot)
	}
	rec, err := record.Read(demo.Recording())
	if err != nil {
		t.Fatal(err)
	}
	if stories["demo"], err = rec.Final(); err != nil {
		t.Fatal(err)
	}
	for name, s := range stories {
		all := picked{updates: s.Updates()}
		everyThird := picked{grep: true, query: `every -"third" ‘one’ \`}
		for _, u := range s.Updates() {
			if u.Seq()%3 == 0 {
				everyThird.updates = append(everyThird.updates, u)
			}
		}
		none := picked{grep: true, query: "none"}
		long := picked{grep: true, query: strings.Repeat("a-rather-long-query ", 6)}
		for _, keep := range []picked{all, everyThird, none, long} {
			for _, as := range []string{"", "https://example.com/live?a=1&b=\"2\""} {
				var got, want bytes.Buffer
				if err := writeStoryJSON(&got, s, keep, as); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if err := referenceStoryJSON(&want, s, keep, as); err != nil {
					t.Fatalf("%s: reference: %v", name, err)
				}
				sameOutput(t, name+" as JSON", got.String(), want.String())
			}
			for _, loc := range []*time.Location{time.UTC, time.FixedZone("NZDT", 13*3600)} {
				var got, want bytes.Buffer
				if err := writeStoryText(&got, s, keep, loc); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				referenceStoryText(&want, s, keep, loc)
				sameOutput(t, name+" as text", got.String(), want.String())
			}
		}
	}
}

func TestUpdateTextWithALabelMatchesTheReference(t *testing.T) {
	s := generatedStory(t, 200)
	for _, label := range []string{"[new] ", "[edited] ", "[removed] "} {
		for _, u := range s.Updates() {
			var got, want bytes.Buffer
			if err := writeUpdateText(&got, label, u, time.UTC); err != nil {
				t.Fatal(err)
			}
			referenceUpdateText(&want, label, u, time.UTC)
			sameOutput(t, label+u.ID, got.String(), want.String())
		}
	}
}

func TestJSONFloatsAreEncodingJSONs(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 44, 66.67, 1.2e9, 123456789, 1e20, 1e21, -1e21,
		1.5e300, 1e-6, 1e-7, -3.2e-9, 5e-324, math.MaxFloat64, 0.1 + 0.2} {
		want, _ := json.Marshal(f)
		got, err := appendJSONFloat(nil, f)
		if err != nil || string(got) != string(want) {
			t.Errorf("%v: got %s (%v), want %s", f, got, err, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, want := json.Marshal(f)
		if _, err := appendJSONFloat(nil, f); err == nil || err.Error() != want.Error() {
			t.Errorf("%v: got error %v, want %v", f, err, want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "tab\tnew\nline\r\b\f\x00\x1f\x7f",
		"\u2028\u2029", "\xff\xfe invalid \xc3", "“typographic” – é 東京 👩‍⚕️"} {
		f.Add(s)
	}
	// Each kind of byte that needs care, at every place of a run that the
	// encoder passes over eight bytes at a time.
	for _, special := range []string{`"`, `\`, "\x00", "\x1f", "\n", "\x7f", "é", "\u2028", "\xff"} {
		for at := range 17 {
			f.Add(strings.Repeat("a", at) + special + strings.Repeat("b", 16-at))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString(nil, s)) + "\n"; got != want.String() {
			t.Errorf("%q: got %s, want %s", s, got, want.String())
		}
	})
}

// sameOutput reports the first line where two outputs part.
func sameOutput(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("%s: line %d differs:\n got %q\nwant %q", what, i+1, g[i], w[i])
		}
	}
	t.Fatalf("%s: %d lines, want %d", what, len(g), len(w))
}

// generatedStory is a story of n updates, read twice: the second reading
// edits some updates and drops others, so some are edited (with their
// previous version) and some removed. Their text has what the writers
// must get right: long paragraphs, lists and quotes that wrap with a
// hanging indent, hyphens, long words, typographic and wide characters,
// combining marks, tabs, quotes and backslashes, control characters and
// line separators for the JSON, figures for the In numbers section.
func generatedStory(t *testing.T, n int) *model.Story {
	t.Helper()
	rng := rand.New(rand.NewPCG(16, uint64(n)))
	words := []string{"junior", "doctors", "gathered", "outside", "the", "royal", "infirmary", "in", "Leeds,", "where",
		"pickets", "handed", "out", "leaflets", "to", "passing", "drivers.", "“We’re", "not", "going", "anywhere,”",
		"said", "Dr", "Siân", "O’Brien", "–", "long-running", "cross-party", "talks", "re-opened", "mid-afternoon",
		"https://www.example.com/news/live/2016/jan/12/junior-doctors-strike-day-one-live-updates?page=with:block-1",
		"東京の病院", "👩‍⚕️", "e\u0301te\u0301", "no\u00a0break", "thin\u2009space", "a\tb", `"quoted"`, `back\slash`,
		"<b>&amp;</b>", "\x1b[31m", "line\u2028separator", "\xff", "supercalifragilisticexpialidociousantidisestablishmentarianismfloccinaucinihilipilification"}
	figureLines := []string{"%d procedures were cancelled", "around %d junior doctors joined the picket lines",
		"%d per cent of staff walked out", "turnout was %d%%", "£%d,000 was raised for the hardship fund",
		"between %d and 3,000 appointments were rescheduled", "%d patients were seen in A&E"}
	sentence := func(min, max int) string {
		k := min + rng.IntN(max-min+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[rng.IntN(len(words))]
		}
		if rng.IntN(3) == 0 {
			ws = append(ws, fmt.Sprintf(figureLines[rng.IntN(len(figureLines))], 2+rng.IntN(60000)))
		}
		return strings.Join(ws, " ")
	}
	body := func() model.Body {
		var b model.Body
		for range 1 + rng.IntN(4) {
			kind := model.BlockKind(rng.IntN(5))
			bl := model.Block{Kind: kind, Depth: rng.IntN(2), Spans: []model.Span{{Text: sentence(3, 40)}}}
			if kind == model.Numbered {
				bl.Number = 1 + rng.IntN(120)
			}
			if rng.IntN(4) == 0 {
				b.Links = append(b.Links, fmt.Sprintf("https://example.com/%d", rng.IntN(1000)))
				bl.Spans = append(bl.Spans, model.Span{Text: " a link", Style: model.LinkText, Ref: len(b.Links)})
			}
			b.Blocks = append(b.Blocks, bl)
		}
		return b
	}
	start := time.Date(2016, time.January, 12, 7, 0, 0, 0, time.UTC)
	first := model.Snapshot{Title: "Live: " + sentence(3, 20), Summary: sentence(0, 30), Link: "https://example.com/live",
		FeedURL: "https://example.com/live/rss", Total: n + 40, CoverageEnd: start.Add(time.Duration(n) * time.Minute),
		Fetched: start.Add(time.Duration(n+1) * time.Minute)}
	for i := n - 1; i >= 0; i-- {
		u := model.Update{ID: fmt.Sprintf("u-%d", i), Body: body()}
		switch rng.IntN(4) {
		case 0: // a headline made from the text
		case 1:
			u.Headline = sentence(12, 25)
		default:
			u.Headline = sentence(3, 10)
		}
		if rng.IntN(10) > 0 {
			u.Published = start.Add(time.Duration(i) * time.Minute)
		}
		if rng.IntN(3) == 0 {
			u.Updated = u.Published.Add(time.Duration(rng.IntN(100)) * time.Second)
		}
		if rng.IntN(2) == 0 {
			u.Author = words[rng.IntN(len(words))]
		}
		if i%25 == 0 {
			u.Categories = []string{"Key event", "Pickets"}
		} else if rng.IntN(3) == 0 {
			u.Categories = []string{"Talks"}
		}
		if rng.IntN(3) > 0 {
			u.Link = "https://example.com/live#" + u.ID
		}
		first.Updates = append(first.Updates, u)
	}
	second := first
	second.Updates = nil
	for _, u := range first.Updates {
		switch rng.IntN(20) {
		case 0: // dropped: removed if the reading still covers its time
			continue
		case 1:
			u.Body = body()
		case 2:
			u.Headline = sentence(3, 10)
		}
		second.Updates = append(second.Updates, u)
	}
	s := model.NewStory()
	for _, snap := range []model.Snapshot{first, second} {
		snap.Updates = append([]model.Update(nil), snap.Updates...)
		snap.Prepare()
		s.Merge(&snap)
	}
	edited, removed := 0, 0
	for _, u := range s.Updates() {
		if u.Previous != nil {
			edited++
		}
		if u.Removed {
			removed++
		}
	}
	if n >= 100 && (edited == 0 || removed == 0) {
		t.Fatalf("the generated story has %d edited and %d removed updates", edited, removed)
	}
	return s
}

// The reference writers: dump's JSON and text as first written, with
// encoding/json, fmt and ansi.

type referenceGrep struct {
	Query   string `json:"query"`
	Matched int    `json:"matched"`
	Read    int    `json:"read"`
}

func referenceStoryJSON(w *bytes.Buffer, s *model.Story, p picked, story string) error {
	var updates []jsonUpdate
	for _, u := range p.updates {
		updates = append(updates, toJSONUpdate(u))
	}
	inNumbers, trackers, figs := referenceNumbersJSON(storyBoard(s))
	w.WriteString("{\n")
	members := []struct {
		key  string
		val  any
		omit bool
	}{
		{"story", story, story == ""},
		{"title", s.Title, false}, {"summary", s.Summary, false}, {"link", s.Link, false},
		{"feed_url", s.FeedURL, s.FeedURL == ""}, {"total", s.Total, s.Total == 0},
		{"coverage_start", rfc3339(s.CoverageStart), false}, {"coverage_end", rfc3339(s.CoverageEnd), false},
		{"from_layout", true, !s.FromLayout},
		{"grep", referenceGrep{p.query, len(p.updates), s.Len()}, !p.grep},
	}
	for _, m := range members {
		if m.omit {
			continue
		}
		v, err := referenceMarshal(m.val)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %q: %s,\n", m.key, v)
	}
	for _, l := range []struct {
		key   string
		items []any
	}{{"in_numbers", inNumbers}, {"trackers", trackers}, {"figures", figs}, {"updates", anys(updates)}} {
		fmt.Fprintf(w, "  %q: [", l.key)
		for i, it := range l.items {
			b, err := referenceMarshal(it)
			if err != nil {
				return err
			}
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n    ")
			w.Write(b)
		}
		if len(l.items) > 0 {
			w.WriteString("\n  ")
		}
		w.WriteString("]")
		if l.key != "updates" {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	w.WriteString("}\n")
	return nil
}

func anys[T any](list []T) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

type referenceFigure struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value"`
	High     float64  `json:"high,omitempty"`
	Unit     string   `json:"unit"`
	Label    string   `json:"label"`
	Subject  string   `json:"subject,omitempty"`
	UpdateID string   `json:"update_id"`
	Time     *string  `json:"time"`
	Pinned   bool     `json:"pinned"`
}

type referenceTracker struct {
	Key     string               `json:"key"`
	Subject string               `json:"subject"`
	Unit    string               `json:"unit"`
	Latest  referenceStatement   `json:"latest"`
	History []referenceStatement `json:"history"`
}

type referenceStatement struct {
	Value    *float64 `json:"value"`
	Text     string   `json:"text"`
	UpdateID string   `json:"update_id"`
	Time     *string  `json:"time"`
}

func referenceValue(f *figures.Figure) *float64 {
	if !f.HasValue {
		return nil
	}
	v := f.Value
	return &v
}

func referenceFigureOf(f *figures.Figure, pinned bool) referenceFigure {
	jf := referenceFigure{Text: f.Text, Value: referenceValue(f), High: f.High, Unit: f.Unit, Label: f.Label,
		Subject: f.Subject, UpdateID: f.UpdateID, Time: rfc3339(f.Time), Pinned: pinned}
	if f.Context != "" {
		jf.Label = f.Context
	}
	return jf
}

func referenceStatementOf(f *figures.Figure) referenceStatement {
	return referenceStatement{Value: referenceValue(f), Text: f.Text, UpdateID: f.UpdateID, Time: rfc3339(f.Time)}
}

func referenceNumbersJSON(board *figures.Board) (inNumbers, trackers, figs []any) {
	sec := board.Section()
	for _, l := range sec.Lines {
		inNumbers = append(inNumbers, l.Text)
	}
	for i := range sec.Trackers {
		tr := &sec.Trackers[i]
		jt := referenceTracker{Key: tr.Key, Subject: tr.Subject, Unit: tr.Unit, Latest: referenceStatementOf(&tr.Latest),
			History: []referenceStatement{}}
		hist := tr.History()
		for i := range hist {
			jt.History = append(jt.History, referenceStatementOf(&hist[i]))
		}
		trackers = append(trackers, jt)
		figs = append(figs, referenceFigureOf(&tr.Latest, true))
	}
	for i := range sec.Others {
		figs = append(figs, referenceFigureOf(&sec.Others[i], true))
	}
	for _, g := range board.Groups() {
		for i := range g.Figures {
			if f := &g.Figures[i]; !sec.Pinned(f) {
				figs = append(figs, referenceFigureOf(f, false))
			}
		}
	}
	return inNumbers, trackers, figs
}

func referenceMarshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func referenceStoryText(w *bytes.Buffer, s *model.Story, p picked, loc *time.Location) {
	fmt.Fprintln(w, referenceWrap(s.Title))
	fmt.Fprintln(w, strings.Repeat("=", min(dumpWidth, max(3, ansi.StringWidth(s.Title)))))
	if s.Summary != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, referenceWrap(s.Summary))
	}
	fmt.Fprintln(w)
	plural := func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	}
	count := fmt.Sprintf("%d %s", s.Len(), plural(s.Len(), "update", "updates"))
	switch {
	case p.grep && s.Total > s.Len():
		count = fmt.Sprintf("%d of %d loaded %s “%s” (the story has %d)", len(p.updates), s.Len(),
			plural(s.Len(), "update matches", "updates match"), p.query, s.Total)
	case p.grep:
		count = fmt.Sprintf("%d of %d %s “%s”", len(p.updates), s.Len(), plural(s.Len(), "update matches", "updates match"), p.query)
	case s.Total > s.Len():
		count = fmt.Sprintf("%d of %d updates loaded", s.Len(), s.Total)
	}
	meta := []string{count}
	if s.Link != "" {
		meta = append(meta, s.Link)
	}
	if s.FeedURL != "" && s.FeedURL != s.Link {
		meta = append(meta, "read from "+s.FeedURL)
	}
	if s.FromLayout {
		meta = append(meta, "read from the page's layout")
	}
	if s.Len() == 0 && !s.CoverageStart.IsZero() {
		meta = append(meta, "coverage starts at "+s.CoverageStart.In(loc).Format(timeLayout))
	}
	if !s.CoverageEnd.IsZero() {
		meta = append(meta, "coverage ended "+s.CoverageEnd.In(loc).Format(timeLayout))
	}
	var lines []string
	wrapped := false // the last line ends a part wrapped onto it: nothing joins it
	for _, part := range meta {
		if n := len(lines); n > 0 && !wrapped && ansi.StringWidth(lines[n-1]+" · "+part) <= dumpWidth {
			lines[n-1] += " · " + part
			continue
		}
		wrapped = ansi.StringWidth(part) > dumpWidth && !strings.Contains(part, "://")
		if wrapped {
			part = referenceWrap(part)
		}
		lines = append(lines, part)
	}
	fmt.Fprintln(w, strings.Join(lines, "\n"))
	if sec := storyBoard(s).Section(); sec.Len() > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "In numbers")
		for _, e := range sec.Entries() {
			fmt.Fprintln(w, referenceWrap("- "+e.Text(loc, sec.Days())))
		}
		fmt.Fprintln(w)
	}
	for _, u := range p.updates {
		referenceUpdateText(w, "", u, loc)
	}
}

func referenceUpdateText(w *bytes.Buffer, label string, u *model.Update, loc *time.Location) {
	fmt.Fprintln(w, label+strings.Repeat("─", dumpWidth-ansi.StringWidth(label)))
	var tags []string
	if u.HasTime() {
		tags = append(tags, u.Published.In(loc).Format(timeLayout))
	} else {
		tags = append(tags, "undated")
	}
	if u.Author != "" {
		tags = append(tags, u.Author)
	}
	if u.Key {
		tags = append(tags, "key event")
	}
	if u.Edited {
		tags = append(tags, "edited")
	}
	if u.Removed {
		tags = append(tags, "removed")
	}
	fmt.Fprintln(w, referenceWrap(strings.Join(tags, " · ")))
	fmt.Fprintln(w, referenceWrap(u.Headline))
	if u.Text != "" && u.Text != u.Headline {
		text := u.Text
		if len(u.Body.Links) > 0 {
			text = string(u.Body.AppendReadingText(nil))
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, referenceWrap(text))
	}
	for i, l := range u.Body.Links {
		fmt.Fprintf(w, "[%d] %s\n", i+1, l)
	}
	if u.Link != "" {
		fmt.Fprintln(w, u.Link)
	}
	fmt.Fprintln(w)
}

func referenceWrap(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= dumpWidth {
			continue
		}
		prefix, indent := linePrefix(line)
		body := ansi.Wrap(line[len(prefix):], dumpWidth-ansi.StringWidth(indent), "")
		lines[i] = prefix + strings.ReplaceAll(body, "\n", "\n"+indent)
	}
	return strings.Join(lines, "\n")
}
