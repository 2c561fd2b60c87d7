package diff

import "github.com/liveline-tui/liveline/model"

// Edit compares an edited update with the version before its latest edit,
// headline and text separately. ok is false when the update has no previous
// version.
func Edit(u *model.Update) (headline, text []Piece, ok bool) {
	if u == nil || u.Previous == nil {
		return nil, nil, false
	}
	return Words(u.Previous.Headline, u.Headline), Words(u.Previous.Text, u.Text), true
}
