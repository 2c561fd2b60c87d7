// Package repair makes a fetched body safe for an XML, JSON or HTML parser:
// it decodes the character set to UTF-8, repairs invalid UTF-8 and removes
// the characters and character references that XML forbids, which would
// otherwise make a parser reject the whole document.
package repair

import (
	"bytes"
	"encoding/binary"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/liveline-tui/liveline/feed/sniff"
)

// UTF8 returns body as clean UTF-8. The character set comes from a byte
// order mark, else the XML declaration (or, for HTML, a <meta> charset),
// else the charset parameter of contentType, else UTF-8. A body that is
// not UTF-8 at all (no valid multi-byte sequence) is read as Windows-1252
// unless the document itself declares UTF-8. After decoding,
// invalid UTF-8 becomes U+FFFD; control characters that XML forbids are
// removed, together with the terminal escape sequence they start; numeric
// character references to forbidden characters are removed the same way
// (controls) or become U+FFFD (surrogates, U+FFFE, U+FFFF, beyond U+10FFFF).
// A transcoded XML document's declaration is rewritten to say utf-8.
//
// Byte order marks left at the start after that (a doubled mark, or one
// uncovered by a removed control byte) are dropped too.
//
// A body that needs none of this is returned as it is, after one scan.
func UTF8(body []byte, contentType string) []byte {
	return trimBOMs(toUTF8(body, contentType))
}

// trimBOMs drops every UTF-8 byte order mark at the start of b.
func trimBOMs(b []byte) []byte {
	for bytes.HasPrefix(b, utf8BOM) {
		b = b[len(utf8BOM):]
	}
	return b
}

var utf8BOM = []byte("\uFEFF")

func toUTF8(body []byte, contentType string) []byte {
	if enc, n := bom(body); enc != nil || n > 0 {
		if enc != nil {
			return fix(declUTF8(trimBOMs(decode(enc, body[n:]))))
		}
		return fix(declUTF8(trimBOMs(body[n:])))
	}
	if enc := utf16NoBOM(body); enc != nil {
		return fix(declUTF8(decode(enc, body)))
	}
	label, fromDoc := docLabel(body)
	if label == "" {
		label = contentTypeLabel(contentType)
	}
	enc := lookup(label)
	if name, _ := htmlindex.Name(enc); enc != nil && strings.HasPrefix(name, "utf-16") {
		enc = nil // real UTF-16 was recognised above; an ASCII-readable body is not
	}
	if enc == nil || isUTF8(enc) {
		st := scan(body)
		if st.clean && !(fromDoc && label != "" && !isUTF8Label(label)) {
			return body
		}
		if st.invalid > 0 && st.multi == 0 && !fromDoc {
			// Not UTF-8 at all, and the document itself does not claim
			// it (servers often label everything utf-8): the commonest
			// legacy charset.
			return fix(declUTF8(decode(charmapWindows1252(), body)))
		}
		return fix(declUTF8(body))
	}
	if single(enc) {
		// A body labelled Latin-1 or Windows-1252 that is valid UTF-8 with
		// non-ASCII text is UTF-8 with a wrong label: decoding it again would
		// turn every accented letter into two.
		if st := scan(body); st.invalid == 0 && st.multi > 0 {
			return fix(declUTF8(body))
		}
	}
	return fix(declUTF8(decode(enc, body)))
}

// bom reports the encoding a byte order mark names, or for UTF-8 only the
// length of the mark to skip.
func bom(b []byte) (encoding.Encoding, int) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return nil, 3
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	}
	return nil, 0
}

// utf16NoBOM recognises UTF-16 without a byte order mark from the '<' that
// starts an XML or HTML document.
func utf16NoBOM(b []byte) encoding.Encoding {
	if len(b) < 4 {
		return nil
	}
	switch {
	case b[0] == '<' && b[1] == 0 && b[2] != 0 && b[3] == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] != 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return nil
}

func decode(enc encoding.Encoding, b []byte) []byte {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		// Decoders replace what they cannot read; an error here means a
		// broken decoder, so keep the bytes and let the UTF-8 repair run.
		return b
	}
	return out
}

// docLabel finds the charset the document names: the encoding in an XML
// declaration, or for HTML a <meta charset> or http-equiv Content-Type.
// fromDoc is true when the document itself names one.
func docLabel(b []byte) (label string, fromDoc bool) {
	s := skipSpace(b)
	if bytes.HasPrefix(s, []byte("<?xml")) {
		if v, _, _ := declEncoding(s); v != "" {
			return v, true
		}
		return "", false
	}
	if sniff.Page(s) {
		if m := metaCharset(b); m != "" {
			return m, true
		}
	}
	return "", false
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// metaCharset finds the charset named by a <meta charset> or <meta
// http-equiv="Content-Type" content="...; charset=..."> in the first 1024
// bytes of an HTML page, as browsers do.
func metaCharset(b []byte) string {
	if len(b) > 1024 {
		b = b[:1024]
	}
	low := bytes.ToLower(b)
	for {
		i := bytes.Index(low, []byte("<meta"))
		if i < 0 {
			return ""
		}
		low = low[i+5:]
		end := bytes.IndexByte(low, '>')
		if end < 0 {
			end = len(low)
		}
		tag := low[:end]
		if j := bytes.Index(tag, []byte("charset")); j >= 0 {
			v := bytes.TrimLeft(tag[j+len("charset"):], " \t\n\r")
			if len(v) > 0 && v[0] == '=' {
				v = bytes.TrimLeft(v[1:], " \t\n\r\"'")
				k := 0
				for k < len(v) && v[k] != '"' && v[k] != '\'' && v[k] != ';' && v[k] != ' ' && v[k] != '/' && v[k] != '>' {
					k++
				}
				if k > 0 {
					return string(v[:k])
				}
			}
		}
		low = low[end:]
	}
}

// declEncoding returns the encoding value of the XML declaration that s
// starts with, and the byte offsets of the value within s.
func declEncoding(s []byte) (string, int, int) {
	end := bytes.Index(s, []byte("?>"))
	if end < 0 || end > 512 {
		return "", 0, 0
	}
	decl := s[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return "", 0, 0
	}
	j := i + len("encoding")
	for j < len(decl) && (decl[j] == ' ' || decl[j] == '\t' || decl[j] == '\n' || decl[j] == '\r') {
		j++
	}
	if j >= len(decl) || decl[j] != '=' {
		return "", 0, 0
	}
	j++
	for j < len(decl) && (decl[j] == ' ' || decl[j] == '\t' || decl[j] == '\n' || decl[j] == '\r') {
		j++
	}
	if j >= len(decl) || (decl[j] != '"' && decl[j] != '\'') {
		return "", 0, 0
	}
	q := decl[j]
	k := bytes.IndexByte(decl[j+1:], q)
	if k < 0 {
		return "", 0, 0
	}
	return string(decl[j+1 : j+1+k]), j + 1, j + 1 + k
}

// declUTF8 rewrites the encoding named by an XML declaration to utf-8, so a
// parser that honours the declaration does not decode the text a second time.
func declUTF8(b []byte) []byte {
	lead := len(b) - len(skipSpace(b))
	s := b[lead:]
	if !bytes.HasPrefix(s, []byte("<?xml")) {
		return b
	}
	v, from, to := declEncoding(s)
	if v == "" || strings.EqualFold(v, "utf-8") {
		return b
	}
	out := make([]byte, 0, len(b)-(to-from)+5)
	out = append(out, b[:lead+from]...)
	out = append(out, "utf-8"...)
	return append(out, b[lead+to:]...)
}

func contentTypeLabel(ct string) string {
	if ct == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// lookup finds an encoding by its WHATWG or IANA name; nil when unknown.
func lookup(label string) encoding.Encoding {
	label = strings.TrimSpace(label)
	if label == "" {
		return nil
	}
	if e, err := htmlindex.Get(label); err == nil && e != nil {
		return e
	}
	if e, err := ianaindex.IANA.Encoding(label); err == nil && e != nil {
		return e
	}
	return nil
}

func isUTF8Label(label string) bool {
	return isUTF8(lookup(label))
}

func isUTF8(e encoding.Encoding) bool {
	if e == nil {
		return false
	}
	if e == encoding.Nop || e == unicode.UTF8 || e == unicode.UTF8BOM {
		return true
	}
	name, _ := htmlindex.Name(e)
	return name == "utf-8"
}

// single reports whether e is a Western single-byte charset that is often
// used by mistake for UTF-8 text.
func single(e encoding.Encoding) bool {
	name, _ := htmlindex.Name(e)
	return name == "windows-1252" || name == "iso-8859-15" || name == "us-ascii"
}

func charmapWindows1252() encoding.Encoding {
	e, _ := htmlindex.Get("windows-1252")
	return e
}

// status is what one scan of a body found.
type status struct {
	clean   bool // nothing to change
	invalid int  // invalid UTF-8 sequences
	multi   int  // valid multi-byte sequences
}

// scan reads b once and reports whether it needs repair.
func scan(b []byte) status {
	st := status{clean: true}
	for i := 0; i < len(b); {
		for i+8 <= len(b) && plainWord(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i == len(b) {
			break
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			if c == '&' {
				if _, n, bad := charRef(b, i); bad {
					st.clean = false
					i += n
					continue
				}
				i++
				continue
			}
			st.clean = false // a control character XML forbids
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			st.invalid++
			st.clean = false
		case r == 0xFFFE || r == 0xFFFF:
			st.clean = false
			st.multi++
		default:
			st.multi++
		}
		i += n
	}
	return st
}

// plainWord reports whether eight bytes are all printable ASCII other than
// '&' (safe, as the byte-by-byte scan reads them), so a clean body is
// scanned a word at a time. It may say no to a safe word: one with a
// tab or a line break is read byte by byte.
func plainWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	amp := x ^ ones*'&'
	control := (x - ones*0x20) &^ x // a byte below 0x20 sets its high bit, when no byte has it set already
	return (x|control|(amp-ones)&^amp)&highs == 0
}

// safe marks the ASCII bytes that never need attention.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '&'
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// charRef reads a numeric character reference at b[i] ("&#..;" or
// "&#x..;"). It returns the code point, the reference's length, and whether
// XML forbids it. Anything that is not a numeric reference gives n == 1.
func charRef(b []byte, i int) (r rune, n int, bad bool) {
	j := i + 1
	if j >= len(b) || b[j] != '#' {
		return 0, 1, false
	}
	j++
	hex := false
	if j < len(b) && (b[j] == 'x' || b[j] == 'X') {
		hex = true
		j++
	}
	start := j
	var v int64
	for j < len(b) && j-start < 16 {
		c := b[j]
		var d int64
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case hex && c >= 'a' && c <= 'f':
			d = int64(c-'a') + 10
		case hex && c >= 'A' && c <= 'F':
			d = int64(c-'A') + 10
		default:
			d = -1
		}
		if d < 0 {
			break
		}
		if hex {
			v = v*16 + d
		} else {
			v = v*10 + d
		}
		if v > 0x10FFFF {
			v = 0x110000 // keep it out of range without overflowing
		}
		j++
	}
	if j == start || j >= len(b) || b[j] != ';' {
		if j-start >= 16 && j < len(b) && isDigit(b[j], hex) {
			// An absurdly long reference: consume it all as one bad one.
			for j < len(b) && isDigit(b[j], hex) {
				j++
			}
			if j < len(b) && b[j] == ';' {
				return utf8.RuneError, j + 1 - i, true
			}
		}
		return 0, 1, false
	}
	n = j + 1 - i
	r = rune(v)
	switch {
	case r == 0x9 || r == 0xA || r == 0xD:
		return r, n, false
	case r < 0x20:
		return r, n, true
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r > 0x10FFFF:
		return utf8.RuneError, n, true
	}
	return r, n, false
}

func isDigit(c byte, hex bool) bool {
	return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
}

// fix returns b repaired: b itself when it is clean, else a new slice.
// Removing a control character or reference can join what surrounded it
// into a new forbidden reference ("&#0" + DEL + ";" becomes "&#0;"), so a
// repaired body is repaired again until it is clean; each pass shrinks it.
func fix(b []byte) []byte {
	for !scan(b).clean {
		b = fixOnce(b)
	}
	return b
}

// fixOnce makes one repairing pass over b, which needs repair.
func fixOnce(b []byte) []byte {
	out := make([]byte, 0, len(b))
	i := 0
	for i < len(b) {
		// copy the clean run
		j := i
		for j < len(b) {
			c := b[j]
			if c < utf8.RuneSelf {
				if safe[c] {
					j++
					continue
				}
				if c == '&' {
					if _, _, bad := charRef(b, j); !bad {
						j++
						continue
					}
				}
				break
			}
			r, n := utf8.DecodeRune(b[j:])
			if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
				break
			}
			j += n
		}
		out = append(out, b[i:j]...)
		i = j
		if i >= len(b) {
			break
		}
		c := b[i]
		switch {
		case c == '&':
			r, n, _ := charRef(b, i)
			i += n
			if r == utf8.RuneError {
				out = append(out, "\uFFFD"...)
			} else if r == 0x1B {
				i = skipSequence(b, i)
			}
		case c < utf8.RuneSelf:
			i++
			if c == 0x1B {
				i = skipSequence(b, i)
			}
		default:
			_, n := utf8.DecodeRune(b[i:])
			out = append(out, "\uFFFD"...)
			i += n
		}
	}
	return out
}

// unit reads one character at b[i], raw or as a numeric character
// reference, and returns it with its length in bytes. A markup boundary
// ('<' or "]]>") gives -1 so sequences never swallow markup.
func unit(b []byte, i int) (rune, int) {
	c := b[i]
	switch {
	case c == '<':
		return -1, 0
	case c == ']' && bytes.HasPrefix(b[i:], []byte("]]>")):
		return -1, 0
	case c == '&':
		if r, n, _ := charRef(b, i); n > 1 {
			return r, n
		}
		return '&', 1
	case c < utf8.RuneSelf:
		return rune(c), 1
	}
	return utf8.DecodeRune(b[i:])
}

// maxSequence bounds how far an unterminated escape sequence reaches.
const maxSequence = 4096

// skipSequence skips the rest of an escape sequence whose ESC (raw or as a
// reference) ended just before b[i], and returns the index after it.
func skipSequence(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	r, n := unit(b, i)
	if r < 0 {
		return i
	}
	switch r {
	case '[': // CSI: parameters, intermediates, a final byte
		j := i + n
		for j < len(b) && j-i < maxSequence {
			r, n := unit(b, j)
			switch {
			case r >= 0x30 && r <= 0x3F, r >= 0x20 && r <= 0x2F:
				j += n
			case r >= 0x40 && r <= 0x7E:
				return j + n
			default:
				return j
			}
		}
		return j
	case ']', 'P', '_', '^', 'X': // OSC, DCS, APC, PM, SOS: a string up to BEL or ST
		j := i + n
		for j < len(b) && j-i < maxSequence {
			r, n := unit(b, j)
			switch {
			case r < 0:
				return j
			case r == 0x07 || r == 0x9C:
				return j + n
			case r == 0x1B:
				if j+n < len(b) {
					if r2, n2 := unit(b, j+n); r2 == '\\' {
						return j + n + n2
					}
				}
				return j + n
			}
			j += n
		}
		return j
	}
	if r >= 0x20 && r <= 0x7E {
		return i + n // a two-character escape such as ESC c or ESC 7
	}
	return i
}
