// Package report is the canonical model of a 政府信息公开工作年度报告
// (government information disclosure annual report), and the standard
// template it follows, described as data.
//
// A Report holds what an agency published: its metadata, the prose of its
// sections, and its three tables (表二 active disclosure, 表三 requests, 表四
// review and litigation). Every cell is addressed by the template's stable
// keys (Key, and its dotted form requests.total.natural_person), holds a
// Value that is blank, a number (an exact decimal, Dec) or text, and
// remembers where it came from in the source (Source).
//
// Every cell of both templates has a generated Key variable, listed by
// table with its official labels (KeyRequestsTotalNaturalPerson is
// 表三“（七）总计”自然人): a misspelt name does not compile. A key written as
// a dotted path or a struct literal is checked where it enters: ParseKey,
// Key.Check, Report.Get and the Template methods return an error wrapping
// ErrUnknownKey, with the nearest valid key, for a key no template has.
// (Report.Lookup and Report.Cell, which answer nil, do not tell a misspelt
// key from a missing cell.)
//
// The two template versions (V2019 and V2021) are described once, by
// Template values: sections, rows, columns, official labels and keys.
// Parsers match against them, validators check against them, renderers write
// them; no other package spells a label. Each TableSpec also holds the
// table's arithmetic as data: its identities (Identity: Σ Left = Σ Right in
// every row or column, the sums and the 勾稽关系 of the spec's rules 1, 3,
// 4 and 5) and the rows a hybrid may write in the other version's
// breakdown (StandIn). Template.Clone gives a copy to change, for a
// template of one's own.
package report
