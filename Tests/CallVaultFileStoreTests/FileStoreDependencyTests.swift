import Foundation
import Testing

/// A vendor keeping its catalog in PostgreSQL links CallVaultFileStore for its recordings and must
/// never link SQLite: the package manifest's targets are read, and everything CallVaultFileStore
/// depends on, directly or through other targets, is checked.
@Suite("CallVaultFileStore links no SQLite")
struct FileStoreDependencyTests {
    @Test("no target CallVaultFileStore reaches depends on GRDB or CallVaultSQLite")
    func noSQLite() throws {
        let manifest = try PackageManifestTargets(packageRoot: Self.packageRoot)
        let reached = manifest.dependencies(reachableFrom: "CallVaultFileStore")
        #expect(reached.contains("CallVault"), "the reader found CallVaultFileStore's own dependencies")
        #expect(!reached.contains { $0.contains("GRDB") || $0.contains("SQLite") }, "\(reached.sorted())")
    }

    @Test("the file store's tests, which use VaultFolder and VaultConfiguration, reach no GRDB or CallVaultSQLite")
    func testsLinkNoSQLite() throws {
        let manifest = try PackageManifestTargets(packageRoot: Self.packageRoot)
        let reached = manifest.dependencies(reachableFrom: "CallVaultFileStoreTests")
        #expect(reached.contains("CallVaultFileStore"), "the reader found the test target's own dependencies")
        #expect(!reached.contains { $0.contains("GRDB") || $0.contains("SQLite") }, "\(reached.sorted())")
    }

    @Test("the reader sees a dependency added through another target")
    func readerSeesIndirectDependencies() throws {
        let manifest = PackageManifestTargets(
            text: """
                .target(name: "A", dependencies: ["B"]),
                .target(
                    name: "B",
                    dependencies: [
                        "C", .product(name: "GRDB", package: "GRDB.swift"),
                    ]
                ),
                .target(name: "C"),
                """)
        #expect(manifest.dependencies(reachableFrom: "A") == ["B", "C", "GRDB"])
        #expect(manifest.dependencies(reachableFrom: "C").isEmpty)
    }

    static var packageRoot: String {
        var path = #filePath
        for _ in 0..<3 {
            path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        }
        return path
    }
}

/// The targets of a `Package.swift` and their dependencies, read from its text: each
/// `.target(`, `.executableTarget(` or `.testTarget(` call up to its closing parenthesis, its
/// `name:` and the quoted names in its `dependencies:` list (target names and products' names).
struct PackageManifestTargets {
    private(set) var dependencies: [String: [String]] = [:]

    init(packageRoot: String) throws {
        self.init(text: try String(contentsOfFile: packageRoot + "/Package.swift", encoding: .utf8))
    }

    init(text: String) {
        let characters = Array(text)
        var index = 0
        while let start = Self.nextTargetCall(in: characters, from: index) {
            let end = Self.closingParenthesis(in: characters, openingAt: start.open)
            let call = String(characters[start.open...end])
            if let name = Self.firstQuoted(after: "name:", in: call) {
                dependencies[name] = Self.dependencyNames(in: call)
            }
            index = end + 1
        }
    }

    /// Every target or product reachable from `target` through dependencies (not `target` itself).
    func dependencies(reachableFrom target: String) -> Set<String> {
        var reached: Set<String> = []
        var pending = dependencies[target] ?? []
        while let next = pending.popLast() {
            guard reached.insert(next).inserted else { continue }
            pending += dependencies[next] ?? []
        }
        return reached
    }

    private static func nextTargetCall(in characters: [Character], from index: Int) -> (open: Int, Void)? {
        let text = String(characters[index...])
        let markers = [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("]
        let found = markers.compactMap { marker in text.range(of: marker).map { (marker, $0) } }
        guard let first = found.min(by: { $0.1.lowerBound < $1.1.lowerBound }) else { return nil }
        let offset = text.distance(from: text.startIndex, to: first.1.upperBound) - 1
        return (index + offset, ())
    }

    private static func closingParenthesis(in characters: [Character], openingAt open: Int) -> Int {
        var depth = 0
        var index = open
        while index < characters.count {
            if characters[index] == "(" { depth += 1 }
            if characters[index] == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return characters.count - 1
    }

    private static func firstQuoted(after label: String, in call: String) -> String? {
        guard let label = call.range(of: label) else { return nil }
        let rest = call[label.upperBound...]
        guard let open = rest.firstIndex(of: "\""), let close = rest[rest.index(after: open)...].firstIndex(of: "\"")
        else { return nil }
        return String(rest[rest.index(after: open)..<close])
    }

    /// The names in `dependencies: [...]`: quoted target names, and `.product(name: "X", ...)`'s X
    /// (the package a product comes from is left out: the product's name is what is linked).
    private static func dependencyNames(in call: String) -> [String] {
        guard let label = call.range(of: "dependencies:") else { return [] }
        let rest = call[label.upperBound...]
        guard let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]") else { return [] }
        var list = String(rest[rest.index(after: open)..<close])
        var names: [String] = []
        while let product = list.range(of: ".product(") {
            let tail = list[product.upperBound...]
            if let name = firstQuoted(after: "name:", in: String(tail)) { names.append(name) }
            let end = tail.firstIndex(of: ")") ?? list.endIndex
            list.removeSubrange(product.lowerBound..<(end == list.endIndex ? end : list.index(after: end)))
        }
        names += list.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter {
            $0.offset % 2 == 1
        }.map { String($0.element) }
        return names
    }
}
