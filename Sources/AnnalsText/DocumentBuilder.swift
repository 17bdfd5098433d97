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
        let furniture = PageFurniture.find(lines)
        var report = BulletinSegmenter.segment(lines, layout: layout, furniture: furniture)
        if source.firstLineIsTitle, !lines.lines.isEmpty, var first = report.articles.first, first.titleLines != [0] {
            first.titleLines = [0]
            first.bodyLines.removeAll { $0 == 0 }
            report.articles[0] = first
        }

        var assembler = Assembler(lines: lines, original: original)
        // The text is laid out first, then its strings are made from its
        // UTF-8 form.
        var laidOut: [(parts: ReportLayout.ArticleLayout, title: Range<Int>, paragraphs: [Range<Int>], asides: [(ArticleAside.Kind, Range<Int>)],
                       credit: Range<Int>?, range: Range<Int>)] = []
        var placed = Set<Int>()
        for layoutArticle in report.articles {
            let start = assembler.text.count
            var title = assembler.appendLines(layoutArticle.titleLines)
            if layoutArticle.titleNumbering > 0, title.count > layoutArticle.titleNumbering {
                title = (title.lowerBound + layoutArticle.titleNumbering)..<title.upperBound
            }
            // Runs of body lines between asides are joined into paragraphs.
            var paragraphs: [Range<Int>] = []
            var asides: [(ArticleAside.Kind, Range<Int>)] = []
            var run: [Int] = []
            func flush() {
                paragraphs += ParagraphJoiner.paragraphs(of: run, in: lines, layout: layout).map { assembler.appendLines($0) }
                run = []
            }
            for index in layoutArticle.bodyLines {
                if let kind = layoutArticle.asides[index] {
                    flush()
                    asides.append((kind, assembler.appendLines([index])))
                } else {
                    run.append(index)
                }
            }
            flush()
            let credit = layoutArticle.creditLine.map { assembler.appendLines([$0]) }
            let range = start..<assembler.text.count
            guard !range.isEmpty else { continue }
            placed.formUnion(layoutArticle.titleLines)
            placed.formUnion(layoutArticle.bodyLines)
            if let line = layoutArticle.creditLine { placed.insert(line) }
            laidOut.append((layoutArticle, title, paragraphs, asides, credit, range))
        }
        let utf8 = UTF8Text(assembler.text.scalars)
        var articles: [Article] = []
        for (layoutArticle, title, paragraphRanges, asideRanges, credit, range) in laidOut {
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
                asides: asideRanges.map { ArticleAside(kind: $0.0, text: utf8.string($0.1), range: $0.1) },
                creditRange: credit,
                range: range,
                span: assembler.text.rawSpan(of: range)))
        }
        let setAside = Self.setAsideLines(lines, original: original, placed: placed, furniture: furniture, report: report)
        var metadata = furniture.metadata
        metadata.issue = report.issue
        metadata.totalIssue = report.totalIssue
        if metadata.siteOwner == nil { metadata.siteOwner = source.publisher }

        return Document(
            source: path,
            sha256: sha256,
            format: source.format,
            encoding: source.encoding,
            script: original == nil ? .simplified : .traditional,
            scriptEngine: engine,
            publisher: Self.publisher(report: report, metadata: metadata, articles: articles),
            published: metadata.published ?? report.published ?? source.published ?? metadata.signed,
            metadata: metadata,
            contents: report.contents,
            articles: articles,
            text: assembler.text,
            utf8: utf8,
            originalScalars: assembler.original,
            setAside: setAside,
            controlsRemoved: lines.controlsRemoved)
    }

    /// Every line not placed in an article, with why, in the order of the file.
    private static func setAsideLines(_ lines: NormalizedLines, original: [UInt32]?, placed: Set<Int>, furniture: PageFurniture,
                                      report: ReportLayout) -> [SetAsideLine] {
        var result: [SetAsideLine] = []
        for (index, line) in lines.lines.enumerated() where !placed.contains(index) {
            let kind: SetAsideLine.Kind
            if case .setAside(let found) = furniture.roles[index] { kind = found }
            else { kind = report.setAside[index] ?? .navigation }
            let text = original.map { String(scalars: $0[line.range]) } ?? lines.string(line)
            result.append(SetAsideLine(kind: kind, text: text, span: lines.text.rawSpan(of: line.range)))
        }
        for dropped in lines.pageNumbers {
            result.append(SetAsideLine(kind: .pageFurniture, text: String(scalars: dropped.scalars), span: dropped.span))
        }
        result.sort { $0.span.start < $1.span.start }
        return result
    }

    /// Who issued the report, in the order a historian trusts: the
    /// masthead, the 落款 or the newspaper; the site's owner, the source or
    /// an article's credit when it is a party-history office; then the
    /// site, the account or the source as written.
    static func publisher(report: ReportLayout, metadata: ReportMetadata, articles: [Article]) -> String? {
        if let named = report.publisher ?? metadata.signatory ?? metadata.newspaper { return named }
        let credited = articles.count == 1 ? articles[0].contributors : []
        let candidates = [metadata.siteOwner, metadata.source] + credited.map { Optional($0) }
        if let office = candidates.compactMap({ $0 }).first(where: isHistoryOffice) { return office }
        return metadata.siteOwner ?? metadata.account ?? metadata.source
    }

    /// A party-history or local-chronicles office: `某某县委党史研究室`,
    /// `某某市史志办公室`.
    static func isHistoryOffice(_ name: String) -> Bool {
        ["党史研究室", "党史研究院", "党史办", "史志办", "史志研究", "党史研究中心", "地方志", "党史工作委员会"].contains { name.contains($0) }
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
