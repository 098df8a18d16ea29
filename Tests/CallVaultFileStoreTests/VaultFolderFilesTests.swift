import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultFileStore
import CallVaultRetention
import Foundation
import Testing

/// A vault folder's own files (`vault.json`, the access policy, their seal, the signing key file,
/// the lock) read, written and checked by a target that links CallVaultFileStore and no SQLite
/// (FileStoreDependencyTests checks this test target never reaches GRDB): what a vendor keeping
/// its stores in another database builds on.
@Suite("Vault folder files without SQLite")
struct VaultFolderFilesTests {
    let directory: URL
    let signingKey: SigningKey

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "callvault-folder-files-" + UUID().uuidString.lowercased())
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("keys"), withIntermediateDirectories: true)
        signingKey = try SigningKey.generate()
    }

    /// A configuration whose every group of fields is set, so a field lost on the way is seen.
    static func configuration() throws -> VaultConfiguration {
        var configuration = VaultConfiguration(
            organisation: "Northwind Contact Centre", purposes: [.quality, .disputeResolution], retentionDays: 730,
            audiences: [.supervisors], complaintContact: .email("complaints@northwind.example"),
            holdOfficers: ["legal.alice"])
        configuration.consentSettings.maximumPrompts = 3
        configuration.consentSettings.mandatoryLines = ["order-desk"]
        configuration.regimesByLineOfBusiness = ["order-desk": [RetentionRuleID("eu-mifid2-16-7")]]
        return configuration
    }

    /// Writes vault.json, an access policy, the sealed signing key, their seal and an audit log
    /// recording the seal's version, as a vault made by any host lays them out.
    func writeSignedFolder(_ configuration: VaultConfiguration) throws -> VaultFolder {
        let folder = VaultFolder(directory)
        let policy = #"{ "version": "test-1", "rules": [] }"# + "\n"
        let passphrase = try Passphrase("correct horse battery staple")
        try VaultFiles.writeNew(
            try SigningKeyFile.seal(signingKey, passphrase: passphrase, parameters: .minimum),
            to: folder.signingKeyFile.path)
        try VaultFiles.writeNew(configuration.json(), to: folder.configurationFile.path)
        try VaultFiles.writeNew(policy, to: folder.accessPolicyFile.path)
        let seal = try VaultFileSeal.sign(
            version: 1,
            contents: [
                VaultFolder.configurationFileName: Array(configuration.json().utf8),
                VaultFolder.accessPolicyFileName: Array(policy.utf8),
            ],
            with: signingKey)
        try VaultFiles.writeNew(try seal.text(), to: folder.sealFile.path)
        _ = try AuditFileGenesis.create(
            path: folder.auditLogFile.path, signingKey: signingKey,
            record: try VaultFileCheck.auditRecord(seal, actor: VaultFolder.vaultActor, reasons: ["created"]),
            at: Date())
        return folder
    }

    @Test("vault.json written by VaultConfiguration reads back the same through VaultFolder, with the key")
    func configurationRoundTrip() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try Self.configuration()
        let folder = try writeSignedFolder(configuration)
        #expect(try folder.configuration() == configuration)
        #expect(try VaultConfiguration(json: configuration.json()) == configuration)
        #expect(try folder.verifyingKey() == signingKey.verifyingKey)
    }

    @Test("a malformed vault.json is a VaultFolderError naming the field and its line")
    func malformedConfiguration() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try Self.configuration().json()
        text = text.replacingOccurrences(of: "\"retentionDays\": 730", with: "\"retentionDays\": \"two years\"")
        try VaultFiles.writeNew(text, to: VaultFolder(directory).configurationFile.path)
        let error = try #require(throws: VaultFolderError.self) { _ = try VaultFolder(directory).configuration() }
        #expect(error.code == .malformedConfiguration)
        let line = try #require(text.split(separator: "\n").firstIndex { $0.contains("retentionDays") })
        #expect(error.message.contains("vault.json:\(line + 1)"))
        #expect(error.message.contains("'retentionDays'"))
    }

    @Test("a field of vault.json that a CallVault type refuses keeps that type's error as the underlying cause")
    func malformedFieldKeepsItsCause() throws {
        let text = try Self.configuration().json()
        // The first purpose ("quality" appears nowhere else in this configuration).
        let edited = text.replacingOccurrences(of: "\"quality\"", with: "\"Quality Checks\"")
        #expect(edited != text)
        let error = try #require(throws: VaultFolderError.self) { _ = try VaultConfiguration(json: edited) }
        #expect(error.code == .malformedConfiguration)
        #expect(error.message.contains("purposes[0]"))
        let cause = try #require(error.underlying as? CoreError)
        #expect(cause.code == .invalidPurpose)
        // Text that is not JSON keeps the reader's error as its cause too.
        let broken = try #require(throws: VaultFolderError.self) {
            _ = try VaultConfiguration(json: "{ \"format\": 1,")
        }
        #expect(broken.underlying != nil)
    }

    @Test("the seal checks as sealed; an edit of vault.json outside CallVault is VaultFilesError.altered")
    func sealedFiles() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try writeSignedFolder(try Self.configuration())
        guard case .sealed(let seal) = try folder.checkSealedFiles() else {
            Issue.record("the files as signed should check as sealed")
            return
        }
        #expect(seal.version == 1)
        var edited = try Self.configuration()
        edited.holdOfficers.append("mallory")
        try Data(edited.json().utf8).write(to: folder.configurationFile)
        let error = try #require(throws: VaultFilesError.self) { _ = try folder.checkSealedFiles() }
        #expect(error.code == .altered)
        #expect(error.message.contains("'holdOfficers'"))
    }

    @Test("the folder's lock is held by one open at a time, and taken again once released")
    func lock() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let lock = try VaultFolderLock.acquire(folder: directory.path, file: VaultFolder.lockFileName)
        let refused = try #require(throws: VaultFolderError.self) {
            _ = try VaultFolderLock.acquire(folder: directory.path, file: VaultFolder.lockFileName)
        }
        #expect(refused.code == .inUse)
        lock.release()
        let again = try VaultFolderLock.acquire(folder: directory.path, file: VaultFolder.lockFileName)
        again.release()
    }
}
