/// Why an export failed, naming the file.
public enum ExportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The output file or folder could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// The store could not be read.
    case store(String)

    public var code: String {
        switch self {
        case .cannotWrite: "E501"
        case .store: "E502"
        }
    }

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "\(code): cannot write \(path): \(reason)"
        case .store(let reason): "\(code): could not read the store: \(reason)"
        }
    }
}
