import AnnalsText

/// Every article, paragraph and character must map into the text and back
/// into the raw bytes: a broken offset would point a historian at the wrong
/// sentence.
public func checkOffsets(_ document: Document, rawCount: Int) {
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
