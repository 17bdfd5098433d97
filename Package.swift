// swift-tools-version: 6.0
import PackageDescription

// One module per stage of the pipeline (see README.md, "Architecture").
// Later stages (knowledge, extraction, graph, query, export) join as their
// issues land; each depends only on the stages before it.
let package = Package(
    name: "Annals",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "annals", targets: ["annals"]),
        .library(name: "AnnalsText", targets: ["AnnalsText"]),
        .library(name: "AnnalsKnowledge", targets: ["AnnalsKnowledge"]),
        .library(name: "AnnalsExtract", targets: ["AnnalsExtract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "AnnalsText",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "AnnalsKnowledge"),
        .target(
            name: "AnnalsExtract",
            dependencies: ["AnnalsText", "AnnalsKnowledge"]
        ),
        .executableTarget(
            name: "annals",
            dependencies: [
                "AnnalsText",
                "AnnalsExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "annals-bench",
            dependencies: ["AnnalsText", "AnnalsKnowledge", "AnnalsExtract"]
        ),
        .testTarget(
            name: "AnnalsTextTests",
            dependencies: ["AnnalsText"]
        ),
        .testTarget(
            name: "AnnalsKnowledgeTests",
            dependencies: ["AnnalsKnowledge"]
        ),
        .testTarget(
            name: "AnnalsExtractTests",
            dependencies: ["AnnalsExtract", "AnnalsText", "AnnalsKnowledge"]
        ),
        .testTarget(
            name: "AnnalsCLITests",
            dependencies: ["annals", "AnnalsText"]
        ),
    ]
)
