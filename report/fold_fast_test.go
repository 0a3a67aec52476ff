package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// slowFold is Fold without its fast paths: NFKC, then the rest.
func slowFold(s string) string {
	if f, ok := foldCommon(s); ok && folded(s) && f != s {
		panic("folded(s) but foldCommon changes it")
	}
	return foldNFKC(s)
}

// foldTexts are the lines of the seeds and strings with every kind of
// character the fast paths handle or refuse.
func foldTexts(t testing.TB) []string {
	texts := []string{"", " ", "（一）予以公开", "(三)不予 公开", "１２３", "“三安全一稳定”", "‘a’", "【1】〔2〕［3］",
		"①②", "ｶﾀｶﾅ", "\u3000总\u00a0计\u200b\ufeff", "é", "e\u0301", "\t0\r\n", "\x7f", "\x00", "ﬁ", "㈠", "⑴", "²"}
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			texts = append(texts, line)
			texts = append(texts, strings.Split(line, "\t")...)
		}
	}
	return texts
}

// TestFoldFastPaths checks that Fold's fast paths give what the NFKC path
// gives.
func TestFoldFastPaths(t *testing.T) {
	for _, s := range foldTexts(t) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, the NFKC path gives %q", s, got, want)
		}
	}
}

// FuzzFold checks the fast paths on any text.
func FuzzFold(f *testing.F) {
	for _, s := range foldTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), slowFold(s); got != want {
			t.Errorf("Fold(%q) = %q, the NFKC path gives %q", s, got, want)
		}
	})
}
