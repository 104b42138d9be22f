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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
    ],
    targets: [
        // Pure values, protocols, built-in components and the catalog. No I/O.
        .target(name: "BlendCore"),
        // The SQLite cache and run index.
        .target(name: "BlendStore", dependencies: [
            "BlendCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // OpenAI-compatible HTTP backends (AsyncHTTPClient on SwiftNIO; retries, rate limits, accounting).
        .target(name: "BlendBackends", dependencies: [
            "BlendCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // Data set loaders (AlpacaEval, MixInstruct, blendlab JSON lines) and provisioning.
        .target(name: "BlendData", dependencies: ["BlendCore"]),
        // OpenBLAS through its C interface (Debian's libopenblas-dev).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // libxml2 (Debian's libxml2-dev), used by the tests to parse every generated page strictly.
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The encoders' element-wise passes in C, one copy per x86-64 level, chosen at run time.
        .target(name: "CKernels"),
        // The native transformer encoder (BERT family) on OpenBLAS: weights, tokenizer, forward pass.
        .target(name: "BlendModels", dependencies: ["BlendCore", "CBLAS", "CKernels"]),
        // Result document (+ example texts) -> Markdown, HTML with inline SVG, example browser, LaTeX, CSV.
        .target(name: "BlendReport", dependencies: ["BlendCore"]),
        // Experiment file -> resolved spec -> plan -> run -> result document.
        .target(name: "BlendRunner", dependencies: [
            "BlendCore", "BlendStore", "BlendData", "BlendReport", "BlendBackends", "Yams",
        ]),
        // Thin executable: argument parsing, calling, printing, exit codes.
        .executableTarget(name: "blendlab", dependencies: [
            "BlendCore", "BlendStore", "BlendData", "BlendRunner", "BlendReport", "BlendModels", "BlendBackends",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BlendCoreTests", dependencies: ["BlendCore"]),
        .testTarget(name: "BlendStoreTests", dependencies: ["BlendStore"]),
        .testTarget(name: "BlendDataTests", dependencies: ["BlendData"]),
        // Strict XML well-formedness of generated pages (libxml2), shared by the report and runner tests.
        .target(name: "XHTMLCheck", dependencies: ["CLibXML2"], path: "Tests/XHTMLCheck"),
        .testTarget(name: "BlendRunnerTests", dependencies: ["BlendRunner", "BlendCore", "BlendStore", "BlendModels", "XHTMLCheck"]),
        .testTarget(name: "BlendReportTests", dependencies: ["BlendReport", "XHTMLCheck"]),
        .testTarget(name: "BlendCLITests", dependencies: ["BlendCore", "BlendStore"]),
        .testTarget(name: "BlendModelsTests", dependencies: ["BlendModels", "BlendCore", "CKernels"]),
        .testTarget(name: "BlendBackendsTests", dependencies: ["BlendBackends", "BlendRunner", "BlendStore"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
