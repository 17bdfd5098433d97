import AnnalsText

/// Reads one fuzz input as the report `path` names (its extension picks the
/// reader) and checks the offsets of what comes out. Errors are expected
/// (most inputs are not reports); crashes, hangs and broken offsets are not.
public func readAndCheck(_ start: UnsafeRawPointer, _ count: Int, as path: String) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let document = try? ReportReader().read(bytes: bytes, path: path) else { return 0 }
    checkOffsets(document, rawCount: bytes.count)
    return 0
}

/// Every article, paragraph and character must map into the text and back
/// into the raw bytes: a broken offset would point a historian at the wrong
/// sentence.
func checkOffsets(_ document: Document, rawCount: Int) {
    let text = document.text
    expect(text.rawStarts.count == text.scalars.count && text.rawEnds.count == text.scalars.count, "offset arrays out of step")
    for index in text.scalars.indices {
        expect(text.rawStarts[index] <= text.rawEnds[index] && Int(text.rawEnds[index]) <= rawCount, "scalar \(index) maps outside the file")
    }
    for article in document.articles {
        expect(article.range.lowerBound >= 0 && article.range.upperBound <= text.scalars.count, "article outside the text")
        expect(article.titleRange.isEmpty || (article.titleRange.lowerBound >= article.range.lowerBound && article.titleRange.upperBound <= article.range.upperBound), "title outside its article")
        expect(article.span.start <= article.span.end && article.span.end <= rawCount, "article span outside the file")
        for paragraph in article.paragraphs {
            expect(paragraph.range.lowerBound >= article.range.lowerBound && paragraph.range.upperBound <= article.range.upperBound, "paragraph outside its article")
        }
    }
}

/// Stops the fuzzer with `message` when `condition` fails. Unlike
/// `precondition`, the message survives a release build, so the finding
/// says which invariant broke.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
