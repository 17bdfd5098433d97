import Foundation

/// The JSON every answer is printed in, by `annals … --format json` and by
/// the workbench's API alike, so that the two give the same bytes.
public enum QueryJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
