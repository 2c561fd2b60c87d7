package main

import (
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

// jsonStory is the stable shape of `liveline dump --format json`.
type jsonStory struct {
	Title         string       `json:"title"`
	Summary       string       `json:"summary"`
	Link          string       `json:"link"`
	FeedURL       string       `json:"feed_url,omitempty"`
	Total         int          `json:"total,omitempty"`
	CoverageStart *string      `json:"coverage_start"`
	CoverageEnd   *string      `json:"coverage_end"`
	InNumbers     []string     `json:"in_numbers"`
	Figures       []jsonFigure `json:"figures"`
	Updates       []jsonUpdate `json:"updates"`
}

// jsonFigure is one figure found in the story's prose.
type jsonFigure struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value"`
	High     float64  `json:"high,omitempty"`
	Unit     string   `json:"unit"`
	Label    string   `json:"label"`
	UpdateID string   `json:"update_id"`
	Time     *string  `json:"time"`
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

func toJSONStory(s *model.Story, keep func(*model.Update) bool) jsonStory {
	j := jsonStory{
		Title: s.Title, Summary: s.Summary, Link: s.Link, FeedURL: s.FeedURL, Total: s.Total,
		CoverageStart: rfc3339(s.CoverageStart), CoverageEnd: rfc3339(s.CoverageEnd),
		Updates: make([]jsonUpdate, 0, s.Len()),
	}
	board := storyBoard(s)
	list, _ := board.List()
	j.InNumbers = make([]string, 0, len(list))
	for _, l := range list {
		j.InNumbers = append(j.InNumbers, l.Text)
	}
	j.Figures = []jsonFigure{}
	for _, g := range board.Groups() {
		for _, f := range g.Figures {
			jf := jsonFigure{Text: f.Text, High: f.High, Unit: f.Unit, Label: f.Label, UpdateID: f.UpdateID, Time: rfc3339(f.Time)}
			if f.HasValue {
				v := f.Value
				jf.Value = &v
			}
			j.Figures = append(j.Figures, jf)
		}
	}
	for _, u := range s.Updates() {
		if keep(u) {
			j.Updates = append(j.Updates, toJSONUpdate(u))
		}
	}
	return j
}
