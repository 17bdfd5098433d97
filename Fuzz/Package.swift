// swift-tools-version:5.3
import PackageDescription

// libFuzzer targets for the stages that read untrusted bytes. Built apart
// from the main package because each target takes its `main` from libFuzzer.
// Tools version 5.3 on purpose: from 5.5 on, SwiftPM renames an executable's
// entry point to `<Target>_main` and links `main` to it, which a target
// without top-level code (`-parse-as-library`) does not have. Before 5.5,
// a target with a `main.swift` is an executable and keeps libFuzzer's main.
//   swift build --package-path Fuzz -c release \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// `tools/fuzz` does this and runs them (see Fuzz/README.md).
let package = Package(
    name: "AnnalsFuzz",
    dependencies: [
        .package(name: "Annals", path: ".."),
    ],
    targets: [
        // Invariants every reader's output must keep.
        .target(name: "FuzzChecks", dependencies: [.product(name: "AnnalsText", package: "Annals")]),
        // Encoding detection, decoding, the line normaliser and the segmenter.
        .target(
            name: "FuzzTextReader",
            dependencies: ["FuzzChecks"]
        ),
        // The HTML reader (libxml2, boilerplate removal, title and date).
        .target(
            name: "FuzzHTMLReader",
            dependencies: ["FuzzChecks"]
        ),
        // The date normaliser, fed sentences built from date vocabulary.
        .target(
            name: "FuzzDates",
            dependencies: [
                "FuzzChecks",
                .product(name: "AnnalsModel", package: "Annals"),
                .product(name: "AnnalsText", package: "Annals"),
                .product(name: "AnnalsKnowledge", package: "Annals"),
                .product(name: "AnnalsExtract", package: "Annals"),
            ]
        ),
    ]
)
