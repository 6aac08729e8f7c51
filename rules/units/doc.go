// Package units is the directory of the province's units (cơ quan, đơn vị) and
// the matcher that finds them in directive text.
//
// Names match after NFC normalisation, ignoring case, diacritics (đ→d) and
// punctuation, so "Sở Văn hóa, Thể thao và Du lịch" is one name whatever its commas,
// and "UBND", "Ủy ban nhân dân" and "Uỷ ban nhân dân" are one word. Full names,
// abbreviations (tenVietTat) and aliases all match. Departments renamed or merged in
// 2025 (renames.json, Nghị định 45/2025/NĐ-CP) resolve to their successor while the
// name as written is kept for display. Mentions are found with a token trie over
// normalised names, longest match first, in one pass over the text: extraction must
// sustain thousands of documents per second per core.
package units
