package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Update is one timestamped post of a live story.
//
// Updates handed out by a Story are shared with it and never change: treat
// them as read-only.
type Update struct {
	ID         string    // stable identity across polls
	Headline   string    // the post's headline, or one made from its text
	Body       Body      // structured text for layout
	Text       string    // plain text of Body
	Published  time.Time // zero when the source gives none
	Updated    time.Time // zero when the source gives none
	Author     string
	Link       string
	Categories []string
	Key        bool    // a key event
	Hash       uint64  // content hash over headline and text; a change is an edit
	Edited     bool    // the content changed after it was first seen
	Removed    bool    // vanished from the source while the source still covered its time
	Previous   *Update // the version before the latest edit, or nil

	// Pinned is set by sources that mark an update as pinned or sticky.
	Pinned bool

	sortAt time.Time // Published, or a time inferred from feed position
	seq    uint64    // arrival order, for stable ties
}

// Seq is the update's arrival number within its story: dense, starting at 0,
// never reused. Indexes keyed by update can use it.
func (u *Update) Seq() uint64 { return u.seq }

// HasTime reports whether the source gave the update a published time.
func (u *Update) HasTime() bool { return !u.Published.IsZero() }

// SortTime is the time the update is ordered by: its published time, or
// for an undated update the time inferred from its place in the feed.
func (u *Update) SortTime() time.Time { return u.sortAt }

// keyCategories are the category and tag names that sources use for key events.
var keyCategories = map[string]bool{
	"key event": true, "key events": true, "key-event": true, "keyevent": true,
	"key": true, "pinned": true, "sticky": true, "breaking": true,
	"breaking news": true, "highlight": true, "highlights": true, "key moment": true,
}

// IsKeyCategory reports whether a category or tag marks a key event.
func IsKeyCategory(c string) bool {
	return keyCategories[strings.ToLower(strings.TrimSpace(c))]
}

// noiseLines are whole blocks that pages carry between posts and that are
// not part of any post.
var noiseLines = map[string]bool{
	"advertisement": true, "advert": true, "skip advertisement": true,
	"story continues below advertisement": true, "sponsored": true,
}

// noiseMax is the length of the longest noise line, in bytes.
const noiseMax = len("story continues below advertisement")

// IsNoise reports whether a whole line of text is page noise such as a
// lone "Advertisement".
func IsNoise(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > noiseMax || len(line) < len("advert") {
		return false
	}
	return noiseLines[strings.ToLower(line)]
}

// HeadlineLimit is the longest headline, in runes, made from an update's text.
const HeadlineLimit = 90

// HeadlineFromText makes a headline from text: its first sentence, trimmed at
// a word boundary to HeadlineLimit runes with an ellipsis.
func HeadlineFromText(text string) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	text = strings.TrimLeft(text, "-> ")
	for i := 1; i < len(text)-1; i++ {
		if c := text[i]; (c == '.' || c == '!' || c == '?') && text[i+1] == ' ' && !(c == '.' && abbreviation(text[:i])) {
			text = text[:i+1]
			break
		}
	}
	return Shorten(text, HeadlineLimit)
}

// Shorten cuts s to at most limit runes, at a word boundary when one is
// near the end, and marks the cut with an ellipsis. Text that fits is
// returned as it is.
func Shorten(s string, limit int) string {
	if limit <= 0 {
		return ""
	}
	if len(s) <= limit || utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut, n := len(s), 0
	for i := range s {
		if n == limit-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*2/3 {
		head = head[:sp]
	}
	return strings.TrimRightFunc(head, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-", r) }) + "…"
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "no": true, "vs": true,
	"prof": true, "gen": true, "gov": true, "sen": true, "rep": true, "e.g": true, "i.e": true,
	"etc": true, "a.m": true, "p.m": true, "approx": true, "jan": true, "feb": true, "aug": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true,
}

// abbreviation reports whether text ends with a word that is abbreviated
// with a full stop, or with a single letter (an initial).
func abbreviation(text string) bool {
	word := text[strings.LastIndexByte(text, ' ')+1:]
	return len(word) == 1 || abbreviations[strings.ToLower(word)]
}

// contentHash hashes what a reader sees of an update.
func contentHash(headline, text string) uint64 {
	return fnv64a(fnv64a(fnv64a(fnvOffset, headline), "\x00"), text)
}

// FNV-1a, 64-bit: the hash that saved states hold, so it must not change.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv64a continues the FNV-1a hash h over s, as hash/fnv's New64a does,
// without copying s into a byte slice first.
func fnv64a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}
