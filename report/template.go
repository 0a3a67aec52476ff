package report

import "strings"

// Version names a version of the standard template. Its values are the keys
// the canonical JSON uses in its "template" field.
type Version string

// The two template versions in use, and the zero value for a report whose
// template could not be told (a report from before 2019, or one without
// tables).
const (
	VersionUnknown Version = ""
	V2019          Version = "2019" // 国办公开办函〔2019〕60号 (试行), reports for 2019 and 2020
	V2021          Version = "2021" // 国办公开办函〔2021〕30号, reports for 2021 and later
)

// SectionKey is the stable key of one of the six sections of a report.
type SectionKey string

// The six sections, in template order.
const (
	Overview SectionKey = "overview" // 一、总体情况
	Active   SectionKey = "active"   // 二、主动公开政府信息情况
	Requests SectionKey = "requests" // 三、收到和处理政府信息公开申请情况
	Appeals  SectionKey = "appeals"  // 四、政府信息公开行政复议、行政诉讼情况
	Problems SectionKey = "problems" // 五、存在的主要问题及改进情况
	Other    SectionKey = "other"    // 六、其他需要报告的事项
)

// ValueKind says what values a column of the template admits.
type ValueKind uint8

// Units are the units a cell may write after its number, longest first:
// amounts of money (元, 万元) and counts (件, 个, 项, 条). A number read with
// one keeps it in Value.Unit.
var Units = []string{"万元", "亿元", "千元", "元", "件", "个", "项", "条"}

// MoneyUnit reports whether unit is a unit of money.
func MoneyUnit(unit string) bool { return strings.HasSuffix(unit, "元") }

// Unit returns the unit the column's label states (本年收费金额（单位：万元）
// states 万元), or "".
func (c *ColumnSpec) Unit() string {
	_, after, ok := strings.Cut(c.Label, "单位：")
	if !ok {
		return ""
	}
	unit, _, _ := strings.Cut(after, "）")
	return unit
}

// Column value kinds.
const (
	Count   ValueKind = iota // a non-negative integer
	Decimal                  // a non-negative decimal (amounts of money)
	Signed                   // an integer that may be negative (2019 本年增/减)
)

// Template is one version of the standard template, described as data. It is
// the only place where the library spells the official labels: parsers match
// against it, validators and renderers read it.
type Template struct {
	Version  Version
	Notice   string // the notice that set the template, e.g. 国办公开办函〔2021〕30号
	Sections []SectionSpec
}

// SectionSpec describes one section of the template.
type SectionSpec struct {
	Key     SectionKey
	Number  int    // 1 to 6
	Heading string // official heading without its number, e.g. 总体情况
	// Aliases are other wordings agencies use for the heading, without number.
	Aliases []string
	// Keywords are fragments that identify a heading whose wording varies
	// (all of them must occur in it).
	Keywords []string
	Table    *TableSpec // nil for prose sections
}

// TableSpec describes one of the three tables.
type TableSpec struct {
	Key  SectionKey // the key of the section that holds it
	Name string     // the usual name, such as 表三
	// Note is the text of the header note cell, if the table has one.
	Note string
	// Header holds other header labels of the table that are not column
	// labels (申请人情况, 信息内容 and the like).
	Header []string
	Rows   []RowSpec
	// Identities are the table's arithmetic (勾稽关系), in the order a
	// report built from its input cells derives their cells: the sums and
	// the balance that rules 1, 3, 4 and 5 of the spec state.
	Identities []Identity
	// StandIns are groups of rows that a report may write in another
	// version's breakdown (a hybrid).
	StandIns []StandIn
}

// Axis says along which line of a table an identity holds.
type Axis uint8

// The two axes of an identity.
const (
	// EachColumn: the identity's keys are row keys, and it holds in every
	// column of the table (表三's 勾稽关系 and its （七）总计 row).
	EachColumn Axis = iota
	// EachRow: the keys are column keys, and it holds in every row of the
	// table (表三's 总计 column, 表四's group totals).
	EachRow
)

// Identity is one arithmetic identity of a table, stated as the template
// states it: Σ Left = Σ Right, in every column (EachColumn) or every row
// (EachRow) of the table. It is the only place where the library says which
// cells add up to which: package validate checks it and reporttest's
// Builder fills totals by it (parse's glued reader still states rules 1, 3,
// 4 and 5 itself).
type Identity struct {
	// Rule is the number of the consistency rule in the template spec
	// (1, 3, 4 or 5).
	Rule  int
	Along Axis
	// Left and Right are row keys (EachColumn) or column keys (EachRow),
	// in the order the spec writes them.
	Left, Right []string
	// Total is the key, in Left or Right, of the cell the identity is about:
	// the one whose value a broken identity suggests.
	Total string
	// Solve is the key a report built from its input cells derives by the
	// identity: what is left once the others are known (for rule 1,
	// 四、结转下年度继续办理). Empty means Total.
	Solve string
	// Terms names the terms of a sum in words, for messages, such as
	// "the outcome rows"; empty when the identity is best written out
	// (new_received + carried_over − total).
	Terms string
}

// Keys returns the identity's keys, Left then Right, in a new slice.
func (id *Identity) Keys() []string {
	return append(append(make([]string, 0, len(id.Left)+len(id.Right)), id.Left...), id.Right...)
}

// Has reports whether key is one of the identity's keys.
func (id *Identity) Has(key string) bool { return id.Sign(key) != 0 }

// Sign returns +1 for a key of Left, -1 for a key of Right, and 0 for a key
// the identity does not have: Σ Sign(k)·cell(k) = 0 over its keys.
func (id *Identity) Sign(key string) int {
	for _, k := range id.Left {
		if k == key {
			return 1
		}
	}
	for _, k := range id.Right {
		if k == key {
			return -1
		}
	}
	return 0
}

// Solved returns the key the identity derives: Solve, or Total.
func (id *Identity) Solved() string {
	if id.Solve != "" {
		return id.Solve
	}
	return id.Total
}

// StandIn is a group of a table's rows that a report may write, in their
// place, as rows of another version: a hybrid, such as a 2021 report with
// the 2019 single （六）其他处理 row. Rows and By say the same thing in two
// breakdowns: an identity that has the rows of Rows holds over whichever of
// the group's rows (Rows and By) a report has.
type StandIn struct {
	Rows []string  // keys of the template's rows
	By   []RowSpec // the rows that may stand in their place
}

// Has reports whether key is one of the group's rows, in Rows or By.
func (s *StandIn) Has(key string) bool {
	for _, k := range s.Rows {
		if k == key {
			return true
		}
	}
	for i := range s.By {
		if s.By[i].Key == key {
			return true
		}
	}
	return false
}

// StandInOf returns the stand-in group that the row key belongs to, in
// its Rows or its By, or nil.
func (t *TableSpec) StandInOf(key string) *StandIn {
	if t == nil {
		return nil
	}
	for i := range t.StandIns {
		if t.StandIns[i].Has(key) {
			return &t.StandIns[i]
		}
	}
	return nil
}

// Identity returns the first identity of the table for the spec's rule
// number, or nil.
func (t *TableSpec) Identity(rule int) *Identity {
	if t == nil {
		return nil
	}
	for i := range t.Identities {
		if t.Identities[i].Rule == rule {
			return &t.Identities[i]
		}
	}
	return nil
}

// RowSpec describes one row of a table. In table 四 (appeals) a "row" is one
// of the three groups of five columns, which the published table lays out
// side by side in a single row of 15 numbers.
type RowSpec struct {
	Key   string // stable key, such as denied.state_secret
	Label string // official label, such as 1.属于国家秘密
	// Path holds the labels of the merged cells that stand before (table 三,
	// table 二) or above (table 四) the row label, outermost first.
	Path []string
	// Aliases are other spellings of Label seen in published reports.
	Aliases []string
	Columns []ColumnSpec
}

// ColumnSpec describes one column of a row.
type ColumnSpec struct {
	Key   string // stable key, such as natural_person
	Label string // official label, such as 自然人
	// Path holds the labels of the merged header cells above Label.
	Path []string
	Kind ValueKind
	// Aliases are other spellings of Label seen in published reports.
	Aliases []string
}

// Section returns the spec of the section with the given key, or nil.
func (t *Template) Section(key SectionKey) *SectionSpec {
	if t == nil {
		return nil
	}
	for i := range t.Sections {
		if t.Sections[i].Key == key {
			return &t.Sections[i]
		}
	}
	return nil
}

// Table returns the spec of the table with the given key, or nil.
func (t *Template) Table(key SectionKey) *TableSpec {
	if s := t.Section(key); s != nil {
		return s.Table
	}
	return nil
}

// Row returns the spec of the row with the given key, or nil.
func (t *TableSpec) Row(key string) *RowSpec {
	if t == nil {
		return nil
	}
	for i := range t.Rows {
		if t.Rows[i].Key == key {
			return &t.Rows[i]
		}
	}
	return nil
}

// Column returns the spec of the column with the given key, or nil.
func (r *RowSpec) Column(key string) *ColumnSpec {
	if r == nil {
		return nil
	}
	for i := range r.Columns {
		if r.Columns[i].Key == key {
			return &r.Columns[i]
		}
	}
	return nil
}

// Templates returns both versions of the template, 2021 first.
func Templates() []*Template { return []*Template{tmpl2021, tmpl2019} }

// TemplateFor returns the template of version v, or nil if v is unknown.
func TemplateFor(v Version) *Template {
	switch v {
	case V2021:
		return tmpl2021
	case V2019:
		return tmpl2019
	}
	return nil
}

// VersionForYear returns the template version a report for the given year
// must use (spec rule 7), or VersionUnknown for years before 2019.
func VersionForYear(year int) Version {
	switch {
	case year >= 2021:
		return V2021
	case year >= 2019:
		return V2019
	}
	return VersionUnknown
}

// Columns of table 三, shared by every row and both versions.
var requestColumns = []ColumnSpec{
	{Key: "natural_person", Label: "自然人"},
	{Key: "commercial", Label: "商业企业", Path: []string{"法人或其他组织"}},
	{Key: "research", Label: "科研机构", Path: []string{"法人或其他组织"}},
	{Key: "social_welfare", Label: "社会公益组织", Path: []string{"法人或其他组织"}},
	{Key: "legal_service", Label: "法律服务机构", Path: []string{"法人或其他组织"}},
	{Key: "other_org", Label: "其他", Path: []string{"法人或其他组织"}},
	{Key: "total", Label: "总计"},
}

// Columns of each group of table 四.
var appealColumns = []ColumnSpec{
	{Key: "upheld", Label: "结果维持"},
	{Key: "corrected", Label: "结果纠正"},
	{Key: "other", Label: "其他结果"},
	{Key: "pending", Label: "尚未审结"},
	{Key: "total", Label: "总计"},
}

const (
	resultsGroup  = "三、本年度办理结果"
	deniedGroup   = "（三）不予公开"
	unableGroup   = "（四）无法提供"
	notProcGroup  = "（五）不予处理"
	otherHandling = "（六）其他处理"
)

func requestRows(v Version) []RowSpec {
	row := func(key, label string, path ...string) RowSpec {
		return RowSpec{Key: key, Label: label, Path: path, Columns: requestColumns}
	}
	rows := []RowSpec{
		row("new_received", "一、本年新收政府信息公开申请数量"),
		row("carried_over", "二、上年结转政府信息公开申请数量"),
		row("granted", "（一）予以公开", resultsGroup),
		row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", resultsGroup),
		row("denied.state_secret", "1.属于国家秘密", resultsGroup, deniedGroup),
		row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", resultsGroup, deniedGroup),
		row("denied.three_safeties", "3.危及“三安全一稳定”", resultsGroup, deniedGroup),
		row("denied.third_party", "4.保护第三方合法权益", resultsGroup, deniedGroup),
		row("denied.internal_affairs", "5.属于三类内部事务信息", resultsGroup, deniedGroup),
		row("denied.process_info", "6.属于四类过程性信息", resultsGroup, deniedGroup),
		row("denied.enforcement_file", "7.属于行政执法案卷", resultsGroup, deniedGroup),
		row("denied.admin_query", "8.属于行政查询事项", resultsGroup, deniedGroup),
		row("unable.not_held", "1.本机关不掌握相关政府信息", resultsGroup, unableGroup),
		row("unable.needs_creation", "2.没有现成信息需要另行制作", resultsGroup, unableGroup),
		row("unable.unclear", "3.补正后申请内容仍不明确", resultsGroup, unableGroup),
		row("not_processed.complaint", "1.信访举报投诉类申请", resultsGroup, notProcGroup),
		row("not_processed.duplicate", "2.重复申请", resultsGroup, notProcGroup),
		row("not_processed.publication", "3.要求提供公开出版物", resultsGroup, notProcGroup),
		row("not_processed.excessive", "4.无正当理由大量反复申请", resultsGroup, notProcGroup),
		row("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", resultsGroup, notProcGroup),
	}
	if v == V2021 {
		rows = append(rows,
			row("other_handling.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", resultsGroup, otherHandling),
			row("other_handling.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", resultsGroup, otherHandling),
			row("other_handling.other", "3.其他", resultsGroup, otherHandling),
		)
	} else {
		rows = append(rows, row("other_handling", otherHandling, resultsGroup))
	}
	rows = append(rows,
		row("total", "（七）总计", resultsGroup),
		row("carried_forward", "四、结转下年度继续办理"),
	)
	return rows
}

// requestIdentities are table 三's identities in a template whose rows are
// rows: rule 4 (each row's 总计 is its six applicant columns), rule 3
// (（七）总计 is the outcome rows, those under 三、本年度办理结果 before it),
// rule 1 (the 勾稽关系 of the header note).
func requestIdentities(rows []RowSpec) []Identity {
	var applicants, outcomes []string
	for _, c := range requestColumns {
		if c.Key != "total" {
			applicants = append(applicants, c.Key)
		}
	}
	for _, r := range rows {
		if len(r.Path) > 0 && r.Path[0] == resultsGroup && r.Key != "total" {
			outcomes = append(outcomes, r.Key)
		}
	}
	return []Identity{
		{Rule: 4, Along: EachRow, Left: []string{"total"}, Right: applicants, Total: "total", Terms: "the six applicant columns"},
		{Rule: 3, Along: EachColumn, Left: []string{"total"}, Right: outcomes, Total: "total", Terms: "the outcome rows"},
		{Rule: 1, Along: EachColumn, Left: []string{"new_received", "carried_over"}, Right: []string{"total", "carried_forward"},
			Total: "total", Solve: "carried_forward"},
	}
}

// requestStandIns are table 三's stand-ins in version v: the rows of
// （六）其他处理 of one version for those of the other.
func requestStandIns(v Version) []StandIn {
	other := V2019
	if v == V2019 {
		other = V2021
	}
	group := func(v Version) []RowSpec {
		var out []RowSpec
		for _, r := range requestRows(v) {
			if r.Key == "other_handling" || len(r.Path) > 1 && r.Path[1] == otherHandling {
				out = append(out, r)
			}
		}
		return out
	}
	var keys []string
	for _, r := range group(v) {
		keys = append(keys, r.Key)
	}
	return []StandIn{{Rows: keys, By: group(other)}}
}

func appealRows() []RowSpec {
	return []RowSpec{
		{Key: "review", Label: "行政复议", Columns: appealColumns},
		{Key: "litigation_direct", Label: "未经复议直接起诉", Path: []string{"行政诉讼"}, Columns: appealColumns},
		{Key: "litigation_after_review", Label: "复议后起诉", Path: []string{"行政诉讼"}, Columns: appealColumns},
	}
}

func sections(v Version, active *TableSpec) []SectionSpec {
	return []SectionSpec{
		{Key: Overview, Number: 1, Heading: "总体情况", Keywords: []string{"总体情况"}},
		{Key: Active, Number: 2, Heading: "主动公开政府信息情况", Keywords: []string{"主动公开"}, Table: active},
		{Key: Requests, Number: 3, Heading: "收到和处理政府信息公开申请情况", Keywords: []string{"申请", "处理"}, Table: &TableSpec{
			Key:        Requests,
			Name:       "表三",
			Note:       "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
			Header:     []string{"申请人情况", "法人或其他组织"},
			Rows:       requestRows(v),
			Identities: requestIdentities(requestRows(v)),
			StandIns:   requestStandIns(v),
		}},
		{Key: Appeals, Number: 4, Heading: "政府信息公开行政复议、行政诉讼情况", Keywords: []string{"复议", "诉讼"}, Table: &TableSpec{
			Key:    Appeals,
			Name:   "表四",
			Header: []string{"行政诉讼"},
			Rows:   appealRows(),
			Identities: []Identity{{Rule: 5, Along: EachRow, Left: []string{"total"},
				Right: []string{"upheld", "corrected", "other", "pending"}, Total: "total", Terms: "the four other columns of its group"}},
		}},
		{Key: Problems, Number: 5, Heading: "存在的主要问题及改进情况",
			Aliases: []string{"政府信息公开工作存在的主要问题及改进情况"}, Keywords: []string{"问题"}},
		{Key: Other, Number: 6, Heading: "其他需要报告的事项", Keywords: []string{"其他需要报告"}},
	}
}

var tmpl2021 = &Template{
	Version: V2021,
	Notice:  "国办公开办函〔2021〕30号",
	Sections: sections(V2021, &TableSpec{
		Key:    Active,
		Name:   "表二",
		Header: []string{"信息内容"},
		Rows: []RowSpec{
			{Key: "regulations", Label: "规章", Path: []string{"第二十条第（一）项"}, Columns: activeDocColumns2021},
			{Key: "normative_documents", Label: "行政规范性文件", Aliases: []string{"规范性文件"},
				Path: []string{"第二十条第（一）项"}, Columns: activeDocColumns2021},
			{Key: "licensing", Label: "行政许可", Path: []string{"第二十条第（五）项"}, Columns: decisions2021},
			{Key: "punishment", Label: "行政处罚", Path: []string{"第二十条第（六）项"}, Columns: decisions2021},
			{Key: "coercion", Label: "行政强制", Path: []string{"第二十条第（六）项"}, Columns: decisions2021},
			{Key: "fees", Label: "行政事业性收费", Path: []string{"第二十条第（八）项"}, Columns: []ColumnSpec{
				{Key: "amount", Label: "本年收费金额（单位：万元）", Kind: Decimal, Aliases: []string{"本年收费金额"}},
			}},
		},
	}),
}

var activeDocColumns2021 = []ColumnSpec{
	{Key: "issued", Label: "本年制发件数"},
	{Key: "repealed", Label: "本年废止件数"},
	{Key: "in_force", Label: "现行有效件数"},
}

var decisions2021 = []ColumnSpec{{Key: "decisions", Label: "本年处理决定数量"}}

var activeDocColumns2019 = []ColumnSpec{
	{Key: "made", Label: "本年新制作数量"},
	{Key: "published", Label: "本年新公开数量"},
	{Key: "total_public", Label: "对外公开总数量"},
}

var itemColumns2019 = []ColumnSpec{
	{Key: "prev_items", Label: "上一年项目数量"},
	{Key: "change", Label: "本年增/减", Kind: Signed, Aliases: []string{"本年增减"}},
	{Key: "decisions", Label: "处理决定数量"},
}

var tmpl2019 = &Template{
	Version: V2019,
	Notice:  "国办公开办函〔2019〕60号",
	Sections: sections(V2019, &TableSpec{
		Key:    Active,
		Name:   "表二",
		Header: []string{"信息内容"},
		Rows: []RowSpec{
			{Key: "regulations", Label: "规章", Path: []string{"第二十条第（一）项"}, Columns: activeDocColumns2019},
			{Key: "normative_documents", Label: "规范性文件", Aliases: []string{"行政规范性文件"},
				Path: []string{"第二十条第（一）项"}, Columns: activeDocColumns2019},
			{Key: "licensing", Label: "行政许可", Path: []string{"第二十条第（五）项"}, Columns: itemColumns2019},
			{Key: "other_services", Label: "其他对外管理服务事项", Path: []string{"第二十条第（五）项"}, Columns: itemColumns2019},
			{Key: "punishment", Label: "行政处罚", Path: []string{"第二十条第（六）项"}, Columns: itemColumns2019},
			{Key: "coercion", Label: "行政强制", Path: []string{"第二十条第（六）项"}, Columns: itemColumns2019},
			{Key: "fees", Label: "行政事业性收费", Path: []string{"第二十条第（八）项"}, Columns: itemColumns2019[:2]},
			{Key: "procurement", Label: "政府集中采购", Path: []string{"第二十条第（九）项"}, Columns: []ColumnSpec{
				{Key: "projects", Label: "采购项目数量"},
				{Key: "amount", Label: "采购总金额", Kind: Decimal},
			}},
		},
	}),
}
