package record

import (
	"bytes"
	"encoding/hex"
	"hash/crc32"
)

// Every line of a recording ends with its checksum, in a fixed-width tail:
//
//	{...,"crc":"0a1b2c3d"}\n
//
// The checksum is CRC-32C over the line as it would read without the crc
// member: everything before `,"crc":"` followed by the closing brace. A
// fixed tail lets the reader check a line without parsing it first.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const (
	crcPrefix = `,"crc":"`
	tailLen   = len(crcPrefix) + 8 + 2 // ,"crc":"xxxxxxxx"}
)

// frame appends the crc member to a JSON object (which must end in '}') and
// a newline.
func frame(obj []byte) []byte {
	sum := crc32.Checksum(obj, castagnoli)
	out := make([]byte, 0, len(obj)+tailLen+1)
	out = append(out, obj[:len(obj)-1]...)
	out = append(out, crcPrefix...)
	out = hex.AppendEncode(out, []byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	out = append(out, '"', '}', '\n')
	return out
}

// checkLine reports whether a line (without its newline) carries a correct
// checksum. The line itself, crc member included, is valid JSON to decode.
func checkLine(line []byte) bool {
	if len(line) < tailLen+2 || line[0] != '{' {
		return false
	}
	tail := line[len(line)-tailLen:]
	if !bytes.HasPrefix(tail, []byte(crcPrefix)) || tail[tailLen-2] != '"' || tail[tailLen-1] != '}' {
		return false
	}
	var want [4]byte
	if n, err := hex.Decode(want[:], tail[len(crcPrefix):len(crcPrefix)+8]); n != 4 || err != nil {
		return false
	}
	body := line[:len(line)-tailLen]
	sum := crc32.Update(crc32.Checksum(body, castagnoli), castagnoli, []byte{'}'})
	return sum == uint32(want[0])<<24|uint32(want[1])<<16|uint32(want[2])<<8|uint32(want[3])
}

// lineCRC returns the checksum a framed line ends with, as its eight hex
// digits; nil for a line too short to hold one.
func lineCRC(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	if len(line) < tailLen {
		return nil
	}
	return line[len(line)-tailLen+len(crcPrefix) : len(line)-2]
}
