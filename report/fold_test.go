package report

import (
	"strings"
	"testing"
)

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

func TestNumeral(t *testing.T) {
	for in, want := range map[string]int{
		"三、": 3, "(2)": 2, "6、": 6, "（六）": 6, "十、": 10, "十二、": 12, "二十": 20, "二十三": 23,
		"四十五.": 45, "九": 9, "1000": 1000, "1001": 0, "": 0, "、": 0, "第一": 0, "一二三四": 0, "（一）、": 1,
	} {
		if got := Numeral(in); got != want {
			t.Errorf("Numeral(%q) = %d, want %d", in, got, want)
		}
	}
	for _, s := range []string{"", "、", "(一)", "、.,:()", "一、", "、一", "a(b)c", "(、一、)", "，一"} {
		if got, want := trimMarks(s), strings.Trim(s, "()、.,:"); got != want {
			t.Errorf("trimMarks(%q) = %q, want %q", s, got, want)
		}
	}
}
