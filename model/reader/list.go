package reader

import "github.com/liveline-tui/liveline/model"

// list is the timeline the reader sees: the story's updates in the chosen
// order after the filters, with the selection and the top row shown. It
// keeps both by update ID, so updates arriving at either end, or an edit
// that replaces an update, never move what the reader is looking at.
type list struct {
	items       []*model.Update
	sel, offset int
	oldestFirst bool
}

// rebuild refills the list from the story (newest first) through keep,
// keeping the selected update and the top row where they were.
func (l *list) rebuild(all []*model.Update, keep func(*model.Update) bool) {
	selID, topID := l.idAt(l.sel), l.idAt(l.offset)
	items := l.items[:0]
	if keep == nil {
		items = append(items, all...)
	} else {
		for _, u := range all {
			if keep(u) {
				items = append(items, u)
			}
		}
	}
	if l.oldestFirst {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	clear(items[len(items):cap(items)]) // let dropped updates go
	l.items = items
	l.sel = l.indexOf(selID, l.sel)
	l.offset = l.indexOf(topID, l.offset)
}

func (l *list) idAt(i int) string {
	if i >= 0 && i < len(l.items) {
		return l.items[i].ID
	}
	return ""
}

// indexOf finds the update with id, looking first near fallback; when it
// has gone it returns the nearest valid index to fallback.
func (l *list) indexOf(id string, fallback int) int {
	if id != "" {
		for d := 0; d < len(l.items); d++ {
			if i := fallback + d; i < len(l.items) && l.items[i].ID == id {
				return i
			}
			if i := fallback - d - 1; i >= 0 && i < len(l.items) && l.items[i].ID == id {
				return i
			}
		}
	}
	return max(0, min(fallback, len(l.items)-1))
}

// selected is the selected update, or nil when the list is empty.
func (l *list) selected() *model.Update {
	if l.sel < len(l.items) {
		return l.items[l.sel]
	}
	return nil
}

// newestIndex is where the newest update sits.
func (l *list) newestIndex() int {
	if l.oldestFirst {
		return max(0, len(l.items)-1)
	}
	return 0
}

// atNewest reports whether the selection is on the newest update.
func (l *list) atNewest() bool {
	return len(l.items) == 0 || l.sel == l.newestIndex()
}

// selectIndex selects row i (clamped) and scrolls to keep it in view.
func (l *list) selectIndex(i, height int) {
	if len(l.items) == 0 {
		l.sel, l.offset = 0, 0
		return
	}
	l.sel = max(0, min(i, len(l.items)-1))
	l.clamp(height)
}

// clamp keeps the selection inside the rows shown.
func (l *list) clamp(height int) {
	height = max(1, height)
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.sel >= l.offset+height {
		l.offset = l.sel - height + 1
	}
	l.offset = max(0, min(l.offset, len(l.items)-height))
}

// scroll moves the view by n rows without moving the selection, unless
// the selection would leave the view.
func (l *list) scroll(n, height int) {
	l.offset = max(0, min(l.offset+n, len(l.items)-height))
	if l.sel < l.offset {
		l.sel = l.offset
	} else if l.sel >= l.offset+height {
		l.sel = l.offset + height - 1
	}
	l.sel = max(0, min(l.sel, len(l.items)-1))
}
