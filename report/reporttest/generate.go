package reporttest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/opengovcn/annualreport/report"
)

// Breakage names a way in which Generate makes a report deliberately wrong.
// Each breaks one thing and nothing else: the report is otherwise
// consistent, and Generated.Keys says which cells are concerned.
type Breakage int

// The breakages Generate knows. The arithmetic ones move the numbers so
// that only the named rule of the template spec fails, in the cells named
// by Generated.Keys.
const (
	// Consistent: nothing is broken; every rule of the spec holds.
	Consistent Breakage = iota
	// WrongTotal breaks rule 3: one applicant cell of 表三 （七）总计 is more
	// than the sum of the outcome rows above it, and so is the row's own 总计,
	// which adds up its row. Keys: that cell, then requests.total.total.
	// (The new applications of that column are raised by as much, so that
	// the 勾稽关系 still holds.)
	WrongTotal
	// WrongRowTotal breaks rule 4: the 总计 cells of two outcome rows of 表三
	// are swapped, so neither adds up its row while every column still adds
	// up. Keys: the two 总计 cells. (A single wrong row total cannot break
	// rule 4 alone: the 总计 column is itself bound by rules 1 and 3.)
	WrongRowTotal
	// BrokenBalance breaks rule 1, the 勾稽关系 (new + carried over = total +
	// carried forward): one applicant cell of 四、结转下年度继续办理 is too
	// large, and so is the row's 总计, which adds up its row. Keys: that
	// cell, then requests.carried_forward.total.
	BrokenBalance
	// BlankCell makes one cell that was 0 blank (空白). Keys: the cell.
	BlankCell
	// TextCell makes one cell that was 0 hold the text "—". Keys: the cell.
	TextCell
	// Hybrid is a 2021 report whose 表三 has the 2019 template's single
	// （六）其他处理 row, holding the sums of the three 2021 rows, in their
	// place. Keys: the cells of that row.
	Hybrid
	// MisnumberedHeading gives one section a heading numbered in Arabic
	// digits, such as 6、其他需要报告的事项: the heading as published is in
	// that Section's Src.Text (with no position, Src.Line 0), and
	// Generated.Section names the section. No cell is concerned.
	MisnumberedHeading
	// MissingRow leaves out one outcome row of 表三 whose cells are all 0
	// (so that every sum still holds). Keys: the cells of that row.
	MissingRow
	// TemplateMismatch breaks rule 7: the report follows a template its
	// year must not use (2021 for 2019 or 2020; 2019 for 2021 and later).
	// No cell is concerned.
	TemplateMismatch
)

var breakageNames = []string{
	"consistent", "wrong_total", "wrong_row_total", "broken_balance", "blank_cell", "text_cell",
	"hybrid", "misnumbered_heading", "missing_row", "template_mismatch",
}

// Breakages returns every Breakage, Consistent first.
func Breakages() []Breakage {
	out := make([]Breakage, len(breakageNames))
	for i := range out {
		out[i] = Breakage(i)
	}
	return out
}

// String returns the breakage's name, such as wrong_total.
func (b Breakage) String() string {
	if b >= 0 && int(b) < len(breakageNames) {
		return breakageNames[b]
	}
	return fmt.Sprintf("Breakage(%d)", int(b))
}

// Rule returns the number of the template spec's consistency rule that
// the breakage breaks, or 0 for those that break no numbered rule.
func (b Breakage) Rule() int {
	switch b {
	case WrongTotal:
		return 3
	case WrongRowTotal:
		return 4
	case BrokenBalance:
		return 1
	case TemplateMismatch:
		return 7
	}
	return 0
}

// Options say what report Generate makes.
type Options struct {
	// Version is the template the report follows; empty for either,
	// picked by the seed (2021 for Hybrid).
	Version report.Version
	// Break is the way the report is wrong; Consistent (the zero value)
	// for none.
	Break Breakage
	// Template, when set, is the template the report follows instead of
	// Version's: a changed copy of a standard one (report.Template.Clone),
	// for a test of code that should follow what the template says. Its
	// Version says which standard template's cells are drawn; rows it
	// adds are 0 unless an identity derives them.
	Template *report.Template
}

// Generated is a report made by Generate, and what was done to it.
type Generated struct {
	Report *report.Report
	Seed   uint64
	Break  Breakage
	// Keys are the cells the breakage concerns, in the order its doc
	// gives; none for Consistent, MisnumberedHeading and TemplateMismatch.
	Keys []report.Key
	// Section is the section whose heading MisnumberedHeading changed.
	Section report.SectionKey
	// Detail says in words what was broken, with the values, for test
	// failure messages.
	Detail string
}

// Generate makes a realistic report from a seed: the same seed and options
// give the same report, in every run (math/rand/v2's PCG seeded with seed).
//
// The report is what a small or middling agency publishes: an agency and a
// title naming it and the year, a year its template is used for (2019 or
// 2020 for the 2019 template, 2021 to 2024 for the 2021 one), most cells 0
// and a few large (a licensing office's thousands of decisions), decimals
// for the amounts of 表二 (本年收费金额, 采购总金额), signed 本年增/减 in
// 2019, requests in the few rows an agency uses, and prose in the usual
// words: sub-heads in 一, the statistics period (自Y年1月1日起至Y年12月31日止),
// the sentence 共收到政府信息公开申请N件 with N = requests.new_received.total,
// improvements planned for the next year in 五, and the 信息处理费 in 六.
// Unless opts.Break says otherwise, every rule of the template spec that
// one report can break holds.
//
// Generate panics if opts asks for what cannot be: an unknown Version or
// Breakage, or a Hybrid of the 2019 template.
func Generate(seed uint64, opts Options) *Generated {
	if opts.Break < 0 || int(opts.Break) >= len(breakageNames) {
		panic(fmt.Sprintf("reporttest.Generate: unknown %v", opts.Break))
	}
	if opts.Version != report.VersionUnknown && report.TemplateFor(opts.Version) == nil {
		panic(fmt.Sprintf("reporttest.Generate: unknown template version %q", opts.Version))
	}
	if opts.Break == Hybrid && opts.Version == report.V2019 {
		panic("reporttest.Generate: a Hybrid is a 2021 report with the 2019 （六）其他处理 row; it cannot follow the 2019 template")
	}
	if opts.Template != nil {
		opts.Version = opts.Template.Version
	}
	g := &gen{rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), out: &Generated{Seed: seed, Break: opts.Break}}
	g.version = opts.Version
	if g.version == report.VersionUnknown {
		g.version = report.V2019
		if opts.Break == Hybrid || g.rng.IntN(3) > 0 {
			g.version = report.V2021
		}
	}
	g.tmpl = report.TemplateFor(g.version)
	if opts.Template != nil {
		g.tmpl = opts.Template
	}
	req := g.tmpl.Table(report.Requests)
	g.outcomes, g.applicants = req.Identity(3), req.Identity(4).Right
	mismatch := opts.Break == TemplateMismatch
	if (g.version == report.V2021) != mismatch {
		g.year = 2021 + g.rng.IntN(4)
	} else {
		g.year = 2019 + g.rng.IntN(2)
	}
	g.generate()
	return g.out
}

type gen struct {
	rng     *rand.Rand
	version report.Version
	tmpl    *report.Template
	// The outcome rows' identity (rule 3: （七）总计 is their sum) and
	// the applicant columns (rule 4's terms) of tmpl's 表三.
	outcomes   *report.Identity
	applicants []string
	year       int
	out        *Generated
	b          *Builder
}

// count returns 0 with probability zero, else a number from 1 to limit,
// log-uniformly: small numbers are common, large ones rare.
func (g *gen) count(zero float64, limit int) int {
	if g.rng.Float64() < zero || limit < 1 {
		return 0
	}
	return int(math.Exp(g.rng.Float64() * math.Log(float64(limit)+1)))
}

// amount returns a decimal such as 12.50 (two fraction digits), or 0.
func (g *gen) amount(zero float64, limit int) string {
	if g.rng.Float64() < zero {
		return "0"
	}
	return fmt.Sprintf("%d.%02d", g.count(0, limit)-1, g.rng.IntN(100))
}

func pick[T any](g *gen, xs []T) T { return xs[g.rng.IntN(len(xs))] }

var (
	places = []string{"北京市朝阳区", "上海市浦东新区", "重庆市大渡口区", "杭州市西湖区", "成都市武侯区", "长沙市岳麓区",
		"武汉市江汉区", "南京市鼓楼区", "西安市雁塔区", "广州市天河区", "青岛市黄岛区", "昆明市五华区", "江西省", "甘肃省", "河北省邯郸市"}
	offices = []string{"人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "民政局", "司法局", "财政局",
		"人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设委员会", "交通运输局", "卫生健康委员会",
		"市场监督管理局", "应急管理局", "统计局", "医疗保障局"}
)

// outcome weights: the share of applications each 表三 outcome row gets
// when an agency uses it.
var outcomeWeight = map[string]int{
	"granted": 50, "partially_granted": 8, "unable.not_held": 20, "unable.needs_creation": 4, "unable.unclear": 3,
	"not_processed.complaint": 5, "not_processed.duplicate": 4, "denied.third_party": 2, "denied.process_info": 2,
	"other_handling.no_correction": 3, "other_handling.other": 3, "other_handling": 5,
}

func (g *gen) generate() {
	agency := pick(g, places) + pick(g, offices)
	g.b = NewBuilderFor(g.tmpl).Agency(agency).Year(g.year).FillTotals()
	g.active()
	g.requests()
	g.appeals()

	switch g.out.Break {
	case WrongTotal:
		r := g.b.MustReport()
		col := pick(g, g.applicants)
		d := 1 + g.rng.IntN(3)
		sum := g.int(r, "requests.total."+col)
		g.b.Set("requests.total."+col, sum+d)
		g.b.Set("requests.new_received."+col, g.int(r, "requests.new_received."+col)+d)
		g.out.Keys = []report.Key{reqKey("total", col), reqKey("total", "total")}
		g.out.Detail = fmt.Sprintf("requests.total.%s is %d where its column's outcome rows add up to %d (rule 3); requests.total.total is %d more than the outcome rows' totals too",
			col, sum+d, sum, d)
	case WrongRowTotal:
		r := g.b.MustReport()
		rows := g.outcomes.Right
		// Two outcome rows with different totals: one with applications
		// (the report has some, see requests) and one without.
		var used, unused []string
		for _, o := range rows {
			if g.int(r, "requests."+o+".total") > 0 {
				used = append(used, o)
			} else {
				unused = append(unused, o)
			}
		}
		r1, r2 := pick(g, used), pick(g, unused)
		if g.rng.IntN(2) == 0 {
			r1, r2 = r2, r1
		}
		t1, t2 := g.int(r, "requests."+r1+".total"), g.int(r, "requests."+r2+".total")
		g.b.Set("requests."+r1+".total", t2).Set("requests."+r2+".total", t1)
		g.out.Keys = []report.Key{reqKey(r1, "total"), reqKey(r2, "total")}
		g.out.Detail = fmt.Sprintf("the 总计 cells of requests.%s (%d, its row adds up to %d) and requests.%s (%d, its row adds up to %d) are swapped (rule 4)",
			r1, t2, t1, r2, t1, t2)
	case BrokenBalance:
		r := g.b.MustReport()
		col := pick(g, g.applicants)
		d := 1 + g.rng.IntN(3)
		cf := g.int(r, "requests.carried_forward."+col)
		g.b.Set("requests.carried_forward."+col, cf+d)
		g.out.Keys = []report.Key{reqKey("carried_forward", col), reqKey("carried_forward", "total")}
		g.out.Detail = fmt.Sprintf("requests.carried_forward.%s is %d where new_received + carried_over − total is %d (rule 1, 勾稽关系); so is its row's 总计, %d too many",
			col, cf+d, cf, d)
	}
	r := g.b.MustReport()

	switch g.out.Break {
	case BlankCell, TextCell:
		var zeros []*report.Cell
		var keys []report.Key
		for k, c := range r.Cells {
			if c.Kind == report.Number && c.Num.Sign() == 0 {
				zeros, keys = append(zeros, c), append(keys, k)
			}
		}
		i := g.rng.IntN(len(zeros)) // requests: most outcome rows are all 0
		v := report.Value{}
		if g.out.Break == TextCell {
			v = report.TextValue("—")
		}
		zeros[i].Value = v
		g.out.Keys = []report.Key{keys[i]}
		g.out.Detail = fmt.Sprintf("%s, which was 0, is %s", keys[i], describe(v))
	case Hybrid:
		// The template's stand-in: the 2019 single row in place of the
		// 2021 rows of （六）, holding their sums.
		t := r.Table(report.Requests)
		in := g.tmpl.Table(report.Requests).StandIns[0]
		old := in.By[0]
		single := report.Row{Key: old.Key}
		for _, c := range old.Columns {
			sum := 0
			for _, row := range t.Rows {
				if slices.Contains(in.Rows, row.Key) {
					n, _ := row.Cell(c.Key).Int()
					sum += int(n)
				}
			}
			single.Cells = append(single.Cells, report.Cell{Column: c.Key, Value: report.NumberValue(report.DecInt(int64(sum)))})
			g.out.Keys = append(g.out.Keys, reqKey(old.Key, c.Key))
		}
		var rows []report.Row
		for _, row := range t.Rows {
			switch {
			case row.Key == in.Rows[0]:
				rows = append(rows, single)
			case slices.Contains(in.Rows, row.Key):
			default:
				rows = append(rows, row)
			}
		}
		t.Rows = rows
		g.out.Detail = "表三 has the 2019 single row （六）其他处理 in place of the three 2021 rows of （六）"
	case MisnumberedHeading:
		i := g.rng.IntN(len(r.Sections))
		spec := g.tmpl.Sections[i]
		r.Sections[i].Src.Text = fmt.Sprintf("%d、%s", spec.Number, spec.Heading)
		g.out.Section = spec.Key
		g.out.Detail = fmt.Sprintf("section %s is headed %q", spec.Key, r.Sections[i].Src.Text)
	case MissingRow:
		t := r.Table(report.Requests)
		var empty []int
		for i, row := range t.Rows {
			if g.outcomes.Has(row.Key) && allZero(row) {
				empty = append(empty, i)
			}
		}
		i := pick(g, empty) // an agency uses at most five outcome rows
		for _, c := range t.Rows[i].Cells {
			g.out.Keys = append(g.out.Keys, reqKey(t.Rows[i].Key, c.Column))
		}
		g.out.Detail = fmt.Sprintf("表三 has no row requests.%s (all of its cells would be 0)", t.Rows[i].Key)
		t.Rows = append(t.Rows[:i], t.Rows[i+1:]...)
	case TemplateMismatch:
		g.out.Detail = fmt.Sprintf("a report for %d follows the %s template (rule 7)", g.year, g.version)
	}
	g.prose(r)
	g.out.Report = r
}

func reqKey(row, col string) report.Key {
	return report.Key{Table: report.Requests, Row: row, Column: col}
}

func (g *gen) int(r *report.Report, path string) int {
	n, ok := r.Lookup(path).Int()
	if !ok {
		panic("reporttest: generated cell " + path + " is not a number")
	}
	return int(n)
}

func allZero(row report.Row) bool {
	for _, c := range row.Cells {
		if c.Kind != report.Number || c.Num.Sign() != 0 {
			return false
		}
	}
	return true
}

func (g *gen) active() {
	set := func(row, col string, n int) { g.b.Set("active."+row+"."+col, n) }
	if g.version == report.V2021 {
		for _, row := range []string{"regulations", "normative_documents"} {
			limit := 3
			if row == "normative_documents" {
				limit = 30
			}
			issued, repealed := g.count(0.5, limit), g.count(0.7, limit/2)
			set(row, "issued", issued)
			set(row, "repealed", repealed)
			set(row, "in_force", issued+g.count(0.3, limit*8))
		}
		set("licensing", "decisions", g.count(0.4, 50000))
		set("punishment", "decisions", g.count(0.4, 5000))
		set("coercion", "decisions", g.count(0.7, 200))
		g.b.SetDec("active.fees.amount", g.amount(0.7, 5000))
		return
	}
	for _, row := range []string{"regulations", "normative_documents"} {
		limit := 3
		if row == "normative_documents" {
			limit = 30
		}
		made := g.count(0.5, limit)
		set(row, "made", made)
		set(row, "published", made)
		set(row, "total_public", made+g.count(0.3, limit*8))
	}
	for _, row := range []string{"licensing", "other_services", "punishment", "coercion", "fees"} {
		prev := g.count(0.3, 300)
		change := 0
		if prev > 0 && g.rng.IntN(2) == 0 {
			change = g.rng.IntN(11) - 5
			change = max(change, -prev)
		}
		set(row, "prev_items", prev)
		set(row, "change", change)
		if row != "fees" {
			set(row, "decisions", g.count(0.4, 20000))
		}
	}
	set("procurement", "projects", g.count(0.5, 60))
	g.b.SetDec("active.procurement.amount", g.amount(0.5, 3000))
}

// requests sets the new, carried-over and outcome cells of 表三; its totals
// and the carried-forward row are derived by FillTotals.
func (g *gen) requests() {
	scale := []int{2000, 40, 3, 3, 10, 5}
	zero := []float64{0.25, 0.6, 0.92, 0.92, 0.8, 0.85}
	if g.out.Break == WrongRowTotal {
		zero[0] = 0 // WrongRowTotal needs an outcome row with applications
	}
	// The few outcome rows this agency uses: granted and up to four others.
	var others []string
	for _, o := range g.outcomes.Right {
		if o != "granted" && outcomeWeight[o] > 0 {
			others = append(others, o)
		}
	}
	g.rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	used := append([]string{"granted"}, others[:g.rng.IntN(5)]...)
	total := 0
	for _, o := range used {
		total += outcomeWeight[o]
	}
	for i, col := range g.applicants {
		n := g.count(zero[i], scale[i])
		over := 0
		if n > 0 && g.rng.IntN(3) == 0 {
			over = g.count(0, max(1, n/5))
		}
		forward := 0
		if n+over > 1 && g.rng.IntN(3) == 0 {
			forward = g.rng.IntN(min(n+over, 10))
		}
		g.b.Set("requests.new_received."+col, n)
		g.b.Set("requests.carried_over."+col, over)
		counts := map[string]int{}
		for range n + over - forward {
			w := g.rng.IntN(total)
			for _, o := range used {
				if w < outcomeWeight[o] {
					counts[o]++
					break
				}
				w -= outcomeWeight[o]
			}
		}
		for _, o := range used {
			if counts[o] > 0 {
				g.b.Set("requests."+o+"."+col, counts[o])
			}
		}
	}
}

// appeals sets the results of each group of 表四, the terms of its
// total (rule 5), which FillTotals derives.
func (g *gen) appeals() {
	spec := g.tmpl.Table(report.Appeals)
	for _, grp := range spec.Rows {
		zero := 0.6
		if grp.Key != "review" {
			zero = 0.8
		}
		for _, col := range spec.Identity(5).Right {
			if !solved(spec, grp.Key, col) {
				g.b.Set("appeals."+grp.Key+"."+col, g.count(zero, 6))
			}
		}
	}
}

// solved reports whether an identity of the table derives the cell at row
// and col from others, so that FillTotals fills it.
func solved(t *report.TableSpec, row, col string) bool {
	for _, id := range t.Identities {
		if id.Along == report.EachColumn && id.Solved() == row || id.Along == report.EachRow && id.Solved() == col {
			return true
		}
	}
	return false
}

// prose writes sections 一, 五 and 六 in the usual words, with the year, the
// statistics period and the number of new applications of the report.
func (g *gen) prose(r *report.Report) {
	y := g.year
	n, _ := r.Lookup("requests.new_received.total").Int()
	published := g.count(0, 3000)
	var b strings.Builder
	fmt.Fprintf(&b, "%d年，本机关%s，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。\n",
		y, pick(g, []string{"坚持以人民为中心的发展思想", "在上级政府信息公开主管部门的指导下", "紧紧围绕年度重点工作"}), y, y)
	heads := []string{"（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"}
	if g.version == report.V2019 {
		heads = []string{"（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）平台建设情况", "（五）监督保障情况"}
	}
	fmt.Fprintf(&b, "%s。全年通过政府门户网站主动公开政府信息%d条，其中政策解读%d篇。\n", heads[0], published, published/20)
	fmt.Fprintf(&b, "%s。%d年，本机关共收到政府信息公开申请%d件，均按照法定时限和程序予以办理。\n", heads[1], y, n)
	fmt.Fprintf(&b, "%s。%s\n", heads[2], pick(g, []string{"严格落实公开前保密审查机制，定期清理已公开的规范性文件。", "健全政府信息公开属性源头认定机制，动态更新政府信息公开目录。"}))
	fmt.Fprintf(&b, "%s。持续优化政府门户网站信息公开专栏，及时更新栏目内容。\n", heads[3])
	fmt.Fprintf(&b, "%s。将政府信息公开工作纳入年度绩效考核，全年开展业务培训%d次。", heads[4], 1+g.rng.IntN(6))
	r.Section(report.Overview).Prose = b.String()

	problems := fmt.Sprintf("（一）存在的主要问题。%s\n（二）改进情况。%d年，本机关将%s",
		pick(g, []string{"一是政策解读的形式较为单一；二是基层工作人员业务能力有待提高。", "主动公开的内容不够全面，部分栏目更新不够及时。"}),
		y+1, pick(g, []string{"进一步丰富政策解读形式，加强业务培训。", "加强栏目日常维护，提升政府信息公开质量。"}))
	r.Section(report.Problems).Prose = problems

	other := "无其他需要报告的事项。"
	if g.version == report.V2021 {
		if fee := g.count(0.85, 200); fee > 0 {
			other = fmt.Sprintf("本机关%d年度共收取信息处理费%d元。", y, fee)
		} else {
			other = fmt.Sprintf("本机关%d年度未收取信息处理费。", y)
		}
	}
	r.Section(report.Other).Prose = other
	for _, key := range []report.SectionKey{report.Overview, report.Problems, report.Other} {
		s := r.Section(key)
		s.Subheads = subheads(s.Prose)
	}
}
