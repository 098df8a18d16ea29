import Foundation
import Testing

/// Identities made once for a whole suite with `callvault keygen` (Argon2id makes each one cost a
/// tenth of a second and 32 MiB), kept in a temporary directory removed after the suite.
final class Keyring: Sendable {
    @TaskLocal static var current: Keyring?

    let directory: URL
    private let recipients: [String: String]
    private let fingerprints: [String: String]

    /// The keyring of the running suite, which must carry the `.identities(...)` trait.
    static func required(sourceLocation: SourceLocation = #_sourceLocation) throws -> Keyring {
        try #require(current, "the suite needs the .identities(...) trait", sourceLocation: sourceLocation)
    }

    /// Creates an identity per name, and learns each one's fingerprint from `inspect --json` of an
    /// envelope sealed for all of them.
    init(names: [String]) throws {
        let workspace = try Workspace()
        var recipients: [String: String] = [:]
        for name in names {
            let run = try workspace.run("keygen", "--output", name)
            guard run.status == ExitStatus.success else { throw KeyringError(run: run) }
            recipients[name] = run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try workspace.write([], to: "empty")
        var seal = ["seal", "--output", "empty.cvr", "empty"]
        for name in names { seal += ["--recipient", "\(name).pub"] }
        let sealed = try Tool.run(seal, in: workspace.directory)
        guard sealed.status == ExitStatus.success else { throw KeyringError(run: sealed) }
        let report = try workspace.inspect("empty.cvr")
        guard report.recipients.count == names.count else { throw KeyringError(run: sealed) }
        self.directory = workspace.directory
        self.recipients = recipients
        self.fingerprints = Dictionary(uniqueKeysWithValues: zip(names, report.recipients))
        // The workspace's directory now belongs to the keyring.
        workspace.keep()
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The path of `name`'s identity file.
    func identity(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The path of `name`'s `.pub` file.
    func publicKeyFile(_ name: String) -> String {
        identity(name) + ".pub"
    }

    /// `name`'s recipient string, as `keygen` printed it.
    func recipient(_ name: String) -> String {
        recipients[name] ?? "unknown identity \(name)"
    }

    /// `name`'s fingerprint, as `inspect` lists it.
    func fingerprint(_ name: String) -> String {
        fingerprints[name] ?? "unknown identity \(name)"
    }
}

struct KeyringError: Error, CustomStringConvertible {
    let run: ToolRun
    var description: String { "could not create the suite's identities: \(run)" }
}

/// Creates identities once for the suite it is applied to.
struct IdentitiesTrait: SuiteTrait, TestScoping {
    let names: [String]

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let keyring = try Keyring(names: names)
        defer { keyring.remove() }
        try await Keyring.$current.withValue(keyring) { try await function() }
    }
}

extension Trait where Self == IdentitiesTrait {
    /// Identities named `names`, made once for the suite; reach them through `Keyring.required()`.
    static func identities(_ names: String...) -> Self {
        IdentitiesTrait(names: names)
    }
}
