package model

// PageJoin gathers a story told over several pages, the first one and the
// older ones reached by following its next links, into one snapshot.
type PageJoin struct {
	snap *Snapshot
	have map[string]struct{}
}

// JoinPages starts a join on first, which older pages are added to.
func JoinPages(first *Snapshot) *PageJoin {
	have := make(map[string]struct{}, len(first.Updates))
	for i := range first.Updates {
		have[first.Updates[i].ID] = struct{}{}
	}
	return &PageJoin{snap: first, have: have}
}

// Add appends the updates of an older page that the snapshot does not hold
// yet, keeping their order, and takes the page's Total when the snapshot
// has none. It returns the updates it appended.
func (j *PageJoin) Add(page *Snapshot) []Update {
	from := len(j.snap.Updates)
	for _, u := range page.Updates {
		if _, dup := j.have[u.ID]; dup {
			continue
		}
		j.have[u.ID] = struct{}{}
		j.snap.Updates = append(j.snap.Updates, u)
	}
	if j.snap.Total == 0 {
		j.snap.Total = page.Total
	}
	return j.snap.Updates[from:]
}
