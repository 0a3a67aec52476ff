package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

var yearInTitle = regexp.MustCompile(`\s*((?:19|20)\d\d)\s*年(度)?\s*`)

// TitleParts reads the agency and the year from a title such as
// 重庆市大渡口区跳磴镇2023年政府信息公开工作年度报告 or
// 车排子镇政府信息公开工作2023年度报告: what the readers of package parse set
// Agency and Year to from a title. The year is 0 when the title has none;
// the agency is "" when nothing stands before the words 政府信息公开 (or
// 政务公开, 信息公开).
func TitleParts(title string) (agency string, year int) {
	if m := yearInTitle.FindStringSubmatch(title); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	t := yearInTitle.ReplaceAllString(title, "")
	for _, marker := range []string{"政府信息公开", "政务公开", "信息公开"} {
		if i := strings.Index(t, marker); i >= 0 {
			t = t[:i]
			break
		}
	}
	t = strings.TrimPrefix(trimBlank(t), "关于")
	t = strings.TrimSuffix(t, "的")
	return trimBlank(t), year
}

// trimBlank trims white space, zero-width spaces and byte order marks.
func trimBlank(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' })
}

// MetaMark starts the line that states a report's metadata in a layout
// whose text would not give it back: a report without a title (whose
// preamble might read as one), a title that does not say 报告, an agency or
// a year other than its title's (TitleParts). Writers put MetaLine's line
// first, before the title, and readers take the metadata from it.
const MetaMark = "（报告元数据）"

// MetaLine returns the line of MetaMark stating year, agency and title:
// （报告元数据）年度：2023；机关：…；标题：…, the title last (it may hold
// anything but a line break; the agency anything but a line break and
// "；标题："), a year of 0 left empty.
func MetaLine(year int, agency, title string) string {
	y := ""
	if year != 0 {
		y = strconv.Itoa(year)
	}
	return MetaMark + "年度：" + y + "；机关：" + agency + "；标题：" + title
}

// ParseMetaLine reads a line of MetaLine back, trimmed; ok is false for any
// other line.
func ParseMetaLine(line string) (year int, agency, title string, ok bool) {
	s, ok := strings.CutPrefix(trimBlank(line), MetaMark+"年度：")
	if !ok {
		return 0, "", "", false
	}
	y, s, ok1 := strings.Cut(s, "；机关：")
	agency, title, ok2 := strings.Cut(s, "；标题：")
	if !ok1 || !ok2 {
		return 0, "", "", false
	}
	if y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			return 0, "", "", false
		}
		year = n
	}
	return year, agency, title, true
}
