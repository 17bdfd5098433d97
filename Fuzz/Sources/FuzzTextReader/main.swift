import AnnalsText
import FuzzChecks

/// One fuzz input as a plain-text report: encoding detection, decoding,
/// line normalisation and segmentation. Errors are expected (most inputs
/// are not reports); crashes, hangs and broken offsets are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let document = try? ReportReader().read(bytes: bytes, path: "fuzz.txt") else { return 0 }
    checkOffsets(document, rawCount: bytes.count)
    return 0
}
