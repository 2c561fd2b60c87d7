// Package model is what liveline knows of a story, apart from any screen,
// network or file: a Story of Updates, built by merging the Snapshots a
// source gives so that new, edited and removed updates are told apart, a
// story told over several pages joined into one, and an update's body as
// structured text. Its subpackages search a story (search), find its key
// figures (figures) and show how an update was edited (diff).
package model
