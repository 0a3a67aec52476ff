package parse

import (
	"slices"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeGB decodes GBK or GB18030 (gb18030 false or true) as x/text's
// decoder does, faster on what pages are made of, mostly ASCII markup: it
// copies runs of ASCII itself and hands only the runs of multi-byte
// sequences to the decoder, which otherwise encodes every ASCII byte as a
// rune. The decoder reads each sequence from its first byte alone and
// looks no further than the sequence (an ill-formed one is a replacement
// character for its first byte, whatever follows, also at the end of its
// input), so a run cut where a sequence ends and ASCII begins decodes as
// it does within the whole (TestDecodeGB, FuzzDecodeGB).
func decodeGB(src []byte, gb18030 bool) []byte {
	var dec *encoding.Decoder
	if gb18030 {
		dec = simplifiedchinese.GB18030.NewDecoder()
	} else {
		dec = simplifiedchinese.GBK.NewDecoder()
	}
	out := make([]byte, 0, len(src)+len(src)/2)
	for i := 0; i < len(src); {
		j := i + asciiPrefix(src[i:])
		out = append(out, src[i:j]...)
		// A run of multi-byte sequences, each as long as the decoder
		// takes it.
		k := j
		for k < len(src) && src[k] >= 0x80 {
			k += gbSize(src[k:], gb18030)
		}
		if k > j {
			run := src[j:k]
			out = slices.Grow(out, 3*len(run)) // a byte gives at most 3 (€, U+FFFD), 2 give 3, 4 give 4
			if n, _, err := dec.Transform(out[len(out):cap(out)], run, true); err == nil {
				out = out[:len(out)+n]
			} else { // not expected: the room is there, and the decoder replaces what it cannot read
				b, _ := dec.Bytes(run)
				out = append(out, b...)
			}
		}
		i = k
	}
	return out
}

// asciiPrefix returns the length of the run of ASCII bytes b starts with,
// looking at eight bytes at a time.
func asciiPrefix(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := b[i : i+8 : i+8]
		if (w[0]|w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7])&0x80 != 0 {
			break
		}
	}
	for i < len(b) && b[i] < 0x80 {
		i++
	}
	return i
}

// gbSize returns the length of the sequence at the start of s, which
// starts with a byte of 0x80 or more, as x/text's GBK/GB18030 decoder
// reads it.
func gbSize(s []byte, gb18030 bool) int {
	c0 := s[0]
	if c0 == 0x80 || c0 == 0xff || len(s) < 2 {
		return 1
	}
	switch c1 := s[1]; {
	case 0x40 <= c1 && c1 < 0x7f, 0x80 <= c1 && c1 < 0xff:
		return 2
	case gb18030 && 0x30 <= c1 && c1 < 0x40:
		if len(s) < 4 || s[2] < 0x81 || s[2] == 0xff || s[3] < 0x30 || s[3] >= 0x3a {
			return 1
		}
		r := ((rune(c0-0x81)*10+rune(c1-0x30))*126+rune(s[2]-0x81))*10 + rune(s[3]-0x30)
		if r >= 39420 {
			if r -= 189000; r < 0 || r >= 0x100000 {
				return 1
			}
		}
		return 4
	}
	return 1
}
