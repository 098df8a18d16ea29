import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// The library side of the vault folder the tool runs on: `vault.json` read and written, its
/// errors naming the field, and `VaultFolder`'s typed errors.
@Suite("VaultFolder and vault.json")
struct VaultFolderLibraryTests {
    @Test("a configuration survives its vault.json text unchanged")
    func roundTrip() throws {
        var configuration = VaultFixture.configuration
        configuration.withdrawalKey = nil
        configuration.defaultLanguage = "fr"
        configuration.additionalRecipients = [try Identity.generate().recipient]
        configuration.complaintContact = .phone("+44 20 7946 0000")
        let text = configuration.json()
        #expect(try VaultConfiguration(json: text) == configuration)
        #expect(text.contains("\"withdrawalKey\": null"))
    }

    @Test(
        "a malformed vault.json names the field at fault",
        arguments: [
            (#"{"format": 1, "purposes": ["quality"]}"#, "organisation"),
            (#"{"format": 1, "organisation": "A", "purposes": "quality"}"#, "purposes"),
            (#"{"format": 1, "organisation": "A", "purposes": []}"#, "purposes"),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "retentionDays": "ten"}"#, "retentionDays"),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "retentionDays": 0}"#, "retentionDays"),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "consentKey": "12"}"#, "consentKey"),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "declineKey": "1"}"#, "consentKey"),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "audiences": ["Bosses"]}"#, "audiences[0]"),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "complaintContact": {"fax": "1"}}"#,
                "complaintContact"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "complaintContact": {"email": "x"}}"#,
                "complaintContact"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "defaultLanguage": "tlh"}"#,
                "defaultLanguage"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "recipients": ["callvault1x"]}"#,
                "recipients[0]"
            ),
            (#"{"format": 1, "organisation": "A", "purposes": ["quality"], "holdOfficer": []}"#, "holdOfficer"),
            // Hold officers are principal ids: valid, and each person once (finding 4).
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "holdOfficers": ["a", "b "]}"#,
                "holdOfficers[1]"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "holdOfficers": ["\u200Ba"]}"#,
                "holdOfficers[0]"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "holdOfficers": ["", "b"]}"#,
                "holdOfficers[0]"
            ),
            (
                #"{"format": 1, "organisation": "A", "purposes": ["quality"], "holdOfficers": ["legal.alice", "b", "LEGAL.ALICE"]}"#,
                "holdOfficers[2]"
            ),
            (#"{"organisation": "A", "purposes": ["quality"]}"#, "format"),
            (#"["not", "an", "object"]"#, "(document)"),
            (#"{"format": 1,"#, "(document)"),
        ])
    func malformed(text: String, field: String) {
        #expect {
            try VaultConfiguration(json: text)
        } throws: { error in
            guard case .malformedConfiguration(_, let named, _) = (error as? VaultFolderError)?.reason else {
                return false
            }
            return named == field
        }
    }

    @Test("a newer format is refused as such")
    func newerFormat() {
        #expect(throws: VaultFolderError.unsupportedConfigurationFormat(path: "vault.json", format: 2)) {
            try VaultConfiguration(json: #"{"format": 2, "whatever": true}"#)
        }
    }

    @Test("opening: a missing folder, a foreign folder, a missing key, a wrong passphrase; creating: a used folder")
    func typedErrors() async throws {
        let workspace = try Workspace()
        let passphrase = try Passphrase(Tool.passphrase)
        let missing = workspace.directory.appendingPathComponent("missing")
        await #expect(throws: VaultFolderError.notAVaultFolder(path: missing.path, reason: "there is no such folder")) {
            _ = try await VaultFolder.open(at: missing, passphrase: passphrase)
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path), "opening creates nothing")

        let fixture = try VaultFixture()
        await #expect(throws: CryptoError.wrongPassphrase) {
            _ = try await VaultFolder.open(at: fixture.directory, passphrase: try Passphrase("wrong"))
        }
        #expect(throws: VaultFolderError.folderNotEmpty(path: fixture.directory.path)) {
            try VaultFolder.create(
                at: fixture.directory, passphrase: passphrase, configuration: VaultFixture.configuration,
                keyParameters: .minimum)
        }
        try FileManager.default.removeItem(at: fixture.folder.identityFile)
        await #expect(
            throws: VaultFolderError.missingFile(path: fixture.folder.identityFile.path, role: "recipient identity")
        ) {
            _ = try await VaultFolder.open(at: fixture.directory, passphrase: passphrase)
        }
    }

    /// The system's cause an open of `directory` reports, as a `POSIXError` code.
    static func openCause(_ directory: URL) async throws -> POSIXErrorCode? {
        do {
            _ = try await VaultFolder.open(at: directory, passphrase: try Passphrase(Tool.passphrase))
        } catch let error as VaultFolderError where error.code == .notAVaultFolder {
            return (error.underlying as? POSIXError)?.code
        }
        Issue.record("\(directory.path) opened")
        return nil
    }

    @Test("a folder that cannot be a vault keeps the system's cause: ENOENT, ENOTDIR, EACCES")
    func notAVaultFolderCause() async throws {
        let workspace = try Workspace()
        #expect(try await Self.openCause(workspace.directory.appendingPathComponent("missing")) == .ENOENT)
        try workspace.write(Array("not a folder".utf8), to: "plain.txt")
        let file = workspace.directory.appendingPathComponent("plain.txt")
        #expect(try await Self.openCause(file) == .ENOTDIR)
        #expect(try await Self.openCause(file.appendingPathComponent("vault")) == .ENOTDIR)
        let empty = workspace.directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        #expect(try await Self.openCause(empty) == .ENOENT, "a folder without vault.json")
        // Permissions do not hold back root, which the test may run as.
        if geteuid() != 0 {
            let shut = workspace.directory.appendingPathComponent("shut")
            try FileManager.default.createDirectory(at: shut, withIntermediateDirectories: false)
            let inner = shut.appendingPathComponent("vault")
            try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: shut.path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: shut.path) }
            #expect(try await Self.openCause(inner) == .EACCES)
        }
    }

    @Test("an opened vault holds the folder until closed, and writes nothing after")
    func lock() async throws {
        let fixture = try VaultFixture()
        let passphrase = try Passphrase(Tool.passphrase)
        let opened = try await VaultFolder.open(at: fixture.directory, passphrase: passphrase)
        await #expect(throws: VaultFolderError.inUse(path: fixture.directory.path)) {
            _ = try await VaultFolder.open(at: fixture.directory, passphrase: passphrase)
        }
        try await opened.close()
        await #expect(throws: VaultFolderError.closed(path: fixture.directory.path)) {
            try await opened.vault.audit.record(
                AuditRecord(
                    actor: "x", action: try AuditAction("crm.note"), target: "t", purpose: nil, outcome: .allowed,
                    reasons: []))
        }
        let again = try await VaultFolder.open(at: fixture.directory, passphrase: passphrase)
        try await again.close()
    }
}
