package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/figures"
)

// storyBoard gathers a whole story's figures.
func storyBoard(s *model.Story) *figures.Board {
	b := figures.NewBoard()
	b.Apply(model.Changes{New: s.Updates()})
	return b
}

// jsonFigure is one figure found in the story's prose. Pinned says whether
// the In numbers section shows it; the pinned ones come first.
type jsonFigure struct {
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

// jsonTracker is a quantity the story states again as it moves on.
type jsonTracker struct {
	Key     string          `json:"key"`
	Subject string          `json:"subject"`
	Unit    string          `json:"unit"`
	Latest  jsonStatement   `json:"latest"`
	History []jsonStatement `json:"history"`
}

// jsonStatement is one statement of a tracked quantity.
type jsonStatement struct {
	Value    *float64 `json:"value"`
	Text     string   `json:"text"`
	UpdateID string   `json:"update_id"`
	Time     *string  `json:"time"`
}

func toJSONStatement(f *figures.Figure) jsonStatement {
	st := jsonStatement{Text: f.Text, UpdateID: f.UpdateID, Time: rfc3339(f.Time)}
	if f.HasValue {
		v := f.Value
		st.Value = &v
	}
	return st
}

func toJSONFigure(f *figures.Figure, pinned bool) jsonFigure {
	jf := jsonFigure{Text: f.Text, High: f.High, Unit: f.Unit, Label: f.Label, Subject: f.Subject, UpdateID: f.UpdateID,
		Time: rfc3339(f.Time), Pinned: pinned}
	if f.Context != "" {
		jf.Label = f.Context
	}
	if f.HasValue {
		v := f.Value
		jf.Value = &v
	}
	return jf
}

// numbersJSON returns the story's In numbers section as dump's JSON gives
// it: the page's own list, the trackers (one per subject, even where the
// text shows several subjects on one line), and every figure, the ones the
// section shows first.
func numbersJSON(board *figures.Board) (inNumbers []string, trackers []jsonTracker, figs []jsonFigure) {
	sec := board.Section()
	inNumbers = make([]string, 0, len(sec.Lines))
	trackers = make([]jsonTracker, 0, len(sec.Trackers))
	figs = []jsonFigure{}
	for _, l := range sec.Lines {
		inNumbers = append(inNumbers, l.Text)
	}
	for i := range sec.Trackers {
		t := &sec.Trackers[i]
		hist := t.History()
		jt := jsonTracker{Key: t.Key, Subject: t.Subject, Unit: t.Unit, Latest: toJSONStatement(&t.Latest),
			History: make([]jsonStatement, 0, len(hist))}
		for i := range hist {
			jt.History = append(jt.History, toJSONStatement(&hist[i]))
		}
		trackers = append(trackers, jt)
		figs = append(figs, toJSONFigure(&t.Latest, true))
	}
	for i := range sec.Others {
		figs = append(figs, toJSONFigure(&sec.Others[i], true))
	}
	for _, g := range board.Groups() {
		for i := range g.Figures {
			if f := &g.Figures[i]; !sec.Pinned(f) {
				figs = append(figs, toJSONFigure(f, false))
			}
		}
	}
	return inNumbers, trackers, figs
}

// jsonUpdate is one update in dump's JSON and in follow events.
type jsonUpdate struct {
	ID         string        `json:"id"`
	Headline   string        `json:"headline"`
	Text       string        `json:"text"`
	Published  *string       `json:"published"`
	Updated    *string       `json:"updated"`
	Link       string        `json:"link"`
	Author     string        `json:"author"`
	Categories []string      `json:"categories"`
	Key        bool          `json:"key"`
	Edited     bool          `json:"edited"`
	Removed    bool          `json:"removed"`
	Links      []string      `json:"links,omitempty"`
	Previous   *jsonPrevious `json:"previous,omitempty"`
}

// jsonPrevious is an edited update's version before the edit.
type jsonPrevious struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func toJSONUpdate(u *model.Update) jsonUpdate {
	j := jsonUpdate{
		ID: u.ID, Headline: u.Headline, Text: u.Text,
		Published: rfc3339(u.Published), Updated: rfc3339(u.Updated),
		Link: u.Link, Author: u.Author, Categories: u.Categories,
		Key: u.Key, Edited: u.Edited, Removed: u.Removed, Links: u.Body.Links,
	}
	if j.Categories == nil {
		j.Categories = []string{}
	}
	if u.Previous != nil {
		j.Previous = &jsonPrevious{Headline: u.Previous.Headline, Text: u.Previous.Text}
	}
	return j
}

// writeStoryJSON writes the story as one JSON object laid out for people
// and line tools alike: a key per line at the top, and each update, figure
// and In numbers line compact on a line of its own. (Indenting the whole
// document with encoding/json cost a fifth of a large dump.) The figures
// are gathered on a second core while the updates are encoded; both only
// read the story. A story named (the source as given, in a dump of
// several) has the name in a first member, "story".
func writeStoryJSON(w io.Writer, s *model.Story, keep func(*model.Update) bool, story string) error {
	boards := make(chan *figures.Board, 1)
	go func() { boards <- storyBoard(s) }()
	var updates []jsonUpdate
	for _, u := range s.Updates() {
		if keep(u) {
			updates = append(updates, toJSONUpdate(u))
		}
	}
	var encoded bytes.Buffer
	encoded.Grow(len(updates) * 1024)
	ew := bufio.NewWriter(&encoded)
	err := writeList(ew, "updates", updates, true)
	ew.Flush()
	board := <-boards
	if err != nil {
		return err
	}
	inNumbers, trackers, figs := numbersJSON(board)

	bw := bufio.NewWriter(w)
	bw.WriteString("{\n")
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
	}
	for _, m := range members {
		if m.omit {
			continue
		}
		v, err := marshal(m.val)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %q: %s,\n", m.key, v)
	}
	if err := writeList(bw, "in_numbers", inNumbers, false); err != nil {
		return err
	}
	if err := writeList(bw, "trackers", trackers, false); err != nil {
		return err
	}
	if err := writeList(bw, "figures", figs, false); err != nil {
		return err
	}
	bw.Write(encoded.Bytes())
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeList writes one member holding a list, an element per line.
func writeList[T any](w *bufio.Writer, key string, items []T, last bool) error {
	fmt.Fprintf(w, "  %q: [", key)
	for i, it := range items {
		b, err := marshal(it)
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		w.Write(b)
	}
	if len(items) > 0 {
		w.WriteString("\n  ")
	}
	w.WriteString("]")
	if !last {
		w.WriteByte(',')
	}
	w.WriteByte('\n')
	return nil
}

// marshal encodes v compactly, leaving <, > and & as they are.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
