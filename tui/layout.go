package tui

// rect is a pane's place on the screen; h counts the pane's title line.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.w > 0 && r.h > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// layout is where each pane goes at the current size.
type layout struct {
	wide                      bool
	timeline, detail, numbers rect
	bodyY, bodyH              int
}

// timelineRows is how many update rows the timeline shows.
func (l layout) timelineRows() int { return max(1, l.timeline.h-1) }

const (
	footerLines = 1
	wideFrom    = 100 // columns from which panes sit side by side
	threeFrom   = 140 // columns from which the panel gets a column of its own
)

// layout places the panes of the story shown.
func (m *Model) layout() layout { return m.layoutFor(m.story) }

// layoutFor places the panes of story s: side by side from 100 columns
// (the panel in a third column from 140, under the timeline below that),
// stacked below.
func (m *Model) layoutFor(s *story) layout {
	w, h := max(m.width, 20), max(m.height, 8)
	top := m.headerHeight(w)
	l := layout{wide: w >= wideFrom, bodyY: top}
	l.bodyH = max(3, h-top-footerLines)
	y, bh := l.bodyY, l.bodyH
	if l.wide {
		show := s.numbersWide
		tw := min(max(w*2/5, 36), 72)
		if show && w >= threeFrom {
			nw := min(max(w/5, 30), 48)
			l.timeline = rect{0, y, tw, bh}
			l.numbers = rect{w - nw, y, nw, bh}
			l.detail = rect{tw + 1, y, w - tw - nw - 2, bh}
			return l
		}
		l.detail = rect{tw + 1, y, w - tw - 1, bh}
		if show {
			nh := min(max(bh/3, 5), bh/2)
			l.timeline = rect{0, y, tw, bh - nh}
			l.numbers = rect{0, y + bh - nh, tw, nh}
			return l
		}
		l.timeline = rect{0, y, tw, bh}
		return l
	}
	if s.numbersNarrow {
		th := max(2, bh/3)
		nh := max(2, bh/3)
		l.timeline = rect{0, y, w, th}
		l.numbers = rect{0, y + th, w, nh}
		l.detail = rect{0, y + th + nh, w, bh - th - nh}
		return l
	}
	th := max(2, bh*2/5)
	l.timeline = rect{0, y, w, th}
	l.detail = rect{0, y + th, w, bh - th}
	return l
}
