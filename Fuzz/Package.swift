// swift-tools-version: 6.1
// libFuzzer targets for CallVault's parsers, kept in their own package (like Benchmarks/) so that
// SDK users and a plain `swift test` never build them. Each target feeds arbitrary bytes to one
// reader through public API only; any crash, sanitizer report, timeout or out-of-memory is a
// defect of the SDK. Run them with `Fuzz/run.sh` (see Fuzz/README.md).

import PackageDescription

let fuzzTargets: [(name: String, products: [String])] = [
    ("FuzzEnvelopeHeader", ["CallVaultCrypto", "CallVaultCore"]),
    ("FuzzEnvelopeReader", ["CallVaultCrypto", "CallVaultCore"]),
    ("FuzzWAV", ["CallVaultCapture", "CallVaultCore"]),
    ("FuzzAccessPolicy", ["CallVaultAccess", "CallVaultCore"]),
    ("FuzzAccessDescriptions", ["CallVaultAccess", "CallVaultCore"]),
    ("FuzzConsentCatalog", ["CallVaultConsent", "CallVaultCore"]),
    ("FuzzRetentionCatalog", ["CallVaultRetention", "CallVaultCore"]),
    ("FuzzAuditLog", ["CallVaultAudit", "CallVaultCrypto"]),
    (
        "FuzzSignedDocuments",
        ["CallVault", "CallVaultCrypto", "CallVaultConsent", "CallVaultRetention", "CallVaultAccess"]
    ),
]

let package = Package(
    name: "CallVaultFuzz",
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) } + [
        .executable(name: "FuzzSeeds", targets: ["FuzzSeeds"])
    ],
    dependencies: [
        .package(name: "CallVault", path: "../")
    ],
    targets: fuzzTargets.map { target in
        .executableTarget(
            name: target.name,
            dependencies: ["FuzzSupport"] + target.products.map { .product(name: $0, package: "CallVault") },
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    } + [
        // The fixed keys the envelope reader target opens with, shared with the seed writer.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "CallVaultCrypto", package: "CallVault")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Writes the generated part of the seed corpora with the SDK's own writers (built without
        // the fuzzer: see Fuzz/make-corpus.sh).
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: [
                "FuzzSupport",
                .product(name: "CallVaultCrypto", package: "CallVault"),
                .product(name: "CallVaultCore", package: "CallVault"),
                .product(name: "CallVaultCapture", package: "CallVault"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
