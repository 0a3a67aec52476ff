package report

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"2.重复申请", "2.重复申请", 0},
		{"2.重复提交的申请", "2.重复申请", 3},
		{"requests.granted.natral_person", "requests.granted.natural_person", 1},
		{"予以公开", "", 4},
	} {
		if got := Distance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
