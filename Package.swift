// swift-tools-version: 6.1
// The CallVault SDK: lawful, secure and provable call recording for contact-center software.

import PackageDescription

let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CallVault",
    products: [
        .library(name: "CallVaultCore", targets: ["CallVaultCore"]),
        .library(name: "CallVaultCrypto", targets: ["CallVaultCrypto"]),
        .library(name: "CallVaultConsent", targets: ["CallVaultConsent"]),
        .library(name: "CallVaultCapture", targets: ["CallVaultCapture"]),
        .library(name: "CallVaultRetention", targets: ["CallVaultRetention"]),
        .library(name: "CallVaultAudit", targets: ["CallVaultAudit"]),
        .library(name: "CallVaultAccess", targets: ["CallVaultAccess"]),
        .library(name: "CallVault", targets: ["CallVault"]),
        .library(name: "CallVaultTestKit", targets: ["CallVaultTestKit"]),
        .library(name: "CallVaultFileStore", targets: ["CallVaultFileStore"]),
        .library(name: "CallVaultSQLite", targets: ["CallVaultSQLite"]),
        .executable(name: "callvault", targets: ["callvault"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // The one internal support layer (file handles, hexadecimal, a strict JSON reader): a target,
        // not a product, so it is no host's API; every module's file and text handling goes through it.
        // syncfs(2), which Swift's Glibc module does not declare: one call makes every blob written
        // in a durability round durable (FileBlobStore's group synchronization).
        .target(name: "CCallVaultSystem"),
        .target(
            name: "CallVaultSupport",
            dependencies: ["CCallVaultSystem"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultCore",
            dependencies: ["CallVaultSupport"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultCrypto",
            dependencies: ["CSodium", "CallVaultCore", "CallVaultSupport"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultConsent",
            dependencies: ["CallVaultCore", "CallVaultCrypto"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultCapture",
            dependencies: ["CallVaultCore", "CallVaultSupport"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultRetention",
            dependencies: [
                "CallVaultCore", "CallVaultCrypto", "CallVaultSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultAudit",
            dependencies: [
                "CallVaultCore", "CallVaultCrypto", "CallVaultSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultAccess",
            dependencies: ["CallVaultCore", "CallVaultCrypto", "CallVaultAudit", "CallVaultSupport"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVault",
            dependencies: [
                "CallVaultCore", "CallVaultCrypto", "CallVaultConsent", "CallVaultCapture", "CallVaultRetention",
                "CallVaultAudit", "CallVaultAccess", "CallVaultSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultTestKit",
            dependencies: [
                "CallVaultCore", "CallVaultCrypto", "CallVaultConsent", "CallVaultCapture", "CallVaultRetention",
                "CallVaultAudit", "CallVaultAccess", "CallVault",
            ],
            swiftSettings: strictSwift
        ),
        // Recordings as files and the vault folder's files (vault.json, its seal, the lock), without
        // SQLite: a host keeping its catalog in another database links this and never GRDB
        // (CallVaultFileStoreTests checks that this target never reaches it).
        .target(
            name: "CallVaultFileStore",
            dependencies: [
                "CallVault", "CallVaultCore", "CallVaultCrypto", "CallVaultConsent", "CallVaultRetention",
                "CallVaultAudit", "CallVaultSupport",
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "CallVaultSQLite",
            dependencies: [
                "CallVault", "CallVaultFileStore", "CallVaultCore", "CallVaultCrypto", "CallVaultConsent",
                "CallVaultCapture",
                "CallVaultRetention", "CallVaultAudit", "CallVaultAccess", "CallVaultSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "callvault",
            dependencies: [
                "CallVaultCore",
                "CallVaultCrypto",
                "CallVaultConsent",
                "CallVaultCapture",
                "CallVaultRetention",
                "CallVaultAudit",
                "CallVaultAccess",
                "CallVault",
                "CallVaultSQLite",
                "CallVaultFileStore",
                "CallVaultSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        // The sample integration: a simulated contact centre over the embedded vault.
        .executableTarget(
            name: "contact-center-demo",
            dependencies: [
                "CallVault", "CallVaultSQLite", "CallVaultFileStore", "CallVaultTestKit", "CallVaultCore",
                "CallVaultCrypto", "CallVaultConsent", "CallVaultCapture", "CallVaultRetention", "CallVaultAudit",
                "CallVaultAccess",
            ],
            path: "Examples/ContactCenterDemo",
            exclude: ["README.md"],
            resources: [.copy("Audio"), .copy("Config")],
            swiftSettings: strictSwift
        ),
        // Runs the built executables for the tool, README and demo tests without Foundation.Process.
        .target(
            name: "ChildProcess",
            path: "Tests/ChildProcess",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "ContactCenterDemoTests",
            dependencies: [
                "contact-center-demo", "CallVault", "CallVaultSQLite", "CallVaultAudit", "CallVaultCrypto",
                "ChildProcess",
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultTests",
            dependencies: [
                "CallVault", "CallVaultTestKit", "CallVaultCore", "CallVaultCrypto", "CallVaultConsent",
                "CallVaultCapture", "CallVaultRetention", "CallVaultAudit", "CallVaultAccess", "CallVaultSupport",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultSQLiteTests",
            dependencies: [
                "CallVaultSQLite", "CallVaultFileStore", "CallVault", "CallVaultTestKit", "CallVaultCore",
                "CallVaultCrypto",
                "CallVaultConsent", "CallVaultCapture", "CallVaultRetention", "CallVaultAudit", "CallVaultAccess",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultCoreTests",
            dependencies: ["CallVaultCore", "CallVaultSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultFileStoreTests",
            dependencies: [
                "CallVaultFileStore", "CallVault", "CallVaultCore", "CallVaultCrypto", "CallVaultConsent",
                "CallVaultRetention", "CallVaultAudit", "CallVaultTestKit",
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultSupportTests",
            dependencies: ["CallVaultSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultCryptoTests",
            dependencies: [
                "CallVaultCrypto", "CallVaultCore", "CallVaultSupport", "ChildProcess",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultConsentTests",
            dependencies: [
                "CallVaultConsent", "CallVaultCore", "CallVaultCrypto",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultCaptureTests",
            dependencies: [
                "CallVaultCapture", "CallVaultCore", "CallVaultConsent", "CallVaultCrypto",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultRetentionTests",
            dependencies: [
                "CallVaultRetention", "CallVaultTestKit", "CallVaultCore", "CallVaultCrypto",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultAuditTests",
            dependencies: [
                "CallVaultAudit", "CallVaultTestKit", "CallVaultCore", "CallVaultCrypto", "CallVaultSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultAccessTests",
            dependencies: [
                "CallVaultAccess", "CallVaultAudit", "CallVaultTestKit", "CallVaultCore", "CallVaultCrypto",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "CallVaultToolTests",
            dependencies: [
                "callvault", "CallVaultCrypto", "CallVaultCore", "CallVaultConsent", "CallVaultAudit",
                "CallVault", "CallVaultSQLite", "CallVaultFileStore", "CallVaultCapture", "CallVaultAccess",
                "CallVaultRetention",
                "CallVaultTestKit", "ChildProcess", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift
        ),
    ]
)

// The DocC plugin only when building the documentation (`CALLVAULT_DOCS=1 swift package
// generate-documentation --target CallVaultConsent`), so a package depending on CallVault never
// resolves or fetches it.
if Context.environment["CALLVAULT_DOCS"] == "1" {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
