package extract

import "testing"

// BenchmarkExtractMixed measures documents of about 4.9 KB made of different
// texts: each corpus text followed by the next ones until it reaches 4 KB.
// BenchmarkExtractLong repeats one text to that size, and what the extractor
// keeps per sentence or per text (names, stopFrom, NoDeadlineMarker) then
// answers the repeats from memory: a real directive says few sentences twice,
// so this is the figure to hold against issue 14's 3,000 per CPU-second.
//
//	go test -run '^$' -bench Mixed -benchtime 2x -cpu 1 ./rules/extract
func BenchmarkExtractMixed(b *testing.B) {
	docs, dir := loadCorpus(b)
	mixed := make([]string, len(docs))
	for i := range docs {
		t := docs[i].text
		for j := i + 1; len(t) < 4096; j++ {
			t += "\n\n" + docs[j%len(docs)].text
		}
		mixed[i] = t
	}
	extractSized(b, docs, dir, mixed)
}
