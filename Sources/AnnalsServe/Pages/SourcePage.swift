import AnnalsGraph
import AnnalsQuery

/// The source view: an article's text with every mention marked by type
/// and linked to its node, the report's metadata, and the article's events
/// (each where the timeline links to it).
enum SourcePage {
    static func render(_ view: ArticleView) -> HTML {
        let article = view.article
        let metadata: [(String, HTML)] = [
            ("Report", "\(article.source)"),
            ("Publisher", "\(article.publisher ?? "—")"),
            ("Published", "\(article.published ?? "—")"),
            ("Section", "\(article.section ?? "—")"),
            ("Article date", "\(article.date ?? "—")"),
            ("Position", "article \(article.position + 1) of the report"),
            ("Format", "\(article.format)"),
            ("Raw file", "<a href=\"/article/\(Int(article.id))/raw\">bytes \(article.spanStart)–\(article.spanEnd)</a> of the file as read"),
            ("SHA-256", "<code>\(article.sha256)</code>"),
        ]
        let facts = metadata.map { name, value -> HTML in "<dt>\(name)</dt><dd>\(value)</dd>" }
        let inTitle = article.mentions.filter { $0.bodyStart == nil }
        let legend = ["person", "place", "organisation", "site", "work"].map { type -> HTML in "<span class=\"mention \(type)\">\(type)</span>" }
        let events = view.events.map { event -> HTML in
            "<li id=\"event-\(Int(event.id))\">\(Layout.date(event)) <span class=\"type \(event.type)\">\(event.type.replacingOccurrences(of: "_", with: " "))</span> \(event.summary)</li>"
        }
        let body: HTML = """
            <h1 class="article-title">\(marked(article.title, mentions: inTitle))</h1>
            <dl class="metadata">\(facts)</dl>
            <p class="legend">Mentions: \(HTML.joined(legend, separator: " "))</p>
            <div class="text">\(paragraphs(article))</div>
            <h2>Events (\(view.events.count))</h2>
            \(HTML.when(events.isEmpty, "<p class=\"empty\">Annals found no event in this article.</p>"))
            <ol class="events">\(events)</ol>
            """
        return Layout.page(title: article.title.isEmpty ? "Article \(article.id)" : article.title, body)
    }

    /// The body, paragraph by paragraph, with the mentions that have a
    /// place in it marked where they stand.
    static func paragraphs(_ article: ArticleText) -> HTML {
        let scalars = Array(article.body.unicodeScalars)
        var marks = article.mentions.compactMap { mention -> (ArticleText.Mention, Range<Int>)? in
            guard let start = mention.bodyStart, let end = mention.bodyEnd, start < end, end <= scalars.count else { return nil }
            return (mention, start..<end)
        }.sorted { ($0.1.lowerBound, -$0.1.count) < ($1.1.lowerBound, -$1.1.count) }
        // Overlapping mentions (a site holding a place) keep the first and longest.
        var kept: [(ArticleText.Mention, Range<Int>)] = []
        for mark in marks where kept.last.map({ $0.1.upperBound <= mark.1.lowerBound }) ?? true { kept.append(mark) }
        marks = kept

        var out: [HTML] = ["<p>"]
        var position = 0
        func text(_ range: Range<Int>) {
            var piece = String.UnicodeScalarView()
            for index in range {
                if scalars[index] == "\n" {
                    if !piece.isEmpty { out.append("\(String(piece))") }
                    piece = String.UnicodeScalarView()
                    out.append("</p><p>")
                } else {
                    piece.append(scalars[index])
                }
            }
            if !piece.isEmpty { out.append("\(String(piece))") }
        }
        for (mention, range) in marks {
            text(position..<range.lowerBound)
            var written = String.UnicodeScalarView()
            written.append(contentsOf: scalars[range])
            out.append(link(mention, text: String(written)))
            position = range.upperBound
        }
        text(position..<scalars.count)
        out.append("</p>")
        return HTML.joined(out)
    }

    /// A short text (the title) with its mentions found by their text, in
    /// order of appearance, the longest first where two start together.
    static func marked(_ text: String, mentions: [ArticleText.Mention]) -> HTML {
        var pieces: [HTML] = []
        var rest = Substring(text)
        let named = mentions.filter { !$0.text.isEmpty }
        while !rest.isEmpty {
            let next = named.compactMap { mention in rest.range(of: mention.text).map { ($0, mention) } }
                .min { ($0.0.lowerBound, -$0.1.text.count) < ($1.0.lowerBound, -$1.1.text.count) }
            guard let (range, mention) = next else {
                pieces.append("\(String(rest))")
                break
            }
            pieces.append("\(String(rest[..<range.lowerBound]))")
            pieces.append(link(mention, text: String(rest[range])))
            rest = rest[range.upperBound...]
        }
        return HTML.joined(pieces)
    }

    static func link(_ mention: ArticleText.Mention, text: String) -> HTML {
        let href = HTML.url("/entity/" + URLText.encode(mention.key), [])
        return "<a class=\"mention \(mention.type)\" href=\"\(href)\" title=\"\(mention.type): \(mention.name)\">\(text)</a>"
    }
}
