import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The script a report is written in.
public enum Script: String, Sendable, Codable {
    case simplified
    case traditional
}

/// Converts traditional-script Chinese (繁體) to simplified for recognition,
/// character for character, so the original text can be kept beside it with
/// the same offsets.
///
/// Uses OpenCC's phrase-aware `t2s` conversion when the OpenCC library is
/// installed (Debian: `opencc`), loaded at run time so that Annals builds and
/// runs without it; otherwise ICU's `Hant-Hans` transform through Foundation.
/// OpenCC comes first because it converts names right that ICU gets wrong
/// (ICU turns 乾县 into 干县, 乾隆 into 干隆 and 关嚮应 into 关响应):
/// `tools/t2s-compare/run.sh` compares the two on a list of place and person names.
public final class ScriptConverter: Sendable {
    /// Which engine does the conversion.
    public enum Engine: String, Sendable {
        case openCC = "OpenCC t2s"
        case icu = "ICU Hant-Hans"
    }

    /// The converter every reader shares (OpenCC when available).
    public static let shared = ScriptConverter()

    public let engine: Engine
    private let openCC: OpenCCLibrary?
    /// One bit per ideograph of the basic block (U+4E00…U+9FFF): set where
    /// the character alone changes under conversion (traditional-only forms).
    private let traditionalOnly: [UInt64]

    /// - Parameter preferICU: use ICU even when OpenCC is installed (tests
    ///   compare the two).
    public init(preferICU: Bool = false) {
        let library = preferICU ? nil : OpenCCLibrary.load()
        openCC = library
        engine = library == nil ? .icu : .openCC
        traditionalOnly = Self.markTraditionalOnly { Self.convert($0, with: library) }
    }

    private static let basicBlock: ClosedRange<UInt32> = 0x4E00...0x9FFF

    /// Converts the whole basic block once, newline-separated so no phrase
    /// spans two characters, and marks what changed.
    private static func markTraditionalOnly(_ convert: (String) -> String) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (basicBlock.count + 63) / 64)
        var original: [UInt32] = []
        original.reserveCapacity(basicBlock.count * 2)
        for value in basicBlock { original.append(value); original.append(0x0A) }
        let converted = convert(String(scalars: original)).scalarValues
        guard converted.count == original.count else { return bits }
        for index in stride(from: 0, to: original.count, by: 2) where converted[index] != original[index] {
            let offset = Int(original[index] - basicBlock.lowerBound)
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        return bits
    }

    /// Whether `sample` is written in traditional script: at least 2% of its
    /// ideographs (and at least three) are traditional-only forms.
    public func isTraditional(_ sample: [UInt32]) -> Bool {
        var ideographs = 0
        var changed = 0
        for value in sample where ScalarClass.isIdeograph(value) {
            ideographs += 1
            if Self.basicBlock.contains(value) {
                let offset = Int(value - Self.basicBlock.lowerBound)
                if traditionalOnly[offset >> 6] & (1 << UInt64(offset & 63)) != 0 { changed += 1 }
            }
        }
        guard ideographs > 0 else { return false }
        // Long texts: a steady share of changed characters; short ones (a
        // title, a name): any change in one of five.
        return (changed >= 3 && changed * 50 >= ideographs) || (changed >= 1 && changed * 5 >= ideographs)
    }

    /// Converts `text` to simplified script.
    public func convert(_ text: String) -> String {
        Self.convert(text, with: openCC)
    }

    private static func convert(_ text: String, with openCC: OpenCCLibrary?) -> String {
        if let openCC, let converted = openCC.convert(text) { return converted }
        return text.applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? text
    }

    /// Converts scalar values, keeping their number: where a phrase
    /// conversion would change the length of a line, that line is converted
    /// character by character instead, so offsets stay aligned.
    func convertPreservingLength(_ scalars: [UInt32]) -> [UInt32] {
        let whole = convert(String(scalars: scalars)).scalarValues
        if whole.count == scalars.count { return whole }
        var result: [UInt32] = []
        result.reserveCapacity(scalars.count)
        for line in scalars.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let converted = convert(String(scalars: line)).scalarValues
            if converted.count == line.count {
                result.append(contentsOf: converted)
            } else {
                for value in line {
                    let single = convert(String(scalars: [value])).scalarValues
                    result.append(single.count == 1 ? single[0] : value)
                }
            }
            result.append(0x0A)
        }
        result.removeLast()
        return result
    }
}

/// OpenCC's C API, looked up in the shared library at run time.
private final class OpenCCLibrary: Sendable {
    private typealias OpenFunction = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutableRawPointer?
    private typealias ConvertFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?
    private typealias FreeFunction = @convention(c) (UnsafeMutablePointer<CChar>?) -> Void

    private let handle: Mutex<UnsafeSendableHandle>
    private let convertFunction: ConvertFunction
    private let freeFunction: FreeFunction

    private struct UnsafeSendableHandle: @unchecked Sendable { let pointer: UnsafeMutableRawPointer }

    private init(handle: UnsafeMutableRawPointer, convert: ConvertFunction, free: FreeFunction) {
        self.handle = Mutex(UnsafeSendableHandle(pointer: handle))
        convertFunction = convert
        freeFunction = free
    }

    static func load() -> OpenCCLibrary? {
        let names = ["libopencc.so.1.1", "libopencc.so.1", "libopencc.so", "libopencc.1.1.dylib", "libopencc.dylib"]
        guard let library = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first,
              let open = dlsym(library, "opencc_open"),
              let convert = dlsym(library, "opencc_convert_utf8"),
              let free = dlsym(library, "opencc_convert_utf8_free") else { return nil }
        var configs = ["/usr/share/opencc/t2s.json", "/usr/local/share/opencc/t2s.json", "/opt/homebrew/share/opencc/t2s.json"]
        if let configured = ProcessInfo.processInfo.environment["ANNALS_OPENCC_CONFIG"] { configs.insert(configured, at: 0) }
        let openFunction = unsafeBitCast(open, to: OpenFunction.self)
        for config in configs where FileManager.default.fileExists(atPath: config) {
            if let handle = openFunction(config), handle != UnsafeMutableRawPointer(bitPattern: -1) {
                return OpenCCLibrary(
                    handle: handle,
                    convert: unsafeBitCast(convert, to: ConvertFunction.self),
                    free: unsafeBitCast(free, to: FreeFunction.self))
            }
        }
        return nil
    }

    func convert(_ text: String) -> String? {
        if text.isEmpty { return text }
        return handle.withLock { handle in
            var text = text
            return text.withUTF8 { buffer -> String? in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let output = convertFunction(handle.pointer, chars.baseAddress, chars.count) else { return nil }
                    defer { freeFunction(output) }
                    return String(cString: output)
                }
            }
        }
    }
}
