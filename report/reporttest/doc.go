// Package reporttest helps test code that reads, writes or checks
// 政府信息公开工作年度报告, in the spirit of net/http/httptest and
// testing/iotest: build a report in code (Builder), generate realistic
// reports, consistent or broken in a named way (Generate), and compare two
// reports by cell key and official label (Diff, Equal).
//
// It is a test-helper package: it depends on github.com/google/go-cmp, and
// programs that are not tests have no use for it.
package reporttest
