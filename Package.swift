// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way, from the CLI inward:
// blendlab (CLI) -> BlendRunner -> BlendStore, BlendData, BlendReport -> BlendCore.
let package = Package(
    name: "blendlab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "blendlab", targets: ["blendlab"]),
        .library(name: "BlendCore", targets: ["BlendCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Pure values, protocols, built-in components and the catalog. No I/O.
        .target(name: "BlendCore"),
        // The SQLite cache and run index.
        .target(name: "BlendStore", dependencies: [
            "BlendCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // OpenAI-compatible HTTP backends (URLSession; retries, rate limits, accounting).
        .target(name: "BlendBackends", dependencies: ["BlendCore"]),
        // Data set loaders (AlpacaEval, MixInstruct, blendlab JSON lines) and provisioning.
        .target(name: "BlendData", dependencies: ["BlendCore"]),
        // Result document -> Markdown, HTML.
        .target(name: "BlendReport", dependencies: ["BlendCore"]),
        // Experiment file -> resolved spec -> plan -> run -> result document.
        .target(name: "BlendRunner", dependencies: [
            "BlendCore", "BlendStore", "BlendData", "BlendReport", "BlendBackends", "Yams",
        ]),
        // Thin executable: argument parsing, calling, printing, exit codes.
        .executableTarget(name: "blendlab", dependencies: [
            "BlendCore", "BlendStore", "BlendData", "BlendRunner", "BlendReport", "BlendBackends",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BlendCoreTests", dependencies: ["BlendCore"]),
        .testTarget(name: "BlendStoreTests", dependencies: ["BlendStore"]),
        .testTarget(name: "BlendDataTests", dependencies: ["BlendData"]),
        .testTarget(name: "BlendRunnerTests", dependencies: ["BlendRunner"]),
        .testTarget(name: "BlendReportTests", dependencies: ["BlendReport"]),
        .testTarget(name: "BlendCLITests", dependencies: ["BlendCore"]),
        .testTarget(name: "BlendBackendsTests", dependencies: ["BlendBackends", "BlendRunner", "BlendStore"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
