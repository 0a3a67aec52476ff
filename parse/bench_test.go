package parse

import "testing"

// BenchmarkParse measures each seed in its own layout:
// go test ./parse -run XXX -bench . -benchmem
func BenchmarkParse(b *testing.B) {
	for _, s := range seeds {
		src := []byte(readSeed(b, s.file))
		p := ByName(s.layout)
		b.Run(s.file[:3]+"_"+s.layout, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
