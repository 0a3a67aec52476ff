package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the form of a label that label matching compares: NFKC
// (full-width brackets, colons, digits and letters become half-width), with
// every white-space character removed and the quotes “”‘’ made plain.
// "（三）不予 公开" and "(三)不予公开" fold to the same string. Fold is the one
// place where the library normalises text for matching; everything that
// matches labels goes through it.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	if f, ok := foldCommon(s); ok {
		return f
	}
	return foldNFKC(s)
}

// foldNFKC is Fold's general path.
func foldNFKC(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\ufeff':
			continue
		case r == '“' || r == '”' || r == '„':
			b.WriteByte('"')
		case r == '‘' || r == '’':
			b.WriteByte('\'')
		case r == '〔' || r == '［' || r == '【':
			b.WriteByte('[')
		case r == '〕' || r == '］' || r == '】':
			b.WriteByte(']')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// folded reports whether Fold would return s unchanged, looking only for
// the characters of most labels and numbers: printable ASCII but the
// space, CJK unified ideographs and the ideographic comma and full stop,
// all of which NFKC leaves alone. Anything else takes the full path.
func folded(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r >= 0x4e00 && r <= 0x9fff || r == '、' || r == '。') {
			return false
		}
		i += size
	}
	return true
}

// foldCommon folds s as Fold does when s holds only characters whose NFKC
// form is themselves or a single ASCII character: ASCII, CJK unified
// ideographs, 、 and 。, the full-width forms of ASCII (（一） is (一)),
// white space, and the quotes and brackets Fold makes plain. It reports
// false for anything else, which takes the full NFKC path.
func foldCommon(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r <= ' ' || r == 0x7f {
				if !unicode.IsSpace(r) {
					return "", false
				}
				continue
			}
			b.WriteByte(byte(r))
		case r >= 0x4e00 && r <= 0x9fff, r == '、', r == '。':
			b.WriteRune(r)
		case r >= 0xff01 && r <= 0xff5e: // full-width ASCII
			b.WriteByte(byte(r - 0xfee0))
		case r == '\u3000', r == '\u00a0', r == '\u200b', r == '\ufeff':
			continue
		case r == '“' || r == '”' || r == '„':
			b.WriteByte('"')
		case r == '‘' || r == '’':
			b.WriteByte('\'')
		case r == '〔' || r == '【':
			b.WriteByte('[')
		case r == '〕' || r == '】':
			b.WriteByte(']')
		default:
			return "", false
		}
	}
	return b.String(), true
}

// SplitNumber splits a folded label into its leading number and the rest:
// "三、本年度办理结果" gives ("三、", "本年度办理结果"), "(2)依申请公开" gives
// ("(2)", "依申请公开"), "1.属于国家秘密" gives ("1.", "属于国家秘密"). A label
// without a number gives ("", label). The label should be folded first.
func SplitNumber(folded string) (number, rest string) {
	s := folded
	if strings.HasPrefix(s, "(") {
		if end := strings.IndexByte(s, ')'); end > 1 && isNumeral(s[1:end]) {
			return s[:end+1], s[end+1:]
		}
		return "", s
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isNumeralRune(r) {
			break
		}
		i += size
	}
	if i == 0 || i == len(s) {
		return "", s
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '、', '.', ',', ':':
		return s[:i+size], s[i+size:]
	}
	return "", s
}

// Numeral returns the value of a section or item number such as "三、", "(2)",
// "6、" or "（六）" (folded or not), or 0 if it is not one.
func Numeral(number string) int {
	s := trimMarks(Fold(number))
	if s == "" {
		return 0
	}
	if allDigits(s) {
		n := 0
		for _, c := range s {
			n = n*10 + int(c-'0')
			if n > 1000 {
				return 0
			}
		}
		return n
	}
	var buf [3]rune
	rs := buf[:0]
	for _, r := range s {
		if len(rs) == len(buf) {
			return 0
		}
		rs = append(rs, r)
	}
	digits := chineseDigit
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digits(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digits(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digits(rs[0])*10 + digits(rs[2])
	}
	return 0
}

func isNumeral(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isNumeralRune(r) {
			return false
		}
	}
	return true
}

func isNumeralRune(r rune) bool {
	return r >= '0' && r <= '9' || r == '十' || chineseDigit(r) != 0
}

// chineseDigit returns the value of 一 to 九, or 0.
func chineseDigit(r rune) int {
	switch r {
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return 0
}

// trimMarks trims the brackets and separators around a number: what
// strings.Trim(s, "()、.,:") does, without its general search of the set.
func trimMarks(s string) string {
	mark := func(r rune) bool {
		switch r {
		case '(', ')', '、', '.', ',', ':':
			return true
		}
		return false
	}
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !mark(r) {
			break
		}
		s = s[n:]
	}
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if !mark(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// Distance is the Levenshtein distance between a and b, counted in
// characters: the fewest insertions, deletions and substitutions that turn
// one into the other. Parsers and builders use it to name the nearest
// label or key to one they do not know.
func Distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
