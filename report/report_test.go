package report

import (
	"errors"
	"strconv"
	"testing"
)

func TestParseDec(t *testing.T) {
	tests := []struct {
		in, want string
		isInt    bool
		sign     int
	}{
		{"0", "0", true, 0},
		{"007", "7", true, 1},
		{"589.08", "589.08", false, 1},
		{"2.50", "2.50", false, 1}, // published digits are kept
		{"-3", "-3", true, -1},
		{"+2", "2", true, 1},
		{".5", "0.5", false, 1},
		{"5.", "5", true, 1},
		{"-0", "0", true, 0},
		{"-0.00", "0.00", false, 0},
		{"123456789012345678901234567890", "123456789012345678901234567890", true, 1},
	}
	for _, tt := range tests {
		d, err := ParseDec(tt.in)
		if err != nil {
			t.Errorf("ParseDec(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want || d.IsInt() != tt.isInt || d.Sign() != tt.sign {
			t.Errorf("ParseDec(%q) = %s int=%v sign=%d, want %s %v %d", tt.in, d, d.IsInt(), d.Sign(), tt.want, tt.isInt, tt.sign)
		}
	}
	for _, bad := range []string{"", ".", "-", "1e3", "1,000", "１", "12a", "1.2.3", " 1", "--1"} {
		if d, err := ParseDec(bad); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseDec(%q) = %s, %v; want ErrSyntax", bad, d, err)
		}
	}
	if n, ok := MustDec("42").Int64(); !ok || n != 42 {
		t.Errorf("Int64 = %d, %v", n, ok)
	}
	if _, ok := MustDec("123456789012345678901234567890").Int64(); ok {
		t.Error("Int64 of a number beyond int64 reported ok")
	}
	// Int64 reads short numbers itself: hold it to strconv at the edges.
	for _, in := range []string{"0", "-0", "7", "-7", "0.5", "-0.5", "12.0", "999999999999999999", "-999999999999999999",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "1000000000000000000", "-100000000000000000.1"} {
		d := MustDec(in)
		n, ok := d.Int64()
		want, err := strconv.ParseInt(d.String(), 10, 64)
		if ok != (err == nil) || ok && n != want {
			t.Errorf("Dec(%s).Int64() = %d, %v; want %d, %v", d, n, ok, want, err == nil)
		}
	}
	if got := MustDec("589.08").Rat().FloatString(2); got != "589.08" {
		t.Errorf("Rat = %s", got)
	}
	if !DecInt(0).Equal(Dec{}) || DecInt(-12).String() != "-12" {
		t.Error("DecInt")
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ a, b string }{
		{"（三）不予 公开", "(三)不予公开"},
		{"商业\n企业", "商业企业"},
		{"3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""},
		{"本年收费金额（单位：万元）", "本年收费金额(单位:万元)"},
		{"\u3000总 计\t", "总计"},
		{"国办公开办函〔2021〕30号", "国办公开办函[2021]30号"},
	}
	for _, tt := range tests {
		if Fold(tt.a) != Fold(tt.b) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q", tt.a, Fold(tt.a), tt.b, Fold(tt.b))
		}
	}
}

func TestSplitNumber(t *testing.T) {
	tests := []struct{ in, num, rest string }{
		{"三、本年度办理结果", "三、", "本年度办理结果"},
		{"(2)依申请公开", "(2)", "依申请公开"},
		{"1.属于国家秘密", "1.", "属于国家秘密"},
		{"6、其他需要报告的事项", "6、", "其他需要报告的事项"},
		{"十二、其他", "十二、", "其他"},
		{"第二十条第(一)项", "", "第二十条第(一)项"},
		{"2023年度", "", "2023年度"},
		{"(本列数据)", "", "(本列数据)"},
		{"三", "", "三"},
	}
	for _, tt := range tests {
		num, rest := SplitNumber(Fold(tt.in))
		if num != tt.num || rest != tt.rest {
			t.Errorf("SplitNumber(%q) = %q, %q; want %q, %q", tt.in, num, rest, tt.num, tt.rest)
		}
	}
	for in, want := range map[string]int{"三、": 3, "（六）": 6, "6、": 6, "十": 10, "十二": 12, "二十": 20, "二十三": 23, "(12)": 12, "": 0, "第": 0, "x十": 0, "十x": 10, "a": 0, "x十y": 0, "二十三四": 0, "九十九": 99, "零": 0} {
		if got := Numeral(in); got != want {
			t.Errorf("Numeral(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestParseKey(t *testing.T) {
	k, err := ParseKey("requests.denied.state_secret.natural_person")
	if err != nil || k != (Key{Requests, "denied.state_secret", "natural_person"}) || k.String() != "requests.denied.state_secret.natural_person" {
		t.Errorf("ParseKey = %+v, %v", k, err)
	}
	for _, bad := range []string{"", "requests", "requests.total", ".total.total", "requests.total.", "overview.x.y"} {
		if _, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}

// TestTemplates checks the template data against the spec's counts and
// keys: 25 rows in table 三 (2021), 23 in 2019, 7 columns, table 四 3×5.
func TestTemplates(t *testing.T) {
	for _, tt := range []struct {
		v                 Version
		active, requests  int
		deniedFirst, last string
	}{
		{V2021, 6, 25, "denied.state_secret", "carried_forward"},
		{V2019, 8, 23, "denied.state_secret", "carried_forward"},
	} {
		tm := TemplateFor(tt.v)
		if got := len(tm.Table(Active).Rows); got != tt.active {
			t.Errorf("%s: 表二 has %d rows, want %d", tt.v, got, tt.active)
		}
		req := tm.Table(Requests)
		if got := len(req.Rows); got != tt.requests {
			t.Errorf("%s: 表三 has %d rows, want %d", tt.v, got, tt.requests)
		}
		if req.Rows[4].Key != tt.deniedFirst || req.Rows[len(req.Rows)-1].Key != tt.last {
			t.Errorf("%s: 表三 row order", tt.v)
		}
		seen := map[string]bool{}
		for _, r := range req.Rows {
			if seen[r.Key] || len(r.Columns) != 7 {
				t.Errorf("%s: row %s duplicated or has %d columns", tt.v, r.Key, len(r.Columns))
			}
			seen[r.Key] = true
		}
		ap := tm.Table(Appeals)
		if len(ap.Rows) != 3 || len(ap.Rows[0].Columns) != 5 {
			t.Errorf("%s: 表四 shape", tt.v)
		}
		if len(tm.Sections) != 6 || tm.Sections[5].Key != Other {
			t.Errorf("%s: sections", tt.v)
		}
	}
	if TemplateFor(V2019).Table(Active).Row("licensing").Column("change").Kind != Signed {
		t.Error("2019 change column is not signed")
	}
	if TemplateFor(V2021).Table(Active).Row("fees").Column("amount").Kind != Decimal {
		t.Error("2021 fee amount is not a decimal")
	}
	for y, want := range map[int]Version{2018: VersionUnknown, 2019: V2019, 2020: V2019, 2021: V2021, 2025: V2021} {
		if got := VersionForYear(y); got != want {
			t.Errorf("VersionForYear(%d) = %q", y, got)
		}
	}
}

func TestAccessors(t *testing.T) {
	r := &Report{Sections: []Section{{Key: Requests, Table: &Table{Key: Requests, Rows: []Row{
		{Key: "total", Cells: []Cell{
			{Column: "natural_person", Value: NumberValue(DecInt(2))},
			{Column: "commercial"},
			{Column: "research", Value: TextValue("—")},
		}},
	}}}}}
	if c := r.Lookup("requests.total.natural_person"); c == nil || c.Kind != Number {
		t.Fatalf("Lookup: %+v", c)
	}
	if n, ok := r.Lookup("requests.total.natural_person").Int(); !ok || n != 2 {
		t.Error("Int")
	}
	if c := r.Lookup("requests.total.commercial"); !c.IsBlank() || c.String() != "" {
		t.Error("blank cell")
	}
	if _, ok := r.Lookup("requests.total.research").Int(); ok {
		t.Error("text cell read as a number")
	}
	for _, missing := range []string{"requests.total.total", "requests.granted.total", "active.fees.amount", "bad"} {
		if r.Lookup(missing) != nil {
			t.Errorf("Lookup(%q) found a cell", missing)
		}
	}
	var nilReport *Report
	if nilReport.Lookup("requests.total.total") != nil || nilReport.Section(Overview) != nil {
		t.Error("nil report")
	}
	var keys []string
	for k, c := range r.Cells {
		keys = append(keys, k.String()+"="+c.Kind.String())
	}
	if len(keys) != 3 || keys[2] != "requests.total.research=text" {
		t.Errorf("Cells: %v", keys)
	}
	if strconv.Itoa(int(Text)) != "2" || Kind(9).String() != "Kind(9)" {
		t.Error("Kind")
	}
}
