// swift-tools-version:6.2
import PackageDescription

// Every target builds in Swift 6 mode with the same upcoming features hummingbird uses, so an import is
// internal unless a file says otherwise and an existential is always spelled `any`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "convenor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convenor", targets: ["convenor"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        // The chairs' web (issue 19). No traits: swift-configuration support is not needed, so it is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Already a dependency of hummingbird; named so ConvenorWeb may import HTTPTypes for header names.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Parses the multipart/form-data of the minutes upload form.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Already a dependency of hummingbird; named so the daemon can run Swift concurrency on NIO's event loops
        // (Sources/convenor/Options/EventLoopExecutor.swift says why).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The shared ledger (issue 20): two or three instances on one PostgreSQL database. No ORM; plain SQL.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure core: config validation, schedule, rendering, RFC 5322 / iCalendar. No IO, no clock, no logging.
        .target(
            name: "ConvenorCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ],
            // DefaultTemplates links to the top-level templates/: each kind's template is compiled into the binary as
            // its built-in default, so an installed templates folder without a new kind's file keeps working.
            exclude: ["DefaultTemplates/README.md"],
            resources: [.embedInCode("DefaultTemplates")],
            swiftSettings: swiftSettings
        ),
        // libcurl lives here: typed wrappers around its variadic API (the only other C is CMemory).
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // glibc's malloc tuning (arena cap, trim) for an idle daemon's memory; see ConvenorIO/Daemon/IdleMemory.swift.
        .target(name: "CMemory"),
        // The edges: files, SMTP through libcurl, the SQLite ledger, clocks, services.
        .target(
            name: "ConvenorIO",
            dependencies: [
                "ConvenorCore",
                "CCurl",
                "CMemory",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The shared ledger in PostgreSQL (issue 20): the same tables, migrations and states as the SQLite file, behind
        // the same `LedgerStore` and state machine, plus the leader lease several instances elect through.
        .target(
            name: "ConvenorPostgres",
            dependencies: [
                "ConvenorCore",
                "ConvenorIO",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The chairs' web and the public directory: Hummingbird handlers over the IO layer, run as a Service.
        .target(
            name: "ConvenorWeb",
            dependencies: [
                "ConvenorCore",
                "ConvenorIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "convenor",
            dependencies: [
                "ConvenorCore",
                "ConvenorIO",
                "ConvenorWeb",
                "ConvenorPostgres",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `make bench` / `make soak` (bench.mk): batch sending and header-injection rounds; not a product.
        .executableTarget(
            name: "convenor-bench",
            dependencies: [
                "ConvenorCore", "ConvenorIO", "ConvenorWeb", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/Sources/convenor-bench",
            swiftSettings: swiftSettings
        ),
        // Test doubles and fixture builders shared by the test targets; not a product.
        .target(
            name: "ConvenorTesting",
            dependencies: [
                "ConvenorCore", "ConvenorIO", "ConvenorPostgres", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConvenorCoreTests",
            dependencies: ["ConvenorCore", "ConvenorTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConvenorIOTests",
            dependencies: [
                "ConvenorIO", "ConvenorCore", "ConvenorTesting", "ConvenorPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConvenorCLITests",
            dependencies: ["convenor", "ConvenorTesting", "ConvenorCore", "ConvenorWeb"],
            swiftSettings: swiftSettings
        ),
    ]
)
