import AnnalsModel
import CLibXML2

/// Reads a web page (`.html`, `.htm`) into the title and body text of the
/// report it carries, with libxml2's HTML parser.
///
/// - The parser runs with no network access and never expands entities
///   (`HTML_PARSE_NONET`, no `XML_PARSE_NOENT`): an entity bomb or an
///   external entity stays an unexpanded reference.
/// - Navigation, scripts, styles, headers, footers, sidebars, share and
///   comment blocks are dropped (by element and by `class`/`id` words such as
///   `nav`, `footer`, `breadcrumb`); the body is the element holding most of
///   the remaining text, descending while one child holds 70 % of it.
/// - The title is the `<h1>`/`<h2>` that the page `<title>` repeats, else
///   the first `<h1>`, else the `<title>` up to a site-name separator.
/// - Every character keeps its byte range in the file: text nodes are found
///   again in the decoded source, entity references included.
enum HTMLReader {
    private static let parserReady: Void = { xmlInitParser() }()

    static func read(_ bytes: [UInt8], path: String) throws(ReadError) -> SourceText {
        _ = parserReady
        let (raw, decision) = try TextDecoder.decode(bytes, path: path, declared: declaredCharset(bytes))
        var utf8 = Array(String(scalars: raw.scalars).utf8)
        guard utf8.count < Int32.max else { throw .tooLarge(path: path, bytes: bytes.count) }
        let options = Int32(bitPattern: HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        blankInternalSubset(&utf8)
        utf8.append(0)
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .htmlUnreadable(path: path, reason: "libxml2 could not parse it as HTML") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .htmlUnreadable(path: path, reason: "the page has no elements") }

        var page = PageWalker(raw: raw)
        let head = page.find(root, named: "head")
        let body = page.find(root, named: "body") ?? root
        let pageTitle = head.flatMap { page.find($0, named: "title") }
        let titleNode = page.chooseTitle(in: body, pageTitle: pageTitle.map(page.plainText) ?? "")

        var output = MappedText()
        if let node = titleNode ?? pageTitle {
            page.aligner.seek(line: xmlGetLineNo(node), forwardOnly: false)
            page.emitText(of: node, into: &output, trimmingSiteName: titleNode == nil)
        }
        let hasTitle = !output.isEmpty
        page.appendBreak(&output)
        let content = page.contentRoot(body)
        page.aligner.seek(line: xmlGetLineNo(content), forwardOnly: false)
        page.emitBlocks(of: content, skipping: titleNode, into: &output)

        guard output.scalars.contains(where: { !ScalarClass.isSpace($0) && $0 != 0x0A }) else {
            throw .noText(path: path, format: "html")
        }
        let allText = page.plainText(body)
        let meta = head.map { page.metadata(in: $0) } ?? [:]
        let published = ["pubdate", "publishdate", "publish_date", "publishtime", "article:published_time", "dc.date", "dcterms.date", "date"]
            .lazy.compactMap { meta[$0] }.compactMap { CalendarDay.find(in: $0.scalarValues[...])?.day }.first
            ?? labelledDate(in: allText)
        let publisher = ["contentsource", "og:site_name", "sitename", "site_name"].lazy.compactMap { meta[$0] }.first
        return SourceText(
            text: output, format: .html, encoding: decision, mayBeWrapped: false,
            firstLineIsTitle: hasTitle, published: published, publisher: publisher)
    }

    /// Blanks a DOCTYPE's internal subset (`<!DOCTYPE html [ <!ENTITY …> ]>`),
    /// which HTML has no use for: libxml2's HTML parser would otherwise keep
    /// the declarations as page text. Bytes are replaced by spaces, so
    /// positions do not move.
    static func blankInternalSubset(_ utf8: inout [UInt8]) {
        let head = utf8.prefix(4096)
        guard let doctype = head.firstRange(of: Array("<!DOCTYPE".utf8)) ?? head.firstRange(of: Array("<!doctype".utf8)),
              let open = utf8[doctype.upperBound...].firstIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: ">") }),
              utf8[open] == UInt8(ascii: "["),
              let close = utf8[open...].firstRange(of: Array("]>".utf8)) else { return }
        for index in open...close.lowerBound { utf8[index] = UInt8(ascii: " ") }
    }

    /// `charset=gb2312` (or gbk, gb18030) in the first 2 KB: the page says it is GB18030.
    static func declaredCharset(_ bytes: [UInt8]) -> TextEncoding? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        for name in ["charset=gb2312", "charset=\"gb2312", "charset=gbk", "charset=\"gbk", "charset=gb18030", "charset=\"gb18030", "charset='gb"]
        where head.contains(name) {
            return .gb18030
        }
        return nil
    }

    /// `发布时间：2020-11-23` / `发布日期：2020年11月23日` in the page text.
    static func labelledDate(in text: String) -> CalendarDay? {
        for label in ["发布时间", "发布日期", "发稿时间"] {
            guard let range = text.range(of: label) else { continue }
            let after = text[range.upperBound...].unicodeScalars.prefix(24).map(\.value)
            if let found = CalendarDay.find(in: after[...]) { return found.day }
        }
        return nil
    }
}

/// Walks a parsed page: finds elements, scores text, emits text with offsets.
private struct PageWalker {
    typealias Node = UnsafeMutablePointer<xmlNode>

    var aligner: RawAligner

    init(raw: MappedText) {
        aligner = RawAligner(raw: raw)
    }

    static let skippedElements: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "nav", "aside",
        "form", "button", "select", "option", "input", "textarea", "label", "header", "footer", "menu", "map", "head",
    ]
    static let boilerplateWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "footer", "foot", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
        "sidebar", "share", "copyright", "comment", "comments", "toolbar", "pager", "pagination", "related",
        "advert", "ads", "banner", "topbar", "header", "login", "search", "qrcode", "erweima", "friendlink", "links",
    ]
    static let blockElements: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th", "section",
        "article", "main", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "center", "hr", "address",
        "caption", "tbody", "thead", "body", "title",
    ]

    static func name(_ node: Node) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func attribute(_ node: Node, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    static func isElement(_ node: Node) -> Bool { node.pointee.type == XML_ELEMENT_NODE }
    static func isText(_ node: Node) -> Bool { node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE }

    /// Elements never read as content: by name, or by a boilerplate word in
    /// their `class` or `id`.
    static func isBoilerplate(_ node: Node) -> Bool {
        if skippedElements.contains(name(node)) { return true }
        for key in ["class", "id"] {
            guard let value = attribute(node, key)?.lowercased() else { continue }
            let words = value.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            if words.contains(where: { boilerplateWords.contains(String($0)) }) { return true }
        }
        return false
    }

    /// Children of a node, in order.
    static func children(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    /// The first element named `name` at or below `node` (breadth first).
    func find(_ node: Node, named name: String) -> Node? {
        var queue = [node]
        var position = 0
        while position < queue.count {
            let current = queue[position]
            position += 1
            if Self.isElement(current) && Self.name(current) == name { return current }
            queue.append(contentsOf: Self.children(current))
        }
        return nil
    }

    /// Elements at or below `node` in document order, not descending into
    /// boilerplate.
    func elements(under node: Node, where predicate: (Node) -> Bool) -> [Node] {
        var result: [Node] = []
        var stack = [node]
        while let current = stack.popLast() {
            guard Self.isElement(current) else { continue }
            if current != node && Self.isBoilerplate(current) { continue }
            if predicate(current) { result.append(current) }
            stack.append(contentsOf: Self.children(current).reversed())
        }
        return result
    }

    /// Text below `node` as libxml2 decodes it, whitespace collapsed.
    func plainText(_ node: Node) -> String {
        var scalars: [UInt32] = []
        forEachText(under: node, skipping: nil) { text, _ in scalars.append(contentsOf: text.scalarValues) }
        return String(scalars: scalars).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func chooseTitle(in body: Node, pageTitle: String) -> Node? {
        let headings = elements(under: body) { ["h1", "h2"].contains(Self.name($0)) }
        let sized = headings.filter { (4...120).contains(plainText($0).count) }
        let compact = pageTitle.filter { !$0.isWhitespace }
        if let repeated = sized.first(where: { heading in
            let text = plainText(heading).filter { !$0.isWhitespace }
            return !compact.isEmpty && compact.contains(text)
        }) {
            return repeated
        }
        return sized.first { Self.name($0) == "h1" }
    }

    /// `<meta name|property=… content=…>` pairs, names lowercased.
    func metadata(in head: Node) -> [String: String] {
        var result: [String: String] = [:]
        for meta in elements(under: head, where: { Self.name($0) == "meta" }) {
            guard let key = Self.attribute(meta, "name") ?? Self.attribute(meta, "property"),
                  let content = Self.attribute(meta, "content") else { continue }
            if result[key.lowercased()] == nil { result[key.lowercased()] = content }
        }
        return result
    }

    /// The element holding the report's body text.
    func contentRoot(_ body: Node) -> Node {
        var scores: [Node: Int] = [:]
        func score(_ node: Node) -> Int {
            if let known = scores[node] { return known }
            var total = 0
            forEachText(under: node, skipping: nil) { text, insideLink in
                if !insideLink { total += text.unicodeScalars.reduce(0) { $0 + (ScalarClass.isSpace($1.value) || $1.value < 0x20 ? 0 : 1) } }
            }
            scores[node] = total
            return total
        }
        var current = body
        while true {
            let total = score(current)
            guard total > 0 else { return current }
            let candidates = Self.children(current).filter { Self.isElement($0) && !Self.isBoilerplate($0) }
            guard let best = candidates.max(by: { score($0) < score($1) }), score(best) * 10 >= total * 7 else { return current }
            current = best
        }
    }

    /// Calls `visit` with each text node below `node` (not in boilerplate or
    /// `skipping`), in document order, and whether it sits inside a link.
    func forEachText(under node: Node, skipping: Node?, _ visit: (String, Bool) -> Void) {
        var stack: [(Node, Bool)] = [(node, false)]
        while let (current, insideLink) = stack.popLast() {
            if current == skipping { continue }
            if Self.isText(current) {
                if let content = current.pointee.content { visit(String(cString: content), insideLink) }
                continue
            }
            guard Self.isElement(current) else { continue }
            if current != node && Self.isBoilerplate(current) { continue }
            let link = insideLink || Self.name(current) == "a"
            for child in Self.children(current).reversed() { stack.append((child, link)) }
        }
    }

    mutating func emitText(of node: Node, into output: inout MappedText, trimmingSiteName: Bool = false) {
        var texts: [String] = []
        forEachText(under: node, skipping: nil) { text, _ in texts.append(text) }
        var emitted = MappedText()
        for text in texts { aligner.append(text, to: &emitted) }
        if trimmingSiteName {
            // `标题_网站名`, `标题 - 网站名`, `标题|网站名`: keep the title.
            let separators: Set<UInt32> = [0x5F, 0x7C, 0xFF5C]
            var cut = emitted.count
            for index in 0..<emitted.count {
                let value = emitted.scalars[index]
                if separators.contains(value) || (value == 0x2D && index > 0 && emitted.scalars[index - 1] == 0x20) {
                    cut = index
                    break
                }
            }
            if cut > 0 { emitted = emitted.prefix(cut) }
        }
        for index in 0..<emitted.count {
            let value = emitted.scalars[index]
            output.append(value == 0x0A || value == 0x0D || value == 0x09 ? 0x20 : value,
                          rawStart: Int(emitted.rawStarts[index]), rawEnd: Int(emitted.rawEnds[index]))
        }
    }

    /// Emits the text below `node` with a line break at each block element.
    mutating func emitBlocks(of node: Node, skipping: Node?, into output: inout MappedText) {
        enum Step { case enter(Node), leave(String) }
        var stack: [Step] = [.enter(node)]
        while let step = stack.popLast() {
            switch step {
            case .leave(let name):
                if Self.blockElements.contains(name) { appendBreak(&output) }
            case .enter(let current):
                if current == skipping { continue }
                if Self.isText(current) {
                    guard let content = current.pointee.content else { continue }
                    var emitted = MappedText()
                    aligner.append(String(cString: content), to: &emitted)
                    for index in 0..<emitted.count {
                        let value = emitted.scalars[index]
                        output.append(value == 0x0A || value == 0x0D || value == 0x09 ? 0x20 : value,
                                      rawStart: Int(emitted.rawStarts[index]), rawEnd: Int(emitted.rawEnds[index]))
                    }
                    continue
                }
                guard Self.isElement(current), current == node || !Self.isBoilerplate(current) else { continue }
                let name = Self.name(current)
                aligner.seek(line: xmlGetLineNo(current), forwardOnly: true)
                if Self.blockElements.contains(name) { appendBreak(&output) }
                stack.append(.leave(name))
                for child in Self.children(current).reversed() { stack.append(.enter(child)) }
            }
        }
    }

    func appendBreak(_ output: inout MappedText) {
        guard let last = output.scalars.last, last != 0x0A else { return }
        output.appendInserted(0x0A, at: Int(output.rawEnds.last ?? 0))
    }
}

extension MappedText {
    func prefix(_ count: Int) -> MappedText {
        var result = MappedText()
        result.append(contentsOf: self, range: 0..<count)
        return result
    }
}
