package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type kind uint8

const (
	kWord  kind = iota
	kNum        // digits, with thousands commas and a decimal point
	kCur        // a currency symbol
	kPunct      // one punctuation mark; p holds it, dashes as '-', quotes as '"'
	kBreak      // a line break
)

// Number and word flags.
const (
	fComma    uint16 = 1 << iota // thousands separators
	fDot                         // a decimal point
	fLeadZero                    // starts with 0 and has more digits: a phone or reference number
	fPlus                        // a plus sign right before
	fPct                         // a per cent sign right after
	fColon                       // followed by :digits, a clock time or a score
	fSlash                       // followed by /digits, a date or a ratio
	fGlued                       // glued to a word before: M25, Covid-19
	fCap                         // word starts with a capital letter
	fHyphen                      // word has a hyphen inside
	fDigits4                     // exactly four digits, nothing else
)

type token struct {
	s, e, x int32 // text[s:e] is the token; for numbers text[e:x] is a suffix glued on (bn, am, -hour)
	kind    kind
	p       byte   // the punctuation mark
	sp      bool   // space (or the start of text) before the token
	flags   uint16 // f* flags
	w       winfo  // word class, or for numbers the value in w.v
}

type scanner struct {
	text   string
	toks   []token
	cands  []cand
	asides []bool // per token: in a sentence or clause about another time or event
	low    [32]byte

	headAt  int    // headingBefore has read the lines before this token
	heading string // the place the last heading line named
	cues    bool   // the text may hold an aside cue or another year: markAsides has work to do

	english, other int  // function words of English and of other languages, counted as the text is scanned
	year           int  // the update's year, 0 when unknown
	dated          bool // the update's date is known: a month's name may date a clause to another time
}

// lower returns word w lower-cased (ASCII, with ’ as ') in the scanner's
// buffer, with its hash; nil when it is too long to be a word the tables know.
func (sc *scanner) lower(w string) ([]byte, uint32) {
	if len(w) > len(sc.low) {
		return nil, 0
	}
	n := 0
	h := uint32(fnvOffset)
	for i := 0; i < len(w); {
		var c byte
		c, i = foldAt(w, i)
		sc.low[n] = c
		h = (h ^ uint32(c)) * fnvPrime
		n++
	}
	return sc.low[:n], h
}

// foldAt returns the byte at w[i] as lower makes it (A-Z in lower case, ’
// as ') and where the next one starts.
func foldAt(w string, i int) (byte, int) {
	switch c := w[i]; {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A', i + 1
	case c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] == 0x99: // ’
		return '\'', i + 3
	default:
		return c, i + 1
	}
}

// classify returns a word's classes. It hashes the word as lower would
// lower-case it and compares it with the table's word in place, without
// copying it.
func (sc *scanner) classify(w string) winfo {
	if len(w) > len(sc.low) {
		return winfo{}
	}
	h := uint32(fnvOffset)
	for i := 0; i < len(w); {
		var c byte
		c, i = foldAt(w, i)
		h = (h ^ uint32(c)) * fnvPrime
	}
	return lookupFold(w, h)
}

// lookupFold returns the classes of word w, whose hash lower-cased is h.
func lookupFold(w string, h uint32) winfo {
	for j := h & (1<<slotBits - 1); ; j = (j + 1) & (1<<slotBits - 1) {
		s := slots[j]
		if s.i == 0 {
			return winfo{}
		}
		if s.h == h && foldEqual(names[s.i], w) {
			return infos[s.i]
		}
	}
}

// foldEqual reports whether w lower-cased as lower does is name.
func foldEqual(name, w string) bool {
	j := 0
	for i := 0; i < len(w); {
		var c byte
		c, i = foldAt(w, i)
		if j >= len(name) || name[j] != c {
			return false
		}
		j++
	}
	return j == len(name)
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// tokenize splits the text into words, numbers, currency symbols and
// punctuation.
func (sc *scanner) tokenize() {
	t := sc.text
	n := len(t)
	sp := true
	for i := 0; i < n; {
		c := t[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			sp = true
			i++
			continue
		case c == '\n':
			sc.toks = append(sc.toks, token{s: int32(i), e: int32(i + 1), x: int32(i + 1), kind: kBreak, sp: true})
			sp = true
			i++
			continue
		case isDigit(c):
			i = sc.number(i, sp)
		case isLetter(c):
			i = sc.scanWord(i, sp)
		case c < 0x80:
			tk := token{s: int32(i), e: int32(i + 1), x: int32(i + 1), kind: kPunct, p: c, sp: sp}
			switch c {
			case '$':
				tk.kind = kCur
			case '\'':
				tk.p = '"'
			}
			sc.toks = append(sc.toks, tk)
			i++
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			tk := token{s: int32(i), e: int32(i + size), x: int32(i + size), kind: kPunct, p: '*', sp: sp}
			switch {
			case r == '£' || r == '€' || r == '¥':
				tk.kind = kCur
			case r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2002' || r == '\u2003':
				sp = true
				i += size
				continue
			case r == '–' || r == '—' || r == '‒' || r == '−':
				tk.p = '-'
			case r == '“' || r == '”' || r == '‘' || r == '’' || r == '«' || r == '»':
				tk.p = '"'
			case r == '…':
				tk.p = '.'
			case r == '°' && i+size < n && (t[i+size] == 'C' || t[i+size] == 'F'):
				tk.kind, tk.e, tk.x = kWord, int32(i+size+1), int32(i+size+1)
				tk.w = sc.classify(t[i : i+size+1])
				size++
			case unicode.IsLetter(r):
				i = sc.scanWord(i, sp)
				sp = false
				continue
			}
			sc.toks = append(sc.toks, tk)
			i += size
		}
		sp = false
	}
}

// word scans a word: letters, with apostrophes and hyphens inside.
func (sc *scanner) scanWord(i int, sp bool) int {
	t := sc.text
	start := i
	var flags uint16
	if c := t[i]; c >= 'A' && c <= 'Z' {
		flags |= fCap
	}
	h := uint32(fnvOffset) // the word's hash as classify computes it, on the way
	for i < len(t) {
		c := t[i]
		switch {
		case c >= 'a' && c <= 'z':
			h = (h ^ uint32(c)) * fnvPrime
			i++
		case c >= 'A' && c <= 'Z':
			h = (h ^ uint32(c+'a'-'A')) * fnvPrime
			i++
		case c == '\'' || c == '-':
			if i+1 < len(t) && (isLetter(t[i+1]) || t[i+1] >= 0x80) {
				if c == '-' {
					flags |= fHyphen
				}
				h = (h ^ uint32(c)) * fnvPrime
				i++
				continue
			}
			if d := digitsAt(t, i+1); c == '-' && flags&fCap != 0 && d > 0 && d <= 3 && (i+1+d == len(t) || !isLetter(t[i+1+d]) && !isDigit(t[i+1+d])) {
				for _, b := range []byte(t[i : i+1+d]) {
					h = (h ^ uint32(b)) * fnvPrime
				}
				i += 1 + d // a name with a number: "Covid-19", "F-35"
				goto done
			}
			goto done
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(t[i:])
			if r == '’' && i+size < len(t) && isLetter(t[i+size]) {
				h = (h ^ uint32('\'')) * fnvPrime
				i += size
				continue
			}
			if !unicode.IsLetter(r) {
				goto done
			}
			for k := i; k < i+size; k++ {
				h = (h ^ uint32(t[k])) * fnvPrime
			}
			i += size
		default:
			goto done
		}
	}
done:
	w := t[start:i]
	tk := token{s: int32(start), e: int32(i), x: int32(i), kind: kWord, sp: sp, flags: flags}
	if len(w) <= len(sc.low) {
		tk.w = lookupFold(w, h)
	}
	if tk.w.cls == 0 && flags&fHyphen != 0 {
		// twenty-five, two-thirds, seven-day: numbers in words, read by wordNumber
		if h := strings.IndexByte(w, '-'); h > 0 && sc.classify(w[:h]).cls&cNum != 0 {
			tk.w.cls = cNum
		}
	}
	if tk.w.cls&cMonth != 0 && w == "may" {
		tk.w.cls &^= cMonth // the verb, not the month
	}
	if tk.w.cls&cMonth != 0 && sc.dated {
		sc.cues = true // a date, maybe weeks before the update
	}
	if tk.w.cls&cCueNext != 0 && len(sc.toks) > 0 && sc.toks[len(sc.toks)-1].w.cls&(cCue|cCueNext) != 0 && !strings.EqualFold(w, "the") ||
		tk.w.cls&cCue != 0 && (strings.EqualFold(w, "previous") || strings.EqualFold(w, "outgoing")) {
		sc.cues = true // "last year", "for comparison", "previous"; not "at the" unless "the last" follows
	}
	switch {
	case tk.w.cls&cForeign != 0:
		sc.other++
	case tk.w.cls&cStop != 0:
		sc.english++
	}
	sc.toks = append(sc.toks, tk)
	return i
}

// number scans digits with thousands commas and a decimal part, then what is
// glued to them: a per cent sign, a clock or date tail, a letter suffix.
func (sc *scanner) number(i int, sp bool) int {
	t := sc.text
	n := len(t)
	start := i
	tk := token{s: int32(i), kind: kNum, sp: sp}
	if len(sc.toks) > 0 && !sp {
		prev := &sc.toks[len(sc.toks)-1]
		switch {
		case prev.kind == kWord:
			tk.flags |= fGlued
		case prev.kind == kPunct && prev.p == '+':
			tk.flags |= fPlus
		case prev.kind == kPunct && prev.p == '-' && len(sc.toks) > 1 && !prev.sp && sc.toks[len(sc.toks)-2].kind == kWord:
			tk.flags |= fGlued
		}
	}
	var v float64
	digits := 0
	for i < n && isDigit(t[i]) {
		v = v*10 + float64(t[i]-'0')
		i++
		digits++
	}
	if t[start] == '0' && digits > 1 {
		tk.flags |= fLeadZero
	}
	for i+4 <= n && t[i] == ',' && allDigits(t[i+1:i+4], 3) && (i+4 == n || !isDigit(t[i+4])) {
		v = v*1000 + float64(t[i+1]-'0')*100 + float64(t[i+2]-'0')*10 + float64(t[i+3]-'0')
		i += 4
		tk.flags |= fComma
	}
	if i+1 < n && t[i] == '.' && isDigit(t[i+1]) {
		tk.flags |= fDot
		i++
		scale := 0.1
		for i < n && isDigit(t[i]) {
			v += float64(t[i]-'0') * scale
			scale /= 10
			i++
		}
	}
	if digits == 4 && tk.flags&(fComma|fDot) == 0 {
		tk.flags |= fDigits4
		sc.cues = sc.cues || v >= 1900 && v <= 2100 // a year, maybe another one
	}
	tk.e = int32(i)
	tk.w.v = v
	// glued tails
	switch {
	case i < n && t[i] == '%':
		tk.flags |= fPct
		i++
	case i+1 < n && (t[i] == ':' || t[i] == '/') && isDigit(t[i+1]):
		if t[i] == ':' {
			tk.flags |= fColon
		} else {
			tk.flags |= fSlash
		}
		i++
		for i < n && (isDigit(t[i]) || t[i] == ':' || t[i] == '/' || t[i] == '.') && !(t[i] == '.' && (i+1 >= n || !isDigit(t[i+1]))) {
			i++
		}
	default:
		for i < n {
			c := t[i]
			if isLetter(c) || c == '\'' && i+1 < n && isLetter(t[i+1]) {
				i++
				continue
			}
			if c == '-' && i+1 < n && isLetter(t[i+1]) {
				i++
				continue
			}
			if c == '.' && i+1 < n && isLetter(t[i+1]) && i > int(tk.e) { // 9a.m.
				i++
				continue
			}
			break
		}
	}
	tk.x = int32(i)
	sc.toks = append(sc.toks, tk)
	return i
}

// digitsAt returns how many digits start at t[i:].
func digitsAt(t string, i int) int {
	n := 0
	for i+n < len(t) && isDigit(t[i+n]) {
		n++
	}
	return n
}

func allDigits(s string, want int) bool {
	if len(s) != want {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
