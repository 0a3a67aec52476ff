package parse

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// referenceGB is x/text's decoder reading src whole.
func referenceGB(src []byte, gb18030 bool) []byte {
	dec := simplifiedchinese.GBK.NewDecoder()
	if gb18030 {
		dec = simplifiedchinese.GB18030.NewDecoder()
	}
	out, err := dec.Bytes(src)
	if err != nil {
		panic(err) // the decoders replace what they cannot read
	}
	return out
}

// TestDecodeGB holds decodeGB to x/text's decoder on the GBK samples of
// testdata, on every sequence's corner (ill-formed and cut ones, four-byte
// ones, 0x80 and 0xFF, trail bytes in the ASCII range) and on random
// bytes.
func TestDecodeGB(t *testing.T) {
	inputs := [][]byte{nil, []byte("plain ASCII <p>")}
	for _, name := range []string{"encodings/*.txt", "corpus/*gbk*"} {
		for _, f := range testdataFiles(t, name) {
			inputs = append(inputs, []byte(f))
		}
	}
	corners := [][]byte{
		{0xd6, 0xd0}, {0xd6}, {0xd6, 0x41}, {0xd6, 0x0a}, {0x81, 0x30}, {0x81, 0x30, 0x81}, {0x81, 0x30, 0x81, 0x30},
		{0x81, 0x30, 0x81, 0x3a}, {0x81, 0x30, 0x7f, 0x30}, {0x84, 0x31, 0xa4, 0x39}, {0x84, 0x31, 0xa5, 0x30}, {0x90, 0x30, 0x81, 0x30},
		{0xe3, 0x32, 0x9a, 0x35}, {0xe3, 0x32, 0x9a, 0x36}, {0xfe, 0x39, 0xfe, 0x39}, {0x80}, {0xff}, {0xff, 0x41}, {0xa1, 0xff},
		{0xa1, 0x7f}, {0xa1, 0x40}, {0xa1, 0x80}, {0xa2, 0xa0},
	}
	for _, c := range corners {
		for _, pre := range []string{"", "a", "\xd6\xd0"} {
			for _, post := range []string{"", "b", "\xd6\xd0", "\x30"} {
				inputs = append(inputs, append(append([]byte(pre), c...), post...))
			}
		}
	}
	rng := rand.New(rand.NewPCG(18030, 936))
	for range 5000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			switch rng.IntN(4) {
			case 0:
				b[i] = byte(rng.IntN(0x80))
			case 1:
				b[i] = byte(0x30 + rng.IntN(10))
			default:
				b[i] = byte(0x80 + rng.IntN(0x80))
			}
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		for _, gb18030 := range []bool{false, true} {
			if got, want := decodeGB(in, gb18030), referenceGB(in, gb18030); !bytes.Equal(got, want) {
				t.Fatalf("decodeGB(% x, gb18030 %v) = %q, x/text gives %q", in, gb18030, got, want)
			}
		}
	}
}

// FuzzDecodeGB holds decodeGB to x/text's decoder on any bytes.
func FuzzDecodeGB(f *testing.F) {
	f.Add([]byte("<p>\xd6\xd0\xce\xc4</p>\x81\x30\x81\x30\x80\xff"), true)
	f.Fuzz(func(t *testing.T, in []byte, gb18030 bool) {
		if got, want := decodeGB(in, gb18030), referenceGB(in, gb18030); !bytes.Equal(got, want) {
			t.Fatalf("decodeGB(% x, gb18030 %v) = %q, x/text gives %q", in, gb18030, got, want)
		}
	})
}

// TestASCIIPrefix holds asciiPrefix to a byte-by-byte count.
func TestASCIIPrefix(t *testing.T) {
	for n := range 40 {
		for k := 0; k <= n; k++ {
			b := bytes.Repeat([]byte("a"), n)
			if k < n {
				b[k] = 0x80 + byte(k)
			}
			if got := asciiPrefix(b); got != k {
				t.Fatalf("asciiPrefix of %d bytes, the first not ASCII at %d: %d", n, k, got)
			}
		}
	}
}

// BenchmarkDecodeGB decodes the GBK page of the corpus: decodeGB, and
// x/text's decoder over the whole page (ref).
func BenchmarkDecodeGB(b *testing.B) {
	src := []byte(testdataFiles(b, "corpus/*gbk*")[0])
	b.Run("decodeGB", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			decodeGB(src, false)
		}
	})
	b.Run("ref", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			referenceGB(src, false)
		}
	})
}
