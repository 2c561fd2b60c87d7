package reader

import (
	"time"

	"github.com/liveline-tui/liveline/model"
	"github.com/liveline-tui/liveline/model/search"
)

// Items are the updates the timeline shows, in order, after the filters.
// The slice is the reader's own: do not keep it across another call.
func (r *Reader) Items() []*model.Update { return r.list.items }

// Selected is the selected update, or nil when the timeline is empty.
func (r *Reader) Selected() *model.Update { return r.list.selected() }

// Cursor is the selected row, and Offset the first row shown.
func (r *Reader) Cursor() int { return r.list.sel }

// Offset is the first row of the timeline shown.
func (r *Reader) Offset() int { return r.list.offset }

// OldestFirst reports whether the timeline runs oldest first.
func (r *Reader) OldestFirst() bool { return r.list.oldestFirst }

// AtNewest reports whether the selection is on the newest update.
func (r *Reader) AtNewest() bool { return r.list.atNewest() }

// Move selects the update n rows on (back when n < 0) in a timeline of
// rows rows.
func (r *Reader) Move(n, rows int) { r.Select(r.list.sel+n, rows) }

// Select selects row i (clamped; -1 for the last) and keeps it in view.
// Reaching the newest update clears the "N new" badge.
func (r *Reader) Select(i, rows int) {
	if i < 0 {
		i = len(r.list.items) - 1
	}
	r.list.selectIndex(i, rows)
	r.seen()
}

// SelectNewest selects the newest update.
func (r *Reader) SelectNewest(rows int) { r.Select(r.list.newestIndex(), rows) }

// Scroll moves the timeline n rows without moving the selection, unless
// it would leave the view.
func (r *Reader) Scroll(n, rows int) {
	r.list.scroll(n, rows)
	r.seen()
}

// Clamp keeps the selection in view in a timeline of rows rows, after the
// timeline's height changed.
func (r *Reader) Clamp(rows int) { r.list.clamp(rows) }

// seen clears the badge once the reader is on the newest update.
func (r *Reader) seen() {
	if r.list.atNewest() {
		r.newCount = 0
	}
}

// SelectID selects the update with id, clearing the filters that hide it.
// It reports false when the story has no such update.
func (r *Reader) SelectID(id string, rows int) bool {
	u := r.story.ByID(id)
	if u == nil {
		return false
	}
	if !r.keep(u) {
		r.keyOnly = false
		r.query, r.result, r.extra = search.Query{}, nil, nil
		r.rebuild()
	}
	r.Select(r.list.indexOf(id, 0), rows)
	return true
}

// MarkRead marks the update read; it reports whether that changed anything.
func (r *Reader) MarkRead(id string) bool {
	if id == "" || r.read[id] || r.story.ByID(id) == nil {
		return false
	}
	r.read[id] = true
	r.unread = max(0, r.unread-1)
	if r.story.ByID(id).Key {
		r.unreadKeys = max(0, r.unreadKeys-1)
	}
	return true
}

// MarkAllRead marks every update read.
func (r *Reader) MarkAllRead() {
	for _, u := range r.story.Updates() {
		r.read[u.ID] = true
	}
	r.unread, r.unreadKeys = 0, 0
}

// ToggleStar stars or unstars the update and reports whether it is
// starred now.
func (r *Reader) ToggleStar(id string, rows int) bool {
	on := !r.starred[id]
	if on {
		r.starred[id] = true
	} else {
		delete(r.starred, id)
	}
	if r.keyOnly {
		r.rebuild()
		r.list.clamp(rows)
	}
	return on
}

// ToggleOrder switches between newest first and oldest first.
func (r *Reader) ToggleOrder(rows int) {
	r.list.oldestFirst = !r.list.oldestFirst
	r.rebuild()
	r.list.clamp(rows)
}

// KeyOnly reports whether only key events and starred updates show.
func (r *Reader) KeyOnly() bool { return r.keyOnly }

// ToggleKeyOnly shows only key events and starred updates, or all.
func (r *Reader) ToggleKeyOnly(rows int) {
	r.keyOnly = !r.keyOnly
	r.rebuild()
	r.list.clamp(rows)
}

// Query is the search in force; empty when none.
func (r *Reader) Query() search.Query { return r.query }

// Searching reports whether a search filters the timeline.
func (r *Reader) Searching() bool { return !r.query.Empty() }

// SetQuery puts a search in force. The timeline shows what the search
// finds once its result arrives (SetResult); an empty query shows all.
func (r *Reader) SetQuery(q search.Query, rows int) {
	r.query = q
	r.result, r.extra = nil, nil
	if q.Empty() {
		r.rebuild()
		r.list.clamp(rows)
	}
}

// SetResult takes in a search's result; it reports false, taking nothing,
// when the result is for another query than the one in force.
func (r *Reader) SetResult(res *search.Result, rows int) bool {
	if res == nil || res.Err != nil || res.Query != r.query.Raw() {
		return false
	}
	r.result, r.extra = res, nil
	r.rebuild()
	r.list.clamp(rows)
	return true
}

// NextUnread selects the next unread update down the timeline, going round
// to the top; it reports false when every update shown has been read.
func (r *Reader) NextUnread(rows int) bool {
	n := len(r.list.items)
	for d := 1; d <= n; d++ {
		i := (r.list.sel + d) % n
		if !r.read[r.list.items[i].ID] {
			r.Select(i, rows)
			return true
		}
	}
	return false
}

// ToggleRead marks the update unread if it was read, else read, and
// reports whether it is read now.
func (r *Reader) ToggleRead(id string) bool {
	if r.story.ByID(id) == nil {
		return false
	}
	if r.read[id] {
		delete(r.read, id)
		r.unread++
		if r.story.ByID(id).Key {
			r.unreadKeys++
		}
		return false
	}
	r.MarkRead(id)
	return true
}

// Place is where a person was in a story, kept between runs: the selected
// update (and its time, to find its nearest neighbour if it has gone), the
// order and the key-events filter, and for the screen, how far the detail
// pane was scrolled and whether the In numbers panel was shown.
type Place struct {
	Selected    string
	SelectedAt  time.Time
	OldestFirst bool
	KeyOnly     bool
	Detail      int    // lines the detail pane was scrolled
	Panel       *bool  // whether the In numbers panel was shown; nil when never chosen
	Top         string // the update on the timeline's top row
}

// Place returns the reader's part of where the person is: the selection,
// the timeline's top row, the order and the filter.
func (r *Reader) Place() Place {
	p := Place{OldestFirst: r.list.oldestFirst, KeyOnly: r.keyOnly}
	if u := r.list.selected(); u != nil {
		p.Selected, p.SelectedAt = u.ID, u.SortTime()
		p.Top = r.list.idAt(r.list.offset)
	}
	return p
}

// SetPlace puts the person back where they were: the order, the filter,
// the selected update (or the one nearest its time if it has gone) and the
// timeline's top row.
func (r *Reader) SetPlace(p Place, rows int) {
	r.list.oldestFirst, r.keyOnly = p.OldestFirst, p.KeyOnly
	r.rebuild()
	if p.Selected == "" {
		r.SelectNewest(rows)
		return
	}
	i := r.list.indexOf(p.Selected, 0)
	if r.list.idAt(i) != p.Selected {
		i = r.nearest(p.SelectedAt)
	}
	r.list.selectIndex(i, rows)
	// The timeline as it was, when the selection is still on it from the
	// same top row; else the selected update a few rows down, with what
	// came before it.
	r.list.offset = max(0, i-rows/3)
	if top := r.list.indexOf(p.Top, i); r.list.idAt(top) == p.Top && top <= i && i < top+rows {
		r.list.offset = top
	}
	r.list.clamp(rows)
	// What came since, unread, is news to the person: the badge counts it.
	r.newCount = 0
	if sel := r.list.selected(); sel != nil {
		for _, u := range r.story.Updates() {
			if u.ID == sel.ID {
				break
			}
			if !r.read[u.ID] {
				r.newCount++
			}
		}
	}
}

// nearest is the row of the update shown whose time is closest to at.
func (r *Reader) nearest(at time.Time) int {
	best, bestD := 0, time.Duration(-1)
	for i, u := range r.list.items {
		d := u.SortTime().Sub(at)
		if d < 0 {
			d = -d
		}
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
