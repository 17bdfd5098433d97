import Foundation

/// Extracts the text layer of a PDF with poppler's `pdftotext`.
///
/// Runs `pdftotext -enc UTF-8 -eol unix IN OUT` (reading order, not
/// `-layout`: columns come out as separate lines that the normaliser joins).
/// Offsets of a PDF report are offsets into this UTF-8 text layer; the same
/// command reproduces it. Page breaks arrive as form feeds.
enum PDFTextLayer {
    static func extract(_ bytes: [UInt8], path: String, tool: String?) throws(ReadError) -> [UInt8] {
        guard let header = bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)), header.lowerBound < 1024 else {
            throw .notAPDF(path: path, start: describeStart(bytes))
        }
        guard let executable = tool ?? findOnPath("pdftotext"), FileManager.default.isExecutableFile(atPath: executable) else {
            throw .pdfToolMissing(path: path)
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annals-pdf-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unreadable(path: path, reason: "cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let output = folder.appendingPathComponent("out.txt")
        let errors = folder.appendingPathComponent("err.txt")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-enc", "UTF-8", "-eol", "unix", input.path, output.path]
        do {
            try Data(bytes).write(to: input)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .pdfToolFailed(path: path, status: -1, message: "cannot start \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let firstLines = message.split(separator: "\n").prefix(2).joined(separator: "; ")
            throw .pdfToolFailed(path: path, status: process.terminationStatus, message: String(firstLines.prefix(300)))
        }
        guard let data = try? Data(contentsOf: output) else {
            throw .pdfToolFailed(path: path, status: 0, message: "no output")
        }
        let text = [UInt8](data)
        if text.allSatisfy({ $0 == 0x0C || $0 == 0x0A || $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            throw .noText(path: path, format: "pdf")
        }
        return text
    }

    /// The first bytes of a file, printable, for an error message.
    static func describeStart(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(16)
        let text = String(decoding: head, as: UTF8.self)
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\u{FFFD}" }) { return "\"\(text)\"" }
        return hexDigits(head, uppercase: true, separator: " ")
    }

    /// The full path of an executable on `PATH`.
    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
