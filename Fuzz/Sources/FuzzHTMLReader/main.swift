import AnnalsText
import FuzzChecks

/// One fuzz input as an HTML page: libxml2 parsing (no network, no entity
/// expansion), boilerplate removal, title and date, then segmentation.
/// Errors are expected (most inputs are not reports); crashes, hangs and
/// broken offsets are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard let document = try? ReportReader().read(bytes: bytes, path: "fuzz.html") else { return 0 }
    checkOffsets(document, rawCount: bytes.count)
    return 0
}
