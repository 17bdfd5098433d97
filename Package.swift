// swift-tools-version: 6.0
import PackageDescription

// One module per stage of the pipeline (see CONTRIBUTING.md, "Architecture");
// each depends only on the stages before it.
let package = Package(
    name: "Annals",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "annals", targets: ["annals"]),
        .library(name: "AnnalsModel", targets: ["AnnalsModel"]),
        .library(name: "AnnalsText", targets: ["AnnalsText"]),
        .library(name: "AnnalsKnowledge", targets: ["AnnalsKnowledge"]),
        .library(name: "AnnalsExtract", targets: ["AnnalsExtract"]),
        .library(name: "AnnalsGraph", targets: ["AnnalsGraph"]),
        .library(name: "AnnalsQuery", targets: ["AnnalsQuery"]),
        .library(name: "AnnalsExport", targets: ["AnnalsExport"]),
        .library(name: "AnnalsCurate", targets: ["AnnalsCurate"]),
        .library(name: "AnnalsServe", targets: ["AnnalsServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The data every stage shares: dates, mentions, events, the graph's
        // node and edge types. Depends on nothing.
        .target(name: "AnnalsModel"),
        .target(
            name: "AnnalsText",
            dependencies: [
                "AnnalsModel",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(name: "AnnalsKnowledge", exclude: ["Matching/README.md"]),
        .target(
            name: "AnnalsExtract",
            dependencies: ["AnnalsModel", "AnnalsText", "AnnalsKnowledge"]
        ),
        // SQLite settings made through C variadic functions (the store's
        // allocator and per-connection lookaside memory).
        .target(
            name: "CSQLiteTuning",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(
            name: "AnnalsGraph",
            dependencies: ["AnnalsModel", "AnnalsExtract", "AnnalsKnowledge", "AnnalsText", "CSQLiteTuning", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "AnnalsQuery",
            dependencies: ["AnnalsModel", "AnnalsGraph", "AnnalsKnowledge"]
        ),
        .target(
            name: "AnnalsExport",
            dependencies: ["AnnalsModel", "AnnalsGraph", "CLibXML2"]
        ),
        // Corrections to the graph (merge, keep apart, reject, rename,
        // retype, undo): reports rewritten under the new decisions.
        .target(
            name: "AnnalsCurate",
            dependencies: ["AnnalsModel", "AnnalsText", "AnnalsKnowledge", "AnnalsExtract", "AnnalsGraph", "AnnalsQuery"]
        ),
        // The historian's workbench in the browser (`annals serve`): pages
        // and a JSON API over the queries, and curation of the graph.
        .target(
            name: "AnnalsServe",
            dependencies: ["AnnalsModel", "AnnalsGraph", "AnnalsQuery", "AnnalsExport", "AnnalsKnowledge", "AnnalsCurate",
                           .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Logging", package: "swift-log")],
            // The page style and script, compiled in: a workbench copied
            // anywhere serves them, with no resource folder to lose.
            resources: [.embedInCode("Static/annals.css"), .embedInCode("Static/annals.js"), .embedInCode("Static/annals.svg")]
        ),
        .executableTarget(
            name: "annals",
            dependencies: [
                "AnnalsModel",
                "AnnalsServe",
                "AnnalsCurate",
                "AnnalsQuery",
                "AnnalsExport",
                "AnnalsText",
                "AnnalsExtract",
                "AnnalsGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "annals-bench",
            dependencies: ["AnnalsModel", "AnnalsText", "AnnalsKnowledge", "AnnalsExtract", "AnnalsGraph", "AnnalsQuery", "AnnalsExport", "AnnalsServe",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "AnnalsModelTests",
            dependencies: ["AnnalsModel"]
        ),
        .testTarget(
            name: "AnnalsTextTests",
            dependencies: ["AnnalsModel", "AnnalsText", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "AnnalsKnowledgeTests",
            dependencies: ["AnnalsKnowledge"]
        ),
        .testTarget(
            name: "AnnalsExtractTests",
            dependencies: ["AnnalsModel", "AnnalsExtract", "AnnalsText", "AnnalsKnowledge"]
        ),
        .testTarget(
            name: "AnnalsGraphTests",
            dependencies: ["AnnalsModel", "AnnalsGraph", "AnnalsExtract", "AnnalsText", "AnnalsKnowledge", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AnnalsQueryTests",
            dependencies: ["AnnalsModel", "AnnalsQuery", "AnnalsGraph", "AnnalsExtract", "AnnalsText", "AnnalsKnowledge", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AnnalsExportTests",
            dependencies: ["AnnalsModel", "AnnalsExport", "AnnalsQuery", "AnnalsGraph", "AnnalsExtract", "AnnalsText", "AnnalsKnowledge", "CLibXML2",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AnnalsCurateTests",
            dependencies: ["AnnalsCurate", "AnnalsQuery", "AnnalsGraph", "AnnalsExtract", "AnnalsKnowledge", "AnnalsText"]
        ),
        .testTarget(
            name: "AnnalsServeTests",
            dependencies: ["AnnalsServe", "AnnalsQuery", "AnnalsGraph", "AnnalsExtract", "AnnalsText", "AnnalsKnowledge",
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AnnalsCLITests",
            dependencies: ["annals", "AnnalsText"],
            exclude: ["Snapshots"]
        ),
    ]
)
