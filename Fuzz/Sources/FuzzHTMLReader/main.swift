import FuzzChecks

/// One fuzz input as an HTML page: libxml2 parsing (no network, no entity
/// expansion), boilerplate removal, title and date, then segmentation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    readAndCheck(start, count, as: "fuzz.html")
}
