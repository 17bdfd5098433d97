import CLibXML2
import Foundation
import ZIPFoundation

/// Reads a Word report: `.docx` with a zip reader and libxml2 over
/// `word/document.xml`, `.doc` through `antiword` when it is installed.
///
/// A `.docx` paragraph (`<w:p>`) becomes a line, its runs' text (`<w:t>`)
/// joined, a tab a space, a `<w:br/>` a line break. Field codes and deleted
/// text (`<w:instrText>`, `<w:delText>`) are not text. The XML parser never
/// fetches anything and never expands entities. Offsets of a `.docx`
/// report are offsets into its `word/document.xml`, as they are into the
/// source of a web page; offsets of a `.doc` are into antiword's text.
enum WordReader {
    /// The largest `word/document.xml` read: a zip bomb stops here.
    static let largestDocumentXML: UInt64 = 512 << 20

    static func readDocx(_ bytes: [UInt8], path: String) throws(ReadError) -> SourceText {
        let xml = try documentXML(bytes, path: path)
        let (raw, decision) = try TextDecoder.decode(xml, path: path)
        var utf8 = Array(String(scalars: raw.scalars).utf8)
        HTMLReader.blankInternalSubset(&utf8)
        utf8.append(0)
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(buffer.count - 1), nil, "UTF-8", options)
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            if let document { xmlFreeDoc(document) }
            throw .wordUnreadable(path: path, reason: "its word/document.xml is not well-formed XML")
        }
        defer { xmlFreeDoc(document) }

        var aligner = RawAligner(raw: raw)
        var output = MappedText()
        // Document order, without recursion: a deeply nested file cannot
        // exhaust the stack.
        enum Step { case enter(UnsafeMutablePointer<xmlNode>), leave(String) }
        var stack: [Step] = [.enter(root)]
        while let step = stack.popLast() {
            switch step {
            case .leave(let name):
                if name == "p" { breakLine(&output) }
            case .enter(let node):
                guard node.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = node.pointee.name.map { String(cString: $0) } ?? ""
                aligner.seek(line: Int(xmlGetLineNo(node)), forwardOnly: true)
                switch name {
                case "t":
                    var child = node.pointee.children
                    while let text = child {
                        if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                            aligner.append(String(cString: content), to: &output)
                        }
                        child = text.pointee.next
                    }
                    continue
                case "tab":
                    output.appendInserted(0x20, at: Int(output.rawEnds.last ?? 0))
                    continue
                case "br", "cr":
                    breakLine(&output)
                    continue
                case "instrText", "delText", "rPr", "pPr", "sectPr":
                    continue
                default:
                    break
                }
                stack.append(.leave(name))
                var children: [UnsafeMutablePointer<xmlNode>] = []
                var child = node.pointee.children
                while let next = child { children.append(next); child = next.pointee.next }
                for child in children.reversed() { stack.append(.enter(child)) }
            }
        }
        guard output.scalars.contains(where: { !ScalarClass.isSpace($0) && $0 != 0x0A }) else {
            throw .noText(path: path, format: "docx")
        }
        return SourceText(text: output, format: .docx, encoding: decision, mayBeWrapped: false)
    }

    private static func breakLine(_ output: inout MappedText) {
        guard let last = output.scalars.last, last != 0x0A else { return }
        output.appendInserted(0x0A, at: Int(output.rawEnds.last ?? 0))
    }

    /// The bytes of `word/document.xml` in a `.docx` archive.
    static func documentXML(_ bytes: [UInt8], path: String) throws(ReadError) -> [UInt8] {
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw .wordUnreadable(path: path, reason: "it is named .docx but is not a zip archive (it starts with \(PDFTextLayer.describeStart(bytes)))")
        }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .wordUnreadable(path: path, reason: "the zip archive is damaged (\(error))")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .wordUnreadable(path: path, reason: "the archive has no word/document.xml, so it is no Word document")
        }
        guard entry.uncompressedSize <= largestDocumentXML else {
            throw .tooLarge(path: path, bytes: Int(clamping: entry.uncompressedSize))
        }
        var xml: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                xml.append(contentsOf: chunk)
                if UInt64(xml.count) > largestDocumentXML { throw ReadError.tooLarge(path: path, bytes: xml.count) }
            }
        } catch let error as ReadError {
            throw error
        } catch {
            throw .wordUnreadable(path: path, reason: "word/document.xml cannot be unpacked (\(error))")
        }
        return xml
    }

    /// The text of an old Word `.doc`, by `antiword -m UTF-8.txt`.
    static func docText(_ bytes: [UInt8], path: String, tool: String?) throws(ReadError) -> [UInt8] {
        // An OLE2 compound file: D0 CF 11 E0 A1 B1 1A E1.
        guard bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else {
            throw .wordUnreadable(path: path, reason: "it is named .doc but is not a Word 97–2003 file (it starts with \(PDFTextLayer.describeStart(bytes)))")
        }
        guard let executable = tool ?? PDFTextLayer.findOnPath("antiword"), FileManager.default.isExecutableFile(atPath: executable) else {
            throw .wordToolMissing(path: path)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-doc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.doc")
        let output = folder.appendingPathComponent("out.txt")
        let errors = folder.appendingPathComponent("err.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-m", "UTF-8.txt", "-w", "0", input.path]
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: input)
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .wordUnreadable(path: path, reason: "cannot run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output) else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw .wordUnreadable(path: path, reason: "antiword failed (exit status \(process.terminationStatus))"
                                  + (message.isEmpty ? "" : ": " + String(message.split(separator: "\n").first ?? "").prefix(200)))
        }
        return [UInt8](data)
    }
}
