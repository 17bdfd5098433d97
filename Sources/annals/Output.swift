import AnnalsExtract
import AnnalsKnowledge
import AnnalsModel
import AnnalsText
import ArgumentParser
import Foundation

/// Writes to standard output and error, flushing so that piped output and
/// progress lines appear in order.
enum Console {
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// `annals extract --format json`: `{"documents":[…],"errors":[…]}`,
/// written to standard output as each report is read, so that memory holds
/// one report at a time however many are read.
final class ExtractJSON {
    private let json = JSONWriter { bytes in FileHandle.standardOutput.write(Data(bytes)) }
    private var failures: [ReadError] = []

    init() {
        json.beginObject()
        json.key("documents")
        json.beginArray()
    }

    /// One report's JSON, written apart (on any thread) for ``add(_:)``.
    static func render(_ extraction: Extraction, knowledge: KnowledgeBase) throws -> [UInt8] {
        let json = JSONWriter()
        try json.value(DocumentRecord(extraction.document, articles: extraction.articles.map {
            ExtractedArticleRecord($0, in: extraction.document, knowledge: knowledge)
        }))
        return json.bytes
    }

    /// Writes one report, as ``render(_:knowledge:)`` made it.
    func add(_ rendered: [UInt8]) throws {
        json.written(rendered)
        try json.flushIfFull()
    }

    /// Remembers a report that could not be read, for `errors`.
    func add(_ failure: ReadError) { failures.append(failure) }

    /// Closes the documents and writes the errors.
    func finish() throws {
        json.endArray()
        json.key("errors")
        json.array(failures) { failure in
            json.object {
                json.field("source", failure.path)
                json.field("code", failure.code)
                json.field("message", failure.description)
            }
        }
        json.endObject()
        try json.flush()
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// `annals extract --format text`: the documents laid out for reading.
enum TextRendering {
    static func render(_ extraction: Extraction) -> String {
        let document = extraction.document
        var lines: [String] = []
        var heading = document.source
        let facts = [document.publisher, document.published?.description].compactMap { $0 }
        if !facts.isEmpty { heading += " — " + facts.joined(separator: ", ") }
        lines.append(heading)
        lines.append(String(repeating: "=", count: 40))
        for extracted in extraction.articles {
            let article = extracted.article
            lines.append("")
            let section = article.section.map { "【\($0)】 " } ?? ""
            lines.append("[\(article.index + 1)] \(section)\(article.title.isEmpty ? "(untitled)" : article.title)")
            if !article.contributors.isEmpty {
                lines.append("    供稿: " + article.contributors.joined(separator: "、"))
            }
            if let date = extracted.date { lines.append("    日期: " + date.value) }
            for type in MentionType.allCases {
                var seen: [String] = []
                for mention in extracted.mentions where mention.type == type {
                    var label = mention.type == .date ? "\(mention.text)=\(mention.name)" : mention.name
                    if !mention.roles.isEmpty { label += "（" + mention.roles.joined(separator: "、") + "）" }
                    if !seen.contains(label) { seen.append(label) }
                }
                if !seen.isEmpty { lines.append("    \(typeLabel(type)): " + seen.joined(separator: "，")) }
            }
            for paragraph in article.paragraphs {
                lines.append("    " + paragraph.text)
            }
        }
        return lines.joined(separator: "\n")
    }
}

func typeLabel(_ type: MentionType) -> String {
    switch type {
    case .person: "人物"
    case .place: "地点"
    case .organisation: "机构"
    case .site: "遗址"
    case .work: "作品"
    case .date: "时间"
    }
}

/// The bundled sample reports, read when no files are named.
enum SampleSources {
    static let folder = "graph/sources"

    static func paths() throws -> [String] {
        let candidates = [folder, packageRoot() + "/" + folder]
        for candidate in candidates {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: candidate) else { continue }
            let reports = names.filter { ReportFiles.extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
            if !reports.isEmpty { return reports.sorted().map { candidate + "/" + $0 } }
        }
        throw ValidationError("no files named, and the sample folder \(folder)/ was not found; name the reports to read")
    }

    /// The package folder this binary was built from.
    static func packageRoot() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
