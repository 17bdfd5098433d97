import FuzzChecks

/// One fuzz input as a plain-text report: encoding detection, decoding,
/// line normalisation and segmentation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    readAndCheck(start, count, as: "fuzz.txt")
}
