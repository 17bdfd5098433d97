import AnnalsModel

/// Text a reader extracted from a file, before normalisation.
struct SourceText: Sendable {
    var text: MappedText
    var format: SourceFormat
    var encoding: EncodingDecision
    /// False when each line is already a paragraph (HTML blocks).
    var mayBeWrapped: Bool
    /// The first line is the report's title (an HTML `<h1>` or `<title>`).
    var firstLineIsTitle = false
    var published: CalendarDay?
    var publisher: String?
}

/// Runs the text stages over what a reader extracted: normalise lines,
/// convert traditional script, segment, join paragraphs, and lay the result
/// out as a ``Document``.
enum DocumentBuilder {
    static func build(_ source: SourceText, path: String, sha256: String, converter: ScriptConverter) -> Document {
        var lines = LineNormalizer.normalize(source.text)

        // Traditional script: convert for recognition, keep the original.
        var original: [UInt32]?
        var engine: ScriptConverter.Engine?
        if converter.isTraditional(Array(lines.text.scalars.prefix(4000))) {
            original = lines.text.scalars
            lines.text.scalars = converter.convertPreservingLength(lines.text.scalars)
            engine = converter.engine
        }

        let layout = LineLayout.measure(lines, mayBeWrapped: source.mayBeWrapped)
        var report = BulletinSegmenter.segment(lines, layout: layout)
        if source.firstLineIsTitle, !lines.lines.isEmpty, var first = report.articles.first, first.titleLines != [0] {
            first.titleLines = [0]
            first.bodyLines.removeAll { $0 == 0 }
            report.articles[0] = first
        }

        var assembler = Assembler(lines: lines, original: original)
        // The text is laid out first, then its strings are made from its
        // UTF-8 form.
        var laidOut: [(parts: ReportLayout.ArticleLayout, title: Range<Int>, paragraphs: [Range<Int>], credit: Range<Int>?, range: Range<Int>)] = []
        for layoutArticle in report.articles {
            let start = assembler.text.count
            let title = assembler.appendLines(layoutArticle.titleLines)
            let paragraphs = ParagraphJoiner.paragraphs(of: layoutArticle.bodyLines, in: lines, layout: layout).map { assembler.appendLines($0) }
            let credit = layoutArticle.creditLine.map { assembler.appendLines([$0]) }
            let range = start..<assembler.text.count
            guard !range.isEmpty else { continue }
            laidOut.append((layoutArticle, title, paragraphs, credit, range))
        }
        let utf8 = UTF8Text(assembler.text.scalars)
        var articles: [Article] = []
        for (layoutArticle, title, paragraphRanges, credit, range) in laidOut {
            let paragraphs = paragraphRanges.map { range in
                Paragraph(text: utf8.string(range), range: range, span: assembler.text.rawSpan(of: range))
            }
            articles.append(Article(
                index: articles.count,
                title: utf8.string(title),
                titleRange: title,
                section: layoutArticle.section,
                contributors: layoutArticle.contributors,
                paragraphs: paragraphs,
                creditRange: credit,
                range: range,
                span: assembler.text.rawSpan(of: range)))
        }

        return Document(
            source: path,
            sha256: sha256,
            format: source.format,
            encoding: source.encoding,
            script: original == nil ? .simplified : .traditional,
            scriptEngine: engine,
            publisher: report.publisher ?? source.publisher,
            published: report.published ?? source.published,
            contents: report.contents,
            articles: articles,
            text: assembler.text,
            utf8: utf8,
            originalScalars: assembler.original,
            controlsRemoved: lines.controlsRemoved)
    }

    /// Copies lines into the document text, joining wrapped lines and ending
    /// each piece with a line feed.
    private struct Assembler {
        let lines: NormalizedLines
        let lineOriginal: [UInt32]?
        var text = MappedText()
        var original: [UInt32]?

        init(lines: NormalizedLines, original: [UInt32]?) {
            self.lines = lines
            lineOriginal = original
            text.reserveCapacity(lines.text.count + lines.lines.count)
            self.original = original == nil ? nil : []
        }

        /// Appends the lines joined into one piece and a line feed; returns
        /// the piece's range (without the line feed).
        mutating func appendLines(_ indices: [Int]) -> Range<Int> {
            let start = text.count
            for (position, index) in indices.enumerated() {
                let range = lines.lines[index].range
                if position > 0, let left = text.scalars.last, let right = lines.text.scalars[safe: range.lowerBound],
                   ParagraphJoiner.needsSpace(between: left, and: right) {
                    insert(0x20)
                }
                text.append(contentsOf: lines.text, range: range)
                if let lineOriginal { original?.append(contentsOf: lineOriginal[range]) }
            }
            let end = text.count
            if end > start { insert(0x0A) }
            return start..<end
        }

        private mutating func insert(_ scalar: UInt32) {
            let at = text.rawEnds.last.map(Int.init) ?? 0
            text.appendInserted(scalar, at: at)
            original?.append(scalar)
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
